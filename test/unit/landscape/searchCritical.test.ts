// The critical-point search against the closed forms: it must FIND these points and sets from its seeded
// starts (no point is given to it), then classify them. Hessians and gradients derived by hand in each test.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { compileDocument } from '../../../src/core';
import { documentObjective } from '../../../src/core/objective/documentObjective';
import { searchCritical, type CriticalPoint } from '../../../src/core/landscape/searchCritical';
import { assertAllClose, assertClose } from '../../support/model';

const objectiveOf = (text: string) => {
  const lab = documentObjective(compileDocument(text));
  assert.ok(lab, text);
  return lab.objective;
};
const norm = (x: readonly number[]) => Math.hypot(...x);

const SQUARED = 'param w[2]\nθ = w .^ 2\nloss = ((θ[1] - 1)^2 + (θ[2] + 1)^2) / 2\nat w = [1, 1]';
const TWO_LAYER = "param U[2,2], v[2]\nw = U' * v\nloss = (w[1] - 1)^2 + (w[2] - 2)^2\nat U = 0, v = 0";
const CHAIN = 'param a, b, c\nθ = a * b * c\nloss = (θ - 1)^2 / 2\nat a = 1, b = 1, c = 1';

describe('searchCritical: θ = w∘w, L = ½‖θ - θ*‖², θ* = (1, -1)', () => {
  // ∇_W L = (2 w1 (w1² - 1), 2 w2 (w2² + 1)): zero only at w2 = 0, w1 ∈ {0, ±1}; ∇²_W L = diag(6 w1² - 2, 6 w2² + 2).
  const r = searchCritical(objectiveOf(SQUARED));
  const byW = (w1: number) => r.criticalPoints.find((c) => Math.abs(c.W[0] - w1) < 1e-9 && Math.abs(c.W[1]) < 1e-9);

  test('finds exactly the three critical points, all from the seeded starts', () => {
    assert.equal(r.complete, true);
    assert.equal(r.starts, 256);
    assert.equal(r.converged, 256);
    assert.equal(r.criticalPoints.length, 3);
    for (const w1 of [-1, 0, 1]) assert.ok(byW(w1), `w = (${w1}, 0)`);
    // Every converged Newton start lands in one of them (GD stalls add hits of their own).
    assert.ok(r.criticalPoints.reduce((s, c) => s + c.hits, 0) >= r.converged);
  });

  test('w = (0, 0): a ghost saddle, Hessian diag(-2, 2), ghost direction ∇_θ L = (-1, 1), escape along w[1]', () => {
    const c = byW(0)!;
    assert.deepEqual([c.origin, c.type, c.setDimension, c.rank], ['ghost', 'saddle', 0, 0]);
    assertAllClose(c.hessianEigenvalues, [-2, 2], 1e-12);
    assertClose(c.loss, 1, 1e-15);
    assertClose(c.canonicalGradNorm, Math.SQRT2, 1e-14);
    assertAllClose(c.ghostDirection!, [-Math.SQRT1_2, Math.SQRT1_2], 1e-14);
    assertAllClose(c.escapeDirection!.map(Math.abs), [1, 0], 1e-12);
    assertClose(c.stableStep!, 1, 1e-12);
  });

  for (const w1 of [-1, 1])
    test(`w = (${w1}, 0): a ghost minimum, Hessian diag(4, 2), ∇_θ L = (0, 1) in ker Jᵀ`, () => {
      const c = byW(w1)!;
      assert.deepEqual([c.origin, c.type, c.setDimension, c.rank, c.nullity], ['ghost', 'minimum', 0, 1, 0]);
      assert.deepEqual(c.at, { 'w[1]': w1, 'w[2]': 0 });
      assertAllClose(c.hessianEigenvalues, [2, 4], 1e-12);
      assertAllClose(c.theta, [1, 0], 1e-15);
      assertAllClose(c.ghostDirection!, [0, 1], 1e-15);
      assertClose(c.canonicalGradNorm, 1, 1e-15);
      assert.equal(c.escapeDirection, null);
      assertClose(c.stableStep!, 0.5, 1e-12);
      assert.ok(c.gradNorm <= 1e-12);
    });

  test('per-parameter boxes: w[1] in [0.5, 1.5], w[2] in [-0.5, 0.5] hold only w = (1, 0)', () => {
    const boxed = searchCritical(objectiveOf(SQUARED), {
      box: [
        [0.5, 1.5],
        [-0.5, 0.5],
      ],
      starts: 32,
    });
    assert.deepEqual(
      boxed.criticalPoints.map((c) => [c.W, c.type]),
      [[[1, 0], 'minimum']],
    );
  });

  test('a passed deadline returns at once, marked incomplete', () => {
    const late = searchCritical(objectiveOf(SQUARED), { deadline: Date.now() - 1 });
    assert.deepEqual([late.complete, late.converged, late.criticalPoints.length], [false, 0, 0]);
  });
});

describe('searchCritical: two-layer linear w = Uᵀ v (d = 2), L = ‖w - w*‖², w* = (1, 2)', () => {
  // ∇_θ L = g = 2 (w - w*); ∂L/∂U_ij = v_i g_j, ∂L/∂v = U g: critical iff g = 0, or v = 0 with U w* = 0.
  const r = searchCritical(objectiveOf(TWO_LAYER));
  const ghost = r.criticalPoints.find((c) => c.origin === 'ghost') as CriticalPoint;
  const minimum = r.criticalPoints.find((c) => c.origin === 'canonical') as CriticalPoint;

  test('finds two sets: the ghost set and the minimum set, each reported once', () => {
    assert.equal(r.criticalPoints.length, 2);
    assert.ok(ghost && minimum);
    assert.ok(ghost.hits > 1 && minimum.hits > 1);
  });

  test('the ghost set {v = 0, U w* = 0}: dimension 2, represented by U = 0, v = 0, a strict saddle', () => {
    assert.deepEqual(ghost.W, [0, 0, 0, 0, 0, 0]);
    assert.deepEqual([ghost.type, ghost.setDimension, ghost.rank, ghost.nullity], ['saddle', 2, 0, 2]);
    // J = 0 there, so ∇²_W L = Σ_k g_k ∇²θ_k: per row i of U the block [[0, g], [gᵀ, 0]] -> ±‖g‖ and one 0 each.
    const g = 2 * Math.sqrt(5);
    assertClose(ghost.canonicalGradNorm, g, 1e-14);
    assertAllClose(ghost.hessianEigenvalues, [-g, -g, 0, 0, g, g], 1e-12);
    assertAllClose(ghost.ghostDirection!, [-1 / Math.sqrt(5), -2 / Math.sqrt(5)], 1e-15);
    assertClose(ghost.loss, 5, 1e-15);
    // The escape direction is a unit eigenvector of -‖g‖: H e = -‖g‖ e with H from the closed form above.
    const e = ghost.escapeDirection!;
    assertClose(norm(e), 1, 1e-12);
    const gv = [-2, -4];
    const He = [
      e[4] * gv[0],
      e[4] * gv[1],
      e[5] * gv[0],
      e[5] * gv[1],
      e[0] * gv[0] + e[1] * gv[1],
      e[2] * gv[0] + e[3] * gv[1],
    ];
    assertAllClose(
      He,
      e.map((x) => -g * x),
      1e-10,
    );
  });

  test('the minimum set {Uᵀ v = w*}: canonical, L = 0, dimension 4 = p - rank J', () => {
    assert.deepEqual([minimum.type, minimum.setDimension, minimum.rank], ['minimum', 4, 2]);
    const [U11, U12, U21, U22, v1, v2] = minimum.W;
    assertAllClose([U11 * v1 + U21 * v2, U12 * v1 + U22 * v2], [1, 2], 1e-9);
    assert.ok(minimum.loss <= 1e-18);
    assert.equal(minimum.ghostDirection, null);
    // H = 2 Jᵀ J there: 4 zero eigenvalues, the other two are 2 σ_k(J)² > 0.
    assert.equal(minimum.hessianEigenvalues.filter((l) => Math.abs(l) < 1e-6).length, 4);
    assert.ok(minimum.hessianEigenvalues.slice(4).every((l) => l > 0.1));
  });
});

describe('searchCritical: the depth-3 chain θ = a b c, L = ½ (θ - 1)²', () => {
  const r = searchCritical(objectiveOf(CHAIN));

  test('finds 0 (Hessian 0: degenerate, a ghost) and the minimum surface a b c = 1 (dimension 2)', () => {
    assert.equal(r.criticalPoints.length, 2);
    const [min, zero] = r.criticalPoints;
    assert.deepEqual(zero.W, [0, 0, 0]);
    assert.deepEqual([zero.origin, zero.type, zero.rank, zero.nullity], ['ghost', 'degenerate', 0, 3]);
    assert.deepEqual(zero.hessianEigenvalues, [0, 0, 0]);
    assert.equal(zero.stableStep, null);
    // The three axes {two of a, b, c zero} are critical lines through 0: the set there has dimension 1.
    assert.equal(zero.setDimension, 1);
    assert.deepEqual([min.origin, min.type, min.setDimension], ['canonical', 'minimum', 2]);
    assertClose(min.W[0] * min.W[1] * min.W[2], 1, 1e-12);
  });
});

describe('searchCritical: canonical points of a regular parameterization (θ = w)', () => {
  test('L = -(θ1² + 2 θ2²): one canonical maximum at 0, Hessian diag(-2, -4)', () => {
    const r = searchCritical(objectiveOf('param w[2]\nθ = w\nloss = -(θ[1]^2 + 2 * θ[2]^2)\nat w = [1, 1]'));
    assert.deepEqual(
      r.criticalPoints.map((c) => [c.W, c.origin, c.type, c.hessianEigenvalues, c.stableStep]),
      [[[0, 0], 'canonical', 'maximum', [-4, -2], null]],
    );
  });

  test('L = θ1² - θ2²: a canonical saddle whose escape direction is w[2]', () => {
    const r = searchCritical(objectiveOf('param w[2]\nθ = w\nloss = θ[1]^2 - θ[2]^2\nat w = [1, 1]'));
    assert.equal(r.criticalPoints.length, 1);
    const c = r.criticalPoints[0];
    assert.deepEqual([c.W, c.origin, c.type, c.hessianEigenvalues], [[0, 0], 'canonical', 'saddle', [-2, 2]]);
    assertAllClose(c.escapeDirection!.map(Math.abs), [0, 1], 1e-15);
  });
});
