import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import * as math from 'mathjs';
import { analyze, type CompiledModel } from '../../../src/core';
import { applyUnary } from '../../../src/core/symbolic/expr';
import { formatNumber, printText } from '../../../src/core/symbolic/printText';
import { assertClose, compileOk, evalAt } from '../../support/model';
import { expressionArb, VARS } from '../../support/expressions';

/** The symbolic Jacobian of a document as printed text, q rows x p columns ('0' for structural zeros). */
const jacobianText = (text: string) => analyze(text, { checkDerivatives: false }).jacobian;

/** mathjs scope functions for the language's functions mathjs does not have. */
const extraFunctions = {
  sigmoid: (x: number) => applyUnary('sigmoid', x),
  relu: (x: number) => applyUnary('relu', x),
  softplus: (x: number) => applyUnary('softplus', x),
  heaviside: (x: number) => applyUnary('heaviside', x),
};

/** Every printed output and J entry of `m`, evaluated by mathjs at `x` (scope built by `scope`), against our values. */
function assertRoundTrip(m: CompiledModel, x: number[], scope: Record<string, unknown>): void {
  const { theta, J } = evalAt(m, x);
  const check = (expr: Parameters<typeof printText>[0], ours: number, what: string) => {
    const text = printText(expr, m.params);
    const theirs = math.evaluate(text, { ...extraFunctions, ...scope }) as number;
    assert.equal(typeof theirs, 'number', `${what}: ${text} gave ${String(theirs)}`);
    assertClose(theirs, ours, 1e-12, 1e-10, `${what}: ${text}`);
  };
  m.symbolic.outputs.forEach((e, k) => check(e, theta[k], m.outputs[k]));
  for (const e of m.symbolic.entries) check(e.expr, J[e.row][e.col], `d ${m.outputs[e.row]} / d ${m.params[e.col]}`);
}

describe('printText: the Jacobians of the seeds read as a person would write them', () => {
  test('squared, inverse, polar, deep linear, tanh', () => {
    assert.deepEqual(jacobianText('param w[2]\nθ_i = w_i^2'), [
      ['2 * w[1]', '0'],
      ['0', '2 * w[2]'],
    ]);
    assert.deepEqual(jacobianText('param w[2]\nθ_i = 1 / w_i'), [
      ['-1 / w[1] ^ 2', '0'],
      ['0', '-1 / w[2] ^ 2'],
    ]);
    assert.deepEqual(jacobianText('θ1 = r * cos(φ)\nθ2 = r * sin(φ)'), [
      ['cos(φ)', '-r * sin(φ)'],
      ['sin(φ)', 'r * cos(φ)'],
    ]);
    assert.deepEqual(jacobianText("param U[2,2], v[2]\nw = U' * v"), [
      ['v[1]', '0', 'v[2]', '0', 'U[1,1]', 'U[2,1]'],
      ['0', 'v[1]', '0', 'v[2]', 'U[1,2]', 'U[2,2]'],
    ]);
    assert.deepEqual(jacobianText('param a, b\nF = b * tanh(a)'), [['b * (1 - tanh(a) ^ 2)', 'tanh(a)']]);
    assert.deepEqual(jacobianText('param x\nf = sqrt(x)\ng = exp(2 * x) / x'), [
      ['0.5 / sqrt(x)'],
      ['2 * exp(2 * x) / x - exp(2 * x) / x ^ 2'],
    ]);
  });

  test('numbers print so that mathjs reads them back exactly', () => {
    assert.deepEqual([0.1, 1e-7, 1 / 3, 1e21, -2.5, NaN, Infinity, -Infinity].map(formatNumber), [
      '0.1',
      '1e-7',
      '0.3333333333333333',
      '1e+21',
      '-2.5',
      'NaN',
      'Infinity',
      '-Infinity',
    ]);
    for (const v of [0.1, 1e-7, 1 / 3, 1e21, -2.5, Math.PI]) assert.equal(math.evaluate(formatNumber(v)), v);
  });
});

describe('printText: round trip through mathjs', () => {
  test('printed outputs and derivatives of generated expressions evaluate in mathjs to our values', () => {
    const point = fc.tuple(...VARS.map(() => fc.double({ min: -1.5, max: 1.5, noNaN: true })));
    fc.assert(
      fc.property(expressionArb, point, (expr, x) => {
        const m = compileOk(`param ${VARS.join(', ')}\nf = ${expr}`);
        const { theta } = evalAt(m, x);
        fc.pre(Number.isFinite(theta[0]) && Math.abs(theta[0]) < 1e6);
        assertRoundTrip(m, x, Object.fromEntries(VARS.map((n, i) => [n, x[i]])));
      }),
      { numRuns: 150, seed: 777 },
    );
  });

  test('indexed names w[1] and U[1,2] print as mathjs (1-based) indexing; Greek names print as written', () => {
    const m = compileOk("param w[2], U[2,2], φ\nθ = U * (w .^ 2) / (1 + φ^2) - sin(φ) * w\nψ = sum(U' * w) * cos(φ)");
    const x = [0.3, -1.2, 0.5, 2, -0.7, 1.1, 0.9];
    assertRoundTrip(m, x, { w: x.slice(0, 2), U: [x.slice(2, 4), x.slice(4, 6)], φ: x[6] });
  });

  test('functions mathjs does not have (sigmoid, relu, softplus) and the derivative helpers (heaviside, sign) round-trip too', () => {
    const m = compileOk('param x, y\nf = sigmoid(x * y) + relu(x - y) + softplus(2 * x) + abs(y) * x');
    for (const x of [
      [0.4, -0.3],
      [-1.1, 0.6],
    ])
      assertRoundTrip(m, x, { x: x[0], y: x[1] });
  });
});

describe('printText: expressions too large to print', () => {
  test('a product of 24 matrices (a DAG whose tree is exponential) is analysed quickly, with entries too large to print replaced', () => {
    const text = 'param A[2,2]\nM = ' + Array(24).fill('A').join(' * ') + '\nat A = [[0.5, 0.1], [0.2, 0.4]]';
    const started = Date.now();
    const r = analyze(text);
    assert.ok(Date.now() - started < 5000, `took ${Date.now() - started} ms`);
    assert.deepEqual(
      r.diagnostics.filter((d) => d.severity === 'error'),
      [],
    );
    for (const row of r.jacobian)
      for (const entry of row) assert.match(entry, /^<too large to print: \d+(\.\d+)?(e\+\d+)? nodes>$/);
    for (const row of r.jacobianTex)
      for (const entry of row) assert.match(entry, /^\\text\{too large to print: .* nodes\}$/);
    // The numbers are still there: A has eigenvalues 0.6 and 0.3, so A^24 has rank 2 and J (4 x 4) is non-singular.
    assert.equal(r.points[0].rank, 4);
  });
});
