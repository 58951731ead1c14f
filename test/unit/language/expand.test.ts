import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { parseMath } from '../../../src/core/language/mathjsParser';
import { symbolsInOrder } from '../../../src/core/language/expand';
import { compileOk, errorsOf, evalAt } from '../../support/model';

/** theta of `param u[3], v[3], U[2,3], s` + one definition, at u = (1,2,3), v = (4,5,6), U = [[1,2,3],[4,5,6]], s = 2. */
function value(def: string): number[] {
  const m = compileOk(`param u[3], v[3], U[2,3], s\n${def}`);
  return evalAt(m, [1, 2, 3, 4, 5, 6, 1, 2, 3, 4, 5, 6, 2]).theta;
}

describe('expand: shapes follow mathjs', () => {
  test('products: scalar * vector, matrix * vector, vector * matrix, vector * vector (dot), matrix * matrix', () => {
    assert.deepEqual(value('a = s * u'), [2, 4, 6]);
    assert.deepEqual(value('a = U * u'), [14, 32]);
    assert.deepEqual(value('a = [1, 1] * U'), [5, 7, 9]);
    assert.deepEqual(value('a = u * v'), [32]);
    assert.deepEqual(value("a = U * U'"), [14, 32, 32, 77]);
    assert.deepEqual(value("a = U' * [1, 1]"), [5, 7, 9]);
  });

  test("the transpose of a vector is the vector; transpose(U) equals U'", () => {
    assert.deepEqual(value("a = u'"), [1, 2, 3]);
    assert.deepEqual(value('a = transpose(U)'), value("a = U'"));
    assert.deepEqual(value("a = U'"), [1, 4, 2, 5, 3, 6]);
  });

  test('reductions and helpers: sum, prod, dot, norm, square, cube', () => {
    assert.deepEqual(value('a = sum(u)'), [6]);
    assert.deepEqual(value('a = sum(U)'), [21]);
    assert.deepEqual(value('a = prod(v)'), [120]);
    assert.deepEqual(value('a = dot(u, v)'), [32]);
    assert.deepEqual(value('a = norm([3, 4] * s)'), [10]);
    assert.deepEqual(value('a = square(u)'), [1, 4, 9]);
    assert.deepEqual(value('a = cube(s)'), [8]);
    assert.deepEqual(value('a = exp(0 * u)'), [1, 1, 1]);
  });

  test('elementwise division and powers broadcast scalars; / divides by a scalar', () => {
    assert.deepEqual(value('a = u ./ s'), [0.5, 1, 1.5]);
    assert.deepEqual(value('a = s .^ u'), [2, 4, 8]);
    assert.deepEqual(value('a = v / s'), [2, 2.5, 3]);
    assert.deepEqual(value('a = -u + +v'), [3, 3, 3]);
  });

  test('shape errors name the shapes, at the operation', () => {
    const err = (def: string) => errorsOf(`param u[3], v[2], U[2,3]\n${def}`).map((e) => [e.code, e.span, e.message]);
    assert.deepEqual(err('a = u + v'), [['shape', [2, 5, 2, 10], 'cannot add a vector of 3 and a vector of 2']]);
    assert.deepEqual(err('a = u .* v'), [
      ['shape', [2, 5, 2, 11], 'cannot multiply a vector of 3 and a vector of 2 elementwise'],
    ]);
    assert.deepEqual(err('a = u / v'), [
      ['shape', [2, 5, 2, 10], 'cannot divide by a vector of 2; divide by a scalar or use ./ elementwise'],
    ]);
    assert.deepEqual(err('a = u ^ 2'), [
      ['shape', [2, 5, 2, 10], '^ takes scalars here (got a vector of 3); use .^ for elementwise powers'],
    ]);
    assert.deepEqual(err('a = dot(u, v)'), [
      ['shape', [2, 5, 2, 13], 'dot takes two vectors of the same length (got a vector of 3 and a vector of 2)'],
    ]);
    assert.deepEqual(err('a = sum(u, v)'), [['shape', [2, 5, 2, 13], '`sum` takes 1 argument, got 2']]);
    assert.deepEqual(err('a = U[1]'), [['shape', [2, 5, 2, 8], '`U` is a 2x3 matrix: give 2 indexes']]);
    assert.deepEqual(err('a = [[1, 2], [3]]'), [
      ['shape', [2, 7, 2, 16], 'the rows of this list differ in shape (a vector of 2 and a vector of 1)'],
    ]);
    assert.deepEqual(err('a = [[[1]]]'), [['shape', [2, 8, 2, 9], 'lists nest at most two deep (a matrix)']]);
  });

  test('symbolsInOrder lists free symbols left to right, each once', () => {
    assert.deepEqual(symbolsInOrder(parseMath('b * a + sin(c) - a * w[i]')), ['b', 'a', 'c', 'w', 'i']);
  });
});
