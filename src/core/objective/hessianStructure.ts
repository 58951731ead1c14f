// The structure of ∇²_W L = Jᵀ (∇²_θ L) J + Σ_k (∂L/∂θ_k) ∇²ψ_k found from the symbolic patterns alone: which
// parameters are coupled, as connected components (the lecture's sub-model independence: m neurons -> m blocks).

/** A partition of the p parameters into blocks that the Hessian never couples. */
export interface BlockStructure {
  /** Parameter indices of each block, ascending; blocks ordered by their first parameter. */
  blocks: Int32Array[];
  /** Block of each parameter (length p). */
  blockOf: Int32Array;
  /** Position of each parameter within its block (length p). */
  local: Int32Array;
}

/** A union-find over 0..n-1 with path halving; `union` keeps the smaller root, so results are order-free. */
function makeUnionFind(n: number): { find(i: number): number; union(a: number, b: number): void } {
  const parent = new Int32Array(n);
  for (let i = 0; i < n; i++) parent[i] = i;
  const find = (i: number): number => {
    while (parent[i] !== i) {
      parent[i] = parent[parent[i]];
      i = parent[i];
    }
    return i;
  };
  return {
    find,
    union(a, b) {
      const ra = find(a),
        rb = find(b);
      if (ra < rb) parent[rb] = ra;
      else if (rb < ra) parent[ra] = rb;
    },
  };
}

/** The components of a union-find as a BlockStructure. */
function blocksOf(p: number, find: (i: number) => number): BlockStructure {
  const blockOf = new Int32Array(p),
    local = new Int32Array(p);
  // Roots are the smallest member (union keeps the smaller root), so blocks are numbered in order of first member;
  // counted, then laid out in one array with a view per block (a width-m model has m blocks).
  const idOfRoot = new Int32Array(p).fill(-1);
  const sizes: number[] = [];
  for (let j = 0; j < p; j++) {
    const r = find(j);
    let id = idOfRoot[r];
    if (id < 0) {
      id = idOfRoot[r] = sizes.length;
      sizes.push(0);
    }
    blockOf[j] = id;
    local[j] = sizes[id]++;
  }
  const start = new Int32Array(sizes.length + 1);
  for (let b = 0; b < sizes.length; b++) start[b + 1] = start[b] + sizes[b];
  const all = new Int32Array(p);
  for (let j = 0; j < p; j++) all[start[blockOf[j]] + local[j]] = j;
  const blocks = sizes.map((_, b) => all.subarray(start[b], start[b + 1]));
  return { blocks, blockOf, local };
}

/** What the structure of ∇²_W L is computed from: index lists of the symbolic non-zeros. */
export interface HessianPatternInput {
  p: number;
  q: number;
  /** Rows and columns of J's structural non-zeros. */
  jRows: Int32Array;
  jCols: Int32Array;
  /** Index pairs (k, l) of ∇²_θ L's structural non-zeros. */
  thetaK: Int32Array;
  thetaL: Int32Array;
  /** (k, a, b) of the outputs' second derivatives. */
  psiK: Int32Array;
  psiA: Int32Array;
  psiB: Int32Array;
  /** Outputs whose ∂L/∂θ_k is structurally non-zero (the others' ∇²ψ_k carry weight 0 in ∇²_W L). */
  liveGradient: Uint8Array;
}

/**
 * Blocks of ∇²_W L: the Gauss-Newton part couples every parameter of rows k and l of J whenever ∂²L/∂θ_k∂θ_l is a
 * structural non-zero, and each second derivative ∂²ψ_k/∂W_a∂W_b with live ∂L/∂θ_k couples a and b. Linear in the
 * number of symbolic non-zeros: the dense pattern is never formed.
 */
export function lossHessianBlocks(s: HessianPatternInput): BlockStructure {
  const uf = makeUnionFind(s.p);
  const firstOfRow = new Int32Array(s.q).fill(-1);
  const coupledRow = new Uint8Array(s.q);
  for (let t = 0; t < s.thetaK.length; t++) coupledRow[s.thetaK[t]] = coupledRow[s.thetaL[t]] = 1;
  for (let e = 0; e < s.jRows.length; e++) {
    const k = s.jRows[e];
    if (!coupledRow[k]) continue;
    if (firstOfRow[k] < 0) firstOfRow[k] = s.jCols[e];
    else uf.union(firstOfRow[k], s.jCols[e]);
  }
  for (let t = 0; t < s.thetaK.length; t++) {
    const a = firstOfRow[s.thetaK[t]],
      b = firstOfRow[s.thetaL[t]];
    if (a >= 0 && b >= 0) uf.union(a, b);
  }
  for (let t = 0; t < s.psiK.length; t++) if (s.liveGradient[s.psiK[t]]) uf.union(s.psiA[t], s.psiB[t]);
  return blocksOf(s.p, uf.find);
}

/** Blocks shared by every output Hessian ∇²ψ_k (the Hessian of the model outputs, whatever the loss). */
export function outputHessianBlocks(p: number, psiA: Int32Array, psiB: Int32Array): BlockStructure {
  const uf = makeUnionFind(p);
  for (let t = 0; t < psiA.length; t++) uf.union(psiA[t], psiB[t]);
  return blocksOf(p, uf.find);
}

/**
 * The structural non-zeros (a <= b) of ∇²_W L, as packed pairs a * p + b in ascending order, or null when there would
 * be more than `limit` of them (a coupled model: use the blocks and Hessian-vector products instead).
 */
export function lossHessianPattern(s: HessianPatternInput, limit = 1_000_000): Float64Array | null {
  const colsOfRow: number[][] = Array.from({ length: s.q }, () => []);
  for (let e = 0; e < s.jRows.length; e++) colsOfRow[s.jRows[e]].push(s.jCols[e]);
  let estimate = s.psiK.length;
  for (let t = 0; t < s.thetaK.length; t++) estimate += colsOfRow[s.thetaK[t]].length * colsOfRow[s.thetaL[t]].length;
  if (estimate > 4 * limit) return null;
  const pairs = new Set<number>();
  const add = (a: number, b: number): void => {
    pairs.add(a <= b ? a * s.p + b : b * s.p + a);
  };
  for (let t = 0; t < s.thetaK.length; t++)
    for (const a of colsOfRow[s.thetaK[t]]) for (const b of colsOfRow[s.thetaL[t]]) add(a, b);
  for (let t = 0; t < s.psiK.length; t++) if (s.liveGradient[s.psiK[t]]) add(s.psiA[t], s.psiB[t]);
  if (pairs.size > limit) return null;
  return Float64Array.from(pairs).sort();
}
