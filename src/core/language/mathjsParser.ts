import { create, parseDependencies, type MathNode } from 'mathjs';

/**
 * The one mathjs instance of the core, holding only the parser. User text is parsed with it and nothing else:
 * it is never evaluated or compiled by mathjs (our own symbolic layer evaluates the allowlisted tree), so no
 * expression can reach `config`, `createUnit`, `import` or units, and no document can change another's results.
 */
function makeParser(): (text: string) => MathNode {
  const math = create({ parseDependencies }, {});
  return (text: string) => math.parse(text);
}

let parser: ((text: string) => MathNode) | undefined;

/** Parses one expression with mathjs; throws mathjs's SyntaxError (its message names a 1-based `char N`). */
export function parseMath(text: string): MathNode {
  // Created on first use: building the instance costs ~100 ms, which a CLI `--help` should not pay.
  parser ??= makeParser();
  return parser(text);
}

/** The 0-based offset a mathjs syntax error message points at (its "(char N)" is 1-based), or undefined. */
export function mathjsErrorOffset(message: string): number | undefined {
  const m = /\(char (\d+)\)/.exec(message);
  return m ? Math.max(0, Number(m[1]) - 1) : undefined;
}
