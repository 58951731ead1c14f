// The allowlist's walls (test/unit/language/allowlist.test.ts) around the statements of losses, data and draws.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { compileDocument } from '../../../src/core';
import { errorsOf, mulberry32 } from '../../support/model';

describe('allowlist: the new statements keep the same walls', () => {
  const context = 'param w\nθ = w\nconst X = [1, 2]\nconst y = [1, 2]\n';

  test('hostile calls inside loss, model, watch and draw arguments are rejected at the function name', () => {
    for (const [line, span] of [
      ['loss = config(θ)', [5, 8, 5, 14]],
      ['watch g = evaluate(w)', [5, 11, 5, 19]],
      ['const a ~ normal(parse(1), 1)', [5, 18, 5, 23]],
      ['at w ~ uniform(0, range(1, 2))', [5, 19, 5, 24]],
    ] as const) {
      const errs = errorsOf(context + line);
      assert.deepEqual(
        errs.map((e) => [e.code, e.span]),
        [['not-allowed', span]],
        line,
      );
    }
    const model = errorsOf('param a\nconst X = [1]\nconst y = [1]\nmodel f(x) = import(x)\ndata X, y');
    assert.deepEqual(
      model.map((e) => [e.code, e.span]),
      [['not-allowed', [4, 14, 4, 20]]],
    );
  });

  test('strings, assignments and function definitions stay out of every new position', () => {
    for (const [line, code, column] of [
      ['loss = "θ"', 'not-allowed', 8],
      ['watch g = (w = 2)', 'not-allowed', 11],
      ['const a ~ normal("0", 1)', 'not-allowed', 18],
      ['at w ~ normal(0, (f(x) = 1))', 'not-allowed', 18],
      ['sweep m = "10"', 'syntax', 11],
      ['seed "1"', 'syntax', 6],
    ] as const) {
      const errs = errorsOf(context + line);
      assert.deepEqual(
        errs.map((e) => [e.code, e.span[0], e.span[1]]),
        [[code, 5, column]],
        line,
      );
    }
  });

  test('normal and uniform are reachable only after `~`: not in outputs, losses, models or watches', () => {
    for (const line of ['φ = normal(0, 1)', 'loss = uniform(0, 1)', 'watch g = normal(w, 1)']) {
      const errs = errorsOf(context + line);
      assert.equal(errs.length, 1, line);
      assert.match(errs[0].message, /draws random values only after `~`/, line);
    }
    // They cannot be declared either.
    assert.deepEqual(
      errorsOf('param normal\nθ = normal').map((e) => [e.code, e.span, e.message]),
      [
        ['not-allowed', [1, 7, 1, 13], '`normal` is a distribution and cannot be a parameter'],
        ['unknown-symbol', [2, 5, 2, 11], 'unknown symbol `normal`'],
      ],
    );
  });

  test('fuzz: random lines built from the new keywords and fragments never throw', () => {
    const fragments = [
      'seed',
      'sweep',
      'loss',
      'model',
      'data',
      'test',
      'watch',
      'const',
      'at',
      'param',
      '~',
      '=',
      '..',
      ',',
      '(',
      ')',
      '[',
      ']',
      'normal',
      'uniform',
      'f(x)',
      'x',
      'w',
      'θ',
      'X',
      'y',
      'm',
      '1',
      '-2',
      '0.5',
      '1..3',
      '#',
      '"',
      "'",
      '^',
      '*',
      'config',
      '_i',
      '_ij',
    ];
    const rand = mulberry32(2024);
    for (let t = 0; t < 3000; t++) {
      const lines = Array.from({ length: 1 + Math.floor(rand() * 4) }, () =>
        Array.from({ length: 1 + Math.floor(rand() * 8) }, () => fragments[Math.floor(rand() * fragments.length)]).join(
          rand() < 0.7 ? ' ' : '',
        ),
      );
      const text = [context.trimEnd(), ...lines].join('\n');
      assert.doesNotThrow(() => compileDocument(text), text);
    }
  });
});
