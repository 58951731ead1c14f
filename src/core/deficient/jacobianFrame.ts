import type { CompiledModel } from '../model';
import { orthogonalComplement } from '../linalg/orthogonalComplement';
import { svd } from '../linalg/svd';

/** J at one point with a full SVD: singular values descending, U q x q and V p x p (row-major, column i paired). */
export interface JacobianFrame {
  J: Float64Array;
  S: Float64Array;
  /** q x q, column i = i-th left singular vector; columns k.. complete ker Jᵀ beyond the thin SVD. */
  U: Float64Array;
  /** p x p, column i = i-th right singular vector; columns k.. complete ker J beyond the thin SVD. */
  V: Float64Array;
  finite: boolean;
}

/** Completes the k columns of the rows x k row-major `thin` to an orthonormal rows x rows matrix. */
function complete(thin: Float64Array, rows: number, k: number): Float64Array {
  const full = new Float64Array(rows * rows);
  for (let t = 0; t < rows; t++) for (let i = 0; i < k; i++) full[t * rows + i] = thin[t * k + i];
  if (rows > k) {
    const basis = new Float64Array(k * rows);
    for (let i = 0; i < k; i++) for (let t = 0; t < rows; t++) basis[i * rows + t] = thin[t * k + i];
    const extra = orthogonalComplement(basis, k, rows, rows - k);
    for (let i = 0; i < rows - k; i++) for (let t = 0; t < rows; t++) full[t * rows + k + i] = extra[i * rows + t];
  }
  return full;
}

/** J at W (dense evaluate) with its full SVD; `finite` false (and no SVD) when theta or J is not finite there. */
export function jacobianFrame(model: CompiledModel, W: Float64Array): JacobianFrame {
  const { q, p } = model;
  const J = new Float64Array(q * p),
    theta = new Float64Array(q);
  model.evaluate(W, 1, theta, J);
  const empty = { J, S: new Float64Array(0), U: new Float64Array(0), V: new Float64Array(0), finite: false };
  if (!J.every(Number.isFinite) || !theta.every(Number.isFinite)) return empty;
  const s = svd(J, q, p);
  return { J, S: s.S, U: complete(s.U, q, s.k), V: complete(s.V, p, s.k), finite: true };
}

/**
 * ∂J/∂W_j for every j by central differences of the compiled J (the model has no second derivatives): one batch of
 * 2p points, step 1e-5 max(1, |W_j|), so an error of ~1e-10 relative. Returns p blocks of q*p, block j = ∂J/∂W_j.
 */
export function jacobianDerivatives(model: CompiledModel, W: Float64Array): Float64Array {
  const { q, p } = model;
  const pts = new Float64Array(2 * p * p);
  const steps = new Float64Array(p);
  for (let j = 0; j < p; j++) {
    steps[j] = 1e-5 * Math.max(1, Math.abs(W[j]));
    pts.set(W, 2 * j * p);
    pts.set(W, (2 * j + 1) * p);
    pts[2 * j * p + j] += steps[j];
    pts[(2 * j + 1) * p + j] -= steps[j];
  }
  const Js = new Float64Array(2 * p * q * p);
  model.evaluate(pts, 2 * p, null, Js);
  const qp = q * p;
  const out = new Float64Array(p * qp);
  for (let j = 0; j < p; j++) {
    const plus = 2 * j * qp,
      minus = plus + qp,
      inv = 1 / (2 * steps[j]);
    for (let t = 0; t < qp; t++) out[j * qp + t] = (Js[plus + t] - Js[minus + t]) * inv;
  }
  return out;
}

/**
 * The linearised rank condition at W for target rank r: rows (a, b) over the left vectors U_a (a >= r) and right
 * vectors V_b (b >= r), columns j: G[(a,b), j] = U_aᵀ (∂J/∂W_j) V_b. The residual R[(a,b)] = U_aᵀ J V_b is σ_a on
 * the diagonal. J has rank <= r exactly where the block R vanishes, so G δ = -R is its Newton step, and at a point
 * of rank r the null space of G is the tangent space of the set (when the crossing is transversal).
 */
export function rankCondition(
  frame: JacobianFrame,
  dJ: Float64Array,
  q: number,
  p: number,
  r: number,
): { G: Float64Array; R: Float64Array; rows: number } {
  const na = q - r,
    nb = p - r,
    rows = na * nb,
    qp = q * p;
  const G = new Float64Array(rows * p),
    R = new Float64Array(rows);
  for (let a = 0; r + a < Math.min(q, p); a++) R[a * nb + a] = frame.S[r + a];
  const Hv = new Float64Array(q);
  const nzRow: number[] = [],
    nzCol: number[] = [],
    nzVal: number[] = [];
  for (let j = 0; j < p; j++) {
    // ∂J/∂W_j is usually sparse (deep linear: q entries of qp): only its non-zeros are visited.
    nzRow.length = nzCol.length = nzVal.length = 0;
    const H = j * qp;
    for (let t = 0; t < qp; t++) {
      const d = dJ[H + t];
      if (d !== 0) {
        nzRow.push(Math.floor(t / p));
        nzCol.push(t % p);
        nzVal.push(d);
      }
    }
    if (nzVal.length === 0) continue;
    for (let b = 0; b < nb; b++) {
      // Hv = (∂J/∂W_j) V_b, then dotted with every U_a.
      Hv.fill(0);
      for (let z = 0; z < nzVal.length; z++) Hv[nzRow[z]] += nzVal[z] * frame.V[nzCol[z] * p + r + b];
      for (let a = 0; a < na; a++) {
        let sum = 0;
        for (let i = 0; i < q; i++) sum += frame.U[i * q + r + a] * Hv[i];
        G[(a * nb + b) * p + j] = sum;
      }
    }
  }
  return { G, R, rows };
}
