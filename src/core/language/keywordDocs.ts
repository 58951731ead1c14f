// The line keywords of losses, data, sweeps and draws with one-line docs (completion offers them at a line's start).

/** Each keyword of the training statements, with an example and its meaning. */
export const TRAINING_KEYWORDS: Readonly<Record<string, string>> = {
  seed: 'seed 7: the seed of the file’s random draws (default 1)',
  sweep: 'sweep m = 10, 100, 1000 (or 1..60): a swept value; sizes and expressions may use it',
  loss: 'loss = (θ[1] - 3)^2: the canonical loss L(θ), of the outputs and constants only',
  model: 'model f(x) = a * x + b: the model of one input x (a scalar or a row of a data matrix)',
  data: 'data X, y: the training set; L = ½ Σ_k (f(X_k) - y_k)² unless a loss is written',
  test: 'test Xt, yt: a test set; test risk = mean_k (f(Xt_k) - yt_k)²',
  watch: 'watch balance = norm(U)^2 - norm(v)^2: a scalar tracked along every trajectory',
};
