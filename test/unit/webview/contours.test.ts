// Contour lines of the Training view on the canonical-loss example's L = (θ1 - 3)² + (θ2 - 6)²: every segment's ends
// lie on their level to the grid's interpolation error, the levels are log-spaced inside the sampled range.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { contourLevels, isolineSegments } from '../../../webview/contours';

const n = 60;
const x = Array.from({ length: n }, (_, i) => 1 + (2.5 * i) / (n - 1));
const y = Array.from({ length: n }, (_, j) => 3.5 + (3 * j) / (n - 1));
const L = (a: number, b: number) => (a - 3) ** 2 + (b - 6) ** 2;
const loss = y.flatMap((b) => x.map((a) => L(a, b)));

describe('contours', () => {
  test('levels: 10, increasing, evenly spaced in log between the smallest positive and the largest value', () => {
    const levels = contourLevels({ x, y, loss });
    assert.equal(levels.length, 10);
    const ratios = levels.slice(1).map((v, i) => v / levels[i]);
    ratios.forEach((r) => assert.ok(Math.abs(r - ratios[0]) < 1e-9 * r));
    assert.ok(levels[0] > 0 && levels[9] < Math.max(...loss));
    assert.deepEqual(contourLevels({ x, y, loss: loss.map(() => 2) }), [], 'a flat function has none');
  });

  test('segments: each end on its level (to the grid error), circles around (3, 6)', () => {
    for (const level of [0.25, 1, 4]) {
      const segs = isolineSegments({ x, y, loss }, level);
      assert.ok(segs.length > 20, `level ${level}: ${segs.length} segments`);
      for (const [a0, b0, a1, b1] of segs)
        for (const [a, b] of [
          [a0, b0],
          [a1, b1],
        ]) {
          // Linear interpolation of a quadratic on cells of side h errs by at most h²/4 in L.
          assert.ok(Math.abs(L(a, b) - level) <= 0.01, `(${a}, ${b}) has L = ${L(a, b)}, level ${level}`);
          if (level < 2) assert.ok(Math.abs(Math.hypot(a - 3, b - 6) - Math.sqrt(level)) < 0.01);
        }
    }
  });

  test('cells with a missing value (NaN or null) are skipped', () => {
    const holes = loss.map((v, k) => (k % 7 === 0 ? null : v));
    const all = isolineSegments({ x, y, loss }, 1).length;
    const some = isolineSegments({ x, y, loss: holes }, 1).length;
    assert.ok(some < all && some > 0);
  });
});
