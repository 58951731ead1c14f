// The hooks the panel's labs use: an equation excluded from a data file (three equations minus the third are the
// two-equations file), double descent's per-(value, repeat) progress and stop, implicit bias's per-α progress,
// stop and flow paths.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { compileDocument, documentObjective } from '../../../src/core';
import { compileDataJacobian } from '../../../src/core/overparam/dataJacobian';
import { doubleDescent } from '../../../src/core/overparam/doubleDescent';
import { excludeSamples, keptRows } from '../../../src/core/overparam/excludeSamples';
import { implicitBias } from '../../../src/core/overparam/implicitBias';
import { findInterpolation } from '../../../src/core/overparam/interpolation';
import { overparamExample } from './lab';

describe('excluded equations', () => {
  const three = compileDocument(overparamExample('three-equations'));
  test('three equations without the third: L, ∇L and the exact fit of the two-equations file', () => {
    assert.deepEqual(keptRows(3, [2]), [0, 1]);
    const sub = documentObjective(excludeSamples(three, [2]))!;
    const two = documentObjective(compileDocument(overparamExample('two-equations')))!;
    assert.equal(sub.data!.n, 2);
    assert.deepEqual(Array.from(sub.data!.targets), [4, 2]);
    for (const W of [Float64Array.of(0.3, -1.2), Float64Array.of(2, 5)]) {
      const wa = sub.objective.workspace(),
        wb = two.objective.workspace();
      assert.equal(sub.objective.at(W, wa), two.objective.at(W, wb));
      assert.deepEqual(Array.from(wa.gradW), Array.from(wb.gradW));
    }
    // At W = (1, 1): ℓ_1 = ½ (3 - 4)² = 0.5, ℓ_2 = ½ (-1 - 2)² = 4.5; the dropped ℓ_3 = ½ (-3 - 4)² = 24.5 is gone.
    assert.equal(sub.objective.at(Float64Array.of(1, 1), sub.objective.workspace()), 5);
    assert.equal(sub.objective.samples()!.n, 2);
    const fit = findInterpolation(compileDataJacobian(sub)!, new Float64Array(2));
    assert.ok(fit.interpolates);
    assert.ok(Math.abs(fit.W[0]) < 1e-12 && Math.abs(fit.W[1] - 2) < 1e-12, 'the solution (0, 2)');
  });

  test('no exclusion is the document itself; excluding every row is refused', () => {
    assert.equal(excludeSamples(three, []), three);
    assert.throws(() => excludeSamples(three, [0, 1, 2]), /every equation/);
    // Excluding the first: -2 w1 + w2 = 2 and w1 - 4 w2 = 4 meet at (-12/7, -10/7).
    const fit = findInterpolation(
      compileDataJacobian(documentObjective(excludeSamples(three, [0]))!)!,
      new Float64Array(2),
    );
    assert.ok(Math.abs(fit.W[0] + 12 / 7) < 1e-12 && Math.abs(fit.W[1] + 10 / 7) < 1e-12);
  });
});

describe('lab hooks', () => {
  const dd = overparamExample('double-descent');
  test('double descent: one call per (value, repeat), the same curve as without hooks, a stop keeps whole values', () => {
    const seen: [number, number, number, number][] = [];
    const values = [18, 20, 22];
    const curve = doubleDescent(dd, {
      values,
      repeats: 2,
      onRepeat: (done, total, _c, fit) => seen.push([done, total, fit.value, fit.repeat]),
    });
    assert.deepEqual(seen, [
      [1, 6, 18, 0],
      [2, 6, 18, 1],
      [3, 6, 20, 0],
      [4, 6, 20, 1],
      [5, 6, 22, 0],
      [6, 6, 22, 1],
    ]);
    assert.deepEqual(curve, doubleDescent(dd, { values, repeats: 2 }));
    let fits = 0;
    const stopped = doubleDescent(dd, {
      values,
      repeats: 2,
      onRepeat: () => fits++,
      shouldStop: () => fits >= 3,
    });
    // Three fits: value 18 done (two repeats), value 20 stopped after one repeat and left out.
    assert.equal(fits, 3);
    assert.deepEqual(stopped.values, [18]);
    assert.equal(stopped.testRisk[0], curve.testRisk[0]);
  });

  test('implicit bias: progress per α, the same numbers, a stop, and paths from θ(0) = 0 to θ∞', () => {
    const text = overparamExample('implicit-bias-2d');
    const calls: number[] = [];
    const r = implicitBias(text, { paths: 50, onValue: (done, total) => calls.push(done * 10 + total) });
    assert.deepEqual(calls, [15, 25, 35, 45, 55]);
    const plain = implicitBias(text);
    assert.deepEqual(r.theta, plain.theta);
    assert.equal(r.paths!.length, 5);
    for (const [i, path] of r.paths!.entries()) {
      assert.ok(path.length >= 2 && path.length <= 50);
      // u = v = α: θ = u² - v² = 0 at the start.
      assert.deepEqual(path[0], [0, 0]);
      assert.deepEqual(path[path.length - 1], r.theta[i]);
    }
    let n = 0;
    const stopped = implicitBias(text, { onValue: () => n++, shouldStop: () => n >= 2 });
    assert.deepEqual(stopped.alphas, [0.01, 0.1]);
  });
});
