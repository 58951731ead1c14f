// Where J loses rank in each open document: the worker's `deficient` search after every analysis (see
// background/documentSearch.ts), published as one information diagnostic and offered as code actions.
import type * as vscode from 'vscode';
import type { AnalysisClient } from '../analysisClient';
import { DocumentSearch, type SearchState } from '../background/documentSearch';
import type { DocumentAnalyses } from '../documentAnalyses';
import { analysisOptions, readSettings } from '../settings';
import { setsDiagnostic } from './setsText';

/** Starts of the editor's search (the CLI's default is 256; the editor answers on every edit) and its seed. */
export const EDITOR_STARTS = 96;
export const EDITOR_SEED = 1;

/** The sets of one version of a document. */
export type SetsState = SearchState<'deficient'>;

/** The per-document search of the rank-deficient sets. */
export type DeficientSets = DocumentSearch<'deficient'>;

/** Starts the search of the rank-deficient sets for every analysed document. */
export function createDeficientSets(
  client: AnalysisClient,
  analyses: DocumentAnalyses,
  log: vscode.LogOutputChannel,
): DeficientSets {
  return new DocumentSearch(
    {
      name: 'overparam-sets',
      request: 'deficient',
      applies: () => true,
      params: (doc) => ({
        key: doc.uri.toString(),
        text: doc.getText(),
        options: analysisOptions(readSettings(doc.uri)),
        starts: EDITOR_STARTS,
        seed: EDITOR_SEED,
      }),
      diagnostics: (report, result) => {
        const d = setsDiagnostic(report, result);
        return d ? [d] : [];
      },
    },
    client,
    analyses,
    log,
  );
}
