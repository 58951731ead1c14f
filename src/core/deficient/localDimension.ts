import type { CompiledModel } from '../model';
import { orthogonalComplement } from '../linalg/orthogonalComplement';
import { conditionsOf, type PointExplanation } from './explainSet';
import { rowBasis } from './gramSolve';
import { dropRank, type DropSettings } from './rankDrop';

/**
 * The set's tangent space at W by sampling: from W + ε t for each t in an orthonormal basis of the directions the
 * linearised condition allows, Newton back onto {rank <= rank} and keep the displacement / ε; its span (directions of
 * norm >= 1/2) is the tangent space. Exact where the linearisation is not: at even-order zeros (θ₂ = w₂³, where the
 * condition's gradient vanishes and every direction looks tangent) the step across the set is pulled back. Returns
 * the explanation with `dimension` and `conditions` recomputed from it.
 */
export function sampledDimension(
  model: CompiledModel,
  W: Float64Array,
  explanation: PointExplanation,
  normal: readonly Float64Array[],
  settings: DropSettings,
): PointExplanation {
  const p = model.p;
  const free = p - normal.length;
  if (free === 0) return explanation;
  const basis = new Float64Array(normal.length * p);
  normal.forEach((v, i) => basis.set(v, i * p));
  const candidates = orthogonalComplement(basis, normal.length, p, free);
  const eps = 1e-4 * Math.max(1, ...Array.from(W, Math.abs));
  const D = new Float64Array(free * p);
  for (let i = 0; i < free; i++) {
    const start = Float64Array.from(W, (w, j) => w + eps * candidates[i * p + j]);
    const res = dropRank(model, start, explanation.rank, { ...settings, maxIterations: 20 });
    if (!res.converged) continue;
    for (let j = 0; j < p; j++) D[i * p + j] = (res.W[j] - W[j]) / eps;
  }
  const tangent = rowBasis(D, free, p, 0.5);
  if (tangent.length === free) return explanation;
  const flat = new Float64Array(tangent.length * p);
  tangent.forEach((v, i) => flat.set(v, i * p));
  const complement = orthogonalComplement(flat, tangent.length, p, p - tangent.length);
  const normals = Array.from({ length: p - tangent.length }, (_, i) => complement.subarray(i * p, (i + 1) * p));
  return { ...explanation, dimension: tangent.length, conditions: conditionsOf(normals, W, model.params) };
}
