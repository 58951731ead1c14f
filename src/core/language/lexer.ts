/** A token of one line: identifiers and numbers carry their text; everything else is a single punctuation char. */
export interface Token {
  kind: 'ident' | 'number' | 'punct' | 'string';
  text: string;
  /** 0-based offsets into the line, end exclusive. */
  start: number;
  end: number;
}

// mathjs's own identifier rule (isAlpha): Latin, Latin-1 letters, Greek, letterlike and math alphanumeric
// symbols, `_` and `$`; digits after the first character.
const identStart = /[A-Za-z_$\u00C0-\u02AF\u0370-\u03FF\u2100-\u214F]|[\uD835][\uDC00-\uDFFF]/y;
const identPart = /[A-Za-z0-9_$\u00C0-\u02AF\u0370-\u03FF\u2100-\u214F]|[\uD835][\uDC00-\uDFFF]/y;
// Hexadecimal, binary and octal literals first: mathjs reads `0x10` as one number, not `0` then `x10`.
const numberRe = /0[xX][0-9a-fA-F]+|0[bB][01]+|0[oO][0-7]+|(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?/y;

function matchAt(re: RegExp, text: string, at: number): string | undefined {
  re.lastIndex = at;
  const m = re.exec(text);
  return m ? m[0] : undefined;
}

/** Splits a line into tokens, for positions of parse-tree leaves and for top-level splitting at `,` and `=`. */
export function tokenize(line: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < line.length) {
    const c = line[i];
    if (c === ' ' || c === '\t' || c === '\r') {
      i++;
      continue;
    }
    const start = i;
    let s = matchAt(identStart, line, i);
    if (s !== undefined) {
      i += s.length;
      while ((s = matchAt(identPart, line, i)) !== undefined) i += s.length;
      tokens.push({ kind: 'ident', text: line.slice(start, i), start, end: i });
      continue;
    }
    const num = matchAt(numberRe, line, i);
    if (num !== undefined) {
      i += num.length;
      tokens.push({ kind: 'number', text: num, start, end: i });
      continue;
    }
    const prev = tokens[tokens.length - 1];
    const afterOperand = prev !== undefined && (prev.kind !== 'punct' || /[)\]}']/.test(prev.text));
    if (c === '"' || (c === "'" && !afterOperand)) {
      // A string literal (a quote not following an operand, even across spaces as mathjs reads it: not a transpose).
      const close = line.indexOf(c, i + 1);
      i = close < 0 ? line.length : close + 1;
      tokens.push({ kind: 'string', text: line.slice(start, i), start, end: i });
      continue;
    }
    tokens.push({ kind: 'punct', text: c, start, end: i + 1 });
    i++;
  }
  return tokens;
}

/** The deepest bracket nesting of a line, computed before mathjs sees it (its parser recurses per level). */
export function nestingDepth(tokens: readonly Token[]): { depth: number; at: number } {
  let depth = 0,
    max = 0,
    at = 0;
  for (const t of tokens) {
    if (t.text === '(' || t.text === '[' || t.text === '{') {
      depth++;
      if (depth > max) {
        max = depth;
        at = t.start;
      }
    } else if (t.text === ')' || t.text === ']' || t.text === '}') depth = Math.max(0, depth - 1);
  }
  return { depth: max, at };
}

/** Offsets of top-level occurrences (outside brackets) of a punctuation character. */
export function topLevel(tokens: readonly Token[], ch: string): number[] {
  const found: number[] = [];
  let depth = 0;
  for (let k = 0; k < tokens.length; k++) {
    const t = tokens[k];
    if (t.text === '(' || t.text === '[' || t.text === '{') depth++;
    else if (t.text === ')' || t.text === ']' || t.text === '}') depth--;
    else if (depth === 0 && t.text === ch) {
      // `=` that is part of `==`, `<=`, `>=`, `!=` is an operator, not an assignment.
      if (ch === '=') {
        const prev = tokens[k - 1],
          next = tokens[k + 1];
        if (
          (next && next.text === '=' && next.start === t.end) ||
          (prev && '<>=!'.includes(prev.text) && prev.end === t.start)
        )
          continue;
      }
      found.push(t.start);
    }
  }
  return found;
}
