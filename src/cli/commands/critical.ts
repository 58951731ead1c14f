// `overparam critical`: every critical point of L(W) = L(ψ(W)) the seeded search finds in a box, each classified
// (canonical or ghost; minimum, saddle, maximum or degenerate) with its set's dimension, as a summary or JSON whose
// keys are fixed by the issue.
import {
  MAX_CRITICAL_PARAMS,
  searchCritical,
  type CompiledModel,
  type CriticalPoint,
  type CriticalSearchResult,
} from '../../core';
import { direction, num, pointLabel, tuple } from '../../format';
import { UsageError } from '../args';
import { budgetSeconds, positiveInt, readInput, toJson, type CliCommand } from '../command';
import { LAB_FLAGS, labRuns, type LabRun } from '../labInput';

/** Defaults of the flags, stated in the README. */
export const CRITICAL_DEFAULTS = { box: [-2, 2] as const, starts: 256, budgetSeconds: 20 };

/** What the search is, in one sentence (the JSON's `method` and the summary's first line). */
const METHOD =
  'Levenberg-Marquardt on ∇_W L = 0 with the exact Hessian, from seeded low-discrepancy starts and from where GD stalls';

/** `LO:HI` as two numbers with LO < HI, or null. */
function range(text: string): [number, number] | null {
  const m = /^\s*([^:]+):([^:]+)\s*$/u.exec(text);
  const lo = m ? Number(m[1]) : NaN,
    hi = m ? Number(m[2]) : NaN;
  return Number.isFinite(lo) && Number.isFinite(hi) && lo < hi ? [lo, hi] : null;
}

/** Splits at commas outside brackets (`U[1,1]=0:1,v=-1:1` is two entries). */
function entries(text: string): string[] {
  const out: string[] = [];
  let depth = 0,
    start = 0;
  for (let i = 0; i < text.length; i++) {
    if (text[i] === '[') depth++;
    else if (text[i] === ']') depth--;
    else if (text[i] === ',' && depth === 0) {
      out.push(text.slice(start, i));
      start = i + 1;
    }
  }
  out.push(text.slice(start));
  return out.map((s) => s.trim()).filter((s) => s.length > 0);
}

/**
 * `--box LO:HI` (every parameter) or `--box NAME=LO:HI,...`: NAME a parameter (`w[1]`, `U[1,2]`, `a`) or a whole
 * declaration (`U`); a bare `LO:HI` entry replaces the default [-2, 2] of the parameters no entry names.
 */
export function boxOf(raw: string | true | undefined, model: CompiledModel): [number, number][] {
  const boxes: ([number, number] | null)[] = model.params.map(() => null);
  let fallback: [number, number] = [...CRITICAL_DEFAULTS.box];
  if (typeof raw === 'string')
    for (const entry of entries(raw)) {
      const eq = entry.lastIndexOf('=');
      const r = range(eq < 0 ? entry : entry.slice(eq + 1));
      if (!r)
        throw new UsageError(
          `--box: cannot read \`${entry}\`; write LO:HI with LO < HI, like --box=-1:3 or --box "v=0:2"`,
        );
      if (eq < 0) {
        fallback = r;
        continue;
      }
      const name = entry.slice(0, eq).trim();
      const decl = model.shape.params.find((d) => d.name === name);
      const columns = decl ? decl.entries : [model.params.indexOf(name)];
      if (columns[0] < 0)
        throw new UsageError(`--box: unknown parameter \`${name}\` (parameters: ${model.params.join(', ')})`);
      for (const j of columns) boxes[j] = r;
    }
  return boxes.map((b) => b ?? fallback);
}

/** One critical point with the issue's keys first, in its order, then the extras. */
function pointJson(c: CriticalPoint): Record<string, unknown> {
  return {
    at: c.at,
    W: c.W,
    theta: c.theta,
    loss: c.loss,
    gradNorm: c.gradNorm,
    canonicalGradNorm: c.canonicalGradNorm,
    rank: c.rank,
    hessianEigenvalues: c.hessianEigenvalues,
    origin: c.origin,
    type: c.type,
    ghostDirection: c.ghostDirection,
    setDimension: c.setDimension,
    escapeDirection: c.escapeDirection,
    stableStep: c.stableStep,
    nullity: c.nullity,
    hits: c.hits,
    sources: c.sources,
  };
}

function runJson(file: string, run: LabRun, box: [number, number][], r: CriticalSearchResult) {
  const { model } = run.lab;
  return {
    criticalPoints: r.criticalPoints.map(pointJson),
    starts: r.starts,
    converged: r.converged,
    complete: r.complete,
    gdRuns: r.gdRuns,
    method: METHOD,
    file,
    params: model.params,
    outputs: model.outputs,
    box: Object.fromEntries(model.params.map((name, j) => [name, box[j]])),
    seed: run.lab.seed,
    sweep: run.sweep,
  };
}

/** The box in words: one range for all, or the ranges that differ from the most common one. */
function boxText(model: CompiledModel, box: [number, number][]): string {
  const key = (b: [number, number]) => `[${num(b[0])}, ${num(b[1])}]`;
  const counts = new Map<string, number>();
  box.forEach((b) => counts.set(key(b), (counts.get(key(b)) ?? 0) + 1));
  const common = [...counts.entries()].sort((a, b) => b[1] - a[1])[0][0];
  const others = model.params.flatMap((name, j) => (key(box[j]) === common ? [] : [`${name} in ${key(box[j])}`]));
  return `the box ${common} per parameter${others.length ? ` (${others.join(', ')})` : ''}`;
}

/** A summary: one block per critical point (class, where, L, eigenvalues, ghost and escape directions). */
function text(file: string, run: LabRun, box: [number, number][], r: CriticalSearchResult): string[] {
  const { model } = run.lab;
  const sweep = Object.entries(run.sweep).map(([k, v]) => `${k} = ${v}`);
  const ghosts = r.criticalPoints.filter((c) => c.origin === 'ghost').length;
  const n = r.criticalPoints.length;
  const out = [
    `${file}${sweep.length ? ` (${sweep.join(', ')})` : ''}: ${n} critical point${n === 1 ? '' : 's'} (${ghosts} ghost) in ${boxText(model, box)}`,
    `  ${METHOD}: ${r.starts} starts, ${r.converged} converged, ${r.gdRuns} GD runs${r.complete ? '' : '; stopped by the time budget (partial)'}`,
  ];
  for (const c of r.criticalPoints) {
    const set = c.setDimension > 0 ? ` set of dimension ${c.setDimension}, e.g.` : '';
    out.push(`${c.origin} ${c.type}${set} at ${pointLabel(model.shape.params, c.W, 120)}`);
    out.push(
      `  L = ${num(c.loss)}, ‖∇_θ L‖ = ${num(c.canonicalGradNorm)}, rank J = ${c.rank}, Hessian eigenvalues ${tuple(c.hessianEigenvalues)}`,
    );
    if (c.ghostDirection)
      out.push(`  ghost direction ∇_θ L (in ker Jᵀ): ${direction(c.ghostDirection, model.outputs)}`);
    if (c.escapeDirection) out.push(`  escape direction: ${direction(c.escapeDirection, model.params)}`);
    if (c.stableStep !== null) out.push(`  largest stable GD step 2/λmax = ${num(c.stableStep)}`);
  }
  return out;
}

/** `overparam critical FILE`: the critical points of the file's loss in a box (exit 0; a partial search says so). */
export const criticalCommand: CliCommand = {
  name: 'critical',
  synopsis:
    'overparam critical FILE [--box LO:HI | --box NAME=LO:HI,...] [--starts N] [--seed S] [--budget SECONDS]\n' +
    '                          [--sweep NAME=VALUE] [--json]',
  valued: ['--box', '--starts', '--budget', ...LAB_FLAGS],
  switches: ['--json'],
  run(args, io) {
    const { file, text: source } = readInput(args, io);
    const starts = positiveInt(args, '--starts', CRITICAL_DEFAULTS.starts);
    const budget = budgetSeconds(args, CRITICAL_DEFAULTS.budgetSeconds);
    const runs = labRuns(file, source, args, io);
    if (!runs) return 1;
    const deadline = Date.now() + budget * 1000;
    for (const run of runs)
      if (run.lab.model.p > MAX_CRITICAL_PARAMS)
        throw new UsageError(
          `critical: the model has ${run.lab.model.p} parameters; the search takes at most ${MAX_CRITICAL_PARAMS} (a dense Hessian per Newton step): pick a smaller --sweep value`,
        );
    const results = runs.map((run) => {
      const box = boxOf(args.flags.get('--box'), run.lab.model);
      const r = searchCritical(run.lab.objective, { box, starts, seed: run.lab.seed, deadline });
      return { run, box, r };
    });
    if (args.flags.has('--json')) {
      const json = results.map(({ run, box, r }) => runJson(file, run, box, r));
      io.out(toJson(json.length === 1 ? json[0] : { runs: json }));
    } else results.forEach(({ run, box, r }) => text(file, run, box, r).forEach((l) => io.out(l)));
    return 0;
  },
};
