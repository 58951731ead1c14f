// The document's objective per compiled document, built once: a trajectory or a lab run after the first on the same
// text does not compile the gradient again. Keyed by the compile result the model cache holds, so documents never
// share one and a changed text gets a new one.
import type { CompileResult } from '../core';
import { documentObjective, type DocumentObjective } from '../core/objective/documentObjective';

const objectives = new WeakMap<CompileResult, DocumentObjective | null>();

/** The objective of `compiled` (null when the file defines no loss). */
export function objectiveOf(compiled: CompileResult): DocumentObjective | null {
  let lab = objectives.get(compiled);
  if (lab === undefined) {
    lab = documentObjective(compiled);
    objectives.set(compiled, lab);
  }
  return lab;
}
