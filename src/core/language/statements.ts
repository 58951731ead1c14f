import type { MathNode } from 'mathjs';
import { OverparamError, spanOf, type Diagnostic, type Span } from '../diagnostic';
import { checkAllowed, type NodeSpans } from './allowlist';
import { nestingDepth, tokenize, topLevel, type Token } from './lexer';
import { LIMITS } from './limits';
import { mathjsErrorOffset, parseMath } from './mathjsParser';

/** A parsed, allowlisted expression with the span of every node. */
export interface ParsedExpr {
  node: MathNode;
  spans: NodeSpans;
  span: Span;
}

export interface ParamStatement {
  kind: 'param';
  line: number;
  decls: Array<{ name: string; shape: number[]; span: Span }>;
}
export interface ConstStatement {
  kind: 'const';
  line: number;
  name: string;
  nameSpan: Span;
  value: ParsedExpr;
}
export interface OutputStatement {
  kind: 'output';
  line: number;
  name: string;
  nameSpan: Span;
  span: Span;
  value: ParsedExpr;
}
export interface AtStatement {
  kind: 'at';
  line: number;
  span: Span;
  assignments: Array<{ name: string; index?: number[]; nameSpan: Span; value: ParsedExpr }>;
}
export type Statement = ParamStatement | ConstStatement | OutputStatement | AtStatement;

const IDENT =
  '[A-Za-z_$\\u00C0-\\u02AF\\u0370-\\u03FF\\u2100-\\u214F][A-Za-z0-9_$\\u00C0-\\u02AF\\u0370-\\u03FF\\u2100-\\u214F]*';
const DECL = new RegExp(`^\\s*(${IDENT})\\s*(?:\\[\\s*(\\d+)\\s*(?:,\\s*(\\d+)\\s*)?\\])?\\s*$`, 'u');
const TARGET = new RegExp(`^\\s*(${IDENT})\\s*(?:\\[\\s*(\\d+)\\s*(?:,\\s*(\\d+)\\s*)?\\])?\\s*$`, 'u');

/** Parses `text` (a slice of line `line` starting at column offset `offset`) with mathjs and the allowlist. */
function parseExpr(lineText: string, line: number, offset: number, end: number): ParsedExpr {
  const text = lineText.slice(offset, end);
  const tokens: Token[] = tokenize(text).map((t) => ({ ...t, start: t.start + offset, end: t.end + offset }));
  const span = tokens.length
    ? spanOf(line, tokens[0].start, tokens[tokens.length - 1].end)
    : spanOf(line, offset, offset + 1);
  if (tokens.length === 0) throw new OverparamError('syntax', 'an expression is missing here', span);
  const depth = nestingDepth(tokens);
  if (depth.depth > LIMITS.nesting)
    throw new OverparamError(
      'limit',
      `brackets nest ${depth.depth} deep; the limit is ${LIMITS.nesting}`,
      spanOf(line, depth.at, depth.at + 1),
    );
  const bad = tokens.find((t) => t.kind === 'string');
  if (bad)
    throw new OverparamError('not-allowed', 'strings are not part of the language', spanOf(line, bad.start, bad.end));
  let node: MathNode;
  try {
    node = parseMath(text);
  } catch (e) {
    const msg = (e as Error).message ?? String(e);
    const at = mathjsErrorOffset(msg);
    const col = at === undefined ? offset : offset + Math.min(at, text.length);
    throw new OverparamError(
      'syntax',
      `syntax error: ${msg.replace(/\s*\(char \d+\)/, '')}`,
      spanOf(line, col, col + 1),
    );
  }
  return { node, spans: checkAllowed(node, tokens, line, offset), span };
}

/** Splits [start, end) of a line at top-level commas into [start, end) pieces. */
function splitCommas(lineText: string, start: number, end: number): Array<[number, number]> {
  const tokens = tokenize(lineText.slice(start, end));
  const cuts = topLevel(tokens, ',').map((c) => c + start);
  const pieces: Array<[number, number]> = [];
  let from = start;
  for (const c of cuts) {
    pieces.push([from, c]);
    from = c + 1;
  }
  pieces.push([from, end]);
  return pieces;
}

function trimRange(text: string, a: number, b: number): [number, number] {
  while (a < b && /\s/.test(text[a])) a++;
  while (b > a && /\s/.test(text[b - 1])) b--;
  return [a, b];
}

/** Parses one line (comment already cut at `end`) into a statement, or undefined for a blank line. */
function parseLine(text: string, line: number, end: number): Statement | undefined {
  const [s, e] = trimRange(text, 0, end);
  if (s === e) return undefined;
  const keyword = /^(param|const|at)(?=\s|$)/.exec(text.slice(s, e));
  const lineSpan = spanOf(line, s, e);
  if (keyword?.[1] === 'param') {
    const decls: ParamStatement['decls'] = [];
    for (const [a0, b0] of splitCommas(text, s + 5, e)) {
      const [a, b] = trimRange(text, a0, b0);
      const m = DECL.exec(text.slice(a, b));
      if (!m)
        throw new OverparamError(
          'syntax',
          'expected a parameter like `w`, `w[3]` or `U[2,3]`',
          spanOf(line, a, Math.max(b, a + 1)),
        );
      const shape = [m[2], m[3]].filter((x) => x !== undefined).map(Number);
      if (shape.some((d) => d < 1))
        throw new OverparamError('shape', 'a parameter dimension must be at least 1', spanOf(line, a, b));
      decls.push({ name: m[1], shape, span: spanOf(line, a, a + m[1].length) });
    }
    return { kind: 'param', line, decls };
  }
  const eq = topLevel(tokenize(text.slice(s, e)), '=').map((x) => x + s);
  if (keyword?.[1] === 'at') {
    const assignments: AtStatement['assignments'] = [];
    for (const [a0, b0] of splitCommasAtAssignments(text, s + 2, e)) {
      const [a, b] = trimRange(text, a0, b0);
      const eqAt = topLevel(tokenize(text.slice(a, b)), '=').map((x) => x + a)[0];
      if (eqAt === undefined)
        throw new OverparamError(
          'syntax',
          'expected `name = value` in an `at` line, like `at w = [1, 0]`',
          spanOf(line, a, Math.max(b, a + 1)),
        );
      const [ta, tb] = trimRange(text, a, eqAt);
      const m = TARGET.exec(text.slice(ta, tb));
      if (!m)
        throw new OverparamError(
          'syntax',
          'expected a parameter name before `=`',
          spanOf(line, ta, Math.max(tb, ta + 1)),
        );
      const index = [m[2], m[3]].filter((x) => x !== undefined).map(Number);
      assignments.push({
        name: m[1],
        index: index.length ? index : undefined,
        nameSpan: spanOf(line, ta, tb),
        value: parseExpr(text, line, eqAt + 1, b),
      });
    }
    return { kind: 'at', line, span: lineSpan, assignments };
  }
  if (eq.length === 0)
    throw new OverparamError('syntax', 'expected `param`, `const`, `at` or a definition `name = expression`', lineSpan);
  if (eq.length > 1) throw new OverparamError('syntax', 'one `=` per definition', spanOf(line, eq[1], eq[1] + 1));
  const lhsStart = keyword?.[1] === 'const' ? s + 5 : s;
  const [la, lb] = trimRange(text, lhsStart, eq[0]);
  const name = text.slice(la, lb);
  if (!new RegExp(`^${IDENT}$`, 'u').test(name))
    throw new OverparamError(
      'syntax',
      `\`${name || ' '}\` is not a name; definitions look like \`θ = w^2\` or \`θ_i = w_i^2\``,
      spanOf(line, la, Math.max(lb, la + 1)),
    );
  const value = parseExpr(text, line, eq[0] + 1, e);
  const nameSpan = spanOf(line, la, lb);
  if (keyword?.[1] === 'const') return { kind: 'const', line, name, nameSpan, value };
  return { kind: 'output', line, name, nameSpan, span: lineSpan, value };
}

/** In `at U = [[1,0]], v = [0, 1]` a comma separates assignments only where the next piece has its own `=`. */
function splitCommasAtAssignments(text: string, start: number, end: number): Array<[number, number]> {
  const pieces = splitCommas(text, start, end);
  const merged: Array<[number, number]> = [];
  for (const p of pieces) {
    const hasEq = topLevel(tokenize(text.slice(p[0], p[1])), '=').length > 0;
    if (!hasEq && merged.length) merged[merged.length - 1][1] = p[1];
    else merged.push([p[0], p[1]]);
  }
  return merged;
}

/** Bytes of `s` in UTF-8 (the size of the file on disk), without encoding it. */
function utf8Length(s: string): number {
  if (s.length > LIMITS.fileBytes) return s.length;
  let n = s.length;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0x800 && (c & 0xfc00) === 0xd800 && (s.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      n += 2;
      i++;
    } // a pair: 4 bytes
    else if (c >= 0x800) n += 2;
    else if (c >= 0x80) n += 1;
  }
  return n;
}

/** Splits a document into statements; every line that fails yields a diagnostic and the rest go on. */
export function parseStatements(source: string): { statements: Statement[]; diagnostics: Diagnostic[] } {
  const statements: Statement[] = [];
  const diagnostics: Diagnostic[] = [];
  if (utf8Length(source) > LIMITS.fileBytes) {
    diagnostics.push({
      severity: 'error',
      code: 'limit',
      message: `the file is larger than ${LIMITS.fileBytes / 1e6} MB, the limit`,
      ...spanOf(1, 0, 1),
    });
    return { statements, diagnostics };
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
  return { statements, diagnostics };
}
