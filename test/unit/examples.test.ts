import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { analyze, type AnalysisReport } from '../../src/core';
import { assertAllClose, exampleNames, readExample } from '../support/model';

const report = (name: string): AnalysisReport => analyze(readExample(name));
const findings = (r: AnalysisReport) => r.diagnostics.map((d) => [d.code, d.line]);

describe('examples', () => {
  test('there is a file for every system in the seeds, each opening with a comment that says what it shows', () => {
    assert.deepEqual(exampleNames(), [
      'deep-linear',
      'difference-of-squares',
      'elementwise-product',
      'inverse',
      'polar',
      'regular',
      'squared',
      'tanh-identical-neurons',
      'two-layer-linear',
    ]);
    for (const name of exampleNames()) assert.match(readExample(name), /^# \S/, name);
  });

  for (const name of exampleNames()) {
    test(`${name} analyses with no error, and every point is finite`, () => {
      const r = report(name);
      assert.deepEqual(
        r.diagnostics.filter((d) => d.severity === 'error'),
        [],
      );
      assert.ok(r.points.length > 0);
      assert.ok(r.points.every((p) => p.finite));
    });
  }

  test('regular: J = I and M = I at w = (1, 1)', () => {
    const r = report('regular');
    assert.deepEqual(
      r.points.map((p) => [p.J, p.preconditioner, p.rank]),
      [
        [
          [
            [1, 0],
            [0, 1],
          ],
          [
            [1, 0],
            [0, 1],
          ],
          2,
        ],
      ],
    );
    assert.deepEqual(r.diagnostics, []);
  });

  test("squared: the blog's panel points, M = diag(4 w²), and one warning at w = (1, 0)", () => {
    const r = report('squared');
    assert.deepEqual(
      r.points.map((p) => [p.at['w[1]'], p.at['w[2]']]),
      [
        [0.1, 1],
        [0.5, 1],
        [2, 1],
        [10, 1],
        [1, 0],
      ],
    );
    r.points.forEach((p) =>
      assertAllClose(
        p.preconditioner!,
        [
          [4 * p.at['w[1]'] ** 2, 0],
          [0, 4 * p.at['w[2]'] ** 2],
        ],
        1e-15,
        1e-15,
      ),
    );
    assert.deepEqual(
      r.points.map((p) => p.rank),
      [2, 2, 2, 2, 1],
    );
    assert.deepEqual(findings(r), [['rank-deficient', 11]]);
  });

  test("inverse: the blog's points, J = diag(-1 / w²), full rank everywhere", () => {
    const r = report('inverse');
    assert.deepEqual(
      r.points.map((p) => [p.at['w[1]'], p.at['w[2]']]),
      [
        [1, 1],
        [0.7, 1],
        [1, 0.7],
        [1, 0.2],
      ],
    );
    r.points.forEach((p) =>
      assertAllClose(
        p.J,
        [
          [-1 / p.at['w[1]'] ** 2, 0],
          [0, -1 / p.at['w[2]'] ** 2],
        ],
        1e-14,
        1e-14,
      ),
    );
    assert.deepEqual(
      r.points.map((p) => p.rank),
      [2, 2, 2, 2],
    );
    assert.deepEqual(r.diagnostics, []);
  });

  test('polar: φ = 0.5 with r = 0.3, 0.75, 1.5, 3; M has eigenvalues r² and 1; no warnings', () => {
    const r = report('polar');
    assert.deepEqual(
      r.points.map((p) => [p.at.r, p.at['φ']]),
      [
        [0.3, 0.5],
        [0.75, 0.5],
        [1.5, 0.5],
        [3, 0.5],
      ],
    );
    r.points.forEach((p) =>
      assertAllClose(
        [...p.preconditionerEigenvalues!].sort((a, b) => b - a),
        [Math.max(1, p.at.r ** 2), Math.min(1, p.at.r ** 2)],
        1e-14,
        1e-13,
      ),
    );
    assert.deepEqual(r.diagnostics, []);
  });

  test('deep linear: every point is the function w = (0, 1), and M = |v|² I + UᵀU (2 I for identity and rotations)', () => {
    const r = report('deep-linear');
    assert.equal(r.points.length, 5);
    for (const p of r.points) {
      assertAllClose(p.theta, [0, 1], 1e-15, 1e-15, 'w');
      const U = [
          [p.at['U[1,1]'], p.at['U[1,2]']],
          [p.at['U[2,1]'], p.at['U[2,2]']],
        ],
        v2 = p.at['v[1]'] ** 2 + p.at['v[2]'] ** 2;
      const UtU = [0, 1].map((i) => [0, 1].map((j) => U[0][i] * U[0][j] + U[1][i] * U[1][j]));
      assertAllClose(
        p.preconditioner!,
        UtU.map((row, i) => row.map((x, j) => x + (i === j ? v2 : 0))),
        1e-15,
        1e-14,
      );
    }
    assertAllClose(
      r.points[0].preconditioner!,
      [
        [2, 0],
        [0, 2],
      ],
      1e-15,
    );
    assertAllClose(
      r.points[1].preconditioner!,
      [
        [2, 0],
        [0, 2],
      ],
      1e-15,
    );
    assertAllClose(
      r.points[2].preconditioner!,
      [
        [2, 0],
        [0, 2],
      ],
      1e-15,
    );
    assertAllClose(
      r.points[3].preconditioner!,
      [
        [2, 1],
        [1, 3],
      ],
      1e-15,
    );
    assertAllClose(
      r.points[4].preconditioner!,
      [
        [0.5, 0],
        [0, 4.25],
      ],
      1e-15,
    );
    assert.deepEqual(r.diagnostics, []);
  });

  test('two-layer linear: rank 3 at U = I, rank 0 (the zero matrix) at U = 0, v = 0', () => {
    const r = report('two-layer-linear');
    assert.deepEqual(
      r.points.map((p) => p.rank),
      [3, 0, 3],
    );
    assert.deepEqual(
      r.points[1].J,
      Array.from({ length: 3 }, () => new Array(12).fill(0)),
    );
    assert.equal(r.points[1].cokernel!.length, 3);
    assert.deepEqual(findings(r), [['rank-deficient', 7]]);
    assert.match(
      r.diagnostics[0].message,
      /^J has rank 0 of 3 at U = \[\[0, 0, 0\], \[0, 0, 0\], \[0, 0, 0\]\], v = \(0, 0, 0\): ghost saddle: the parametric gradient cannot see w\[1\]; w\[2\]; w\[3\]$/,
    );
  });

  test('tanh with identical neurons: rank 3 at a generic point, rank 2 of 3 where the neurons coincide', () => {
    const r = report('tanh-identical-neurons');
    assert.deepEqual(
      r.points.map((p) => p.rank),
      [3, 2],
    );
    assert.deepEqual(r.points[1].at, { 'a[1]': 0.7, 'a[2]': 0.7, 'b[1]': 1, 'b[2]': 1 });
    assert.deepEqual(findings(r), [['rank-deficient', 9]]);
    assert.match(r.diagnostics[0].message, /^J has rank 2 of 3 at a = \(0\.7, 0\.7\), b = \(1, 1\)/);
  });

  test('elementwise product and difference of squares lose rank only where u_i = v_i = 0', () => {
    const prod = report('elementwise-product');
    assert.deepEqual(
      prod.points.map((p) => p.rank),
      [3, 2],
    );
    assert.deepEqual(prod.points[1].cokernel, [[0, 1, 0]]);
    assert.deepEqual(findings(prod), [['rank-deficient', 6]]);
    const squares = report('difference-of-squares');
    assert.deepEqual(
      squares.points.map((p) => p.rank),
      [2, 1],
    );
    assert.deepEqual(squares.points[1].cokernel, [[0, 1]]);
    assert.deepEqual(findings(squares), [['rank-deficient', 6]]);
  });
});
