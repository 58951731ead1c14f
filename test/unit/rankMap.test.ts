import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { analyzePoint, rankMap } from '../../src/core';
import { assertClose, compileOk } from '../support/model';

const polar = compileOk('θ1 = r * cos(φ)\nθ2 = r * sin(φ)\nat r = 1, φ = 0.5');

describe('rankMap', () => {
  test('polar over r in [-1, 1] (5 steps) and φ in [0, 3] (4 steps): rank 1 exactly on r = 0, σ = (1, |r|)', () => {
    const map = rankMap(
      polar,
      polar.points[0].values,
      { param: 0, from: -1, to: 1, steps: 5 },
      { param: 1, from: 0, to: 3, steps: 4 },
    );
    assert.deepEqual(Array.from(map.xs), [-1, -0.5, 0, 0.5, 1]);
    assert.deepEqual(Array.from(map.ys), [0, 1, 2, 3]);
    assert.equal(map.rank.length, 20);
    for (let iy = 0; iy < 4; iy++) {
      for (let ix = 0; ix < 5; ix++) {
        const c = iy * 5 + ix,
          r = map.xs[ix];
        assert.equal(map.rank[c], r === 0 ? 1 : 2, `rank at r = ${r}, φ = ${map.ys[iy]}`);
        assertClose(map.sMax[c], Math.max(1, Math.abs(r)), 1e-14, 1e-14, 'σmax');
        assertClose(map.sMin[c], Math.min(1, Math.abs(r)), 1e-14, 1e-14, 'σmin');
      }
    }
  });

  test('a map larger than one block (65 x 65 cells) agrees with the analytic singular values everywhere', () => {
    const map = rankMap(
      polar,
      polar.points[0].values,
      { param: 0, from: -2, to: 2, steps: 65 },
      { param: 1, from: -3, to: 3, steps: 65 },
    );
    for (let c = 0; c < 65 * 65; c++) {
      const r = map.xs[c % 65];
      if (
        Math.abs(map.sMax[c] - Math.max(1, Math.abs(r))) > 1e-13 ||
        Math.abs(map.sMin[c] - Math.min(1, Math.abs(r))) > 1e-13
      )
        assert.fail(`cell ${c} (r = ${r}): σ = (${map.sMax[c]}, ${map.sMin[c]})`);
      if (map.rank[c] !== (r === 0 ? 1 : 2)) assert.fail(`cell ${c} (r = ${r}): rank ${map.rank[c]}`);
    }
  });

  test('squared over w in [-1, 1]²: rank 2 off the axes, 1 on one axis, 0 at the origin; σ = sorted |2 w_i|', () => {
    const m = compileOk('param w[2]\nθ_i = w_i^2\nat w = [1, 1]');
    const map = rankMap(
      m,
      m.points[0].values,
      { param: 0, from: -1, to: 1, steps: 3 },
      { param: 1, from: -1, to: 1, steps: 3 },
    );
    assert.deepEqual(Array.from(map.rank), [2, 1, 2, 1, 0, 1, 2, 1, 2]);
    assert.deepEqual(Array.from(map.sMax), [2, 2, 2, 2, 0, 2, 2, 2, 2]);
    assert.deepEqual(Array.from(map.sMin), [2, 0, 2, 0, 0, 0, 2, 0, 2]);
  });

  test('the other parameters stay at the base point: deep linear d = 3 sliced along U[1,1] and v[2], against a per-point SVD', () => {
    const m = compileOk(
      "param U[3,3], v[3]\nw = U' * v\nat U = [[1, 0.5, 0], [0, 1, 0.2], [0.3, 0, 1]], v = [1, 2, 3]",
    );
    const base = m.points[0].values;
    const x = { param: m.params.indexOf('U[1,1]'), from: -2, to: 2, steps: 7 },
      y = { param: m.params.indexOf('v[2]'), from: -1, to: 1, steps: 5 };
    const map = rankMap(m, base, x, y);
    for (let c = 0; c < 35; c++) {
      const point = Float64Array.from(base);
      point[x.param] = map.xs[c % 7];
      point[y.param] = map.ys[Math.floor(c / 7)];
      const rep = analyzePoint(m, point);
      assertClose(map.sMax[c], rep.singularValues![0], 1e-12, 1e-12, `σmax in cell ${c}`);
      assertClose(map.sMin[c], rep.singularValues![2], 1e-12, 1e-12, `σmin in cell ${c}`);
      assert.equal(map.rank[c], rep.rank, `rank in cell ${c}`);
    }
  });

  test('cells where J is not finite (1/w at w = 0) are marked NaN, NaN, rank -1, never fed to the SVD', () => {
    const m = compileOk('param w[2]\nθ_i = 1 / w_i\nat w = [1, 1]');
    const map = rankMap(
      m,
      m.points[0].values,
      { param: 0, from: -1, to: 1, steps: 3 },
      { param: 1, from: -2, to: 2, steps: 3 },
    );
    assert.deepEqual(Array.from(map.rank), [2, -1, 2, -1, -1, -1, 2, -1, 2]);
    // J = diag(-1 / w²): at w = (±1, ±2) the singular values are 1 and 1/4.
    assert.deepEqual([map.sMax[0], map.sMin[0], map.sMax[8], map.sMin[8]], [1, 0.25, 1, 0.25]);
    assert.ok([1, 3, 4, 5, 7].every((c) => Number.isNaN(map.sMin[c]) && Number.isNaN(map.sMax[c])));
  });

  test('cells where theta is not finite but J is (log w at w < 0: J = 1/w) are marked NaN, NaN, rank -1 too', () => {
    const m = compileOk('param w[2]\nθ_i = log(w_i)\nat w = [1, 1]');
    const map = rankMap(
      m,
      m.points[0].values,
      { param: 0, from: -1, to: 1, steps: 2 },
      { param: 1, from: -2, to: 2, steps: 2 },
    );
    assert.deepEqual(Array.from(map.rank), [-1, -1, -1, 2]);
    assert.deepEqual([map.sMax[3], map.sMin[3]], [1, 0.5]); // J = diag(1/w) at w = (1, 2)
    assert.ok([0, 1, 2].every((c) => Number.isNaN(map.sMin[c]) && Number.isNaN(map.sMax[c])));
  });

  test('a tolerance counts small singular values as zero: polar with tol 0.6 loses rank where |r| <= 0.6', () => {
    const map = rankMap(
      polar,
      polar.points[0].values,
      { param: 0, from: -1, to: 1, steps: 5 },
      { param: 1, from: 0.5, to: 0.5, steps: 1 },
      0.6,
    );
    assert.deepEqual(Array.from(map.ys), [0.5]);
    assert.deepEqual(Array.from(map.rank), [2, 1, 1, 1, 2]);
  });
});
