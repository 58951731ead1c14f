import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { checkDerivatives } from '../../src/core/checkDerivatives';
import { analyze, type CompiledModel } from '../../src/core';
import { assertClose, compileOk, readExample } from '../support/model';

/** The model with `delta` added to J[row][col] at every point: a wrong symbolic derivative. */
function withWrongEntry(m: CompiledModel, row: number, col: number, delta: number): CompiledModel {
  return {
    ...m,
    evaluate(W, n, theta, J) {
      m.evaluate(W, n, theta, J);
      if (J) for (let k = 0; k < n; k++) J[k * m.q * m.p + row * m.p + col] += delta;
    },
  };
}

describe('checkDerivatives', () => {
  test('correct models have no mismatch', () => {
    for (const name of ['squared', 'inverse', 'polar', 'deep-linear', 'tanh-identical-neurons', 'two-layer-linear']) {
      assert.deepEqual(checkDerivatives(compileOk(readExample(name))), [], name);
    }
    assert.deepEqual(
      checkDerivatives(compileOk('param x, y\nf = exp(x * y) / (1 + x^2) + softplus(y) * sigmoid(x)')),
      [],
    );
  });

  test('a wrong entry is caught at every checked point, with the symbolic and central-difference values', () => {
    const polar = compileOk('θ1 = r * cos(φ)\nθ2 = r * sin(φ)');
    const found = checkDerivatives(withWrongEntry(polar, 1, 0, 0.5));
    assert.equal(found.length, 3, 'three points, one mismatch each');
    for (const m of found) {
      assert.deepEqual([m.row, m.col], [1, 0]);
      // d θ2 / d r = sin φ: the central difference finds it, the (wrong) symbolic value is 0.5 more.
      const phi = m.at[1];
      assertClose(m.numeric, Math.sin(phi), 1e-8, 1e-8, 'central difference');
      assertClose(m.symbolic, Math.sin(phi) + 0.5, 1e-15, 1e-15, 'symbolic');
      assert.ok(Math.abs(m.at[0]) >= 0.3 && Math.abs(m.at[0]) <= 1.5);
    }
    // Deterministic: the same points on every run.
    assert.deepEqual(checkDerivatives(withWrongEntry(polar, 1, 0, 0.5)), found);
  });

  test('points where theta is not finite are skipped, not reported', () => {
    // log(x) is NaN for the negative half of the random points; the positive half is checked and is right.
    assert.deepEqual(checkDerivatives(compileOk('param x, y\nf = log(x) * y')), []);
    assert.equal(checkDerivatives(withWrongEntry(compileOk('param x, y\nf = log(x) * y'), 0, 1, 1)).length, 3);
  });

  // Known false alarm (src/core/checkDerivatives.ts, outside the test owner's fix area): with a fixed step
  // h = 1e-5 the central difference of sin(3000 x) is off by (3000 h)^2 / 6 = 1.5e-4 relative, above the 1e-4
  // tolerance, so a correct derivative is reported as a `derivative-mismatch` error (and the CLI exits 1).
  test('a correct derivative of a fast oscillation (sin(3000 x)) is not reported as a mismatch', () => {
    const m = compileOk('param x\nθ = sin(3000 * x)');
    const found = checkDerivatives(m);
    // The symbolic values it flags are exactly right:
    for (const f of found) assertClose(f.symbolic, 3000 * Math.cos(3000 * f.at[0]), 1e-9, 1e-12);
    assert.deepEqual(found, []);
    assert.deepEqual(analyze('param x\nθ = sin(3000 * x)').diagnostics, []);
  });

  test('wide models are checked on a sample of columns', () => {
    const m = compileOk('param w[200]\nθ = sum(w .^ 2)');
    assert.deepEqual(checkDerivatives(m), []);
    // A wrong derivative in every column is found whichever columns are sampled.
    const wrongEverywhere: CompiledModel = {
      ...m,
      evaluate(W, n, theta, J) {
        m.evaluate(W, n, theta, J);
        if (J) for (let i = 0; i < n * m.p; i++) J[i] += 1;
      },
    };
    const found = checkDerivatives(wrongEverywhere, 1, 10);
    assert.equal(found.length, 10);
  });
});
