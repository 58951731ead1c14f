import type { CompiledObjective } from '../objective/compileObjective';
import { dormandPrince } from './dormandPrince';
import { createRecorder } from './recorder';
import { controller, divergence } from './runControl';
import type { CanonicalRecord, RecordOptions, RunControl, TrainRecord, TrainResult } from './trainingTypes';

/** Options of gradientFlow. */
export interface GradientFlowOptions extends RunControl, RecordOptions {
  /** Final time T. */
  time: number;
  /** Tolerances of the Dormand-Prince 5(4) integrator (defaults 1e-9 and 1e-12). */
  rtol?: number;
  atol?: number;
  /** Largest number of accepted steps (default 1,000,000: then `stopped: 'maxSteps'`). */
  maxSteps?: number;
  /** Also integrate the canonical flow dθ/dt = -∇_θ L(θ) from θ_0 = ψ(W_0) (default true). */
  canonical?: boolean;
}

/** The default tolerances of the flow, stated in the docs and the CLI output. */
export const FLOW_TOLERANCES = { rtol: 1e-9, atol: 1e-12 } as const;

/**
 * Gradient flow dW/dt = -∇_W L(W) on [0, T] by the adaptive embedded Dormand-Prince 5(4) pair. Records t = 0, every
 * K-th accepted step (`every`, default 1) and t = T; the record's `t` is the time and `step` the accepted-step count.
 */
export function gradientFlow(obj: CompiledObjective, W0: Float64Array, options: GradientFlowOptions): TrainResult {
  const rtol = options.rtol ?? FLOW_TOLERANCES.rtol,
    atol = options.atol ?? FLOW_TOLERANCES.atol;
  const every = Math.max(1, Math.floor(options.every ?? 1));
  const W = Float64Array.from(W0);
  const ws = obj.workspace();
  const recorder = createRecorder(obj, options.watches);
  const control = controller(options, options.time);
  const records: TrainRecord[] = [];
  const p = obj.p;
  const rhs = (_t: number, y: Float64Array, dy: Float64Array): void => {
    obj.at(y, ws);
    for (let j = 0; j < p; j++) dy[j] = -ws.gradW[j];
  };
  let stopped: TrainResult['stopped'] = null,
    stoppedAt: number | null = null,
    message: string | null = null;
  const initialBad = divergence(obj.at(W, ws), W);
  if (initialBad !== null)
    return {
      method: 'flow',
      records,
      canonical: null,
      stopped: 'diverged',
      stoppedAt: 0,
      message: initialBad,
      steps: 0,
    };
  records.push(recorder.record(0, 0, W, ws));
  let accepted = 0;
  const run = dormandPrince(rhs, W, 0, options.time, { rtol, atol, maxSteps: options.maxSteps }, (t, y) => {
    accepted++;
    // f was just evaluated at (t, y): ws holds this state.
    const bad = divergence(ws.loss, y);
    if (bad !== null) {
      stopped = 'diverged';
      stoppedAt = t;
      message = `diverged at t = ${t}: ${bad}`;
      return false;
    }
    if (accepted % every === 0 || t === options.time) {
      const r = recorder.record(t, accepted, y, ws);
      records.push(r);
      control.recorded(r, t);
    }
    const why = control.poll();
    if (why !== null) {
      stopped = why;
      stoppedAt = t;
      message = `${why === 'deadline' ? 'ran past its time budget' : 'cancelled'} at t = ${t}`;
      if (records[records.length - 1].t !== t) records.push(recorder.record(t, accepted, y, ws));
      return false;
    }
    return true;
  });
  if (run.status === 'maxSteps' || run.status === 'stepTooSmall') {
    stopped = run.status;
    stoppedAt = run.t;
    message =
      run.status === 'maxSteps'
        ? `stopped at t = ${run.t} after ${run.steps} steps (the step limit)`
        : `the step size underflowed at t = ${run.t} (a blow-up: max |W| = ${W.reduce((m, x) => Math.max(m, Math.abs(x)), 0).toPrecision(3)})`;
    obj.at(W, ws);
    if (records[records.length - 1].t !== run.t) records.push(recorder.record(run.t, run.steps, W, ws));
  }
  control.flush(run.t);
  const canonical =
    options.canonical === false ? null : canonicalFlow(obj, W0, stoppedAt ?? options.time, rtol, atol, every);
  return { method: 'flow', records, canonical, stopped, stoppedAt, message, steps: run.steps, rejected: run.rejected };
}

/** The canonical flow dθ/dt = -∇_θ L(θ) from θ_0 = ψ(W_0) to time T, same integrator and tolerances. */
export function canonicalFlow(
  obj: CompiledObjective,
  W0: Float64Array,
  time: number,
  rtol: number,
  atol: number,
  every = 1,
): CanonicalRecord[] {
  const q = obj.q;
  const theta = new Float64Array(q);
  obj.evaluateModel(W0, 1, theta, null);
  const loss = new Float64Array(1),
    grad = new Float64Array(q);
  obj.canonical(theta, 1, loss, grad);
  const records: CanonicalRecord[] = [{ t: 0, theta: Array.from(theta), loss: loss[0] }];
  if (divergence(loss[0], theta) !== null) return records;
  let accepted = 0;
  dormandPrince(
    (_t, y, dy) => {
      obj.canonical(y, 1, loss, grad);
      for (let k = 0; k < q; k++) dy[k] = -grad[k];
    },
    theta,
    0,
    time,
    { rtol, atol },
    (t, y) => {
      accepted++;
      if (divergence(loss[0], y) !== null) return false;
      if (accepted % every === 0 || t === time) records.push({ t, theta: Array.from(y), loss: loss[0] });
      return true;
    },
  );
  return records;
}
