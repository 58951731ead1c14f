import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { applyUnary, dependsOn, ExprStore, UNARY_FUNCTIONS } from '../../../src/core/symbolic/expr';

describe('ExprStore: hash-consing', () => {
  test('equal structure is the same node; different structure is not', () => {
    const s = new ExprStore();
    const x = s.variable(0),
      y = s.variable(1);
    assert.equal(s.add([x, y]), s.add([x, y]));
    assert.equal(s.call('sin', x), s.call('sin', x));
    assert.equal(s.pow(x, s.num(3)), s.pow(x, s.num(3)));
    assert.notEqual(s.call('sin', x), s.call('cos', x));
    assert.equal(s.num(-0), s.num(0), '-0 and 0 are one node');
    const pi = s.constant('pi'),
      e = s.constant('e');
    assert.deepEqual(
      [pi.kind, pi.kind === 'const' && pi.value, e.kind === 'const' && e.value],
      ['const', Math.PI, Math.E],
    );
  });

  test('the store refuses to grow past its node limit with a RangeError', () => {
    const s = new ExprStore(5);
    assert.throws(() => {
      for (let j = 0; j < 10; j++) s.variable(j);
    }, RangeError);
  });
});

describe('ExprStore: smart constructors fold and collect', () => {
  const s = new ExprStore();
  const x = s.variable(0),
    y = s.variable(1);

  test('sums flatten, fold constants, drop zeros and collect like terms (2x + 3x = 5x)', () => {
    assert.equal(s.add([s.num(2), s.num(3)]), s.num(5));
    assert.equal(s.add([x, s.num(0)]), x);
    assert.equal(s.add([s.mul([s.num(2), x]), s.mul([s.num(3), x])]), s.mul([s.num(5), x]));
    assert.equal(s.sub(x, x), s.num(0));
    const nested = s.add([x, s.add([y, s.num(1)])]);
    assert.equal(nested.kind, 'add');
    if (nested.kind === 'add') assert.equal(nested.args.length, 3, 'x + (y + 1) is one flat sum');
  });

  test('products flatten, fold, vanish on a zero factor and merge powers (x * x^2 = x^3)', () => {
    assert.equal(s.mul([s.num(2), s.num(3)]), s.num(6));
    assert.equal(s.mul([x, s.num(1)]), x);
    assert.equal(s.mul([x, s.num(0)]), s.num(0));
    assert.equal(s.mul([x, s.pow(x, s.num(2))]), s.pow(x, s.num(3)));
    assert.equal(s.mul([x, s.pow(x, s.num(-1))]), s.num(1));
    assert.equal(s.div(x, x), s.num(1));
  });

  test('powers fold numbers and integer powers of powers', () => {
    assert.equal(s.pow(x, s.num(0)), s.num(1));
    assert.equal(s.pow(x, s.num(1)), x);
    assert.equal(s.pow(s.num(2), s.num(10)), s.num(1024));
    assert.equal(s.pow(s.pow(x, s.num(2)), s.num(3)), s.pow(x, s.num(6)));
    assert.equal(s.pow(s.mul([s.num(3), x]), s.num(2)), s.mul([s.num(9), s.pow(x, s.num(2))]));
    assert.equal(s.pow(s.num(1), y), s.num(1));
    // sqrt is the power 1/2; a non-integer power of a power is not merged ((x^2)^0.5 is |x|, not x).
    assert.equal(s.call('sqrt', x), s.pow(x, s.num(0.5)));
    assert.notEqual(s.pow(s.pow(x, s.num(2)), s.num(0.5)), x);
  });

  test('functions of numbers fold to numbers', () => {
    assert.equal(s.call('exp', s.num(0)), s.num(1));
    assert.equal(s.call('cos', s.num(0)), s.num(1));
    const nan = s.call('sqrt', s.num(-1));
    assert.equal(nan.kind, 'num');
    assert.ok(nan.kind === 'num' && Number.isNaN(nan.value));
  });

  test('each node knows the parameters it depends on', () => {
    const e = s.add([s.call('sin', s.variable(4)), s.mul([s.variable(2), s.variable(7)])]);
    assert.deepEqual(Array.from(e.vars), [2, 4, 7]);
    assert.deepEqual(
      [0, 2, 3, 4, 7, 8].map((j) => dependsOn(e, j)),
      [false, true, false, true, true, false],
    );
    assert.deepEqual(Array.from(s.num(3).vars), []);
  });
});

describe('applyUnary', () => {
  test('every function of the language has its textbook value', () => {
    const x = 0.3;
    const expected: Record<string, number> = {
      sin: Math.sin(x),
      cos: Math.cos(x),
      tan: Math.tan(x),
      asin: Math.asin(x),
      acos: Math.acos(x),
      atan: Math.atan(x),
      sinh: Math.sinh(x),
      cosh: Math.cosh(x),
      tanh: Math.tanh(x),
      exp: Math.exp(x),
      log: Math.log(x),
      sqrt: Math.sqrt(x),
      abs: x,
      sigmoid: 1 / (1 + Math.exp(-x)),
      relu: x,
      softplus: Math.log(1 + Math.exp(x)),
      sign: 1,
      heaviside: 1,
    };
    for (const f of UNARY_FUNCTIONS) assert.ok(Math.abs(applyUnary(f, x) - expected[f]) < 1e-15, f);
    assert.deepEqual(
      [applyUnary('relu', -2), applyUnary('heaviside', 0), applyUnary('sign', -3), applyUnary('abs', -3)],
      [0, 0, -1, 3],
    );
    // softplus is stable for large arguments (log(1 + e^800) would overflow).
    assert.equal(applyUnary('softplus', 800), 800);
    assert.ok(Math.abs(applyUnary('softplus', -800)) < 1e-300);
  });
});
