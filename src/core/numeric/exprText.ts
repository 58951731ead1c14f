import type { UnaryFunction } from '../symbolic/expr';

/** A number as JavaScript source (negative numbers in parentheses, non-finite ones by name). */
export function literal(v: number): string {
  if (Number.isNaN(v)) return 'NaN';
  if (!Number.isFinite(v)) return v > 0 ? 'Infinity' : '-Infinity';
  const s = String(v);
  return v < 0 ? `(${s})` : s;
}

const CALL: Record<UnaryFunction, (a: string) => string> = {
  sin: (a) => `Math.sin(${a})`,
  cos: (a) => `Math.cos(${a})`,
  tan: (a) => `Math.tan(${a})`,
  asin: (a) => `Math.asin(${a})`,
  acos: (a) => `Math.acos(${a})`,
  atan: (a) => `Math.atan(${a})`,
  sinh: (a) => `Math.sinh(${a})`,
  cosh: (a) => `Math.cosh(${a})`,
  tanh: (a) => `Math.tanh(${a})`,
  exp: (a) => `Math.exp(${a})`,
  log: (a) => `Math.log(${a})`,
  sqrt: (a) => `Math.sqrt(${a})`,
  abs: (a) => `Math.abs(${a})`,
  sign: (a) => `Math.sign(${a})`,
  heaviside: (a) => `(${a} > 0 ? 1 : 0)`,
  relu: (a) => `Math.max(${a}, 0)`,
  sigmoid: (a) => `(1 / (1 + Math.exp(-${a})))`,
  softplus: (a) => `sp(${a})`,
};

/** A call of a function of the language as JavaScript source (softplus calls the program's `sp`). */
export const callText = (fn: UnaryFunction, a: string): string => CALL[fn](a);
