// The statements of losses, data and sweeps: `seed`, `sweep`, `loss`, `model`, `data`, `test`, `watch`.
import { OverparamError, spanOf } from '../diagnostic';
import { MAX_SEED } from '../random';
import { LIMITS } from './limits';
import type { Statement, SweepStatement } from './statementTypes';
import { IDENT, isIdent, parseExpr, splitCommas, topLevelIn, trimRange } from './syntax';

type Keyword = 'seed' | 'sweep' | 'loss' | 'model' | 'data' | 'test' | 'watch';

const NUMBER = '[-+]?(?:\\d+\\.?\\d*|\\.\\d+)(?:[eE][-+]?\\d+)?';

/** The one `=` of a line after its keyword, or an error at the right place. */
function equalsOf(text: string, line: number, from: number, e: number, example: string): number {
  const eq = topLevelIn(text, from, e, '=');
  if (eq.length === 0)
    throw new OverparamError('syntax', `expected \`=\`: ${example}`, spanOf(line, from, Math.max(e, from + 1)));
  if (eq.length > 1) throw new OverparamError('syntax', 'one `=` per definition', spanOf(line, eq[1], eq[1] + 1));
  return eq[0];
}

/** A name in [a, b) (trimmed), or an error saying what was expected there. */
function nameIn(
  text: string,
  line: number,
  a0: number,
  b0: number,
  what: string,
): { name: string; a: number; b: number } {
  const [a, b] = trimRange(text, a0, b0);
  const name = text.slice(a, b);
  if (!isIdent(name)) throw new OverparamError('syntax', `expected ${what}`, spanOf(line, a, Math.max(b, a + 1)));
  return { name, a, b };
}

/** `sweep m = 10, 100, 1000`, `sweep p = 1..60`, or a mix (`sweep k = 1..4, 8, 16`). */
function parseSweep(text: string, line: number, s: number, e: number): SweepStatement {
  const eq = equalsOf(text, line, s + 5, e, 'a sweep looks like `sweep m = 10, 100, 1000` or `sweep p = 1..60`');
  const { name, a, b } = nameIn(text, line, s + 5, eq, 'a sweep name, like `sweep m = 10, 100`');
  const values: number[] = [],
    valueSpans: SweepStatement['valueSpans'] = [];
  for (const [p0, q0] of splitCommas(text, eq + 1, e)) {
    const [p, q] = trimRange(text, p0, q0);
    const item = text.slice(p, q);
    const span = spanOf(line, p, Math.max(q, p + 1));
    const range = /^([-+]?\d+)\s*\.\.\s*([-+]?\d+)$/.exec(item);
    if (range) {
      const lo = Number(range[1]),
        hi = Number(range[2]);
      if (hi < lo) throw new OverparamError('syntax', `the range ${item} is empty: write it low..high`, span);
      if (hi - lo + 1 + values.length > LIMITS.sweepValues)
        throw new OverparamError('limit', `more than ${LIMITS.sweepValues} sweep values, the limit`, span);
      for (let v = lo; v <= hi; v++) {
        values.push(v);
        valueSpans.push(span);
      }
    } else if (new RegExp(`^${NUMBER}$`).test(item) && Number.isFinite(Number(item))) {
      values.push(Number(item));
      valueSpans.push(span);
    } else throw new OverparamError('syntax', 'a sweep value is a number or a range of whole numbers like 1..60', span);
    if (values.length > LIMITS.sweepValues)
      throw new OverparamError('limit', `more than ${LIMITS.sweepValues} sweep values, the limit`, span);
  }
  return { kind: 'sweep', line, span: spanOf(line, s, e), name, nameSpan: spanOf(line, a, b), values, valueSpans };
}

/** Parses a line that starts with one of the training keywords ([s, e) is the trimmed line without its comment). */
export function parseTrainingLine(text: string, line: number, s: number, e: number, keyword: Keyword): Statement {
  const lineSpan = spanOf(line, s, e);
  const after = s + keyword.length;
  switch (keyword) {
    case 'seed': {
      const [a, b] = trimRange(text, after, e);
      const item = text.slice(a, b);
      const span = spanOf(line, a, Math.max(b, a + 1));
      const value = /^\d+$/.test(item) ? Number(item) : NaN;
      if (!(value <= MAX_SEED))
        throw new OverparamError('syntax', `a seed is a whole number from 0 to ${MAX_SEED}, like \`seed 7\``, span);
      return { kind: 'seed', line, span: lineSpan, value };
    }
    case 'sweep':
      return parseSweep(text, line, s, e);
    case 'loss': {
      const eq = equalsOf(text, line, after, e, 'the loss looks like `loss = (θ[1] - 3)^2`');
      const [a, b] = trimRange(text, after, eq);
      if (a !== b) throw new OverparamError('syntax', 'expected `loss = …`', spanOf(line, a, b));
      return { kind: 'loss', line, span: lineSpan, value: parseExpr(text, line, eq + 1, e) };
    }
    case 'watch': {
      const eq = equalsOf(text, line, after, e, 'a watch looks like `watch balance = norm(U)^2 - norm(v)^2`');
      const { name, a, b } = nameIn(text, line, after, eq, 'a name for the watch, like `watch energy = …`');
      return {
        kind: 'watch',
        line,
        span: lineSpan,
        name,
        nameSpan: spanOf(line, a, b),
        value: parseExpr(text, line, eq + 1, e),
      };
    }
    case 'model': {
      const eq = equalsOf(text, line, after, e, 'a model looks like `model f(x) = a * x + b`');
      const [a, b] = trimRange(text, after, eq);
      const m = new RegExp(`^(${IDENT})\\s*\\(\\s*(${IDENT})\\s*\\)$`, 'du').exec(text.slice(a, b));
      if (!m)
        throw new OverparamError(
          'syntax',
          'expected a model of one input, like `model f(x) = …`',
          spanOf(line, a, Math.max(b, a + 1)),
        );
      const [n0, n1] = m.indices![1],
        [x0, x1] = m.indices![2];
      return {
        kind: 'model',
        line,
        span: lineSpan,
        name: m[1],
        nameSpan: spanOf(line, a + n0, a + n1),
        arg: m[2],
        argSpan: spanOf(line, a + x0, a + x1),
        value: parseExpr(text, line, eq + 1, e),
      };
    }
    case 'data':
    case 'test': {
      const pieces = splitCommas(text, after, e);
      const example = keyword === 'data' ? '`data X, y`' : '`test Xt, yt`';
      if (pieces.length !== 2)
        throw new OverparamError('syntax', `expected two constants, inputs and targets, like ${example}`, lineSpan);
      const [x, y] = pieces.map(([p, q]) => nameIn(text, line, p, q, `the name of a constant, like ${example}`));
      return {
        kind: keyword,
        line,
        span: lineSpan,
        inputs: { name: x.name, span: spanOf(line, x.a, x.b) },
        targets: { name: y.name, span: spanOf(line, y.a, y.b) },
      };
    }
  }
}
