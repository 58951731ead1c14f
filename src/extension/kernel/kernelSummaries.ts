// The tangent kernel of each open file with `model` and `data`: the worker's `kernel` request after every analysis
// (background/documentSearch.ts: off the host's thread, under the analysis budget, cancelled by the next edit), at
// the first `at` point as `overparam kernel` computes it, read by the hover of `data` and `model` lines. It adds no
// diagnostics.
import type * as vscode from 'vscode';
import type { AnalysisClient } from '../analysisClient';
import { DocumentSearch } from '../background/documentSearch';
import type { DocumentAnalyses } from '../documentAnalyses';
import { analysisOptions, readSettings } from '../settings';
import type { AnalysisReport } from '../../core/report';

/** The per-document kernel summaries. */
export type KernelSummaries = DocumentSearch<'kernel'>;

/** Whether a document has a tangent kernel to report: the default loss of `data` and an `at` point to report at. */
export function hasKernel(report: AnalysisReport): boolean {
  return report.training?.lossSource === 'data' && report.points.length > 0;
}

/** Starts the kernel summaries of every analysed document with a tangent kernel. */
export function createKernelSummaries(
  client: AnalysisClient,
  analyses: DocumentAnalyses,
  log: vscode.LogOutputChannel,
): KernelSummaries {
  return new DocumentSearch(
    {
      name: 'overparam-kernel',
      request: 'kernel',
      applies: hasKernel,
      params: (doc) => {
        const settings = readSettings(doc.uri);
        return {
          key: doc.uri.toString(),
          text: doc.getText(),
          options: analysisOptions(settings),
          convention: settings.muConvention,
        };
      },
      diagnostics: () => [],
    },
    client,
    analyses,
    log,
  );
}
