import type { Watch } from '../lossSpec';

/** Why a run ended before its planned length (null in TrainResult.stopped: it ran to the end). */
export type StopReason = 'diverged' | 'deadline' | 'cancelled' | 'maxSteps' | 'stepTooSmall';

/** One recorded state of a trajectory in parameter space. */
export interface TrainRecord {
  /** Step index (GD, SGD) or time (gradient flow). */
  t: number;
  /** Steps taken so far (accepted steps for the flow). */
  step: number;
  W: number[];
  theta: number[];
  loss: number;
  /** ‖∇_W L‖ (the full gradient, also for SGD). */
  gradNorm: number;
  /** ‖∇_θ L‖. */
  canonicalGradNorm: number;
  /** ‖J‖ (largest singular value) and σ_min(J) (over min(q, p) singular values). */
  opNorm: number;
  sigmaMin: number;
  /** cos(∇_θ L, J Jᵀ ∇_θ L); null where either vector is 0 (no direction). */
  cosine: number | null;
  /** The watches' values by name. */
  watch: Record<string, number>;
  /** SGD only: (1/n) Σ_i ‖∇_W ℓ_i - (1/n) Σ_j ∇_W ℓ_j‖², the spread of the per-sample gradients. */
  gradVariance?: number;
}

/** One recorded state of the canonical comparison (descent on L(θ) in θ itself). */
export interface CanonicalRecord {
  t: number;
  theta: number[];
  loss: number;
}

/** A trajectory and how it ended. */
export interface TrainResult {
  method: 'gd' | 'flow' | 'sgd';
  records: TrainRecord[];
  /** The canonical comparison from θ_0 = ψ(W_0) (null when not asked for). */
  canonical: CanonicalRecord[] | null;
  /** null: the run reached its planned end. */
  stopped: StopReason | null;
  /** The step (GD, SGD) or time (flow) at which it stopped, and why, in words (null when it did not stop early). */
  stoppedAt: number | null;
  message: string | null;
  /** Steps taken (accepted steps for the flow; rejected ones in `rejected`). */
  steps: number;
  rejected?: number;
}

/** Cooperative control shared by every method. */
export interface RunControl {
  /** Date.now() value past which the run stops with `stopped: 'deadline'` (records so far are kept). */
  deadline?: number;
  /** Polled every few hundred steps; true stops the run with `stopped: 'cancelled'`. */
  shouldStop?: () => boolean;
  /** Receives the records made since its last call (at most every `progressMs`, and once at the end). */
  onProgress?: (update: { records: TrainRecord[]; done: number; total: number }) => void;
  /** Minimum time between progress calls in ms (default 100). */
  progressMs?: number;
}

/** What every method records. */
export interface RecordOptions {
  /** Record every K steps (default: about 100 records per run); the first and the last state are always recorded. */
  every?: number;
  /** Watched scalars of W (their variables are parameter indices). */
  watches?: readonly Watch[];
}
