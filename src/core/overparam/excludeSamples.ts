// One click toggles an equation: a data file's compiled document without some of its training rows. The model (its
// outputs θ) is unchanged; the loss becomes ½ Σ over the kept rows and the data holds the kept rows only, so every
// lab built on it (SGD, the interpolation search, the batch theory) sees n - |excluded| equations.
import type { CompileResult } from '../compileDocument';
import type { DataSpec } from '../lossSpec';

/** Indices 0 ≤ k < n not in `excluded` (ascending). */
export function keptRows(n: number, excluded: readonly number[]): number[] {
  const out = new Set(excluded);
  return Array.from({ length: n }, (_, k) => k).filter((k) => !out.has(k));
}

/**
 * The document with training rows `excluded` dropped (a file without data, or without a default data loss, is
 * returned as it is; so is an empty exclusion). Throws when every row is excluded. With no outputs the predictions
 * ARE θ: the kept rows' predictions become the variables θ_k, so F keeps its meaning.
 */
export function excludeSamples(result: CompileResult, excluded: readonly number[]): CompileResult {
  const { data, loss, model } = result;
  if (!data || !loss || !model || loss.source !== 'data' || !loss.samples || excluded.length === 0) return result;
  const keep = keptRows(data.n, excluded);
  if (keep.length === data.n) return result;
  if (keep.length === 0) throw new RangeError('every equation is excluded: keep at least one');
  const store = model.symbolic.store;
  const samples = keep.map((k) => loss.samples![k]);
  const sub: DataSpec = {
    ...data,
    n: keep.length,
    inputs: Float64Array.from(
      keep.flatMap((k) => Array.from(data.inputs.subarray(k * data.inputDim, (k + 1) * data.inputDim))),
    ),
    targets: Float64Array.from(keep, (k) => data.targets[k]),
    predictions: keep.map((k) => (data.predictions ? data.predictions[k] : store.variable(k))),
  };
  return { ...result, data: sub, loss: { loss: store.add(samples), samples, source: 'data' } };
}
