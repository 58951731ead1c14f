// Declarations with sizes (`w[3]`, `U[m, 2]`) and the distributions of seeded draws (`~ normal(0, 1)`).
import { OverparamError, spanOf, type Span } from '../diagnostic';
import { DISTRIBUTIONS } from './allowlist';
import type { Dim, Distribution } from './statementTypes';
import { IDENT, parseExpr, splitCommas, trimRange } from './syntax';

const DIM = `(\\d+|${IDENT})`;
const DECL = new RegExp(`^\\s*(${IDENT})\\s*(?:\\[\\s*${DIM}\\s*(?:,\\s*${DIM}\\s*)?\\])?\\s*$`, 'du');

/**
 * Parses a declaration `name`, `name[n]` or `name[n, k]` in [a, b) of a line, where each size is a whole number or
 * a sweep's name; `what` names the thing in the error (`a parameter like …`).
 */
export function parseDeclaration(
  text: string,
  line: number,
  a: number,
  b: number,
  what: string,
): { name: string; dims: Dim[]; span: Span } {
  const m = DECL.exec(text.slice(a, b));
  if (!m) throw new OverparamError('syntax', `expected ${what}`, spanOf(line, a, Math.max(b, a + 1)));
  const dims: Dim[] = [];
  for (const k of [2, 3]) {
    if (m[k] === undefined) continue;
    const [s, e] = m.indices![k];
    if (/^\d+$/.test(m[k])) dims.push(Number(m[k]));
    else dims.push({ name: m[k], span: spanOf(line, a + s, a + e) });
  }
  if (dims.some((d) => typeof d === 'number' && d < 1))
    throw new OverparamError('shape', 'a dimension must be at least 1', spanOf(line, a, b));
  return { name: m[1], dims, span: spanOf(line, a + m.indices![1][0], a + m.indices![1][1]) };
}

/** Parses the distribution in [start, end) of a line (the text after `~`): `normal(mean, sd)` or `uniform(lo, hi)`. */
export function parseDistribution(text: string, line: number, start: number, end: number): Distribution {
  const [a, b] = trimRange(text, start, end);
  const whole = spanOf(line, a, Math.max(b, a + 1));
  const m = new RegExp(`^(${IDENT})\\s*\\(`, 'u').exec(text.slice(a, b));
  if (!m || text[b - 1] !== ')')
    throw new OverparamError('syntax', 'expected a distribution after `~`: normal(mean, sd) or uniform(lo, hi)', whole);
  const distSpan = spanOf(line, a, a + m[1].length);
  if (!DISTRIBUTIONS.has(m[1]))
    throw new OverparamError(
      'not-allowed',
      `\`${m[1]}\` is not a distribution; use normal(mean, sd) or uniform(lo, hi)`,
      distSpan,
    );
  const open = a + m[0].length;
  const pieces = splitCommas(text, open, b - 1);
  const args = pieces.map(([s, e]) => parseExpr(text, line, s, e));
  if (args.length !== 2) throw new OverparamError('syntax', `\`${m[1]}\` takes 2 arguments, got ${args.length}`, whole);
  return { dist: m[1] as Distribution['dist'], distSpan, args: [args[0], args[1]], span: whole };
}
