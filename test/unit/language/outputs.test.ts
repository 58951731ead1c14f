import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { assertAllClose, compileOk, errorsOf, evalAt, mulberry32 } from '../../support/model';

describe('outputs: every form of the language expands to the right rows', () => {
  test('indexed output θ_i = w_i^2: i ranges over w, names θ[1..3], J = diag(2w)', () => {
    const m = compileOk('param w[3]\nθ_i = w_i^2');
    assert.deepEqual(m.params, ['w[1]', 'w[2]', 'w[3]']);
    assert.deepEqual(m.outputs, ['θ[1]', 'θ[2]', 'θ[3]']);
    assert.deepEqual(evalAt(m, [1, 0, -2]), {
      theta: [1, 0, 4],
      J: [
        [2, 0, 0],
        [0, 0, 0],
        [0, 0, -4],
      ],
    });
    // The bracket form w[i] is the same definition.
    assert.deepEqual(evalAt(compileOk('param w[3]\nθ_i = w[i]^2'), [1, 0, -2]), evalAt(m, [1, 0, -2]));
  });

  test('scalar outputs with Unicode names and free symbols as parameters in order of first appearance', () => {
    const m = compileOk('θ1 = r * cos(φ)\nθ2 = r * sin(φ)');
    assert.deepEqual(m.params, ['r', 'φ']);
    assert.deepEqual(m.outputs, ['θ1', 'θ2']);
    const { theta, J } = evalAt(m, [2, Math.PI / 3]);
    assertAllClose(theta, [1, Math.sqrt(3)], 1e-15);
    assertAllClose(
      J,
      [
        [0.5, -Math.sqrt(3)],
        [Math.sqrt(3) / 2, 1],
      ],
      1e-15,
    );
    assert.deepEqual(compileOk('θ1 = b * a\nθ2 = c + a * b').params, ['b', 'a', 'c']);
    assert.deepEqual(
      compileOk('θ = f + e * d + pi * c').params,
      ['f', 'd', 'c'],
      'pi and e are constants, not parameters',
    );
  });

  test("w = U' * v expands entrywise; U is row-major; dw_i/dU[j,i] = v_j and dw_i/dv_j = U[j,i]", () => {
    const m = compileOk("param U[2,3], v[2]\nw = U' * v");
    assert.deepEqual(m.params, ['U[1,1]', 'U[1,2]', 'U[1,3]', 'U[2,1]', 'U[2,2]', 'U[2,3]', 'v[1]', 'v[2]']);
    assert.deepEqual(m.outputs, ['w[1]', 'w[2]', 'w[3]']);
    const rand = mulberry32(7);
    const x = Array.from({ length: 8 }, () => rand() * 4 - 2);
    const U = (j: number, i: number) => x[(j - 1) * 3 + (i - 1)],
      v = (j: number) => x[6 + j - 1];
    const expectedJ = [1, 2, 3].map((i) => {
      const row = new Array<number>(8).fill(0);
      for (const j of [1, 2]) {
        row[(j - 1) * 3 + (i - 1)] = v(j);
        row[6 + j - 1] = U(j, i);
      }
      return row;
    });
    const { theta, J } = evalAt(m, x);
    assertAllClose(
      theta,
      [1, 2, 3].map((i) => U(1, i) * v(1) + U(2, i) * v(2)),
      1e-15,
    );
    assert.deepEqual(J, expectedJ);
  });

  test('elementwise .*, .^ and u.^2 - v.^2', () => {
    const prod = compileOk('param u[3], v[3]\nθ = u .* v');
    assert.deepEqual(prod.outputs, ['θ[1]', 'θ[2]', 'θ[3]']);
    assert.deepEqual(evalAt(prod, [1, 2, 3, 4, 5, 6]), {
      theta: [4, 10, 18],
      J: [
        [4, 0, 0, 1, 0, 0],
        [0, 5, 0, 0, 2, 0],
        [0, 0, 6, 0, 0, 3],
      ],
    });
    const diff = compileOk('param u[2], v[2]\nθ = u.^2 - v.^2');
    assert.deepEqual(evalAt(diff, [1, 2, 3, 4]), {
      theta: [-8, -12],
      J: [
        [2, 0, -6, 0],
        [0, 4, 0, -8],
      ],
    });
    assert.deepEqual(evalAt(compileOk('param u[2], v[2]\nθ = u ./ v'), [1, 2, 4, 8]), {
      theta: [0.25, 0.25],
      J: [
        [0.25, 0, -1 / 16, 0],
        [0, 0.125, 0, -2 / 64],
      ],
    });
  });

  test('const data and F_k = sum(b .* tanh(a * x_k)) / sqrt(64): k ranges over x, J by hand', () => {
    const m = compileOk('const x = [1, -2, 0.5, 3]\nparam a[64], b[64]\nF_k = sum(b .* tanh(a * x_k)) / sqrt(64)');
    assert.equal(m.p, 128);
    assert.deepEqual(m.outputs, ['F[1]', 'F[2]', 'F[3]', 'F[4]']);
    assert.deepEqual(m.params.slice(62, 66), ['a[63]', 'a[64]', 'b[1]', 'b[2]']);
    const rand = mulberry32(3);
    const w = Array.from({ length: 128 }, () => rand() * 2 - 1);
    const xs = [1, -2, 0.5, 3];
    const { theta, J } = evalAt(m, w);
    xs.forEach((xk, k) => {
      let f = 0;
      for (let j = 0; j < 64; j++) {
        const a = w[j],
          b = w[64 + j],
          t = Math.tanh(a * xk);
        f += (b * t) / 8;
        assert.ok(Math.abs(J[k][j] - (b * xk * (1 - t * t)) / 8) < 1e-15, `dF${k + 1}/da${j + 1}`);
        assert.ok(Math.abs(J[k][64 + j] - t / 8) < 1e-15, `dF${k + 1}/db${j + 1}`);
      }
      assert.ok(Math.abs(theta[k] - f) < 1e-13, `F${k + 1}`);
    });
  });

  test('a matrix output is named row-major: M[1,1], M[1,2], M[2,1], M[2,2]', () => {
    const m = compileOk("param U[2,2]\nM = U * U'");
    assert.deepEqual(m.outputs, ['M[1,1]', 'M[1,2]', 'M[2,1]', 'M[2,2]']);
    // U = [[1, 2], [3, 4]]: U Uᵀ = [[5, 11], [11, 25]].
    assert.deepEqual(evalAt(m, [1, 2, 3, 4]).theta, [5, 11, 11, 25]);
  });

  test('parameter order is declaration order and output order is definition order', () => {
    const m = compileOk('param v[2]\nparam U[2,2], s\nz = s * v[1]\na_i = v_i * U[i, 1]\nm = U[2,2]');
    assert.deepEqual(m.params, ['v[1]', 'v[2]', 'U[1,1]', 'U[1,2]', 'U[2,1]', 'U[2,2]', 's']);
    assert.deepEqual(m.outputs, ['z', 'a[1]', 'a[2]', 'm']);
    assert.deepEqual(evalAt(m, [1, 2, 3, 4, 5, 6, 7]).theta, [7, 3, 10, 6]);
  });

  test('a literal subscript w_2 picks an entry of a vector', () => {
    assert.deepEqual(evalAt(compileOk('param w[3]\ns = w_2 + 10 * w_3'), [1, 2, 3]).theta, [32]);
  });
});

describe('outputs: errors with their ranges', () => {
  const errs = (text: string) => errorsOf(text).map((e) => [e.code, e.span, e.message]);

  test('an output defined twice', () => {
    assert.deepEqual(errs('param w[2]\nθ_i = w_i\nθ_i = w_i^2'), [
      ['duplicate-output', [3, 1, 3, 4], 'output `θ` is defined twice'],
    ]);
    assert.deepEqual(errs('param x\ny = x\ny = 2 * x'), [
      ['duplicate-output', [3, 1, 3, 2], 'output `y` is defined twice'],
    ]);
    assert.deepEqual(errs('param x\nx = 2 * x'), [
      ['duplicate-output', [2, 1, 2, 2], '`x` is already a parameter or constant'],
    ]);
  });

  test('an index with no range, an unknown index letter, an index out of range', () => {
    assert.deepEqual(errs('param w[2]\nθ_k = 2'), [
      ['index-range', [2, 1, 2, 4], 'index `k` has no range: subscript a vector with it, like w_k'],
    ]);
    assert.deepEqual(errs('param u[2], v[3]\nθ_i = u_i * v_i'), [
      ['index-range', [2, 1, 2, 4], 'index `i` ranges over vectors of different lengths: u (2), v (3)'],
    ]);
    assert.deepEqual(errs('param w[2]\nθ_i = w_i + w_j'), [
      ['index-range', [2, 13, 2, 16], '`j` in `w_j` is not an index letter of this definition'],
    ]);
    assert.deepEqual(errs('param w[2]\nθ = w_5'), [
      ['index-range', [2, 5, 2, 8], 'index 5 is out of range 1..2 for `w`'],
    ]);
    assert.deepEqual(errs('param w[2]\nθ = w[3]'), [
      ['index-range', [2, 5, 2, 8], 'index 3 is out of range 1..2 for `w`'],
    ]);
  });

  test('an unknown symbol when parameters are declared', () => {
    assert.deepEqual(errs('param w1, w2\nθ = w1 + w3'), [['unknown-symbol', [2, 10, 2, 12], 'unknown symbol `w3`']]);
    assert.deepEqual(errs('param w[2]\nθ = sin'), [['unknown-symbol', [2, 5, 2, 8], 'unknown symbol `sin`']]);
  });

  test('shapes that do not fit', () => {
    assert.deepEqual(errs('param U[2,3], v[2]\nw = U * v'), [
      [
        'shape',
        [2, 5, 2, 10],
        'cannot multiply a 2x3 matrix by a vector of 2: inner dimensions differ (use .* for elementwise)',
      ],
    ]);
    assert.deepEqual(errs('param w[2]\nθ_i = w_i * w'), [
      ['shape', [2, 7, 2, 14], 'each entry of an indexed output must be a scalar; this is a vector of 2'],
    ]);
  });

  test('reserved names cannot be outputs', () => {
    assert.deepEqual(errs('param x\nsin = x'), [
      ['not-allowed', [2, 1, 2, 4], '`sin` is a function name and cannot be an output'],
    ]);
    assert.deepEqual(errs('param x\npi = x'), [
      ['not-allowed', [2, 1, 2, 3], '`pi` is a constant and cannot be an output'],
    ]);
  });

  test('a document without outputs, or whose outputs depend on no parameter', () => {
    assert.deepEqual(errs('param w[2]'), [
      ['syntax', [1, 1, 1, 2], 'no output is defined: write one like `θ_i = w_i^2`'],
    ]);
    assert.deepEqual(errs('# nothing\nθ = 2'), [['syntax', [2, 1, 2, 2], 'the outputs depend on no parameter']]);
  });

  test('every output error of a file is reported, not only the first', () => {
    const text = 'param w[2]\nθ = w3\nφ_k = 1\nψ = w ^ 2\nθ = w[1]';
    assert.deepEqual(
      errorsOf(text).map((e) => [e.code, e.span[0]]),
      [
        ['unknown-symbol', 2],
        ['index-range', 3],
        ['shape', 4],
        ['duplicate-output', 5],
      ],
    );
  });
});
