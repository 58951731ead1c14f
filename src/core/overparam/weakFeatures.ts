// Belkin, Hsu & Xu, "Two models of double descent for weak features" (2020): x ~ N(0, I_D), y = xᵀβ + σ ε, and a
// learner that fits the minimum-norm least squares on the first p of the D features (the set T; Tc the rest). Its
// expected test risk E[(y - x_Tᵀ ŵ)²] has a closed form on each side of p = n; a seeded Monte Carlo of the same
// quantity, from Gaussians drawn here, checks the core's minimum-norm solver against it.
import { drawStream } from '../random';
import { minimumNormSolve } from './minimumNorm';

/** The setting: D features, n samples, the learner's p, the true β (length D) and the noise σ. */
export interface WeakFeatures {
  D: number;
  n: number;
  p: number;
  beta: readonly number[];
  sigma: number;
}

/**
 * The expected test risk: (‖β_Tc‖² + σ²)(1 + p / (n - p - 1)) for p ≤ n - 2, ‖β_T‖² (1 - n/p) + (‖β_Tc‖² + σ²)
 * (1 + n / (p - n - 1)) for p ≥ n + 2, Infinity in between (the expectation diverges at the threshold).
 */
export function weakFeaturesRisk(m: WeakFeatures): number {
  const { n, p, sigma } = m;
  const sq = (from: number, to: number) => m.beta.slice(from, to).reduce((s, b) => s + b * b, 0);
  const bT = sq(0, p),
    rest = sq(p, m.D) + sigma * sigma;
  if (p <= n - 2) return rest * (1 + p / (n - p - 1));
  if (p >= n + 2) return bT * (1 - n / p) + rest * (1 + n / (p - n - 1));
  return Infinity;
}

/** A Monte Carlo estimate of the expected test risk: its mean over training sets and the standard error of it. */
export interface RiskEstimate {
  mean: number;
  /** The sample standard deviation / √trials. */
  stderr: number;
  trials: number;
}

/**
 * `trials` training sets X (n x D) and noises from stream "weak-features" of `seed`; per set the exact conditional
 * risk of the minimum-norm fit ŵ on T: E_x[(y - x_Tᵀ ŵ)²] = ‖β_T - ŵ‖² + ‖β_Tc‖² + σ² (x isotropic).
 */
export function weakFeaturesMonteCarlo(m: WeakFeatures, trials: number, seed: number): RiskEstimate {
  const { D, n, p, beta, sigma } = m;
  const g = drawStream(seed, 'weak-features');
  const XT = new Float64Array(n * p),
    y = new Float64Array(n);
  const restSq = beta.slice(p).reduce((s, b) => s + b * b, 0) + sigma * sigma;
  let sum = 0,
    sum2 = 0;
  for (let t = 0; t < trials; t++) {
    for (let i = 0; i < n; i++) {
      let yi = 0;
      for (let j = 0; j < D; j++) {
        const x = g.normal();
        yi += x * beta[j];
        if (j < p) XT[i * p + j] = x;
      }
      y[i] = yi + sigma * g.normal();
    }
    const w = minimumNormSolve(XT, n, p, y).x;
    let risk = restSq;
    for (let j = 0; j < p; j++) risk += (beta[j] - w[j]) ** 2;
    sum += risk;
    sum2 += risk * risk;
  }
  const mean = sum / trials;
  const variance = Math.max(0, (sum2 - trials * mean * mean) / Math.max(1, trials - 1));
  return { mean, stderr: Math.sqrt(variance / trials), trials };
}
