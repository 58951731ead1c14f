// ‖H_{F_k}‖ without the symbolic Hessian: Lanczos on Hessian-vector products taken as central differences of the
// exact Jacobian, H_k x ≈ (∇F_k(W + h x) - ∇F_k(W - h x)) / 2h (error O(h²), no p x p matrix). The route for
// models whose output Hessians are dense (g = sigmoid(f): σ″(f) ∇f ∇fᵀ couples every weight), where differentiating
// every entry symbolically costs p² nodes.
import type { CompiledObjective } from '../objective/compileObjective';
import { lanczos } from '../objective/lanczos';

/** Krylov steps per output (the extremes of a Hessian of low numerical rank converge in a few). */
const STEPS = 40;

/** ‖∇²ψ_k(W)‖ for the first `count` outputs ψ_k, each by Lanczos on central differences of J's row k. */
export function outputHessianNormsByDifferences(obj: CompiledObjective, W: Float64Array, count: number): Float64Array {
  const { p, q } = obj;
  const nnz = obj.jRows.length;
  let scale = 1;
  for (const w of W) scale = Math.max(scale, Math.abs(w));
  const h = 1e-5 * scale;
  const Ws = new Float64Array(2 * p),
    theta = new Float64Array(2 * q),
    J = new Float64Array(2 * Math.max(1, nnz));
  const rowStart = new Int32Array(q + 1);
  for (let e = 0; e < nnz; e++) rowStart[obj.jRows[e] + 1]++;
  for (let k = 0; k < q; k++) rowStart[k + 1] += rowStart[k];
  const out = new Float64Array(count);
  for (let k = 0; k < count; k++) {
    const apply = (x: Float64Array, y: Float64Array): void => {
      let nx = 0;
      for (let j = 0; j < p; j++) nx = Math.max(nx, Math.abs(x[j]));
      y.fill(0);
      if (nx === 0) return;
      // A step of length h along x / ‖x‖∞, rescaled after: the difference stays in the O(h²) regime.
      const t = h / nx;
      for (let j = 0; j < p; j++) {
        Ws[j] = W[j] + t * x[j];
        Ws[p + j] = W[j] - t * x[j];
      }
      obj.evaluateModel(Ws, 2, theta, J);
      for (let e = rowStart[k]; e < rowStart[k + 1]; e++) y[obj.jCols[e]] = (J[e] - J[nnz + e]) / (2 * t);
    };
    const r = lanczos(apply, p, STEPS, k + 1);
    out[k] = Math.max(Math.abs(r.ritz[0]), Math.abs(r.ritz[r.ritz.length - 1]));
  }
  return out;
}
