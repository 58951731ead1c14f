// Random expressions of the language for property tests: mathjs syntax over x, y, z, with safe domains everywhere
// (log and sqrt of 1 + u^2, divisions by 1 + u^2, asin/acos of tanh(u)/2, powers with a base of at least 1).
import fc from 'fast-check';

/** The variables generated expressions use, declared in this order. */
export const VARS = ['x', 'y', 'z'] as const;

const leaf: fc.Arbitrary<string> = fc.oneof(
  { arbitrary: fc.constantFrom(...VARS), weight: 3 },
  { arbitrary: fc.constantFrom('2', '0.5', '3', 'pi', 'e'), weight: 1 },
);

/** An expression tree of depth at most 4 built from the language's operators and functions. */
export const expressionArb: fc.Arbitrary<string> = fc.letrec<{ e: string }>((tie) => ({
  e: fc.oneof(
    { maxDepth: 4, depthSize: 'small' },
    leaf,
    fc.tuple(tie('e'), fc.constantFrom('+', '-', '*'), tie('e')).map(([a, op, b]) => `(${a} ${op} ${b})`),
    fc.tuple(tie('e'), tie('e')).map(([a, b]) => `(${a}) / (1 + (${b})^2)`),
    fc.tuple(tie('e'), fc.constantFrom(2, 3)).map(([a, n]) => `(${a})^${n}`),
    tie('e').map((a) => `-(${a})`),
    fc.tuple(fc.constantFrom('sin', 'cos', 'tanh', 'atan'), tie('e')).map(([f, a]) => `${f}(${a})`),
    fc.tuple(fc.constantFrom('sinh', 'cosh', 'tan', 'exp'), tie('e')).map(([f, a]) => `${f}(tanh(${a}))`),
    tie('e').map((a) => `log(1 + (${a})^2)`),
    tie('e').map((a) => `sqrt(1 + (${a})^2)`),
    fc.tuple(fc.constantFrom('asin', 'acos'), tie('e')).map(([f, a]) => `${f}(tanh(${a}) / 2)`),
    fc.tuple(tie('e'), tie('e')).map(([a, b]) => `(2 + sin(${a}))^(tanh(${b}))`),
  ),
})).e;
