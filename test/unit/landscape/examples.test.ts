// examples/landscape: every file compiles at every sweep value with a loss, and says what its comment says
// (closed forms at its `at` points by hand; the tanh split line found by the search).
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'fs';
import * as path from 'path';
import { compileDocument, objectiveAtPoint } from '../../../src/core';
import { documentObjective } from '../../../src/core/objective/documentObjective';
import { searchCritical } from '../../../src/core/landscape/searchCritical';
import { assertAllClose, assertClose, repoRoot } from '../../support/model';

const folder = path.join(repoRoot, 'examples', 'landscape');
const names = fs
  .readdirSync(folder)
  .filter((f) => f.endsWith('.overparam'))
  .map((f) => f.slice(0, -'.overparam'.length))
  .sort();
const read = (name: string) => fs.readFileSync(path.join(folder, `${name}.overparam`), 'utf8');
const lab = (name: string, sweep?: Record<string, number>) => {
  const r = compileDocument(read(name), { sweep });
  assert.deepEqual(
    r.diagnostics.filter((d) => d.severity === 'error'),
    [],
    name,
  );
  const l = documentObjective(r);
  assert.ok(l, `${name} has a loss`);
  return l;
};
/** L's Hessian eigenvalues and ∇_θ L at the k-th `at` point. */
const atPoint = (name: string, k: number, sweep?: Record<string, number>) => {
  const l = lab(name, sweep);
  return objectiveAtPoint(l.objective, l.model.points[k].values);
};

describe('examples/landscape', () => {
  test('the issue’s six systems, each opening with a comment', () => {
    assert.deepEqual(names, [
      'depth3-chain',
      'line-loss-power',
      'point-loss-power',
      'squared-target',
      'tanh-identical-neurons',
      'two-layer-linear',
    ]);
    for (const n of names) assert.match(read(n), /^# \S/, n);
  });

  for (const n of names)
    test(`${n} compiles with a loss at every sweep value, ∇_W L finite at every point`, () => {
      const sweeps = compileDocument(read(n)).sweeps;
      const values = sweeps.length ? sweeps[0].values.map((v) => ({ [sweeps[0].name]: v })) : [undefined];
      for (const sweep of values) {
        const l = lab(n, sweep);
        for (const p of l.model.points)
          assert.ok(objectiveAtPoint(l.objective, p.values).gradient.every(Number.isFinite));
      }
    });

  test('two-layer linear: ∇_W L = 0 at all three points; ∇_θ L = (-2, -4) on the ghost set, 0 at the minimum', () => {
    for (const k of [0, 1, 2]) assertAllClose(atPoint('two-layer-linear', k).gradient, [0, 0, 0, 0, 0, 0], 1e-15);
    assertAllClose(atPoint('two-layer-linear', 0).canonicalGradient, [-2, -4], 1e-15);
    assertAllClose(atPoint('two-layer-linear', 1).canonicalGradient, [0, 0], 1e-15);
    assertAllClose(atPoint('two-layer-linear', 2).canonicalGradient, [-2, -4], 1e-15);
  });

  test('depth-3 chain: Hessian 0 at 0; eigenvalues -1, 0, 1 on the line b = c = 0; a minimum at (1, 1, 1)', () => {
    assertAllClose(atPoint('depth3-chain', 0).hessianEigenvalues, [0, 0, 0], 0);
    assertAllClose(atPoint('depth3-chain', 1).hessianEigenvalues, [-1, 0, 1], 1e-15);
    // At (1, 1, 1): H = J Jᵀ-part (1, 1, 1)(1, 1, 1)ᵀ: eigenvalues 0, 0, 3.
    assertAllClose(atPoint('depth3-chain', 2).hessianEigenvalues, [0, 0, 3], 1e-14);
  });

  test('power losses at w = 0 for N = 2: point loss Hessian diag(-12, -24), line loss diag(-60, -120)', () => {
    assertAllClose(atPoint('point-loss-power', 1, { N: 2 }).hessianEigenvalues, [-24, -12], 1e-13);
    assertAllClose(atPoint('line-loss-power', 1, { N: 2 }).hessianEigenvalues, [-120, -60], 1e-13);
    // N = 4: J = diag(4 w³) and the curvature both vanish at 0.
    assertAllClose(atPoint('point-loss-power', 1, { N: 4 }).hessianEigenvalues, [0, 0], 0);
    assertAllClose(atPoint('line-loss-power', 1, { N: 2 }).canonicalGradient, [-30, -60], 1e-13);
  });

  test('tanh neurons: the search finds the split a1 = a2 = α/2, b1 = b2 = β as a ghost set of dimension 1', () => {
    const r = searchCritical(lab('tanh-identical-neurons').objective);
    const split = r.criticalPoints.find(
      (c) => Math.abs(c.W[0] - c.W[1]) < 1e-6 && Math.abs(c.W[2] - c.W[3]) < 1e-6 && c.W[0] !== 0,
    );
    assert.ok(split, JSON.stringify(r.criticalPoints.map((c) => c.W)));
    assert.deepEqual([split.origin, split.type, split.setDimension], ['ghost', 'minimum', 1]);
    // The one-neuron optimum (scanned by hand: α = 0.8625, β = 1.814, L = 0.0648) split in two halves.
    assertClose(split.W[0] + split.W[1], 0.8625, 1e-3);
    assertClose(split.W[2], 1.814, 1e-3);
    assertClose(split.loss, 0.0648, 1e-4);
    assert.ok(split.canonicalGradNorm > 0.3);
  });
});
