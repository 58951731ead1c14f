import { OverparamError, spanOf, type Diagnostic } from '../diagnostic';
import { parseDeclaration, parseDistribution } from './drawSyntax';
import { tokenize, topLevel } from './lexer';
import { LIMITS } from './limits';
import type { AtStatement, Statement } from './statementTypes';
import { IDENT, isIdent, parseExpr, splitCommas, TILDE_ELSEWHERE, topLevelIn, trimRange, utf8Length } from './syntax';
import { parseTrainingLine } from './trainingSyntax';

export type { ParsedExpr } from './syntax';
export type {
  AtAssignment,
  AtStatement,
  ConstStatement,
  DataStatement,
  Dim,
  Distribution,
  LossStatement,
  ModelStatement,
  OutputStatement,
  ParamStatement,
  SeedStatement,
  Statement,
  SweepStatement,
  WatchStatement,
} from './statementTypes';

const TARGET = new RegExp(`^\\s*(${IDENT})\\s*(?:\\[\\s*(\\d+)\\s*(?:,\\s*(\\d+)\\s*)?\\])?\\s*$`, 'u');
const KEYWORD = /^(param|const|at|seed|sweep|loss|model|data|test|watch)(?=\s|$)/;

/** The first top-level `=` or `~` of [a, b) and which one it is. */
function binderOf(text: string, a: number, b: number): { at: number; kind: '=' | '~' } | undefined {
  const eq = topLevelIn(text, a, b, '=')[0],
    tilde = topLevelIn(text, a, b, '~')[0];
  if (eq === undefined && tilde === undefined) return undefined;
  if (tilde === undefined || (eq !== undefined && eq < tilde)) return { at: eq, kind: '=' };
  return { at: tilde, kind: '~' };
}

/** `at U ~ normal(0, 0.1), v = 0.5, w[1] = 3, v_i = (-1)^i`. */
function parseAt(text: string, line: number, s: number, e: number): AtStatement {
  const assignments: AtStatement['assignments'] = [];
  for (const [a0, b0] of splitCommasAtAssignments(text, s + 2, e)) {
    const [a, b] = trimRange(text, a0, b0);
    const binder = binderOf(text, a, b);
    if (binder === undefined)
      throw new OverparamError(
        'syntax',
        'expected `name = value` or `name ~ normal(mean, sd)` in an `at` line, like `at w = [1, 0]`',
        spanOf(line, a, Math.max(b, a + 1)),
      );
    const [ta, tb] = trimRange(text, a, binder.at);
    const m = TARGET.exec(text.slice(ta, tb));
    if (!m)
      throw new OverparamError(
        'syntax',
        `expected a parameter name before \`${binder.kind}\``,
        spanOf(line, ta, Math.max(tb, ta + 1)),
      );
    const index = [m[2], m[3]].filter((x) => x !== undefined).map(Number);
    const target = { name: m[1], index: index.length ? index : undefined, nameSpan: spanOf(line, ta, tb) };
    if (binder.kind === '~') assignments.push({ ...target, draw: parseDistribution(text, line, binder.at + 1, b) });
    else assignments.push({ ...target, value: parseExpr(text, line, binder.at + 1, b) });
  }
  return { kind: 'at', line, span: spanOf(line, s, e), assignments };
}

/** Parses one line (comment already cut at `end`) into a statement, or undefined for a blank line. */
function parseLine(text: string, line: number, end: number): Statement | undefined {
  const [s, e] = trimRange(text, 0, end);
  if (s === e) return undefined;
  const found = KEYWORD.exec(text.slice(s, e));
  // `data = …` is a definition of an output that happens to be called like a keyword (its name is then rejected).
  const keyword =
    found && (found[1] === 'loss' || !/^\s*=(?!=)/.test(text.slice(s + found[1].length, e))) ? found[1] : undefined;
  const lineSpan = spanOf(line, s, e);
  if (keyword !== 'const' && keyword !== 'at') {
    const tilde = topLevelIn(text, s, e, '~')[0];
    if (tilde !== undefined) throw new OverparamError('not-allowed', TILDE_ELSEWHERE, spanOf(line, tilde, tilde + 1));
  }
  if (keyword === 'param') {
    const decls = splitCommas(text, s + 5, e).map(([a0, b0]) => {
      const [a, b] = trimRange(text, a0, b0);
      return parseDeclaration(text, line, a, b, 'a parameter like `w`, `w[3]` or `U[2,3]`');
    });
    return { kind: 'param', line, decls };
  }
  if (keyword === 'at') return parseAt(text, line, s, e);
  if (keyword && keyword !== 'const') return parseTrainingLine(text, line, s, e, keyword as 'seed');
  const binder = binderOf(text, keyword ? s + 5 : s, e);
  if (keyword === 'const' && binder?.kind === '~') {
    const [a, b] = trimRange(text, s + 5, binder.at);
    const decl = parseDeclaration(text, line, a, b, 'a constant like `a`, `a[3]` or `A[m, 2]` before `~`');
    const dist = parseDistribution(text, line, binder.at + 1, e);
    return { kind: 'const', line, name: decl.name, nameSpan: decl.span, draw: { dims: decl.dims, dist } };
  }
  const eq = topLevel(tokenize(text.slice(s, e)), '=').map((x) => x + s);
  if (eq.length === 0)
    throw new OverparamError('syntax', 'expected `param`, `const`, `at` or a definition `name = expression`', lineSpan);
  if (eq.length > 1) throw new OverparamError('syntax', 'one `=` per definition', spanOf(line, eq[1], eq[1] + 1));
  const [la, lb] = trimRange(text, keyword === 'const' ? s + 5 : s, eq[0]);
  const name = text.slice(la, lb);
  if (!isIdent(name))
    throw new OverparamError(
      'syntax',
      `\`${name || ' '}\` is not a name; definitions look like \`θ = w^2\` or \`θ_i = w_i^2\``,
      spanOf(line, la, Math.max(lb, la + 1)),
    );
  const value = parseExpr(text, line, eq[0] + 1, e);
  const nameSpan = spanOf(line, la, lb);
  if (keyword === 'const') return { kind: 'const', line, name, nameSpan, value };
  return { kind: 'output', line, name, nameSpan, span: lineSpan, value };
}

/** In `at U = [[1,0]], v ~ normal(0, 1)` a comma separates assignments only where the next piece has `=` or `~`. */
function splitCommasAtAssignments(text: string, start: number, end: number): Array<[number, number]> {
  const pieces = splitCommas(text, start, end);
  const merged: Array<[number, number]> = [];
  for (const p of pieces) {
    if (!binderOf(text, p[0], p[1]) && merged.length) merged[merged.length - 1][1] = p[1];
    else merged.push([p[0], p[1]]);
  }
  return merged;
}

/**
 * Splits a document into statements; every line that fails yields a diagnostic and the rest go on. `failed` holds
 * the keywords of lines that failed (so a broken `model` line does not also report its `data` as model-less).
 */
export function parseStatements(source: string): {
  statements: Statement[];
  diagnostics: Diagnostic[];
  failed: Set<string>;
} {
  const statements: Statement[] = [];
  const diagnostics: Diagnostic[] = [];
  const failed = new Set<string>();
  if (utf8Length(source) > LIMITS.fileBytes) {
    diagnostics.push({
      severity: 'error',
      code: 'limit',
      message: `the file is larger than ${LIMITS.fileBytes / 1e6} MB, the limit`,
      ...spanOf(1, 0, 1),
    });
    return { statements, diagnostics, failed };
  }
  const lines = source.split('\n');
  lines.forEach((raw, i) => {
    const line = i + 1;
    if (raw.length > LIMITS.lineChars) {
      diagnostics.push({
        severity: 'error',
        code: 'limit',
        message: `this line has ${raw.length} characters; the limit is ${LIMITS.lineChars}`,
        ...spanOf(line, 0, LIMITS.lineChars),
      });
      return;
    }
    const hash = raw.indexOf('#');
    try {
      const st = parseLine(raw, line, hash < 0 ? raw.length : hash);
      if (st) statements.push(st);
    } catch (e) {
      const word = KEYWORD.exec(raw.trim());
      if (word) failed.add(word[1]);
      if (e instanceof OverparamError) diagnostics.push(e.toDiagnostic());
      else
        diagnostics.push({
          severity: 'error',
          code: 'syntax',
          message: `could not read this line: ${(e as Error).message}`,
          ...spanOf(line, 0, Math.max(1, raw.length)),
        });
    }
  });
  return { statements, diagnostics, failed };
}
