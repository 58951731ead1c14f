// The panel's own analysis workers: one per core, up to two (the rank map is split between them), with the
// same bundle, heap cap and time budget as the editor's worker. Its own, so a slider drag never queues behind the
// analysis of a document being typed, nor the other way round.
import * as os from 'os';
import * as vscode from 'vscode';
import { AnalysisClient } from '../analysisClient';
import type { ClientLogger } from '../analysisClient';
import { analysisOptions, readSettings } from '../settings';
import type { AnalysisOptions } from '../../protocol/worker';
import type { FieldDefaults } from '../../protocol/viewSettings';

/** Most workers a panel starts. */
const MAX_WORKERS = 2;

/** The panel's workers; `dispose` stops them. */
export interface PanelWorkers {
  clients: AnalysisClient[];
  /** Stops the workers (the next request starts fresh ones with the current heap cap). */
  restart(): void;
  dispose(): void;
}

/** Starts the panel's workers (lazily: each starts on its first request). */
export function createPanelWorkers(context: vscode.ExtensionContext, log: ClientLogger): PanelWorkers {
  const file = vscode.Uri.joinPath(context.extensionUri, 'dist', 'worker.js').fsPath;
  const limits = () => {
    const s = readSettings();
    return { timeBudgetMs: s.analysisBudgetMs, labBudgetMs: s.labBudgetMs, memoryMb: s.memoryMb };
  };
  const cores = typeof os.availableParallelism === 'function' ? os.availableParallelism() : os.cpus().length;
  const clients = Array.from(
    { length: Math.max(1, Math.min(MAX_WORKERS, cores)) },
    () => new AnalysisClient(file, limits, log),
  );
  return {
    clients,
    restart: () => clients.forEach((c) => c.restart()),
    dispose: () => clients.forEach((c) => c.dispose()),
  };
}

/** The core options the panel computes with: the settings' tolerance; no display simplification (speed on edit). */
export function panelOptions(scope?: vscode.Uri): AnalysisOptions {
  return { ...analysisOptions(readSettings(scope)), simplify: false };
}

/** The field grid's defaults from the settings. */
export function fieldDefaults(scope?: vscode.Uri): FieldDefaults {
  const s = readSettings(scope);
  return { size: s.fieldGridSize, range: s.fieldRange };
}
