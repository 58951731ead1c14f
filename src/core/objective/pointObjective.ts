// What `analyze` adds to each point of a file with a loss: L, both gradients, the Hessian's spectrum and, for data
// files, predictions, residuals and test risk. The objective is compiled once per analysis, the Hessian on first use.
import { BudgetExceededError } from '../budget';
import type { CompileResult } from '../compileDocument';
import type { PointReport } from '../report';
import { blockSpectrum } from './blockSpectrum';
import { compileDataReport } from './dataReport';
import { documentObjective } from './documentObjective';

/** The loss fields of a PointReport. */
export type PointObjective = Pick<
  PointReport,
  | 'loss'
  | 'gradient'
  | 'canonicalGradient'
  | 'hessianEigenvalues'
  | 'hessianComplete'
  | 'predictions'
  | 'residuals'
  | 'testRisk'
>;

/** Evaluates the loss fields at W; `hessianSkipped` turns true once the Hessian ran past the deadline. */
export interface PointObjectiveEvaluator {
  (W: Float64Array): PointObjective;
  hessianSkipped: boolean;
}

/**
 * The loss fields' evaluator of a compiled document, or null when it has no loss. Past `deadline` the Hessian is left
 * out (and `hessianSkipped` set) rather than failing the whole analysis: L and the gradients are cheap, the Hessian
 * of a large model is not.
 */
export function pointObjective(compiled: CompileResult, deadline?: number): PointObjectiveEvaluator | null {
  const lab = documentObjective(compiled, { deadline });
  if (!lab) return null;
  const { objective } = lab;
  const data = lab.data ? compileDataReport(lab.model, lab.data) : null;
  const ws = objective.workspace();
  const evaluate = ((W: Float64Array): PointObjective => {
    const loss = objective.at(W, ws);
    const out: PointObjective = {
      loss,
      gradient: Array.from(ws.gradW),
      canonicalGradient: Array.from(ws.gradTheta),
    };
    if (!evaluate.hessianSkipped) {
      try {
        const s = blockSpectrum(objective.hessian(deadline).at(W).loss2);
        out.hessianEigenvalues = Array.from(s.eigenvalues);
        out.hessianComplete = s.complete;
      } catch (e) {
        if (!(e instanceof BudgetExceededError)) throw e;
        evaluate.hessianSkipped = true;
      }
    }
    if (data) Object.assign(out, data(W));
    return out;
  }) as PointObjectiveEvaluator;
  evaluate.hessianSkipped = false;
  return evaluate;
}
