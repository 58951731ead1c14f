import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  parseStatements,
  type AtStatement,
  type OutputStatement,
  type ParamStatement,
  type ConstStatement,
} from '../../../src/core/language/statements';
import { LIMITS } from '../../../src/core/language/limits';

const spanOf = (d: { line: number; column: number; endLine: number; endColumn: number }) => [
  d.line,
  d.column,
  d.endLine,
  d.endColumn,
];
const errors = (text: string) =>
  parseStatements(text).diagnostics.map((d) => ({ code: d.code, span: spanOf(d), message: d.message }));

describe('statements: the forms of the language', () => {
  test('a document splits into param, const, output and at statements with their lines', () => {
    const text = [
      '# comment to end of line',
      '',
      'param w[3]                 # vector parameter',
      'param U[2,3], r, φ',
      'const x = [1, -2, 0.5, 3]  # data',
      'θ_i = w_i^2',
      'at w = [1, 0, -2], U = [[1,0,0],[0,1,0]], r = 1, φ = pi/3',
    ].join('\n');
    const { statements, diagnostics } = parseStatements(text);
    assert.deepEqual(diagnostics, []);
    assert.deepEqual(
      statements.map((s) => [s.kind, s.line]),
      [
        ['param', 3],
        ['param', 4],
        ['const', 5],
        ['output', 6],
        ['at', 7],
      ],
    );
    const p1 = statements[0] as ParamStatement,
      p2 = statements[1] as ParamStatement;
    assert.deepEqual(
      p1.decls.map((d) => [d.name, d.dims]),
      [['w', [3]]],
    );
    assert.deepEqual(
      p2.decls.map((d) => [d.name, d.dims]),
      [
        ['U', [2, 3]],
        ['r', []],
        ['φ', []],
      ],
    );
    // `param U[2,3], r, φ`: U at column 7, r at 15, φ at 18 (1-based, end exclusive).
    assert.deepEqual(
      p2.decls.map((d) => spanOf(d.span)),
      [
        [4, 7, 4, 8],
        [4, 15, 4, 16],
        [4, 18, 4, 19],
      ],
    );
    const c = statements[2] as ConstStatement;
    assert.equal(c.name, 'x');
    assert.deepEqual(spanOf(c.nameSpan), [5, 7, 5, 8]);
    const o = statements[3] as OutputStatement;
    assert.equal(o.name, 'θ_i');
    assert.deepEqual(spanOf(o.nameSpan), [6, 1, 6, 4]);
    assert.deepEqual(spanOf(o.span), [6, 1, 6, 12]);
    const at = statements[4] as AtStatement;
    assert.deepEqual(
      at.assignments.map((a) => a.name),
      ['w', 'U', 'r', 'φ'],
    );
    assert.deepEqual(spanOf(at.span), [7, 1, 7, 58]);
  });

  test('commas inside brackets do not split an `at` line; `w[1] = ...` targets carry their index', () => {
    const { statements, diagnostics } = parseStatements('at U = [[1,0],[0,1]], v = [0, 1]\nat w[1] = 3, w[2] = pi/3');
    assert.deepEqual(diagnostics, []);
    const [a, b] = statements as AtStatement[];
    assert.deepEqual(
      a.assignments.map((x) => [x.name, x.index]),
      [
        ['U', undefined],
        ['v', undefined],
      ],
    );
    // The value of U spans `[[1,0],[0,1]]`: columns 8..20.
    assert.deepEqual(spanOf(a.assignments[0].value!.span), [1, 8, 1, 21]);
    assert.deepEqual(
      b.assignments.map((x) => [x.name, x.index]),
      [
        ['w', [1]],
        ['w', [2]],
      ],
    );
    assert.deepEqual(spanOf(b.assignments[1].nameSpan), [2, 14, 2, 18]);
  });

  test('a comment may hold `=`, `,` and brackets; CRLF line endings are accepted', () => {
    const { statements, diagnostics } = parseStatements('param w[2] # a, b = [c\r\nθ = w .^ 2 # = = =\r\n');
    assert.deepEqual(diagnostics, []);
    assert.deepEqual(
      statements.map((s) => s.kind),
      ['param', 'output'],
    );
    assert.equal((statements[1] as OutputStatement).name, 'θ');
  });
});

describe('statements: syntax errors with their 1-based ranges', () => {
  test('a mathjs syntax error points at the offending character', () => {
    // `θ = x +* y`: the `*` at column 8.
    assert.deepEqual(errors('θ = x +* y'), [
      { code: 'syntax', span: [1, 8, 1, 9], message: 'syntax error: Value expected' },
    ]);
    // `θ = 2 +` ends too early: the column just past the `+` (column 7).
    const [e] = errors('θ = 2 +');
    assert.equal(e.code, 'syntax');
    assert.deepEqual(e.span, [1, 8, 1, 9]);
    assert.match(e.message, /Unexpected end of expression/);
  });

  test('a line that is no statement, a second `=`, a bad left-hand side, a bad declaration', () => {
    assert.deepEqual(errors('w^2'), [
      {
        code: 'syntax',
        span: [1, 1, 1, 4],
        message: 'expected `param`, `const`, `at` or a definition `name = expression`',
      },
    ]);
    assert.deepEqual(
      errors('θ = w = 2').map((e) => [e.code, e.span]),
      [['syntax', [1, 7, 1, 8]]],
    );
    assert.deepEqual(
      errors('f(x) = x^2').map((e) => [e.code, e.span]),
      [['syntax', [1, 1, 1, 5]]],
    );
    assert.deepEqual(
      errors('param w[2').map((e) => [e.code, e.span]),
      [['syntax', [1, 7, 1, 10]]],
    );
    assert.deepEqual(
      errors('param w[0]').map((e) => [e.code, e.span]),
      [['shape', [1, 7, 1, 11]]],
    );
    assert.deepEqual(
      errors('θ =').map((e) => [e.code, e.span, e.message]),
      [['syntax', [1, 4, 1, 5], 'an expression is missing here']],
    );
    assert.deepEqual(
      errors('at w').map((e) => [e.code, e.span]),
      [['syntax', [1, 4, 1, 5]]],
    );
  });

  test('every bad line yields its own diagnostic and the good lines still parse', () => {
    const { statements, diagnostics } = parseStatements('param w[2]\nθ = x +* y\nφ = w .^ 2\nψ = (\nat w = [1, 2]');
    assert.deepEqual(
      diagnostics.map((d) => [d.line, d.code]),
      [
        [2, 'syntax'],
        [4, 'syntax'],
      ],
    );
    assert.deepEqual(
      statements.map((s) => [s.kind, s.line]),
      [
        ['param', 1],
        ['output', 3],
        ['at', 5],
      ],
    );
  });
});

describe('statements: limits', () => {
  test('a line over 2,000 characters is one limit error on that line, and the other lines still parse', () => {
    const long = 'θ = ' + 'x + '.repeat(600) + 'x';
    assert.ok(long.length > LIMITS.lineChars);
    const { statements, diagnostics } = parseStatements(`param x\n${long}\nφ = x^2`);
    assert.deepEqual(
      diagnostics.map((d) => [d.code, spanOf(d)]),
      [['limit', [2, 1, 2, 2001]]],
    );
    assert.equal(diagnostics[0].message, `this line has ${long.length} characters; the limit is 2000`);
    assert.deepEqual(
      statements.map((s) => s.line),
      [1, 3],
    );
    // Exactly 2,000 characters is allowed.
    const exact = '# ' + 'x'.repeat(1998);
    assert.equal(exact.length, 2000);
    assert.deepEqual(parseStatements(exact).diagnostics, []);
  });

  test('brackets nesting deeper than 40 are an error at the 41st bracket; 40 are fine', () => {
    const deep = (n: number) => 'θ = ' + '('.repeat(n) + 'x' + ')'.repeat(n);
    assert.deepEqual(parseStatements(deep(40)).diagnostics, []);
    // `θ = ` is 4 characters, so bracket k (1-based) stands at column 4 + k.
    assert.deepEqual(errors(deep(41)), [
      { code: 'limit', span: [1, 45, 1, 46], message: 'brackets nest 41 deep; the limit is 40' },
    ]);
    assert.deepEqual(
      errors('θ = ' + 'sin('.repeat(41) + 'x' + ')'.repeat(41)).map((e) => [e.code, e.span]),
      [['limit', [1, 168, 1, 169]]],
    );
  });

  test("expressions nesting deep without brackets (x^x^...^x, - - - x, x'''...) are a limit error, not a crash", () => {
    for (const text of [
      'θ = ' + 'x^'.repeat(900) + 'x',
      'θ = ' + '-'.repeat(1990) + 'x',
      'θ = x' + "'".repeat(1990),
      'const c = ' + '-'.repeat(1980) + '1',
      'at x = ' + '-'.repeat(1980) + '1',
    ]) {
      const errs = errors(text);
      assert.equal(errs.length, 1, text.slice(0, 20));
      assert.equal(errs[0].code, 'limit');
      assert.match(errs[0].message, /^this expression nests more than 200 levels deep; the limit is 200$/);
      assert.equal(errs[0].span[0], 1);
    }
    // A long flat sum is not deep: a + b + c + ... is one level however many terms it has.
    assert.deepEqual(parseStatements('θ = ' + 'x + '.repeat(400) + 'x').diagnostics, []);
    assert.deepEqual(parseStatements('θ = ' + 'x * '.repeat(400) + 'x').diagnostics, []);
  });

  test('a file over 1 MB is one limit error at 1:1', () => {
    const big = '# ' + 'x'.repeat(1_000_000);
    const { statements, diagnostics } = parseStatements(big);
    assert.deepEqual(statements, []);
    assert.deepEqual(
      diagnostics.map((d) => [d.code, spanOf(d), d.message]),
      [['limit', [1, 1, 1, 2], 'the file is larger than 1 MB, the limit']],
    );
  });

  test('the 1 MB limit counts bytes (UTF-8), not UTF-16 characters', () => {
    // 300 comment lines of 1,990 Greek letters: about 600,000 characters but about 1.2 MB in UTF-8.
    const line = '# ' + 'θ'.repeat(1990);
    const text = Array.from({ length: 300 }, () => line).join('\n');
    assert.ok(text.length < 1_000_000 && Buffer.byteLength(text, 'utf8') > 1_000_000);
    assert.deepEqual(
      parseStatements(text).diagnostics.map((d) => [d.code, spanOf(d)]),
      [['limit', [1, 1, 1, 2]]],
    );
    // Just under the limit in bytes is fine.
    const under = Array.from({ length: 250 }, () => line).join('\n');
    assert.ok(Buffer.byteLength(under, 'utf8') < 1_000_000);
    assert.deepEqual(parseStatements(under).diagnostics, []);
  });
});
