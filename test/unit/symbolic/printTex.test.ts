import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import katex from 'katex';
import { analyze } from '../../../src/core';
import { texName } from '../../../src/core/symbolic/printTex';
import { exampleNames, readExample } from '../../support/model';

const tex = (text: string) => analyze(text, { checkDerivatives: false }).jacobianTex;

describe('printTex: names', () => {
  test('Greek letters become TeX commands (θ -> \\theta, φ -> \\varphi), indexes become subscripts', () => {
    assert.equal(texName('θ'), '\\theta');
    assert.equal(texName('φ'), '\\varphi');
    assert.equal(texName('θ[1]'), '\\theta_{1}');
    assert.equal(texName('U[1,2]'), 'U_{1,2}');
    assert.equal(texName('θ_i'), '\\theta_{i}');
    assert.equal(texName('θ1'), '\\theta_{1}');
    assert.equal(texName('w1'), 'w_{1}');
    assert.equal(texName('x'), 'x');
    assert.equal(texName('alpha'), '\\mathrm{alpha}', 'a multi-letter Latin name is upright, not a product of letters');
  });
});

describe('printTex: expressions', () => {
  test('polar: products with \\cdot and functions with \\left( \\right)', () => {
    assert.deepEqual(tex('θ1 = r * cos(φ)\nθ2 = r * sin(φ)'), [
      ['\\cos\\left(\\varphi\\right)', '-r \\cdot \\sin\\left(\\varphi\\right)'],
      ['\\sin\\left(\\varphi\\right)', 'r \\cdot \\cos\\left(\\varphi\\right)'],
    ]);
  });

  test('negative powers become fractions: inverse -1/w^2, quotients of Greek parameters', () => {
    assert.deepEqual(tex('param w[2]\nθ_i = 1 / w_i'), [
      ['-\\frac{1}{w_{1}^{2}}', '0'],
      ['0', '-\\frac{1}{w_{2}^{2}}'],
    ]);
    assert.deepEqual(tex('param α, β\nf = α^2 / β + pi * e'), [
      ['\\frac{2 \\cdot \\alpha}{\\beta}', '-\\frac{\\alpha^{2}}{\\beta^{2}}'],
    ]);
  });

  test('square roots, absolute values, tanh, sigmoid and the derivative helpers', () => {
    assert.deepEqual(tex('param x\nf = sqrt(x)'), [['\\frac{0.5}{\\sqrt{x}}']]);
    assert.deepEqual(tex('param a, b\nF = b * tanh(a)'), [
      ['b \\cdot \\left(1 - \\tanh\\left(a\\right)^{2}\\right)', '\\tanh\\left(a\\right)'],
    ]);
    assert.deepEqual(tex('param x, y\ng = abs(x) + x^y'), [
      ['\\operatorname{sign}\\left(x\\right) + y \\cdot x^{y - 1}', 'x^{y} \\cdot \\log\\left(x\\right)'],
    ]);
    assert.deepEqual(tex('param x, y\nm = sigmoid(x) + relu(y)'), [
      [
        '\\sigma\\left(x\\right) \\cdot \\left(1 - \\sigma\\left(x\\right)\\right)',
        '\\operatorname{H}\\left(y\\right)',
      ],
    ]);
    assert.deepEqual(tex('param x\nn = abs(x)^3'), [
      ['3 \\cdot \\left|x\\right|^{2} \\cdot \\operatorname{sign}\\left(x\\right)'],
    ]);
  });

  test('every Jacobian entry of every example is valid TeX (KaTeX renders it without error)', () => {
    for (const name of exampleNames()) {
      for (const row of tex(readExample(name))) {
        for (const entry of row)
          assert.doesNotThrow(() => katex.renderToString(entry, { throwOnError: true }), `${name}: ${entry}`);
      }
    }
  });
});
