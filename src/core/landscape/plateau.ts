// Plateaus at ghost saddles: a trajectory near a point where ∇_W L = Jᵀ ∇_θ L vanishes while ∇_θ L does not moves
// slowly (the loss is flat) although the canonical loss is far from stationary. This finds those stretches.
import type { TrainRecord, TrainResult } from '../training/trainingTypes';

/** Options of detectPlateaus. */
export interface PlateauOptions {
  /** A record is stalled when ‖∇_W L‖ ≤ ratio · ‖∇_θ L‖ (default 0.01). */
  ratio?: number;
  /** ... and ‖∇_θ L‖ > floor · max over the run of ‖∇_θ L‖ (default 1e-6), so a converged canonical minimum is none. */
  floor?: number;
  /** Fewest consecutive stalled records that make a plateau (default 2). */
  minRecords?: number;
}

/** One stall of a trajectory. */
export interface Plateau {
  /** t of its first stalled record. */
  start: number;
  /** t of the first record after it (its escape), or of the run's last record when it never escaped. */
  end: number;
  /** end - start: steps for GD and SGD, time for the flow. */
  length: number;
  escaped: boolean;
  /** Indices of its first and last stalled record in `records`. */
  first: number;
  last: number;
  /** L at its start and L(end) - L(start). */
  loss: number;
  lossChange: number;
  /** The stalled record with the smallest ‖∇_W L‖: where the trajectory sits (near the ghost point). */
  W: number[];
  gradNorm: number;
  canonicalGradNorm: number;
}

/**
 * The plateaus of a run: maximal stretches of consecutive records with ‖∇_W L‖ ≤ ratio · ‖∇_θ L‖ and ‖∇_θ L‖ not
 * negligible (the chain rule ∇_W L = Jᵀ ∇_θ L hides a canonical gradient that is there). For GD a stall is also a
 * flat loss, since each step lowers L by about η ‖∇_W L‖² (lossChange reports by how much it moved). Needs records
 * close enough to resolve the stall (`every` small against its length).
 */
export function detectPlateaus(result: TrainResult | readonly TrainRecord[], options: PlateauOptions = {}): Plateau[] {
  const records = 'records' in result ? result.records : result;
  const ratio = options.ratio ?? 0.01,
    minRecords = options.minRecords ?? 2;
  let top = 0;
  for (const r of records) if (r.canonicalGradNorm > top) top = r.canonicalGradNorm;
  const floor = (options.floor ?? 1e-6) * top;
  const stalled = (r: TrainRecord): boolean =>
    r.canonicalGradNorm > floor && r.gradNorm <= ratio * r.canonicalGradNorm && Number.isFinite(r.loss);
  const out: Plateau[] = [];
  for (let i = 0; i < records.length;) {
    if (!stalled(records[i])) {
      i++;
      continue;
    }
    let j = i;
    while (j + 1 < records.length && stalled(records[j + 1])) j++;
    if (j - i + 1 >= minRecords) {
      const escaped = j + 1 < records.length;
      const endRecord = records[escaped ? j + 1 : j];
      let best = records[i];
      for (let k = i + 1; k <= j; k++) if (records[k].gradNorm < best.gradNorm) best = records[k];
      out.push({
        start: records[i].t,
        end: endRecord.t,
        length: endRecord.t - records[i].t,
        escaped,
        first: i,
        last: j,
        loss: records[i].loss,
        lossChange: endRecord.loss - records[i].loss,
        W: best.W.slice(),
        gradNorm: best.gradNorm,
        canonicalGradNorm: best.canonicalGradNorm,
      });
    }
    i = j + 1;
  }
  return out;
}
