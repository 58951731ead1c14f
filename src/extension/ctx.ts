// The small context every feature gets instead of globals: the extension context, the log, the analyses.
import type * as vscode from 'vscode';
import type { AnalysisClient } from './analysisClient';
import type { DocumentAnalyses } from './documentAnalyses';

/** What commands, providers and views share. Created once in `activate`. */
export interface Ctx {
  readonly extension: vscode.ExtensionContext;
  readonly log: vscode.LogOutputChannel;
  readonly client: AnalysisClient;
  readonly analyses: DocumentAnalyses;
}
