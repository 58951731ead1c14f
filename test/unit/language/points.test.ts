import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { findTarget } from '../../../src/core/language/points';
import type { ParamInfo } from '../../../src/core/language/declarations';
import { compileOk, errorsOf } from '../../support/model';

const span = { line: 1, column: 1, endLine: 1, endColumn: 2 };
const pts = (text: string) =>
  compileOk(text).points.map((p) => ({
    values: Array.from(p.values),
    span: [p.span.line, p.span.column, p.span.endLine, p.span.endColumn],
    label: p.label,
  }));

describe('points: `at` lines become full parameter vectors', () => {
  test('several `at` lines, values as expressions (pi/3, e, sqrt(2)), in file order with their spans', () => {
    const got = pts('param w[3]\nθ_i = w_i^2\nat w = [1, 0, -2]\nat w = [pi/3, e, sqrt(2)]');
    assert.deepEqual(got, [
      { values: [1, 0, -2], span: [3, 1, 3, 18], label: 'w = (1, 0, -2)' },
      { values: [Math.PI / 3, Math.E, Math.SQRT2], span: [4, 1, 4, 26], label: 'w = (1.047, 2.718, 1.414)' },
    ]);
  });

  test('a matrix and a vector on one line: `at U = [[1,0],[0,1]], v = [0, 1]` (U row-major)', () => {
    const [p] = pts("param U[2,2], v[2]\nw = U' * v\nat U = [[1,2],[3,4]], v = [0, 1]");
    assert.deepEqual(p.values, [1, 2, 3, 4, 0, 1]);
    assert.equal(p.label, 'U = [[1, 2], [3, 4]], v = (0, 1)');
  });

  test('scalars with Unicode names, entries by w[1] or the shorthand w1 / w_1, constants in values', () => {
    assert.deepEqual(
      pts('θ1 = r * cos(φ)\nθ2 = r * sin(φ)\nat r = 0.3, φ = 0.5').map((p) => [p.values, p.label]),
      [[[0.3, 0.5], 'r = 0.3, φ = 0.5']],
    );
    const text =
      'const c = [2, 3]\nparam w[2]\nθ_i = w_i^2\nat w1 = 1, w2 = 0\nat w[1] = 3, w[2] = pi/3\nat w_1 = 5, w_2 = -1\nat w = 2 * c';
    assert.deepEqual(
      pts(text).map((p) => p.values),
      [
        [1, 0],
        [3, Math.PI / 3],
        [5, -1],
        [4, 6],
      ],
    );
  });
});

describe('points: errors with their ranges', () => {
  const errs = (text: string) => errorsOf(text).map((e) => [e.code, e.span, e.message]);

  test('a point that misses a parameter is an error on the whole `at` line', () => {
    assert.deepEqual(errs('param w[2], r\nθ = w * r\nat w = [1, 2]'), [
      ['point', [3, 1, 3, 14], 'the point misses parameter `r`'],
    ]);
    assert.deepEqual(errs('param a, b, c\nθ = a * b * c\nat b = 1'), [
      ['point', [3, 1, 3, 9], 'the point misses parameters `a`, `c`'],
    ]);
    assert.deepEqual(errs('param w[2]\nθ = w\nat w[1] = 1'), [
      ['point', [3, 1, 3, 12], 'the point misses parameter `w`'],
    ]);
  });

  test('a value of the wrong shape is an error at the value', () => {
    assert.deepEqual(errs('param w[2]\nθ = w\nat w = [1, 2, 3]'), [
      ['point', [3, 8, 3, 17], '`w` is a vector of 2, but the value is a vector of 3'],
    ]);
    assert.deepEqual(errs('param U[2,2]\nθ = U\nat U = [1, 0]'), [
      ['point', [3, 8, 3, 14], '`U` is a 2x2 matrix, but the value is a vector of 2'],
    ]);
    assert.deepEqual(errs('param r\nθ = r\nat r = [1, 2]'), [
      ['point', [3, 8, 3, 14], '`r` is a scalar, but the value is a vector of 2'],
    ]);
    assert.deepEqual(errs('param w[2]\nθ = w\nat w[1] = [1, 2], w[2] = 0'), [
      ['shape', [3, 11, 3, 17], '`w` is one entry; give a number, not a vector of 2'],
    ]);
  });

  test('unknown parameters, indexes out of range, values that are not finite numbers', () => {
    assert.deepEqual(errs('param w[2]\nθ = w\nat z = 1'), [['unknown-symbol', [3, 4, 3, 5], 'unknown parameter `z`']]);
    assert.deepEqual(errs('param w[2]\nθ = w\nat w[3] = 1'), [
      ['index-range', [3, 4, 3, 8], 'index 3 is out of range 1..2 for `w`'],
    ]);
    assert.deepEqual(errs('param r\nθ = r\nat r = 1/0'), [['non-finite', [3, 8, 3, 11], 'this value is infinite']]);
    assert.deepEqual(errs('param r\nθ = r\nat r = x'), [
      ['unknown-symbol', [3, 8, 3, 9], 'unknown symbol `x`: only numbers, pi, e and constants can be used here'],
    ]);
  });

  test('each bad `at` line is its own error', () => {
    assert.deepEqual(
      errorsOf('param w[2]\nθ = w\nat w = [1]\nat w = [1, 2]\nat v = 1').map((e) => [e.code, e.span[0]]),
      [
        ['point', 3],
        ['unknown-symbol', 5],
      ],
    );
  });
});

describe('points: helpers', () => {
  const params: ParamInfo[] = [
    { name: 'w', shape: [2], offset: 0, span },
    { name: 'U', shape: [2, 2], offset: 2, span },
    { name: 'r', shape: [], offset: 6, span },
  ];

  test('findTarget resolves names, w1 and w_1 shorthands for vectors, and nothing else', () => {
    assert.equal(findTarget(params, 'r', undefined)?.param.name, 'r');
    assert.deepEqual(findTarget(params, 'w1', undefined)?.index, [1]);
    assert.deepEqual(findTarget(params, 'w_2', undefined)?.index, [2]);
    assert.equal(findTarget(params, 'U1', undefined), undefined, 'a matrix has no single-number shorthand');
    assert.equal(findTarget(params, 'z', undefined), undefined);
  });
});
