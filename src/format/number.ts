// Numbers as people read them, the same in the CLI, the hover, the diagnostics and the panel.

/**
 * A number in at most `digits` significant digits: `2`, `0.7071`, `1.2e-9`, `∞`; -0 shows as 0; minus is `−`.
 * Plain between 1e-4 and 1e6, exponent form outside.
 */
export function num(x: number, digits = 4): string {
  if (Number.isNaN(x)) return 'NaN';
  if (!Number.isFinite(x)) return x > 0 ? '∞' : '−∞';
  if (x === 0) return '0';
  const a = Math.abs(x);
  const s =
    a >= 1e-4 && a < 1e6 ? String(Number(x.toPrecision(digits))) : x.toExponential(digits - 1).replace(/\.?0+e/, 'e');
  return s.replace(/^-/, '−');
}

/** As `num` with an ASCII minus, for text that is read back by programs or pasted into code (labels, lenses). */
export function asciiNum(x: number, digits = 4): string {
  return num(x, digits).replace(/−/g, '-');
}

/** A condition number for a code lens: `1`, `20.1`, `inf` (the core sends null for an infinite one). */
export function cond(x: number | null | undefined): string {
  if (x === null) return 'inf';
  if (x === undefined || Number.isNaN(x)) return '?';
  return Number.isFinite(x) ? asciiNum(x) : 'inf';
}

/** A vector as a tuple `(1, 0)`, cut after `max` entries. */
export function tuple(v: ArrayLike<number>, max = 8): string {
  const shown = Array.from(v)
    .slice(0, max)
    .map((x) => num(x));
  return `(${shown.join(', ')}${v.length > max ? `, … ${v.length - max} more` : ''})`;
}
