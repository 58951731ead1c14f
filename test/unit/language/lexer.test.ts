import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { nestingDepth, tokenize, topLevel } from '../../../src/core/language/lexer';
import { compileOk, errorsOf, evalAt } from '../../support/model';

const kinds = (line: string) => tokenize(line).map((t) => [t.kind, t.text, t.start, t.end]);

describe('lexer', () => {
  test('identifiers (with Unicode letters and _), numbers (with exponents) and punctuation, with 0-based offsets', () => {
    assert.deepEqual(kinds('θ_i = w_i^2'), [
      ['ident', 'θ_i', 0, 3],
      ['punct', '=', 4, 5],
      ['ident', 'w_i', 6, 9],
      ['punct', '^', 9, 10],
      ['number', '2', 10, 11],
    ]);
    assert.deepEqual(kinds('1.5e-3 + .5 - 2E+4'), [
      ['number', '1.5e-3', 0, 6],
      ['punct', '+', 7, 8],
      ['number', '.5', 9, 11],
      ['punct', '-', 12, 13],
      ['number', '2E+4', 14, 18],
    ]);
    assert.deepEqual(
      kinds('φ2 U[1,2]').map((t) => t[1]),
      ['φ2', 'U', '[', '1', ',', '2', ']'],
    );
  });

  test('hexadecimal, binary and octal literals (which mathjs reads as numbers) are one token, so later positions stay right', () => {
    assert.deepEqual(kinds('0x1F + 0b101 - 0o17'), [
      ['number', '0x1F', 0, 4],
      ['punct', '+', 5, 6],
      ['number', '0b101', 7, 12],
      ['punct', '-', 13, 14],
      ['number', '0o17', 15, 19],
    ]);
    assert.deepEqual(
      errorsOf('param w\nθ = 0x10 + foo').map((e) => [e.code, e.span, e.message]),
      [['unknown-symbol', [2, 12, 2, 15], 'unknown symbol `foo`']],
    );
    assert.deepEqual(evalAt(compileOk('param w\nθ = 0x10 * w'), [2]).theta, [32]);
  });

  test('a quote after an operand is the transpose; a quote where a value is expected starts a string', () => {
    assert.deepEqual(
      kinds("U' * v").map((t) => t[0]),
      ['ident', 'punct', 'punct', 'ident'],
    );
    assert.deepEqual(
      kinds("(U + V)' * v").map((t) => t[0]),
      ['punct', 'ident', 'punct', 'ident', 'punct', 'punct', 'punct', 'ident'],
    );
    assert.deepEqual(
      kinds("f('abc')").map((t) => [t[0], t[1]]),
      [
        ['ident', 'f'],
        ['punct', '('],
        ['string', "'abc'"],
        ['punct', ')'],
      ],
    );
    assert.deepEqual(
      kinds('"abc" + 1').map((t) => [t[0], t[1]]),
      [
        ['string', '"abc"'],
        ['punct', '+'],
        ['number', '1'],
      ],
    );
    assert.deepEqual(
      kinds("x = 'a").map((t) => t[0]),
      ['ident', 'punct', 'string'],
    );
  });

  test("a transpose written after a space (`U ' * v`) is still a transpose, as mathjs reads it", () => {
    assert.deepEqual(
      kinds("U ' * v").map((t) => [t[0], t[1]]),
      [
        ['ident', 'U'],
        ['punct', "'"],
        ['punct', '*'],
        ['ident', 'v'],
      ],
    );
    const spaced = compileOk("param U[2,2], v[2]\nw = U ' * v");
    const tight = compileOk("param U[2,2], v[2]\nw = U' * v");
    const x = [1, 2, 3, 4, 5, 6];
    assert.deepEqual(evalAt(spaced, x), evalAt(tight, x));
    // w = Uᵀ v with U = [[1, 2], [3, 4]], v = (5, 6): w = (1*5 + 3*6, 2*5 + 4*6) = (23, 34).
    assert.deepEqual(evalAt(spaced, x).theta, [23, 34]);
  });

  test('nestingDepth reports the deepest bracket and where it opens', () => {
    assert.deepEqual(nestingDepth(tokenize('x')), { depth: 0, at: 0 });
    assert.deepEqual(nestingDepth(tokenize('f([a, (b)]) + (c)')), { depth: 3, at: 6 });
  });

  test('topLevel finds separators outside brackets, and `=` only as an assignment (not ==, <=, >=, !=)', () => {
    assert.deepEqual(topLevel(tokenize('a, [b, c], f(d, e), g'), ','), [1, 9, 18]);
    assert.deepEqual(topLevel(tokenize('θ = x == y'), '='), [2]);
    assert.deepEqual(topLevel(tokenize('a <= b, c >= d, e != f'), '='), []);
    assert.deepEqual(topLevel(tokenize('U = [[1,0],[0,1]], v = [0, 1]'), '='), [2, 21]);
  });
});
