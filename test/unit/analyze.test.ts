import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { analyze, BudgetExceededError, pointFromNames, type AnalysisReport } from '../../src/core';
import { compileOk, readExample } from '../support/model';

const POLAR = 'θ1 = r * cos(φ)\nθ2 = r * sin(φ)';
const withoutStats = (r: AnalysisReport) => ({ ...r, stats: { ...r.stats, parseMs: 0, jacobianMs: 0, evaluateMs: 0 } });
const diags = (r: AnalysisReport) =>
  r.diagnostics.map((d) => [d.severity, d.code, d.line, d.column, d.endLine, d.endColumn, d.message]);

describe('analyze: the report', () => {
  test('squared: params, outputs, symbolic J, sites, and one report per point', () => {
    const r = analyze(readExample('squared'));
    assert.deepEqual(r.params, ['w[1]', 'w[2]']);
    assert.deepEqual(r.outputs, ['θ[1]', 'θ[2]']);
    assert.deepEqual(r.jacobian, [
      ['2 * w[1]', '0'],
      ['0', '2 * w[2]'],
    ]);
    assert.deepEqual(r.jacobianTex, [
      ['2 \\cdot w_{1}', '0'],
      ['0', '2 \\cdot w_{2}'],
    ]);
    assert.deepEqual(r.outputSites, [
      { name: 'θ[1]', span: { line: 5, column: 1, endLine: 5, endColumn: 4 } },
      { name: 'θ[2]', span: { line: 5, column: 1, endLine: 5, endColumn: 4 } },
    ]);
    assert.deepEqual(
      r.paramSites.map((s) => [s.name, s.span.line, s.span.column]),
      [
        ['w[1]', 4, 7],
        ['w[2]', 4, 7],
      ],
    );
    assert.deepEqual(
      r.points.map((p) => p.at),
      [
        [0.1, 1],
        [0.5, 1],
        [2, 1],
        [10, 1],
        [1, 0],
      ].map(([a, b]) => ({ 'w[1]': a, 'w[2]': b })),
    );
    assert.deepEqual(
      r.points.map((p) => p.rank),
      [2, 2, 2, 2, 1],
    );
    assert.deepEqual(r.points[3].theta, [100, 1]);
    assert.deepEqual(r.points[3].J, [
      [20, 0],
      [0, 2],
    ]);
    assert.deepEqual(
      r.points.map((p) => p.span?.line),
      [6, 7, 8, 9, 11],
    );
    assert.equal(r.stats.nodes > 0, true);
  });

  test('a rank-deficient point is a warning on its `at` line, naming the rank and the ghost direction, with related definitions', () => {
    const r = analyze(readExample('squared'));
    assert.deepEqual(r.diagnostics, [
      {
        severity: 'warning',
        code: 'rank-deficient',
        message: 'J has rank 1 of 2 at w = (1, 0): ghost saddle: the parametric gradient cannot see θ[2]',
        line: 11,
        column: 1,
        endLine: 11,
        endColumn: 14,
        related: [
          {
            line: 5,
            column: 1,
            endLine: 5,
            endColumn: 4,
            message: 'θ[2] takes part in the lost direction (coefficient 1.00)',
          },
        ],
      },
    ]);
  });

  test('a ghost direction that mixes outputs names every output in it, each with its definition', () => {
    const r = analyze(readExample('tanh-identical-neurons'));
    assert.equal(r.diagnostics.length, 1);
    const [d] = r.diagnostics;
    assert.equal(d.code, 'rank-deficient');
    assert.equal(d.line, 9);
    assert.match(
      d.message,
      /^J has rank 2 of 3 at a = \(0\.7, 0\.7\), b = \(1, 1\): ghost saddle: the parametric gradient cannot see .*F\[1\].*F\[2\].*F\[3\]$/,
    );
    assert.deepEqual(
      d.related!.map((x) => [x.line, x.message.split(' ')[0]]),
      [
        [7, 'F[1]'],
        [7, 'F[2]'],
        [7, 'F[3]'],
      ],
    );
    // The direction named is the cokernel: Jᵀ c = 0 (checked in pointReport), here its coefficients as printed.
    const c = r.points[1].cokernel![0];
    const coefficient = Number.parseFloat(Math.abs(c[0]).toPrecision(4)).toString();
    assert.ok(d.message.includes(`${c[0] < 0 ? '−' : ''}${coefficient} F[1]`), `${d.message} should name ${c[0]}·F[1]`);
  });

  test('a near-singular point is information with the condition number; a tolerance can turn it into a rank loss', () => {
    const text = `${POLAR}\nat r = 1e-8, φ = 0.5`;
    assert.deepEqual(diags(analyze(text)), [
      [
        'information',
        'near-singular',
        3,
        1,
        3,
        21,
        'J is near-singular at r = 1e-8, φ = 0.5: condition number 1.00e+8',
      ],
    ]);
    const r = analyze(text, { tol: 1e-6 });
    assert.equal(r.points[0].rank, 1);
    assert.equal(r.points[0].tolerance, 1e-6);
    assert.deepEqual(
      diags(r).map((d) => d.slice(0, 3)),
      [['warning', 'rank-deficient', 3]],
    );
    assert.match(
      r.diagnostics[0].message,
      /^J has rank 1 of 2 at r = 1e-8, φ = 0\.5: ghost saddle: the parametric gradient cannot see −0\.4794 θ1 \+ 0\.8776 θ2$/,
    );
  });

  test('polar at r = 1, 1e-8, 1e-17, 0: no finding, information, then two warnings', () => {
    const r = analyze(`${POLAR}\nat r = 1, φ = 0.5\nat r = 1e-8, φ = 0.5\nat r = 1e-17, φ = 0.5\nat r = 0, φ = 0.5`);
    assert.deepEqual(
      r.points.map((p) => p.rank),
      [2, 2, 1, 1],
    );
    assert.deepEqual(
      r.diagnostics.map((d) => [d.line, d.code]),
      [
        [4, 'near-singular'],
        [5, 'rank-deficient'],
        [6, 'rank-deficient'],
      ],
    );
  });

  test('a non-finite value at a point is an error there, and the other points are still analysed', () => {
    const r = analyze('param w[2]\nθ_i = 1 / w_i\nat w = [0, 1]\nat w = [2, 4]');
    assert.deepEqual(diags(r), [
      ['error', 'non-finite', 3, 1, 3, 14, 'non-finite value at w = (0, 1): θ[1] = Infinity; no rank analysis there'],
    ]);
    assert.equal(r.points[0].finite, false);
    assert.deepEqual(r.points[1].J, [
      [-0.25, 0],
      [0, -1 / 16],
    ]);
    assert.equal(r.points[1].rank, 2);
  });

  test('a file with errors yields every error and no model', () => {
    const text = [
      'param w[2], r', // 1
      'θ = w3 * r', // 2 unknown symbol
      'θ = w * r', // 3 defined twice
      'φ_k = r', // 4 index with no range
      'ψ = x +* y', // 5 syntax error
      'χ = config(r)', // 6 not allowed
      'at w = [1, 2]', // 7 misses r
      'at w = [1, 2, 3], r = 1', // 8 wrong shape
      `# ${'x'.repeat(2000)}`, // 9 too long
    ].join('\n');
    const r = analyze(text);
    assert.deepEqual(
      r.diagnostics.map((d) => [d.line, d.code]).sort((a, b) => (a[0] as number) - (b[0] as number)),
      [
        [2, 'unknown-symbol'],
        [3, 'duplicate-output'],
        [4, 'index-range'],
        [5, 'syntax'],
        [6, 'not-allowed'],
        [7, 'point'],
        [8, 'point'],
        [9, 'limit'],
      ],
    );
    assert.ok(r.diagnostics.every((d) => d.severity === 'error'));
    assert.deepEqual([r.params, r.outputs, r.jacobian, r.points], [[], [], [], []]);
  });

  test('a hostile document analysed first does not change the results of a normal one', () => {
    const normal = readExample('polar');
    const before = withoutStats(analyze(normal));
    const hostile = [
      'a = config({number: "BigNumber"})',
      'b = createUnit("r")',
      'c = import({cos: sin})',
      'd = evaluate("pi = 3")',
      'e2 = parse("1")',
      'f = (cos(x) = sin(x))',
      'pi = 3',
      'cos = 2',
      'g = r.constructor',
      'h = range(1, 3)',
    ].join('\n');
    const h = analyze(hostile);
    assert.equal(h.diagnostics.filter((d) => d.severity === 'error').length, 10);
    assert.deepEqual(withoutStats(analyze(normal)), before);
    assert.deepEqual(before.points[0].theta, [0.3 * Math.cos(0.5), 0.3 * Math.sin(0.5)]);
  });

  test('checkDerivatives: false skips the check; the examples pass it', () => {
    for (const name of ['squared', 'polar', 'tanh-identical-neurons', 'deep-linear']) {
      assert.ok(!analyze(readExample(name)).diagnostics.some((d) => d.code === 'derivative-mismatch'), name);
    }
    assert.deepEqual(analyze(readExample('polar'), { checkDerivatives: false }).diagnostics, []);
  });

  test('a deadline in the past stops the analysis with BudgetExceededError', () => {
    assert.throws(
      () => analyze(readExample('polar'), { deadline: Date.now() - 1 }),
      (e: unknown) => e instanceof BudgetExceededError && /time budget/.test((e as Error).message),
    );
  });
});

describe('analyze: extra points by name', () => {
  test('extraPoints by full name, by the w1 shorthand, missing ones from the first `at` point', () => {
    const r = analyze(readExample('squared'), { extraPoints: [{ 'w[1]': 3 }, { w1: 1, w2: 0 }] });
    assert.equal(r.points.length, 7);
    assert.deepEqual(r.points[5].at, { 'w[1]': 3, 'w[2]': 1 });
    assert.deepEqual(r.points[6].at, { 'w[1]': 1, 'w[2]': 0 });
    assert.equal(r.points[6].rank, 1);
    assert.equal(r.points[6].span, undefined);
    // A finding at a point without a line is reported on the first definition.
    const last = r.diagnostics[r.diagnostics.length - 1];
    assert.deepEqual(
      [last.code, last.line, last.message],
      ['rank-deficient', 5, 'J has rank 1 of 2 at w = (1, 0): ghost saddle: the parametric gradient cannot see θ[2]'],
    );
  });

  test('pointFromNames fills a parameter vector and rejects unknown or missing names', () => {
    const m = compileOk(readExample('squared'));
    assert.deepEqual(Array.from(pointFromNames(m, { w1: 4, 'w[2]': 5 })), [4, 5]);
    assert.deepEqual(Array.from(pointFromNames(m, { w_2: 5 }, Float64Array.of(1, 1))), [1, 5]);
    assert.throws(() => pointFromNames(m, { w1: 4 }), /the point misses w\[2\]/);
    assert.throws(
      () => pointFromNames(m, { z: 1, w1: 1, w2: 1 }),
      /unknown parameter `z` \(parameters: w\[1\], w\[2\]\)/,
    );
    const p = compileOk(`${POLAR}`);
    assert.deepEqual(Array.from(pointFromNames(p, { φ: 2, r: 1 })), [1, 2]);
  });
});
