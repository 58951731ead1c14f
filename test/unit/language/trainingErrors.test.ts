// Bad input in the statements of losses, data, sweeps and draws: each error kind with its line and column.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { errorsOf } from '../../support/model';

/** [code, [line, column, endLine, endColumn], message] of the one error of a document. */
function only(text: string): [string, number[], string] {
  const errs = errorsOf(text);
  assert.equal(errs.length, 1, `${text}: ${JSON.stringify(errs)}`);
  return [errs[0].code, errs[0].span, errs[0].message];
}

const TILDE =
  '`~` draws random values only in `const` and `at` lines, like `const a[3] ~ normal(0, 1)` or `at w ~ uniform(-1, 1)`';

describe('bad input: every new error kind at its line and column', () => {
  test('a loss that names a parameter', () => {
    assert.deepEqual(only('param w\nθ = w^2\nloss = w^2 + θ'), [
      'not-allowed',
      [3, 8, 3, 9],
      'the loss sees the parameters only through θ: `w` is a parameter; write L in the outputs (θ)',
    ]);
  });

  test('`~` outside `const` and `at`, and inside an expression', () => {
    assert.deepEqual(only('param w\nθ ~ normal(0, 1)'), ['not-allowed', [2, 3, 2, 4], TILDE]);
    assert.deepEqual(only('param w ~ normal(0, 1)'), ['not-allowed', [1, 9, 1, 10], TILDE]);
    assert.deepEqual(only('param w\nθ = w\nloss ~ θ'), ['not-allowed', [3, 6, 3, 7], TILDE]);
    assert.deepEqual(only('param w\nθ = ~w'), ['not-allowed', [2, 5, 2, 6], TILDE]);
    assert.deepEqual(only('param w\nθ = w\nat w = ~1'), ['not-allowed', [3, 8, 3, 9], TILDE]);
  });

  test('a distribution with a negative spread is an error at the argument', () => {
    assert.deepEqual(only('param w\nθ = w\nconst a ~ normal(0, -0.5)'), [
      'shape',
      [3, 21, 3, 25],
      'a negative spread: the standard deviation is -0.5; normal(mean, sd) needs sd ≥ 0',
    ]);
    assert.deepEqual(only('param w\nθ = w\nconst a[2] ~ uniform(1, -1)'), [
      'shape',
      [3, 25, 3, 27],
      'a negative spread: uniform(lo, hi) needs hi ≥ lo, and -1 < 1',
    ]);
    assert.deepEqual(only('param w\nθ = w\nat w ~ normal(1, -2)').slice(0, 2), ['shape', [3, 18, 3, 20]]);
  });

  test('an unknown distribution, a wrong count of arguments, a distribution called like a function', () => {
    assert.deepEqual(only('param w\nθ = w\nat w ~ gamma(1, 2)'), [
      'not-allowed',
      [3, 8, 3, 13],
      '`gamma` is not a distribution; use normal(mean, sd) or uniform(lo, hi)',
    ]);
    assert.deepEqual(only('param w\nθ = w\nat w ~ normal(1)'), [
      'syntax',
      [3, 8, 3, 17],
      '`normal` takes 2 arguments, got 1',
    ]);
    assert.deepEqual(only('param w\nθ = normal(w, 1)'), [
      'not-allowed',
      [2, 5, 2, 11],
      '`normal(…)` draws random values only after `~` in a `const` or `at` line',
    ]);
  });

  test('two seed lines (the error is at the second), a seed that is not a whole number', () => {
    assert.deepEqual(only('seed 3\nparam w\nθ = w\nseed 4'), [
      'syntax',
      [4, 1, 4, 7],
      "a second `seed` line: the file's seed is set once (line 1)",
    ]);
    assert.deepEqual(only('param w\nθ = w\nseed -1').slice(0, 2), ['syntax', [3, 6, 3, 8]]);
    assert.deepEqual(only('param w\nθ = w\nseed 1.5').slice(0, 2), ['syntax', [3, 6, 3, 9]]);
  });

  test('a swept size over the limits is an error at the sweep value, before any work', () => {
    assert.deepEqual(only('sweep m = 10, 1000000000\nparam w[m]\nθ = sum(w)'), [
      'limit',
      [1, 15, 1, 25],
      'with m = 1000000000 there are 1000000000 parameters, so J would have at least 1000000000 structural non-zeros; the limit is 4000000',
    ]);
    // Each sweep is checked with the others at their largest values: 3e6 * 2 = 6e6 parameters breaks both.
    assert.deepEqual(
      errorsOf('sweep n = 1, 2\nsweep m = 10, 3000000\nparam U[m, n]\nθ = sum(U)').map((e) => [e.code, e.span]),
      [
        ['limit', [1, 14, 1, 15]],
        ['limit', [2, 15, 2, 22]],
      ],
    );
    assert.deepEqual(only('sweep m = 1, 2000\nconst a[m, m] ~ normal(0, 1)\nparam w\nθ = w'), [
      'limit',
      [1, 14, 1, 18],
      'with m = 2000 the random constant `a` has 4000000 entries; the limit is 1000000',
    ]);
    assert.deepEqual(only('sweep m = 1, 2.5\nparam w[m]\nθ = sum(w)'), [
      'shape',
      [1, 14, 1, 17],
      'm = 2.5 is used as a size and must be a whole number of at least 1',
    ]);
  });

  test('bad sweep lines, a size that is no sweep, a sweep that is also a parameter', () => {
    assert.deepEqual(only('sweep m = 3..1\nparam w\nθ = w'), [
      'syntax',
      [1, 11, 1, 15],
      'the range 3..1 is empty: write it low..high',
    ]);
    assert.deepEqual(only('sweep m = 1, x\nparam w\nθ = w').slice(0, 2), ['syntax', [1, 14, 1, 15]]);
    assert.deepEqual(only('sweep m = 1\nsweep m = 2\nparam w\nθ = w'), [
      'duplicate-output',
      [2, 7, 2, 8],
      '`m` is swept twice',
    ]);
    assert.deepEqual(errorsOf('param w[k]\nθ = sum(w)')[0], {
      code: 'unknown-symbol',
      span: [1, 9, 1, 10],
      message: 'a size is a whole number or a sweep: `k` is not a sweep (write `sweep k = …`)',
    });
    assert.deepEqual(only('sweep m = 2\nparam m\nθ = m'), [
      'duplicate-param',
      [2, 7, 2, 8],
      '`m` is a sweep and cannot be a parameter',
    ]);
  });

  test('a model with no data, data with no model, a test set with no data', () => {
    assert.deepEqual(only('param a, b\nmodel f(x) = a * x + b'), [
      'syntax',
      [2, 1, 2, 23],
      'the model has no data: add a training set like `data X, y`',
    ]);
    assert.deepEqual(only('param a\nconst X = [1, 2]\nconst y = [1, 2]\ndata X, y\nθ = a').slice(0, 2), [
      'syntax',
      [4, 1, 4, 10],
    ]);
    assert.deepEqual(
      only('param a\nconst X = [1]\nconst y = [1]\nconst Xt = [1]\nconst yt = [1]\nθ = a\ntest Xt, yt'),
      ['syntax', [7, 1, 7, 12], 'a test set needs a training set: add `data X, y`'],
    );
  });

  const model = (rest: string) =>
    `param a[2]\nconst X = [[1, 2], [3, 4]]\nconst y = [1, 2]\nmodel f(x) = dot(a, x)\ndata X, y\n${rest}`;

  test('data whose inputs and targets differ in length, or whose rows do not fit f', () => {
    assert.deepEqual(only('param a, b\nconst X = [1, 2, 3]\nconst y = [1, 2]\nmodel f(x) = a * x + b\ndata X, y'), [
      'shape',
      [5, 9, 5, 10],
      '`y` has 2 targets but `X` has 3 inputs; their lengths must agree',
    ]);
    assert.deepEqual(
      only('param a[2]\nconst X = [[1, 2, 3], [4, 5, 6]]\nconst y = [1, 2]\nmodel f(x) = dot(a, x)\ndata X, y'),
      [
        'shape',
        [5, 6, 5, 7],
        'the rows of `X` (each a vector of 3) do not fit `f`: dot takes two vectors of the same length (got a vector of 2 and a vector of 3)',
      ],
    );
    assert.deepEqual(only('param a\nconst X = [[1, 2], [3, 4]]\nconst y = [1, 2]\nmodel f(x) = a * x\ndata X, y'), [
      'shape',
      [5, 6, 5, 7],
      'f(X[1]) is a vector of 2, not a number: the rows of `X` (each a vector of 2) do not fit `f`',
    ]);
    assert.deepEqual(only('param a\nconst y = [1]\nmodel f(x) = a * x\ndata X, y'), [
      'unknown-symbol',
      [4, 6, 4, 7],
      'data are constants: `X` is not defined',
    ]);
  });

  test('a test set of the wrong shape: rows that differ from the training rows, targets of another length', () => {
    assert.deepEqual(only(model('const Xt = [1, 2]\nconst yt = [1, 2]\ntest Xt, yt')), [
      'shape',
      [8, 6, 8, 8],
      'the test inputs `Xt` have rows of 1, the training inputs rows of 2',
    ]);
    assert.deepEqual(only(model('const Xt = [[1, 2]]\nconst yt = [1, 2]\ntest Xt, yt')), [
      'shape',
      [8, 10, 8, 12],
      '`yt` has 2 targets but `Xt` has 1 input; their lengths must agree',
    ]);
  });

  test('with outputs defined, the model sees the parameters only through them', () => {
    assert.deepEqual(
      only('param w[2]\nθ = w .^ 2\nconst X = [[1, 0]]\nconst y = [1]\nmodel f(x) = dot(w, x)\ndata X, y'),
      [
        'unknown-symbol',
        [5, 18, 5, 19],
        'the model sees the parameters only through the outputs here: `w` is a parameter (write f in θ)',
      ],
    );
  });

  test('second model or loss lines, non-scalar losses and watches, a watch defined twice', () => {
    assert.deepEqual(only('param w\nθ = w\nloss = θ\nloss = 2 * θ'), [
      'syntax',
      [4, 1, 4, 13],
      'a second `loss` line: a file has one (line 3)',
    ]);
    assert.deepEqual(
      only('param w\nθ = w\nmodel f(x) = x\nmodel g(x) = x\nconst X = [1]\nconst y = [1]\ndata X, y').slice(0, 2),
      ['syntax', [4, 1, 4, 15]],
    );
    assert.deepEqual(only('param w\nθ = w\nloss = [θ, θ]'), [
      'shape',
      [3, 8, 3, 14],
      'the loss is a number; this is a vector of 2',
    ]);
    assert.deepEqual(only('param w\nθ = w\nwatch g = [w, w]'), [
      'shape',
      [3, 11, 3, 17],
      'a watch is a number; this is a vector of 2',
    ]);
    assert.deepEqual(only('param w\nθ = w\nwatch g = w\nwatch g = 2 * w'), [
      'duplicate-output',
      [4, 7, 4, 8],
      'watch `g` is defined twice',
    ]);
  });

  test('indexed point formulas with the wrong letters or a non-scalar value; keywords are not names', () => {
    assert.deepEqual(only('param v[2]\nθ = v\nat v_ij = 1'), [
      'shape',
      [3, 4, 3, 8],
      '`v` is a vector of 2: an indexed formula names one letter, like v_i',
    ]);
    assert.deepEqual(only('param v[2]\nθ = v\nat v_i = [1, 2]'), [
      'shape',
      [3, 10, 3, 16],
      'each entry of `v_i` is a number, not a vector of 2',
    ]);
    assert.deepEqual(only('param w\ndata = w'), [
      'not-allowed',
      [2, 1, 2, 5],
      '`data` is a keyword and cannot be an output',
    ]);
    assert.deepEqual(only('param w\nθ = w\nwatch = w'), [
      'not-allowed',
      [3, 1, 3, 6],
      '`watch` is a keyword and cannot be an output',
    ]);
  });
});
