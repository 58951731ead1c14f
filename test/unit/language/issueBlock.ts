// The language block of issue 9, verbatim: it must parse as written, and examples/training holds every line of it.

/** The issue's block, verbatim. */
export const ISSUE_BLOCK = [
  'loss = (θ[1] - 3)^2 + (θ[2] - 6)^2   # a canonical loss L(θ) of the outputs (and constants), never of the parameters',
  "model f(x) = v' * tanh(U * x)        # the model as a function of one input x (a scalar, or a row of a data matrix);",
  '                                     # it may use parameters, outputs and constants',
  'data X, y                            # training set: X a vector (scalar inputs) or a matrix (one input per row), y targets;',
  '                                     # the predictions F[k] = f(X_k) are data outputs and L = ½ Σ_k (F[k] - y[k])²',
  'test Xt, yt                          # a test set: test risk = mean over k of (f(Xt_k) - yt_k)²',
  'sweep m = 10, 100, 1000              # a swept value (also `sweep p = 1..60`); sizes and expressions may use it',
  'param v[m], U[m, 2]',
  'const a[m] ~ normal(0, 1)            # seeded random constants: normal(mean, sd), uniform(lo, hi)',
  'at U ~ normal(0, 0.1), v = 0.5       # a seeded random point; several `at` lines as before',
  'at v_i = (-1)^i, U_ij = sin(i + j)   # indexed point formulas (i over the entries; i, j for matrices), mixable with others',
  "seed 7                               # the file's seed (default 1)",
  'watch balance = norm(U)^2 - norm(v)^2   # a scalar tracked along every trajectory and sweep',
].join('\n');
