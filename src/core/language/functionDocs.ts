// The callable functions with their one-line docs (completion and hover show them). The names must be exactly those
// of ALLOWED_FUNCTIONS (./allowlist.ts); test/unit/language/functionNames.test.ts checks it, with the grammar and the
// README.

/** Each function a user may call, with its signature and meaning. */
export const FUNCTION_DOCS: Readonly<Record<string, string>> = {
  sin: 'sin(x): sine',
  cos: 'cos(x): cosine',
  tan: 'tan(x): tangent',
  asin: 'asin(x): inverse sine',
  acos: 'acos(x): inverse cosine',
  atan: 'atan(x): inverse tangent',
  sinh: 'sinh(x): hyperbolic sine',
  cosh: 'cosh(x): hyperbolic cosine',
  tanh: 'tanh(x): hyperbolic tangent',
  exp: 'exp(x): e^x',
  log: 'log(x): natural logarithm',
  sqrt: 'sqrt(x): square root',
  abs: 'abs(x): absolute value',
  sum: 'sum(v): sum of the entries of a vector',
  prod: 'prod(v): product of the entries of a vector',
  dot: 'dot(u, v): inner product',
  transpose: "transpose(A): Aᵀ (same as A')",
  norm: 'norm(v): Euclidean norm',
  sigmoid: 'sigmoid(x): 1 / (1 + e^-x)',
  relu: 'relu(x): max(x, 0)',
  softplus: 'softplus(x): log(1 + e^x)',
  square: 'square(x): x^2',
  cube: 'cube(x): x^3',
};
