/**
 * The compact layout of a q x p Jacobian with a fixed structural pattern: its structural non-zeros only, in row-major
 * order (what CompiledModel.evaluateCompact writes). Deep linear d = 16 has 512 of them in a 16 x 272 J.
 */
export interface CompactLayout {
  q: number;
  p: number;
  /** 1 where J may be non-zero (q*p, row-major). */
  mask: Uint8Array;
  /** Number of structural non-zeros (entries per point in the compact layout). */
  nonZeros: number;
  /** Compact index u -> dense offset r*p + c. */
  dense: Int32Array;
  /** Dense offset -> compact index, -1 off the pattern. */
  compact: Int32Array;
  /** Structural non-zeros per row and per column. */
  rowCount: Int32Array;
  colCount: Int32Array;
}

/** The compact layout of `pattern` (q*p, 1 = may be non-zero; default dense). */
export function compactLayout(q: number, p: number, pattern?: Uint8Array): CompactLayout {
  const qp = q * p;
  const mask = pattern ?? new Uint8Array(qp).fill(1);
  const rowCount = new Int32Array(q),
    colCount = new Int32Array(p);
  const positions: number[] = [];
  const compact = new Int32Array(qp).fill(-1);
  for (let r = 0; r < q; r++)
    for (let c = 0; c < p; c++)
      if (mask[r * p + c]) {
        rowCount[r]++;
        colCount[c]++;
        compact[r * p + c] = positions.length;
        positions.push(r * p + c);
      }
  return { q, p, mask, nonZeros: positions.length, dense: Int32Array.from(positions), compact, rowCount, colCount };
}

/** True when one of the point's `count` compact entries at v[off..] is not finite. */
export function hasNonFinite(v: Float64Array, off: number, count: number): boolean {
  for (let i = off; i < off + count; i++) if (!Number.isFinite(v[i])) return true;
  return false;
}
