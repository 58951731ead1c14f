import { createBatchSpectrum } from '../linalg/batchSingularValues';
import type { CompiledObjective, ObjectiveWorkspace, SampleGradients } from '../objective/compileObjective';
import { jacobianOperator } from '../objective/jacobianOperator';
import type { Watch } from '../lossSpec';
import type { TrainRecord } from './trainingTypes';

/** Turns an evaluated workspace into a TrainRecord (the only place a run allocates: once per record). */
export interface Recorder {
  record(t: number, step: number, W: Float64Array, ws: ObjectiveWorkspace): TrainRecord;
}

const norm = (x: Float64Array): number => {
  let s = 0;
  for (let i = 0; i < x.length; i++) s += x[i] * x[i];
  return Math.sqrt(s);
};

/** A recorder for an objective, its watches and (for SGD) the spread of the per-sample gradients. */
export function createRecorder(
  obj: CompiledObjective,
  watches: readonly Watch[] = [],
  samples: SampleGradients | null = null,
): Recorder {
  const { p, q } = obj;
  const spectrum = createBatchSpectrum(q, p, obj.model.pattern);
  const dense = new Float64Array(q * p);
  const sMin = new Float64Array(1),
    sMax = new Float64Array(1),
    rank = new Int32Array(1);
  const jac = jacobianOperator(p, q, obj.jRows, obj.jCols);
  const u = new Float64Array(q);
  const evalWatches = obj.compileWatches(watches);
  const watchValues = new Float64Array(Math.max(1, watches.length));
  const sampleValues = samples ? new Float64Array(Math.max(1, samples.sample.length)) : null;
  const mean = new Float64Array(p),
    one = new Float64Array(p);

  /** ∇_W ℓ_i = Σ_k (∂ℓ_i/∂θ_k) J_k (rows of J) into `one`. */
  const sampleGradW = (J: Float64Array, i: number): void => {
    one.fill(0);
    for (let s = samples!.start[i]; s < samples!.start[i + 1]; s++) {
      const k = samples!.k[s],
        c = sampleValues![s];
      for (let e = jac.rowStart[k]; e < jac.rowStart[k + 1]; e++) one[obj.jCols[e]] += c * J[e];
    }
  };
  const variance = (ws: ObjectiveWorkspace): number => {
    const n = samples!.n;
    samples!.evaluate(ws.theta, sampleValues!);
    mean.fill(0);
    for (let i = 0; i < n; i++) {
      sampleGradW(ws.J, i);
      for (let j = 0; j < p; j++) mean[j] += one[j] / n;
    }
    let total = 0;
    for (let i = 0; i < n; i++) {
      sampleGradW(ws.J, i);
      for (let j = 0; j < p; j++) total += (one[j] - mean[j]) ** 2;
    }
    return total / n;
  };

  return {
    record(t, step, W, ws) {
      dense.fill(0);
      for (let e = 0; e < obj.jRows.length; e++) dense[obj.jRows[e] * p + obj.jCols[e]] = ws.J[e];
      spectrum.run(dense, 1, sMin, sMax, rank);
      jac.times(ws.J, ws.gradW, u);
      const gW = norm(ws.gradW),
        g = norm(ws.gradTheta),
        jjg = norm(u);
      const cosine = g > 0 && jjg > 0 ? Math.min(1, Math.max(-1, (gW * gW) / (g * jjg))) : null;
      evalWatches(W, watchValues);
      const watch: Record<string, number> = {};
      watches.forEach((w, i) => {
        watch[w.name] = watchValues[i];
      });
      const r: TrainRecord = {
        t,
        step,
        W: Array.from(W),
        theta: Array.from(ws.theta),
        loss: ws.loss,
        gradNorm: gW,
        canonicalGradNorm: g,
        opNorm: sMax[0],
        sigmaMin: sMin[0],
        cosine,
        watch,
      };
      if (samples) r.gradVariance = variance(ws);
      return r;
    },
  };
}
