// The one way every lab turns a compiled document into its objective: the loss the file defines (a `loss` line, or
// with `data` the notes' ½ Σ_k (F_k - y_k)²), compiled once over the document's model.
import type { CompileResult } from '../compileDocument';
import type { DataSpec, LossSpec, Watch } from '../lossSpec';
import type { CompiledModel } from '../model';
import { compileObjective, type CompiledObjective, type ObjectiveOptions } from './compileObjective';

/** A document ready for a lab: its model, its objective, and what the file says about data and tracked values. */
export interface DocumentObjective {
  model: CompiledModel;
  objective: CompiledObjective;
  spec: LossSpec;
  /** The training and test data (files with `model` and `data`). */
  data: DataSpec | null;
  watches: readonly Watch[];
  /** The seed the draws used (and the stream root of SGD's sampling). */
  seed: number;
}

/** Why a compiled document has no objective, in words for the CLI and the panel. */
export const NO_LOSS_MESSAGE =
  'the file defines no loss: add a `loss = …` line (a function of the outputs), or `model f(x) = …` with `data X, y`';

/**
 * The objective of a document compiled without errors, or null when it defines no loss (see NO_LOSS_MESSAGE) or
 * did not compile. Compiles the loss's gradient once; Hessians and per-sample gradients are built on first use.
 */
export function documentObjective(result: CompileResult, options: ObjectiveOptions = {}): DocumentObjective | null {
  const { model, loss } = result;
  if (!model || !loss || result.diagnostics.some((d) => d.severity === 'error')) return null;
  return {
    model,
    objective: compileObjective(model, loss, options),
    spec: loss,
    data: result.data ?? null,
    watches: result.watches,
    seed: result.seed,
  };
}
