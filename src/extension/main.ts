// Entry point of the extension: builds the context and registers every feature into context.subscriptions.
import * as vscode from 'vscode';
import { AnalysisClient } from './analysisClient';
import { registerCodeLens } from './codeLens';
import { registerCommands } from './commands';
import { registerCompletion } from './completion';
import type { Ctx } from './ctx';
import { registerDiagnostics } from './diagnostics';
import { DocumentAnalyses } from './documentAnalyses';
import { registerHover } from './hover/hoverProvider';
import { createKernelSummaries } from './kernel/kernelSummaries';
import { registerPanelSerializer } from './panel/overparamPanel';
import { registerReportProvider } from './report/reportProvider';
import { createDeficientSets } from './sets/deficientSets';
import { registerSetsCodeActions } from './sets/setsCodeActions';
import { registerCriticalPoints } from './landscape/criticalPoints';
import { readSettings } from './settings';
import { registerStatusBar } from './statusBar';

/** Activates the extension; on failure tells the user, logs, and rethrows. */
export function activate(context: vscode.ExtensionContext): void {
  const log = vscode.window.createOutputChannel('Overparam Lens', { log: true });
  context.subscriptions.push(log);
  try {
    const workerFile = vscode.Uri.joinPath(context.extensionUri, 'dist', 'worker.js').fsPath;
    const client = new AnalysisClient(
      workerFile,
      () => {
        const s = readSettings();
        return { timeBudgetMs: s.analysisBudgetMs, memoryMb: s.memoryMb };
      },
      log,
    );
    context.subscriptions.push({ dispose: () => client.dispose() });
    const analyses = new DocumentAnalyses(client, log);
    context.subscriptions.push(analyses);
    const sets = createDeficientSets(client, analyses, log);
    const { critical, disposable: criticalFeatures } = registerCriticalPoints(client, analyses, log);
    const kernels = createKernelSummaries(client, analyses, log);
    context.subscriptions.push(sets, criticalFeatures, kernels);
    const ctx: Ctx = { extension: context, log, client, analyses };
    context.subscriptions.push(
      registerDiagnostics(analyses),
      registerHover(analyses, sets, critical, kernels),
      registerSetsCodeActions(sets),
      registerCodeLens(analyses),
      registerCompletion(),
      registerStatusBar(analyses),
      registerReportProvider(analyses),
      registerCommands(ctx),
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration('overparam.analysis.memoryMb')) client.restart();
        if (['rankTolerance', 'simplify', 'analysis', 'kernel'].some((k) => e.affectsConfiguration(`overparam.${k}`)))
          analyses.reanalyzeAll();
      }),
    );
    registerPanelSerializer(context);
    log.info(`Overparam Lens activated (workspace ${vscode.workspace.isTrusted ? 'trusted' : 'restricted'})`);
  } catch (e) {
    log.error(e instanceof Error ? e : String(e));
    void vscode.window.showErrorMessage(
      `Overparam Lens failed to start: ${e instanceof Error ? e.message : String(e)}`,
    );
    throw e;
  }
}

/** Nothing to do: everything is in context.subscriptions. */
export function deactivate(): void {}
