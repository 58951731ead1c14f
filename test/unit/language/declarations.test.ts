import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { entryName, reservedNameProblem, sizeOf } from '../../../src/core/language/declarations';
import { compileOk, errorsOf, evalAt } from '../../support/model';

describe('declarations', () => {
  test('entry names: scalars as written, vectors w[k], matrices U[i,j] row-major', () => {
    assert.equal(entryName('r', [], 0), 'r');
    assert.equal(entryName('θ', [3], 1), 'θ[2]');
    assert.deepEqual(
      [0, 1, 2, 3, 4, 5].map((k) => entryName('U', [2, 3], k)),
      ['U[1,1]', 'U[1,2]', 'U[1,3]', 'U[2,1]', 'U[2,2]', 'U[2,3]'],
    );
    assert.deepEqual([sizeOf([]), sizeOf([4]), sizeOf([2, 3])], [1, 4, 6]);
  });

  test('reserved names: the constants, the functions and the keywords', () => {
    assert.equal(reservedNameProblem('pi'), '`pi` is a constant');
    assert.equal(reservedNameProblem('e'), '`e` is a constant');
    assert.equal(reservedNameProblem('tanh'), '`tanh` is a function name');
    assert.equal(reservedNameProblem('param'), '`param` is a keyword');
    assert.equal(reservedNameProblem('w'), undefined);
  });

  test('a parameter declared twice, or with a reserved name, is an error at its name', () => {
    assert.deepEqual(
      errorsOf('param w[2], w\nθ = w').map((e) => [e.code, e.span, e.message]),
      [['duplicate-param', [1, 13, 1, 14], 'parameter `w` is declared twice']],
    );
    assert.deepEqual(
      errorsOf('param x\nparam x\nθ = x').map((e) => [e.code, e.span]),
      [['duplicate-param', [2, 7, 2, 8]]],
    );
    assert.deepEqual(
      errorsOf('param pi, x\nθ = x').map((e) => [e.code, e.span, e.message]),
      [['not-allowed', [1, 7, 1, 9], '`pi` is a constant and cannot be a parameter']],
    );
    assert.deepEqual(
      errorsOf('param exp\nθ = exp')
        .map((e) => [e.code, e.message])
        .slice(0, 1),
      [['not-allowed', '`exp` is a function name and cannot be a parameter']],
    );
  });

  test('constants are numbers: they may use pi, e, functions and earlier constants', () => {
    const m = compileOk('const a = 2\nconst b = [a, a^2, pi]\nconst c = 2 * b + cos(0)\nparam w[3]\nθ = c .* w');
    // c = 2 (2, 4, pi) + 1 = (5, 9, 2 pi + 1): θ_k = c_k w_k, so J = diag(c).
    const { J } = evalAt(m, [1, 1, 1]);
    assert.deepEqual(J, [
      [5, 0, 0],
      [0, 9, 0],
      [0, 0, 2 * Math.PI + 1],
    ]);
  });

  test('constants cannot use parameters, be redefined, or shadow a parameter', () => {
    assert.deepEqual(
      errorsOf('param w\nconst c = w\nθ = w').map((e) => [e.code, e.span, e.message]),
      [['unknown-symbol', [2, 11, 2, 12], 'unknown symbol `w`: only numbers, pi, e and constants can be used here']],
    );
    assert.deepEqual(
      errorsOf('const c = 1\nconst c = 2\nθ = c * x').map((e) => [e.code, e.span, e.message]),
      [['duplicate-output', [2, 7, 2, 8], '`c` is defined twice']],
    );
    assert.deepEqual(
      errorsOf('param w\nconst w = 2\nθ = w').map((e) => [e.code, e.span]),
      [['duplicate-output', [2, 7, 2, 8]]],
    );
    assert.deepEqual(
      errorsOf('const e = 2\nθ = x').map((e) => [e.code, e.message]),
      [['not-allowed', '`e` is a constant and cannot be redefined']],
    );
  });
});
