import { hasNonFinite } from './compactLayout';
import { CONFIRM_RATIO, type CompactSolver } from './jacobiConfirmation';

/**
 * Singular values of a dense 2 x 2 [[a, b], [c, d]] in closed form: sigma_max = |(a+d, c-b)|/2 + |(a-d, c+b)|/2 (the
 * two-sided rotation), sigma_min = |ad - bc| / sigma_max. Near-singular points (the determinant then cancels), and
 * those whose squares would under- or overflow, go to `jacobi`.
 */
export function createTwoByTwo(jacobi: CompactSolver): CompactSolver {
  return (v, off, out) => {
    const a = v[off],
      b = v[off + 1],
      c = v[off + 2],
      d = v[off + 3];
    const e = a + d,
      f = a - d,
      g = c + b,
      h = c - b;
    const hi = 0.5 * (Math.sqrt(e * e + h * h) + Math.sqrt(f * f + g * g));
    if (!(hi < 1e150 && hi > 1e-150)) {
      // Squares under- or overflow here (or an entry is not finite); all-zero is the one exact case.
      if (a === 0 && b === 0 && c === 0 && d === 0) {
        out[0] = out[1] = 0;
        return;
      }
      if (hasNonFinite(v, off, 4)) {
        out[0] = out[1] = NaN;
        return;
      }
      jacobi(v, off, out);
      return;
    }
    out[0] = hi;
    out[1] = Math.abs(a * d - b * c) / hi;
    if (out[1] < CONFIRM_RATIO * hi) jacobi(v, off, out);
  };
}
