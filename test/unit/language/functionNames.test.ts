// One list of function names, five places that must agree: the allowlist the parser enforces, the scalar functions
// of the symbolic layer, the completion list (with its docs), the TextMate grammar that highlights calls and the
// README's list. A function added to one of them and forgotten in another fails here.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'fs';
import * as path from 'path';
import { ALLOWED_FUNCTIONS, DISTRIBUTIONS } from '../../../src/core/language/allowlist';
import { TRAINING_KEYWORDS } from '../../../src/core/language/keywordDocs';
import { KEYWORDS } from '../../../src/core/language/statementTypes';
import { KEYWORDS as EDITOR_KEYWORDS } from '../../../src/extension/language';
import { FUNCTION_DOCS } from '../../../src/core/language/functionDocs';
import { UNARY_FUNCTIONS } from '../../../src/core/symbolic/expr';
import { repoRoot } from '../../support/paths';

/** Scalar functions the symbolic layer has only as derivatives (of abs and relu); users cannot call them. */
const INTERNAL = ['heaviside', 'sign'];

const sorted = (names: Iterable<string>): string[] => [...names].sort();
const allowed = sorted(ALLOWED_FUNCTIONS);

/** The names in the grammar's `support.function.math` rule, `\b(sin|cos|...)\b(?=\s*\()`. */
function grammarNames(): string[] {
  const grammar = JSON.parse(fs.readFileSync(path.join(repoRoot, 'syntaxes', 'overparam.tmLanguage.json'), 'utf8'));
  const rules: { match?: string; name?: string }[] = grammar.repository.expression.patterns;
  const rule = rules.find((r) => r.name === 'support.function.math.overparam');
  assert.ok(rule?.match, 'the grammar has a support.function.math rule');
  const m = /^\\b\(([\w|]+)\)\\b/.exec(rule.match);
  assert.ok(m, `the rule is one alternation of names: ${rule.match}`);
  return sorted(m[1].split('|'));
}

/** The names in the README's "- Functions:" item, up to its "Constants": each backticked word, or the name before
 *  `(` in a backticked call such as `dot(a, b)`. */
function readmeNames(): string[] {
  const readme = fs.readFileSync(path.join(repoRoot, 'README.md'), 'utf8');
  const item = /^- Functions: ([\s\S]*?)Constants/m.exec(readme);
  assert.ok(item, 'the README has a "- Functions: ... Constants" item');
  const names: string[] = [];
  for (const [, code] of item[1].matchAll(/`([^`]+)`/g)) {
    const call = /^(\w+)\(/.exec(code);
    names.push(...(call ? [call[1]] : code.split(/\s+/)));
  }
  return sorted(names);
}

describe('function names: allowlist, symbolic layer, completion, grammar and README agree', () => {
  test('the allowlist is the scalar functions (less the internal ones) and the vector functions', () => {
    assert.deepEqual(
      sorted(UNARY_FUNCTIONS.filter((f) => !ALLOWED_FUNCTIONS.has(f))),
      INTERNAL,
      'every scalar function of the symbolic layer is callable, or listed here as internal',
    );
    for (const f of INTERNAL) assert.ok(!ALLOWED_FUNCTIONS.has(f), `${f} is internal`);
  });

  test('completion offers exactly the allowed functions, each doc starting with its own call', () => {
    assert.deepEqual(sorted(Object.keys(FUNCTION_DOCS)), allowed);
    for (const [f, doc] of Object.entries(FUNCTION_DOCS)) assert.match(doc, new RegExp(`^${f}\\([^)]*\\): \\S`), f);
  });

  test('the grammar highlights exactly the allowed functions', () => {
    assert.deepEqual(grammarNames(), allowed);
  });

  test("the README's function list is exactly the allowed functions", () => {
    assert.deepEqual(readmeNames(), allowed);
  });
});

describe('keywords and distributions: parser, completion and grammar agree', () => {
  const grammar = JSON.parse(fs.readFileSync(path.join(repoRoot, 'syntaxes', 'overparam.tmLanguage.json'), 'utf8'));

  test('completion offers every line keyword the parser knows', () => {
    assert.deepEqual(sorted([...Object.keys(EDITOR_KEYWORDS), ...Object.keys(TRAINING_KEYWORDS)]), sorted(KEYWORDS));
  });

  test("the grammar has a rule that starts each keyword's example line (the doc up to its colon)", () => {
    const begins: string[] = Object.values(grammar.repository as Record<string, { begin?: string; match?: string }>)
      .map((r) => r.begin ?? r.match ?? '')
      .filter((b) => b.startsWith('^'));
    const docs: Record<string, string> = { ...EDITOR_KEYWORDS, ...TRAINING_KEYWORDS };
    for (const k of KEYWORDS) {
      const example = docs[k].slice(0, docs[k].indexOf(': '));
      assert.ok(example.startsWith(k), example);
      assert.ok(
        begins.some((b) => b.includes(k) && new RegExp(b, 'u').test(example)),
        example,
      );
    }
  });

  test('the grammar highlights exactly the distributions, apart from the functions', () => {
    const rules: { match?: string; name?: string }[] = grammar.repository.expression.patterns;
    const rule = rules.find((r) => r.name === 'support.function.distribution.overparam');
    const m = /^\\b\(([\w|]+)\)\\b/.exec(rule?.match ?? '');
    assert.ok(m);
    assert.deepEqual(sorted(m[1].split('|')), sorted(DISTRIBUTIONS));
    for (const d of DISTRIBUTIONS) assert.ok(!ALLOWED_FUNCTIONS.has(d), d);
  });
});
