import { generateProgram } from '../numeric/codegen';
import type { CompiledObjective, ObjectiveWorkspace } from './compileObjective';
import type { BlockOperator } from './blockSpectrum';
import {
  lossHessianBlocks,
  lossHessianPattern,
  outputHessianBlocks,
  type BlockStructure,
  type HessianPatternInput,
} from './hessianStructure';
import {
  canonicalHessian,
  outputHessians,
  type CanonicalHessianEntry,
  type OutputHessianEntry,
} from './symbolicObjective';
import { jacobianOperator } from './jacobianOperator';
import { outputSecondDerivatives } from './templateHessian';
import { blockNorms } from './blockNorms';

/** Every second-order quantity at one point W, evaluated once; the operators read these numbers. */
export interface HessianPoint {
  W: Float64Array;
  theta: Float64Array;
  /** Compact J (structural non-zeros, row-major). */
  J: Float64Array;
  loss: number;
  gradTheta: Float64Array;
  gradW: Float64Array;
  /** Values of the canonical Hessian's entries (HessianEvaluator.canonicalEntries order). */
  thetaHessian: Float64Array;
  /** Values of the outputs' second derivatives (HessianEvaluator.outputEntries order). */
  psi: Float64Array;
  /** ∇²_W L as a block operator over `structure`. */
  loss2: BlockOperator;
  /** Σ_k weights[k] ∇²ψ_k (weights of length q) as a block operator over `outputStructure`; e_k gives ∇²ψ_k. */
  outputs2(weights: Float64Array): BlockOperator;
  /** ∇²_W L as a dense p x p matrix (for small p: tests, oracles and the landscape's Newton steps). */
  dense(): Float64Array;
  /**
   * ‖∇²ψ_k‖ (spectral norm) of every output k in one pass over the blocks of `outputStructure`, or null when a block has
   * more than `denseMax` parameters (then outputs2 with Lanczos is the route).
   */
  outputNorms(denseMax?: number): Float64Array | null;
}

/** The Hessians of an objective, differentiated once: symbolic non-zeros, block structures, evaluation. */
export interface HessianEvaluator {
  /** Structural non-zeros of ∇²_θ L, upper triangle. */
  canonicalEntries: readonly CanonicalHessianEntry[];
  /** Structural non-zeros of ∂²ψ_k/∂W_a∂W_b, a <= b. */
  outputEntries: readonly OutputHessianEntry[];
  /** Blocks of ∇²_W L (parameters it never couples are in different blocks). */
  structure: BlockStructure;
  /** Blocks shared by all the output Hessians ∇²ψ_k (the Hessian of the model outputs f(x_k)). */
  outputStructure: BlockStructure;
  /** Structural non-zeros (a <= b, packed a * p + b) of ∇²_W L, or null past `limit` of them. */
  pattern(limit?: number): Float64Array | null;
  /** Evaluates everything at W (length p). */
  at(W: Float64Array): HessianPoint;
}

/** Differentiates the canonical loss twice and the outputs twice, finds the block structures, compiles evaluators. */
export function compileHessian(obj: CompiledObjective, deadline?: number): HessianEvaluator {
  const { model, p, q } = obj;
  const store = model.symbolic.store;
  const canonicalEntries = canonicalHessian(store, obj.gradientExprs);
  const template = model.symbolic.rows;
  const second = template ? outputSecondDerivatives(store, template, deadline) : undefined;
  let listed = second ? undefined : outputHessians(store, model.symbolic.entries, p, deadline);
  const thetaK = Int32Array.from(canonicalEntries, (e) => e.k),
    thetaL = Int32Array.from(canonicalEntries, (e) => e.l);
  const psiK = second ? second.k : Int32Array.from(listed!, (e) => e.k),
    psiA = second ? second.a : Int32Array.from(listed!, (e) => e.a),
    psiB = second ? second.b : Int32Array.from(listed!, (e) => e.b);
  const liveGradient = Uint8Array.from(obj.gradientExprs, (g) => (g.kind === 'num' && g.value === 0 ? 0 : 1));
  const input: HessianPatternInput = {
    p,
    q,
    jRows: obj.jRows,
    jCols: obj.jCols,
    thetaK,
    thetaL,
    psiK,
    psiA,
    psiB,
    liveGradient,
  };
  // The loss's blocks and their entry lists are found on first use (the width lab needs the outputs' blocks only).
  let lossBlocks: { structure: BlockStructure; psi: Int32Array[]; theta: number[][] } | undefined;
  const loss = () => (lossBlocks ??= lossLayout());
  // A row template's rows share their (a, b) pairs: the blocks follow from one row's.
  const perRow = second?.perRow ?? psiA.length;
  const outputStructure = outputHessianBlocks(p, psiA.subarray(0, perRow), psiB.subarray(0, perRow));
  const thetaProgram = generateProgram(
    canonicalEntries.map((e, i) => ({ expr: e.expr, target: 'theta' as const, offset: i })),
    q,
    Math.max(1, canonicalEntries.length),
    0,
  );
  const psiProgram =
    second?.program ??
    generateProgram(
      listed!.map((e, i) => ({ expr: e.expr, target: 'theta' as const, offset: i })),
      p,
      Math.max(1, listed!.length),
      0,
    );
  const jac = jacobianOperator(p, q, obj.jRows, obj.jCols);
  // Which entries land in which block, found once: a block is assembled from its own entries only.
  const psiByBlock = (s: BlockStructure): Int32Array[] => {
    // A counting sort into one array (views per block): a width-m model has m blocks and 16 m entries or more.
    const start = new Int32Array(s.blocks.length + 1);
    for (let t = 0; t < psiA.length; t++) start[s.blockOf[psiA[t]] + 1]++;
    for (let b = 0; b < s.blocks.length; b++) start[b + 1] += start[b];
    const fill = start.slice(0, s.blocks.length),
      all = new Int32Array(psiA.length);
    for (let t = 0; t < psiA.length; t++) all[fill[s.blockOf[psiA[t]]]++] = t;
    return s.blocks.map((_, b) => all.subarray(start[b], start[b + 1]));
  };
  let outputPsi: Int32Array[] | undefined;
  const lossLayout = () => {
    const structure = lossHessianBlocks(input);
    const theta: number[][] = structure.blocks.map(() => []);
    canonicalEntries.forEach((e, t) => {
      const first = jac.rowStart[e.k] < jac.rowStart[e.k + 1] ? obj.jCols[jac.rowStart[e.k]] : -1;
      if (first >= 0) theta[structure.blockOf[first]].push(t);
    });
    return { structure, psi: psiByBlock(structure), theta };
  };

  const at = (W: Float64Array): HessianPoint => {
    const psi = new Float64Array(Math.max(1, psiK.length));
    psiProgram(W, 1, psi, null);
    // θ, J and the gradients on first use: the outputs' Hessians need the second derivatives alone.
    let point: { ws: ObjectiveWorkspace; thetaHessian: Float64Array } | undefined;
    const values = () => {
      if (point) return point;
      const ws = obj.workspace();
      obj.at(W, ws);
      const thetaHessian = new Float64Array(Math.max(1, canonicalEntries.length));
      thetaProgram(ws.theta, 1, thetaHessian, null);
      return (point = { ws, thetaHessian });
    };
    // Gauss-Newton part Jᵀ (∇²_θ L) J plus the curvature of the outputs weighted by ∂L/∂θ_k.
    const u = new Float64Array(q),
      z = new Float64Array(q);
    const applyPsi = (weights: Float64Array, x: Float64Array, out: Float64Array): void => {
      for (let t = 0; t < psiK.length; t++) {
        const c = weights[psiK[t]] * psi[t];
        if (c === 0) continue;
        const a = psiA[t],
          b = psiB[t];
        out[a] += c * x[b];
        if (a !== b) out[b] += c * x[a];
      }
    };
    // Into the upper triangle only (the loss block mirrors it; outputs2 mirrors after).
    const fillPsi = (weights: Float64Array, s: BlockStructure, M: Float64Array, nb: number, ts: Int32Array): void => {
      for (const t of ts) M[s.local[psiA[t]] * nb + s.local[psiB[t]]] += weights[psiK[t]] * psi[t];
    };
    const loss2: BlockOperator = {
      p,
      get structure() {
        return loss().structure;
      },
      apply(x, out) {
        const { ws, thetaHessian } = values(),
          J = ws.J;
        jac.times(J, x, u);
        z.fill(0);
        for (let t = 0; t < thetaK.length; t++) {
          const k = thetaK[t],
            l = thetaL[t],
            h = thetaHessian[t];
          z[k] += h * u[l];
          if (k !== l) z[l] += h * u[k];
        }
        jac.transposeTimes(J, z, out);
        applyPsi(ws.gradTheta, x, out);
      },
      block(b) {
        const { ws, thetaHessian } = values(),
          J = ws.J;
        const { structure, psi: lossPsi, theta: thetaByBlock } = loss();
        const nb = structure.blocks[b].length;
        const M = new Float64Array(nb * nb);
        // Accumulated on and above the diagonal, then mirrored: the result is exactly symmetric.
        const up = (i: number, j: number, v: number): void => {
          if (i <= j) M[i * nb + j] += v;
          else M[j * nb + i] += v;
        };
        for (const t of thetaByBlock[b]) {
          const k = thetaK[t],
            l = thetaL[t],
            h = thetaHessian[t];
          for (let e = jac.rowStart[k]; e < jac.rowStart[k + 1]; e++)
            for (let f = k === l ? e : jac.rowStart[l]; f < jac.rowStart[l + 1]; f++) {
              const i = structure.local[obj.jCols[e]],
                j = structure.local[obj.jCols[f]];
              // k < l stands for both (k, l) and (l, k): a diagonal entry gets both.
              up(i, j, (k !== l && i === j ? 2 : 1) * h * J[e] * J[f]);
            }
        }
        fillPsi(ws.gradTheta, structure, M, nb, lossPsi[b]);
        for (let i = 0; i < nb; i++) for (let j = i + 1; j < nb; j++) M[j * nb + i] = M[i * nb + j];
        return M;
      },
    };
    const outputs2 = (weights: Float64Array): BlockOperator => ({
      p,
      structure: outputStructure,
      apply(x, out) {
        out.fill(0);
        applyPsi(weights, x, out);
      },
      block(b) {
        outputPsi ??= psiByBlock(outputStructure);
        const nb = outputStructure.blocks[b].length;
        const M = new Float64Array(nb * nb);
        fillPsi(weights, outputStructure, M, nb, outputPsi[b]);
        for (let i = 0; i < nb; i++) for (let j = i + 1; j < nb; j++) M[j * nb + i] = M[i * nb + j];
        return M;
      },
    });
    const dense = (): Float64Array => {
      const H = new Float64Array(p * p);
      loss().structure.blocks.forEach((members, b) => {
        const M = loss2.block(b),
          nb = members.length;
        for (let i = 0; i < nb; i++) for (let j = 0; j < nb; j++) H[members[i] * p + members[j]] = M[i * nb + j];
      });
      return H;
    };
    const outputNorms = (denseMax = 64): Float64Array | null => {
      if (outputStructure.blocks.some((m) => m.length > denseMax)) return null;
      if (second?.norms) return second.norms(psi, q);
      outputPsi ??= psiByBlock(outputStructure);
      return blockNorms(outputStructure, outputPsi, psiK, psiA, psiB, psi, q);
    };
    return {
      outputNorms,
      W: Float64Array.from(W),
      get theta() {
        return values().ws.theta;
      },
      get J() {
        return values().ws.J;
      },
      get loss() {
        return values().ws.loss;
      },
      get gradTheta() {
        return values().ws.gradTheta;
      },
      get gradW() {
        return values().ws.gradW;
      },
      get thetaHessian() {
        return values().thetaHessian;
      },
      psi,
      loss2,
      outputs2,
      dense,
    };
  };
  return {
    canonicalEntries,
    get outputEntries() {
      return (listed ??= second!.entries());
    },
    get structure() {
      return loss().structure;
    },
    outputStructure,
    pattern: (limit) => lossHessianPattern(input, limit),
    at,
  };
}
