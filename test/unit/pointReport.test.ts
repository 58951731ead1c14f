import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { analyzePoint, type PointReport } from '../../src/core';
import { isDiagonalLike } from '../../src/core/linalg/diagonalLike';
import { analyzeMatrix } from '../../src/core/linalg/matrixReport';
import { assertAllClose, assertClose, compileOk, matTVec, matVec, norm } from '../support/model';

const EPS = Number.EPSILON;
const polar = compileOk('θ1 = r * cos(φ)\nθ2 = r * sin(φ)');
const squared = compileOk('param w[2]\nθ_i = w_i^2');
const at = (m: typeof polar, x: number[], tol?: number) => analyzePoint(m, Float64Array.from(x), tol);

/** J k = 0 for every kernel vector and Jᵀ c = 0 for every cokernel vector (to `zero`); both bases orthonormal. */
function assertNullspaces(r: PointReport, zero = 1e-12): void {
  for (const k of r.kernel!) assert.ok(norm(matVec(r.J, k)) <= zero, `J k = ${matVec(r.J, k)} for k = ${k}`);
  for (const c of r.cokernel!) assert.ok(norm(matTVec(r.J, c)) <= zero, `Jᵀ c = ${matTVec(r.J, c)} for c = ${c}`);
  for (const basis of [r.kernel!, r.cokernel!]) {
    basis.forEach((a, i) =>
      basis.forEach((b, j) =>
        assertClose(
          a.reduce((s, v, t) => s + v * b[t], 0),
          i === j ? 1 : 0,
          1e-12,
          0,
          'orthonormal',
        ),
      ),
    );
  }
  // rank + nullity = number of columns (and of rows for the cokernel).
  assert.equal(r.rank! + r.kernel!.length, r.J[0].length);
  assert.equal(r.rank! + r.cokernel!.length, r.J.length);
}

describe('pointReport: ranks at known singular points', () => {
  const phi = 0.5;

  test('polar at r = 1, 1e-8, 1e-17, 0: ranks 2, 2, 1, 1; singular values 1 and |r|', () => {
    const ranks = [1, 1e-8, 1e-17, 0].map((r) => {
      const rep = at(polar, [r, phi]);
      assert.equal(rep.finite, true);
      assertAllClose(rep.singularValues!, [1, r], 1e-15, 1e-12, `σ at r = ${r}`);
      assertClose(rep.tolerance!, 2 * EPS, 0, 1e-12, 'tol = σmax max(q, p) eps');
      assertClose(rep.operatorNorm!, 1, 1e-15, 0);
      assertNullspaces(rep);
      return rep.rank;
    });
    assert.deepEqual(ranks, [2, 2, 1, 1]);
    assertClose(at(polar, [1e-8, phi]).conditionNumber!, 1e8, 0, 1e-6);
    assert.equal(at(polar, [0, phi]).conditionNumber, Infinity);
  });

  test('polar at r = 0: the kernel is the φ direction and the cokernel is the tangent (-sin φ, cos φ)', () => {
    const rep = at(polar, [0, phi]);
    assertAllClose(rep.kernel!, [[0, 1]], 1e-15);
    assertAllClose(rep.cokernel!, [[-Math.sin(phi), Math.cos(phi)]], 1e-15);
    // At r = 1e-17 the same directions, up to O(r).
    const tiny = at(polar, [1e-17, phi]);
    assertAllClose(tiny.kernel!, [[0, 1]], 1e-15);
    assertAllClose(tiny.cokernel!, [[-Math.sin(phi), Math.cos(phi)]], 1e-15);
    assert.deepEqual([at(polar, [1e-8, phi]).kernel, at(polar, [1e-8, phi]).cokernel], [[], []]);
  });

  test('polar: M = J Jᵀ = R diag(1, r²) Rᵀ, its eigenvalues 1 and r² with the radial and tangential eigenvectors', () => {
    const r = 3;
    const rep = at(polar, [r, phi]);
    const c = Math.cos(phi),
      s = Math.sin(phi);
    assertAllClose(
      rep.preconditioner!,
      [
        [c * c + r * r * s * s, (1 - r * r) * s * c],
        [(1 - r * r) * s * c, s * s + r * r * c * c],
      ],
      1e-14,
      1e-14,
    );
    assertAllClose(rep.preconditionerEigenvalues!, [r * r, 1], 1e-13, 1e-13);
    // The largest eigenvector is tangential, ±(-sin φ, cos φ), the other radial, ±(cos φ, sin φ).
    const [v1, v2] = rep.preconditionerEigenvectors!;
    assertClose(Math.abs(v1[0] * -s + v1[1] * c), 1, 1e-12);
    assertClose(Math.abs(v2[0] * c + v2[1] * s), 1, 1e-12);
  });

  test('squared at w = (1, 1), (1, 1e-9), (1, 0): ranks 2, 2, 1 (the diagonal path)', () => {
    const reps = [
      [1, 1],
      [1, 1e-9],
      [1, 0],
    ].map((w) => at(squared, w));
    assert.deepEqual(
      reps.map((r) => r.rank),
      [2, 2, 1],
    );
    assert.deepEqual(
      reps.map((r) => r.singularValues),
      [
        [2, 2],
        [2, 2e-9],
        [2, 0],
      ],
    );
    assert.deepEqual(
      reps.map((r) => r.conditionNumber),
      [1, 2 / Number('2e-9'), Infinity],
      'σmax / σmin exactly',
    );
    assert.deepEqual(reps[2].kernel, [[0, 1]]);
    assert.deepEqual(reps[2].cokernel, [[0, 1]]);
    assert.deepEqual(reps[1].preconditioner, [
      [4, 0],
      [0, 2e-9 * 2e-9],
    ]);
    assert.deepEqual(reps[1].preconditionerEigenvalues, [4, 2e-9 * 2e-9]);
    assert.deepEqual(reps[1].preconditionerEigenvectors, [
      [1, 0],
      [0, 1],
    ]);
    reps.forEach(assertNullspaces);
  });

  test('the diagonal shortcut gives the same report as the full SVD', () => {
    for (const w of [
      [0.1, 1],
      [10, 1],
      [1, 0],
      [-3, 1e-9],
      [0, 0],
    ]) {
      const fast = at(squared, w);
      const full = analyzeMatrix(Float64Array.from(fast.J.flat()), 2, 2);
      assert.equal(fast.rank, full.rank, `rank at ${w}`);
      assertAllClose(fast.singularValues!, full.singularValues, 1e-15, 1e-14, `σ at ${w}`);
      assertClose(fast.tolerance!, full.tolerance, 1e-300, 1e-12);
      assert.equal(fast.kernel!.length, full.kernel.length);
      assertAllClose(fast.preconditioner!, full.preconditioner, 1e-15, 1e-14);
    }
  });

  test('a tolerance overrides the default: polar at r = 1e-8 with tol 1e-6 has rank 1', () => {
    const rep = at(polar, [1e-8, 0.5], 1e-6);
    assert.equal(rep.tolerance, 1e-6);
    assert.equal(rep.rank, 1);
    // The dropped direction is only zero up to the dropped singular value, r = 1e-8.
    assertNullspaces(rep, 1e-8 * (1 + 1e-9));
    assertAllClose(rep.kernel!, [[0, 1]], 1e-15);
    assert.equal(at(squared, [1, 1e-3], 0.01).rank, 1);
  });

  test('more outputs than parameters (q > p): the cokernel fills the rest of the output space', () => {
    const m = compileOk('param x\na = x\nb = 2 * x\nc = x^2');
    const rep = at(m, [1]);
    assert.equal(rep.rank, 1);
    assert.equal(rep.cokernel!.length, 2);
    assertNullspaces(rep);
    // M has rank 1: eigenvalues |J|² = 1 + 4 + 4 = 9, then two zeros.
    assertAllClose(rep.preconditionerEigenvalues!, [9, 0, 0], 1e-13, 1e-13);
  });

  test('more parameters than outputs (two-layer linear, p = 12, q = 3): a 9-dimensional kernel of symmetries', () => {
    const m = compileOk("param U[3,3], v[3]\nw = U' * v");
    const rep = at(m, [1, 0.2, 0, -0.5, 1, 0.3, 0.1, 0, 2, 1, 2, 3]);
    assert.equal(rep.rank, 3);
    assert.equal(rep.kernel!.length, 9);
    assertNullspaces(rep);
    // The rescaling symmetry U -> c U, v -> v / c is the direction (U, -v) and must lie in ker J.
    const x = [1, 0.2, 0, -0.5, 1, 0.3, 0.1, 0, 2, 1, 2, 3];
    const dir = [...x.slice(0, 9), ...x.slice(9).map((t) => -t)];
    assert.ok(norm(matVec(rep.J, dir)) < 1e-12);
  });

  test('identical tanh neurons: ker J is spanned by swapping the neurons, (1, -1, 0, 0) and (0, 0, 1, -1)', () => {
    const m = compileOk('const x = [1, -2, 0.5]\nparam a[2], b[2]\nF_k = sum(b .* tanh(a * x_k)) / sqrt(2)');
    const rep = at(m, [0.7, 0.7, 1, 1]);
    assert.equal(rep.rank, 2);
    assert.equal(rep.kernel!.length, 2);
    assertNullspaces(rep);
    const project = (v: number[]) => rep.kernel!.map((k) => k.reduce((s, t, i) => s + t * v[i], 0));
    for (const v of [
      [1, -1, 0, 0],
      [0, 0, 1, -1],
    ].map((u) => u.map((t) => t / Math.SQRT2)))
      assertClose(norm(project(v)), 1, 1e-12);
  });

  test('non-finite values are reported, never fed to an SVD', () => {
    const inverse = compileOk('param w[2]\nθ_i = 1 / w_i');
    const rep = at(inverse, [0, 1]);
    assert.equal(rep.finite, false);
    assert.deepEqual(rep.theta, [Infinity, 1]);
    assert.equal(rep.singularValues, undefined);
    assert.equal(rep.rank, undefined);
    assert.deepEqual(rep.at, { 'w[1]': 0, 'w[2]': 1 });
  });

  test('isDiagonalLike: at most one structural non-zero per row and per column', () => {
    assert.equal(isDiagonalLike(Uint8Array.of(1, 0, 0, 1), 2, 2), true);
    assert.equal(isDiagonalLike(Uint8Array.of(0, 1, 1, 0), 2, 2), true);
    assert.equal(isDiagonalLike(Uint8Array.of(1, 1, 0, 1), 2, 2), false);
    assert.equal(isDiagonalLike(Uint8Array.of(1, 0, 1, 0), 2, 2), false);
    assert.equal(isDiagonalLike(Uint8Array.of(1, 0, 0, 0, 0, 1), 2, 3), true);
  });
});
