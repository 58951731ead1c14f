// The extension's settings (contributes.configuration in package.json), read in one place.
import * as vscode from 'vscode';
import type { MuConvention } from '../core/kernel/plConvention';
import type { AnalysisOptions } from '../protocol/worker';

/** Every `overparam.*` setting, typed. */
export interface Settings {
  /** 0 = automatic (σ_max · max(q, p) · ε). */
  rankTolerance: number;
  simplify: boolean;
  simplifyBudgetMs: number;
  analysisBudgetMs: number;
  /** A panel lab run's time budget (ms). */
  labBudgetMs: number;
  memoryMb: number;
  fieldGridSize: number;
  fieldRange: number;
  /** Which PL* normalization the kernel hover's μ is in (`half`: ½‖∇L‖² ≥ μ L; `notes`: ‖∇L‖² ≥ μ L). */
  muConvention: MuConvention;
}

/** The settings in force for `scope` (a document's URI, or the window). */
export function readSettings(scope?: vscode.ConfigurationScope): Settings {
  const c = vscode.workspace.getConfiguration('overparam', scope);
  const num = (key: string, fallback: number, min: number): number => {
    const v = c.get<number>(key, fallback);
    return typeof v === 'number' && Number.isFinite(v) && v >= min ? v : fallback;
  };
  return {
    rankTolerance: num('rankTolerance', 0, 0),
    simplify: c.get<boolean>('simplify.enabled', true) !== false,
    simplifyBudgetMs: num('simplify.timeBudgetMs', 1000, 0),
    analysisBudgetMs: num('analysis.timeBudgetMs', 5000, 100),
    labBudgetMs: num('labs.timeBudgetMs', 120_000, 1000),
    memoryMb: Math.round(num('analysis.memoryMb', 512, 64)),
    fieldGridSize: Math.round(num('field.gridSize', 9, 2)),
    fieldRange: num('field.range', 2, Number.MIN_VALUE),
    muConvention: c.get<string>('kernel.muConvention', 'half') === 'notes' ? 'notes' : 'half',
  };
}

/** The core options these settings ask for. */
export function analysisOptions(s: Settings): AnalysisOptions {
  return {
    tol: s.rankTolerance > 0 ? s.rankTolerance : undefined,
    simplify: s.simplify,
    simplifyBudgetMs: s.simplifyBudgetMs,
  };
}
