import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { ALLOWED_FUNCTIONS } from '../../../src/core/language/allowlist';
import { analyze } from '../../../src/core';
import { compileOk, errorsOf, evalAt } from '../../support/model';

/** The one error of `θ = <expr>` (the expression starts at column 5) as [code, span, message]. */
function rejection(expr: string): [string, number[], string] {
  const errs = errorsOf(`θ = ${expr}`);
  assert.equal(errs.length, 1, `${expr}: ${JSON.stringify(errs)}`);
  return [errs[0].code, errs[0].span, errs[0].message];
}

describe('allowlist: what the language keeps', () => {
  test('exactly the scalar functions and the vector reductions are callable', () => {
    assert.deepEqual([...ALLOWED_FUNCTIONS].sort(), [
      'abs',
      'acos',
      'asin',
      'atan',
      'cos',
      'cosh',
      'cube',
      'dot',
      'exp',
      'log',
      'norm',
      'prod',
      'relu',
      'sigmoid',
      'sin',
      'sinh',
      'softplus',
      'sqrt',
      'square',
      'sum',
      'tan',
      'tanh',
      'transpose',
    ]);
  });

  test('every allowed operator and function is accepted', () => {
    const m = compileOk(
      [
        'param u[2], v[2], x',
        'a = u .* v',
        'b = u ./ v',
        'c = u .^ 2',
        "d = u' * v",
        'e1 = -x + +x - x / 2 ^ x',
        'f = sin(x) + cos(x) + tan(x) + asin(x / 9) + acos(x / 9) + atan(x) + sinh(x) + cosh(x) + tanh(x)',
        'g = exp(x) + log(x) + sqrt(x) + abs(x) + sigmoid(x) + relu(x) + softplus(x)',
        'h = sum(u) + prod(v) + dot(u, v) + norm(u) + square(x) + cube(x) + transpose(u) * v',
      ].join('\n'),
    );
    assert.equal(m.q, 2 + 2 + 2 + 1 + 1 + 1 + 1 + 1);
  });
});

describe('allowlist: everything else of mathjs is rejected at its position', () => {
  test('functions that reach mathjs internals are not callable (the span is the function name)', () => {
    const notAllowed = (name: string) => new RegExp(`^the function \`${name}\` is not allowed; allowed: sin, cos, `);
    for (const [expr, end] of [
      ['config(x)', 11],
      ['createUnit(x)', 15],
      ['evaluate(x)', 13],
      ['parse(x)', 10],
      ['range(1, 3)', 10],
      ['zeros(2)', 10],
      ['import(x)', 11],
    ] as const) {
      const [code, span, message] = rejection(expr);
      assert.equal(code, 'not-allowed', expr);
      assert.deepEqual(span, [1, 5, 1, end], expr);
      assert.match(message, notAllowed(expr.slice(0, expr.indexOf('('))), expr);
    }
    // The piecewise-constant helpers exist internally (derivatives of abs and relu) but are not part of the language.
    assert.equal(rejection('sign(x)')[0], 'not-allowed');
    assert.equal(rejection('heaviside(x)')[0], 'not-allowed');
  });

  test('strings, in any call, are rejected at the string', () => {
    assert.deepEqual(rejection('createUnit("foo")'), [
      'not-allowed',
      [1, 16, 1, 21],
      'strings are not part of the language',
    ]);
    assert.deepEqual(rejection('evaluate("1 + 1")'), [
      'not-allowed',
      [1, 14, 1, 21],
      'strings are not part of the language',
    ]);
    assert.deepEqual(rejection('"abc"'), ['not-allowed', [1, 5, 1, 10], 'strings are not part of the language']);
    assert.deepEqual(rejection("'abc'"), ['not-allowed', [1, 5, 1, 10], 'strings are not part of the language']);
  });

  test('function definitions, property access, conditionals, ranges, comparisons and other operators', () => {
    assert.deepEqual(
      errorsOf('f(x) = x^2').map((e) => [e.code, e.span]),
      [['syntax', [1, 1, 1, 5]]],
    );
    assert.deepEqual(rejection('(f(x) = x^2)'), [
      'not-allowed',
      [1, 5, 1, 17],
      'a function definition is not part of the language',
    ]);
    assert.deepEqual(rejection('(y = 2)'), [
      'not-allowed',
      [1, 5, 1, 12],
      'an assignment inside an expression is not part of the language',
    ]);
    assert.deepEqual(rejection('a.b'), ['not-allowed', [1, 5, 1, 6], 'property access `.b` is not allowed']);
    assert.deepEqual(rejection('a ? b : c'), [
      'not-allowed',
      [1, 5, 1, 14],
      'a conditional (a ? b : c) is not part of the language',
    ]);
    assert.deepEqual(rejection('1:3'), ['not-allowed', [1, 5, 1, 8], 'a range (a:b) is not part of the language']);
    assert.deepEqual(rejection('x == y'), [
      'not-allowed',
      [1, 5, 1, 11],
      "the operator `==` is not allowed (allowed: + - * / ^ .* ./ .^ ')",
    ]);
    assert.deepEqual(rejection('x < y').slice(0, 2), ['not-allowed', [1, 5, 1, 10]]);
    assert.deepEqual(rejection('x % 2').slice(0, 2), ['not-allowed', [1, 5, 1, 10]]);
    assert.deepEqual(rejection('x!').slice(0, 2), ['not-allowed', [1, 5, 1, 6]]);
    assert.deepEqual(rejection('true'), [
      'not-allowed',
      [1, 5, 1, 9],
      '`true` is not allowed: only numbers, parameters and constants',
    ]);
    assert.deepEqual(rejection('[1, 2][1]'), [
      'not-allowed',
      [1, 5, 1, 14],
      'only a named parameter or constant can be indexed, like w[1] or U[1,2]',
    ]);
    assert.deepEqual(rejection('{a: 1}').slice(0, 2), ['not-allowed', [1, 5, 1, 11]]);
    assert.equal(rejection('{a: 1}')[2], 'an object literal is not part of the language');
  });

  test('an index must be a whole number or an index letter', () => {
    const errs = errorsOf('param w[3]\nθ = w[1 + 1]');
    assert.deepEqual(
      errs.map((e) => [e.code, e.span, e.message]),
      [['not-allowed', [2, 5, 2, 6], 'an index must be a whole number or an index letter, like w[2] or w[i]']],
    );
  });

  test('several rejected expressions in one file each get their own diagnostic', () => {
    const errs = errorsOf('a1 = config(x)\na2 = x.y\na3 = 1:2\na4 = x^2');
    assert.deepEqual(
      errs.map((e) => [e.code, e.span[0], e.span[1]]),
      [
        ['not-allowed', 1, 6],
        ['not-allowed', 2, 6],
        ['not-allowed', 3, 6],
      ],
    );
  });
});

describe('allowlist: no units, no complex numbers, no imaginary unit', () => {
  test('a unit name is an unknown symbol when parameters are declared (no metres, no centimetres)', () => {
    assert.deepEqual(
      errorsOf('param x\nθ = 5 cm').map((e) => [e.code, e.span, e.message]),
      [['unknown-symbol', [2, 7, 2, 9], 'unknown symbol `cm`']],
    );
    assert.deepEqual(
      errorsOf('param x\nθ = x * m').map((e) => [e.code, e.span, e.message]),
      [['unknown-symbol', [2, 9, 2, 10], 'unknown symbol `m`']],
    );
  });

  test('without `param` lines a unit name is just a parameter, with no unit arithmetic', () => {
    const m = compileOk('θ = 5 cm + 2 m');
    assert.deepEqual(m.params, ['cm', 'm']);
    // 5 * 3 + 2 * 7 = 29: plain numbers, no conversion between cm and m.
    assert.deepEqual(evalAt(m, [3, 7]).theta, [29]);
  });

  test('`i` is not the imaginary unit', () => {
    assert.deepEqual(
      errorsOf('param x\nθ = i * x').map((e) => [e.code, e.span, e.message]),
      [['unknown-symbol', [2, 5, 2, 6], 'unknown symbol `i`']],
    );
    const m = compileOk('θ = i * x + i^2');
    assert.deepEqual(m.params, ['i', 'x']);
    // With i = 2, x = 3: 6 + 4 = 10 (a complex i would give 3i - 1).
    assert.deepEqual(evalAt(m, [2, 3]).theta, [10]);
  });

  test('sqrt of a negative number is NaN, reported as a non-finite value at the point, not a crash', () => {
    const r = analyze('θ = sqrt(x)\nat x = -1');
    assert.deepEqual(
      r.diagnostics.map((d) => [d.severity, d.code, d.line, d.column, d.endLine, d.endColumn, d.message]),
      [['error', 'non-finite', 2, 1, 2, 10, 'non-finite value at x = -1: θ = NaN; no rank analysis there']],
    );
    assert.equal(r.points[0].finite, false);
    assert.ok(Number.isNaN(r.points[0].theta[0]));
    assert.equal(r.points[0].rank, undefined);
    // A constant that is not a real number is an error at the constant's value (spans cover the leaves: `sqrt(-1`).
    assert.deepEqual(
      errorsOf('const c = sqrt(-1)\nθ = c * x').map((e) => [e.code, e.span, e.message]),
      [['non-finite', [1, 11, 1, 18], 'this value is not a real number (NaN)']],
    );
  });
});
