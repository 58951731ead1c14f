// src/format: one text for a number, a direction and a point in the CLI, the hover, the diagnostics and the panel.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { compileDocument } from '../../../src/core';
import { modelShape } from '../../../src/core/modelShape';
import {
  asciiNum,
  canonicalSign,
  cond,
  direction,
  escapeMd,
  latexNumber,
  matrixTable,
  num,
  pointLabel,
  tuple,
} from '../../../src/format';

const span = { line: 1, column: 1, endLine: 1, endColumn: 2 };

describe('format: numbers', () => {
  test('num keeps four significant digits, exponent form outside [1e-4, 1e6), minus as −', () => {
    assert.deepEqual(
      [0.785398, -2, 1e-9, 0.1, 123456, 1 / 3, -0, 2.5e7].map((x) => num(x)),
      ['0.7854', '−2', '1e-9', '0.1', '123500', '0.3333', '0', '2.5e+7'],
    );
    assert.deepEqual(
      [NaN, Infinity, -Infinity].map((x) => num(x)),
      ['NaN', '∞', '−∞'],
    );
    assert.equal(num(Math.PI, 6), '3.14159');
  });

  test('asciiNum, cond and tuple', () => {
    assert.equal(asciiNum(-0.5), '-0.5');
    assert.deepEqual([null, undefined, NaN, Infinity, 20.125].map(cond), ['inf', '?', '?', 'inf', '20.13']);
    assert.equal(tuple([1, Math.SQRT1_2, -2]), '(1, 0.7071, −2)');
    assert.equal(tuple([1, 2, 3], 2), '(1, 2, … 1 more)');
    assert.equal(latexNumber(1.5e-9), '1.5 \\times 10^{-9}');
  });
});

describe('format: directions', () => {
  test('a unit axis is its name; a mixed one lists coefficients in coordinate order', () => {
    assert.equal(direction([0, 1], ['θ[1]', 'θ[2]']), 'θ[2]');
    assert.equal(direction([Math.SQRT1_2, -Math.SQRT1_2], ['w[1]', 'w[2]']), '0.7071 w[1] − 0.7071 w[2]');
    assert.equal(direction([-0.6, 0.8, 1e-12], ['a', 'b', 'c']), '−0.6 a + 0.8 b');
  });

  test('past `max` terms the largest are shown and the rest counted', () => {
    assert.equal(
      direction([0.1, 0.5, -0.2, 0.6, 0.3], ['a', 'b', 'c', 'd', 'e'], 3),
      '0.5 b + 0.6 d + 0.3 e + … (2 more terms)',
    );
  });

  test('canonicalSign makes the largest entry positive and zeroes round-off', () => {
    assert.deepEqual(canonicalSign([0.6, -0.8, 1e-15]), [-0.6, 0.8, 0]);
  });
});

describe('format: point labels and markdown', () => {
  test('vectors as tuples, matrices as nested lists, scalars plain (from the core shape)', () => {
    const shape = modelShape(
      [
        { name: 'w', shape: [2], offset: 0, span },
        { name: 'U', shape: [2, 2], offset: 2, span },
        { name: 'r', shape: [], offset: 6, span },
      ],
      [],
    );
    assert.equal(
      pointLabel(shape.params, [0.1, 1, 1, 0, 0, -1, Math.PI]),
      'w = (0.1, 1), U = [[1, 0], [0, -1]], r = 3.142',
    );
    assert.equal(pointLabel(shape.params, [0.1, 1, 1, 0, 0, -1, Math.PI], 12), 'w = (0.1, 1…');
  });

  test('the compiled shape groups outputs by statement and parameters by declaration', () => {
    const { model } = compileDocument('param w[2], r\nθ_i = r * w_i\nφ = r\nat w = [1, 2], r = 3');
    assert.ok(model);
    assert.deepEqual(model.shape.params, [
      { name: 'w', shape: [2], entries: [0, 1] },
      { name: 'r', shape: [], entries: [2] },
    ]);
    assert.deepEqual(model.shape.outputs, [
      { name: 'θ', shape: [2], entries: [0, 1] },
      { name: 'φ', shape: [], entries: [2] },
    ]);
    assert.equal(model.points[0].label, 'w = (1, 2), r = 3');
  });

  test('markdown escapes names and cuts tables', () => {
    assert.equal(escapeMd('w[1]_x'), 'w\\[1\\]\\_x');
    const t = matrixTable(
      [
        [1, -2],
        [3, 4],
      ],
      ['a', 'b'],
      ['x', 'y'],
      1,
      1,
    );
    assert.equal(t.split('\n').length, 4);
    assert.match(t, /\| \*\*a\*\* \| 1 \| … \|/);
  });
});
