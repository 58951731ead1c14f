import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { gradientField } from '../../src/core';
import { assertClose, compileOk } from '../support/model';

/** J of a model at one point, as the flat row-major Float64Array gradientField takes. */
function jacobianAt(text: string, x: number[]): { J: Float64Array; q: number; p: number } {
  const m = compileOk(text);
  const J = new Float64Array(m.q * m.p);
  m.evaluate(Float64Array.from(x), 1, null, J);
  return { J, q: m.q, p: m.p };
}

describe('gradientField', () => {
  test('squared at w = (10, 1): M = diag(400, 4), so (dx, dy) = (400 gx, 4 gy) exactly on the 9 x 9 grid over [-2, 2]²', () => {
    const { J, q, p } = jacobianAt('param w[2]\nθ_i = w_i^2', [10, 1]);
    const f = gradientField(J, q, p, { size: 9, min: -2, max: 2, coords: [0, 1] });
    assert.equal(f.size, 9);
    assert.equal(f.gx.length, 81);
    const grid = [-2, -1.5, -1, -0.5, 0, 0.5, 1, 1.5, 2];
    for (let iy = 0; iy < 9; iy++) {
      for (let ix = 0; ix < 9; ix++) {
        const k = iy * 9 + ix;
        assert.equal(f.gx[k], grid[ix]);
        assert.equal(f.gy[k], grid[iy]);
        assert.equal(f.dx[k], 400 * grid[ix]);
        assert.equal(f.dy[k], 4 * grid[iy]);
      }
    }
  });

  test('polar at r = 2, φ = 0.5: M g with M = R diag(1, r²) Rᵀ (radial steps unchanged, tangential ones r² longer)', () => {
    const [r, phi] = [2, 0.5];
    const { J, q, p } = jacobianAt('θ1 = r * cos(φ)\nθ2 = r * sin(φ)', [r, phi]);
    const f = gradientField(J, q, p, { size: 3, min: -1, max: 1, coords: [0, 1] });
    const c = Math.cos(phi),
      s = Math.sin(phi);
    for (let k = 0; k < 9; k++) {
      // The radial part of g keeps its length; the tangential part is scaled by r².
      const radial = f.gx[k] * c + f.gy[k] * s,
        tangential = -f.gx[k] * s + f.gy[k] * c;
      assertClose(f.dx[k], radial * c - r * r * tangential * s, 1e-14, 1e-14, `dx[${k}]`);
      assertClose(f.dy[k], radial * s + r * r * tangential * c, 1e-14, 1e-14, `dy[${k}]`);
    }
  });

  test('the two shown coordinates pick rows of J: θ = (u1 v1, u2 v2, u3 v3) shown on coordinates 1 and 3', () => {
    const { J, q, p } = jacobianAt('param u[3], v[3]\nθ = u .* v', [1, 2, 3, 4, 5, 6]);
    // M = diag(u² + v²) = diag(17, 29, 45); coordinates (0, 2) see 17 and 45.
    const f = gradientField(J, q, p, { size: 2, min: 0, max: 1, coords: [0, 2] });
    assert.deepEqual(Array.from(f.gx), [0, 1, 0, 1]);
    assert.deepEqual(Array.from(f.gy), [0, 0, 1, 1]);
    assert.deepEqual(Array.from(f.dx), [0, 17, 0, 17]);
    assert.deepEqual(Array.from(f.dy), [0, 0, 45, 45]);
  });

  test('a coupled M: deep linear at the shear U = [[1, 1], [0, 1]], v = (0, 1) has M = |v|² I + UᵀU = [[2, 1], [1, 3]]', () => {
    const { J, q, p } = jacobianAt("param U[2,2], v[2]\nw = U' * v", [1, 1, 0, 1, 0, 1]);
    const f = gradientField(J, q, p, { size: 2, min: 0, max: 1, coords: [0, 1] });
    assert.deepEqual(Array.from(f.dx), [0, 2, 1, 3]);
    assert.deepEqual(Array.from(f.dy), [0, 1, 3, 4]);
  });

  test('a grid of one arrow sits at min', () => {
    const { J, q, p } = jacobianAt('param w[2]\nθ_i = w_i^2', [1, 1]);
    const f = gradientField(J, q, p, { size: 1, min: 0.5, max: 3, coords: [0, 1] });
    assert.deepEqual([f.gx[0], f.gy[0], f.dx[0], f.dy[0]], [0.5, 0.5, 2, 2]);
  });
});
