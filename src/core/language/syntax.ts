// The pieces every statement parser shares: identifiers, parsing an expression slice of a line with mathjs and the
// allowlist (with the span of every node), splitting at top-level commas, trimming.
import type { MathNode } from 'mathjs';
import { OverparamError, spanOf, type Span } from '../diagnostic';
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

/** mathjs's identifier rule (Latin, Greek, letterlike symbols, `_`, `$`), as a regular expression source. */
export const IDENT =
  '[A-Za-z_$\\u00C0-\\u02AF\\u0370-\\u03FF\\u2100-\\u214F][A-Za-z0-9_$\\u00C0-\\u02AF\\u0370-\\u03FF\\u2100-\\u214F]*';

/** True when `s` is one identifier. */
export const isIdent = (s: string): boolean => new RegExp(`^${IDENT}$`, 'u').test(s);

/** The message for a `~` where no draw may stand. */
export const TILDE_ELSEWHERE =
  '`~` draws random values only in `const` and `at` lines, like `const a[3] ~ normal(0, 1)` or `at w ~ uniform(-1, 1)`';

/** Parses [offset, end) of line `line` with mathjs and the allowlist. */
export function parseExpr(lineText: string, line: number, offset: number, end: number): ParsedExpr {
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
  const tilde = tokens.find((t) => t.text === '~');
  if (tilde) throw new OverparamError('not-allowed', TILDE_ELSEWHERE, spanOf(line, tilde.start, tilde.end));
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
export function splitCommas(lineText: string, start: number, end: number): Array<[number, number]> {
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

/** [a, b) without leading and trailing white space. */
export function trimRange(text: string, a: number, b: number): [number, number] {
  while (a < b && /\s/.test(text[a])) a++;
  while (b > a && /\s/.test(text[b - 1])) b--;
  return [a, b];
}

/** Offsets of top-level `ch` in [start, end) of a line. */
export const topLevelIn = (text: string, start: number, end: number, ch: string): number[] =>
  topLevel(tokenize(text.slice(start, end)), ch).map((x) => x + start);

/** Bytes of `s` in UTF-8 (the size of the file on disk), without encoding it. */
export function utf8Length(s: string): number {
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
