// examples/training: one file per new form; together they hold the issue's block verbatim. Values derived by hand.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'fs';
import * as path from 'path';
import { compileDataReport, compileDocument, compileObjective, type CompiledModel } from '../../../src/core';
import { assertAllClose, assertClose, repoRoot } from '../../support/model';
import { ISSUE_BLOCK } from './issueBlock';

const folder = path.join(repoRoot, 'examples', 'training');
const names = fs
  .readdirSync(folder)
  .filter((f) => f.endsWith('.overparam'))
  .sort();
const read = (name: string) => fs.readFileSync(path.join(folder, `${name}.overparam`), 'utf8');

function compiled(name: string, options = {}) {
  const r = compileDocument(read(name), options);
  assert.deepEqual(
    r.diagnostics.filter((d) => d.severity === 'error'),
    [],
    name,
  );
  return r as typeof r & { model: CompiledModel };
}

/** L and ∇_W L at every `at` point of a compiled file. */
function lossesAt(r: ReturnType<typeof compiled>) {
  const obj = compileObjective(r.model, r.loss!);
  const ws = obj.workspace();
  return r.model.points.map((p) => [obj.at(p.values, ws), Array.from(ws.gradW)] as const);
}

describe('examples/training', () => {
  test('one file per form, each opening with a comment that says what it shows', () => {
    assert.deepEqual(names, [
      'canonical-data.overparam',
      'canonical-loss.overparam',
      'deep-linear-balance.overparam',
      'random-features.overparam',
      'tanh-width.overparam',
    ]);
    for (const n of names) assert.match(fs.readFileSync(path.join(folder, n), 'utf8'), /^# \S/, n);
  });

  test("every line of the issue's block stands verbatim in one of the examples", () => {
    const lines = new Set(names.flatMap((n) => fs.readFileSync(path.join(folder, n), 'utf8').split('\n')));
    for (const line of ISSUE_BLOCK.split('\n')) assert.ok(lines.has(line), line);
  });

  for (const n of names.map((f) => f.replace(/\.overparam$/, '')))
    test(`${n} compiles without errors at its first sweep values and has a loss`, () => {
      const r = compiled(n);
      assert.ok(r.model.points.length > 0);
      assert.ok(r.loss);
    });

  test('canonical-loss: ∇_W L = (-8, -16) at w = (1, 2); L = 0 at θ = (3, 6)', () => {
    const [[L1, g1], [L2]] = lossesAt(compiled('canonical-loss'));
    assert.deepEqual([L1, g1], [8, [-8, -16]]);
    assertClose(L2, 0, 1e-14);
  });

  test('canonical-data: L = 0 at w = (1, 2) and ½ (9 + 36) = 22.5 at w = (1, 1); the watch Σθ', () => {
    const r = compiled('canonical-data');
    assert.deepEqual(
      lossesAt(r).map(([L]) => L),
      [0, 22.5],
    );
    const out = new Float64Array(1);
    compileObjective(r.model, r.loss!).compileWatches(r.watches)(Float64Array.of(1, 2), out);
    assert.equal(out[0], 5);
  });

  test('deep-linear-balance: L = 0 at the minimum; the balance ‖U‖² - ‖v‖² = 2 - 5 = -3 there', () => {
    const r = compiled('deep-linear-balance');
    assert.equal(lossesAt(r)[1][0], 0);
    const out = new Float64Array(1);
    compileObjective(r.model, r.loss!).compileWatches(r.watches)(r.model.points[1].values, out);
    assert.equal(out[0], -3);
  });

  test('random-features: p sweeps 1..60; at w = 0 every prediction is 0 and L = ½ Σ sin²(3 x_k)', () => {
    const r = compiled('random-features', { sweep: { p: 60 } });
    assert.deepEqual(r.sweeps, [{ name: 'p', values: Array.from({ length: 60 }, (_, k) => k + 1) }]);
    assert.equal(r.model.p, 60);
    const X = [-1, -0.8, -0.6, -0.4, -0.2, 0, 0.2, 0.4, 0.6, 0.8, 1, 1.2];
    assertClose(lossesAt(r)[0][0], 0.5 * X.reduce((s, x) => s + Math.sin(3 * x) ** 2, 0), 1e-14, 1e-14);
    const report = compileDataReport(r.model, r.data!)(r.model.points[0].values);
    assert.deepEqual(report.predictions, new Array(12).fill(0));
    // Test risk at w = 0: mean of yt² = mean of sin²(3 Xt_k), Xt drawn from the stream `const Xt` under seed 3.
    const Xt = Array.from(r.data!.test!.targets);
    assertClose(report.testRisk!, Xt.reduce((s, y) => s + y * y, 0) / Xt.length, 1e-14, 1e-14);
  });

  test('tanh-width: m sweeps 10, 100, 1000; sizes follow m; the indexed point and its balance by hand', () => {
    const r = compiled('tanh-width');
    assert.deepEqual(r.sweeps, [{ name: 'm', values: [10, 100, 1000] }]);
    assert.deepEqual([r.model.p, r.model.q, r.data!.n, r.data!.test!.targets.length, r.seed], [30, 20, 20, 10, 7]);
    const wide = compiled('tanh-width', { sweep: { m: 100 } });
    assert.equal(wide.model.p, 300);
    // Point 2: v_i = (-1)^i, U_ij = sin(i + j); ‖U‖² - ‖v‖² = Σ_i (sin²(i + 1) + sin²(i + 2)) - 10.
    const p2 = r.model.points[1].values;
    assertAllClose(Array.from(p2.subarray(0, 3)), [-1, 1, -1], 0, 0);
    let U2 = 0;
    for (let i = 1; i <= 10; i++) U2 += Math.sin(i + 1) ** 2 + Math.sin(i + 2) ** 2;
    const out = new Float64Array(1);
    compileObjective(r.model, r.loss!).compileWatches(r.watches)(p2, out);
    assertClose(out[0], U2 - 10, 1e-13, 1e-13);
    // The same seed gives the same data and points in another compilation.
    const again = compiled('tanh-width');
    assert.deepEqual(Array.from(again.data!.inputs), Array.from(r.data!.inputs));
    assert.deepEqual(Array.from(again.model.points[0].values), Array.from(r.model.points[0].values));
  });
});
