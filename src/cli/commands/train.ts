// `overparam train`: one trajectory (GD, gradient flow or SGD) from an `at` point, with the canonical comparison, as
// a table, CSV or JSON whose keys are fixed (scripts and our own checks read them).
import { drawStream } from '../../core/random';
import { SGD_STREAM } from '../../core/training/sgd';
import { FLOW_TOLERANCES, train, type TrainOptions, type TrainResult } from '../../core';
import { UsageError, type ParsedArgs } from '../args';
import { budgetSeconds, positiveInt, readInput, toJson, type CliCommand } from '../command';
import { LAB_FLAGS, labRuns, type LabRun } from '../labInput';
import { chosenPoint } from './compiled';
import { num } from '../../format';

/** Defaults of the flags, stated in the README. */
export const TRAIN_DEFAULTS = { lr: 0.01, steps: 1000, time: 10, batch: 1, budgetSeconds: 60 } as const;

/** A finite number flag in an allowed range, or the fallback. */
function numberFlag(
  args: ParsedArgs,
  flag: string,
  fallback: number,
  ok: (v: number) => boolean,
  what: string,
): number {
  const raw = args.flags.get(flag);
  if (raw === undefined) return fallback;
  const v = Number(raw);
  if (!Number.isFinite(v) || !ok(v)) throw new UsageError(`${flag} takes ${what}`);
  return v;
}

/** The method and its options from the command line (the run control is added per run). */
function trainOptions(args: ParsedArgs, run: LabRun, deadline: number): TrainOptions {
  const method = String(args.flags.get('--method') ?? 'gd');
  const lr = numberFlag(args, '--lr', TRAIN_DEFAULTS.lr, (v) => v > 0, 'a positive step size');
  const every = args.flags.has('--every') ? positiveInt(args, '--every', 1) : undefined;
  const common = { watches: run.lab.watches, every, deadline };
  if (method === 'gd') return { method, lr, steps: positiveInt(args, '--steps', TRAIN_DEFAULTS.steps), ...common };
  if (method === 'flow') {
    const time = numberFlag(args, '--time', TRAIN_DEFAULTS.time, (v) => v > 0, 'a positive time');
    return { method, time, ...common };
  }
  if (method === 'sgd') {
    if (!run.lab.objective.samples())
      throw new UsageError('--method sgd needs per-sample losses: a file with `model` and `data`');
    const tau = args.flags.has('--schedule')
      ? numberFlag(args, '--schedule', 1, (v) => v > 0, 'a positive τ (η_t = η / (1 + t/τ))')
      : undefined;
    const sampling = String(args.flags.get('--sampling') ?? 'shuffle');
    if (sampling !== 'shuffle' && sampling !== 'iid') throw new UsageError('--sampling takes shuffle or iid');
    const stream = drawStream(run.lab.seed, SGD_STREAM);
    return {
      method,
      lr,
      steps: positiveInt(args, '--steps', TRAIN_DEFAULTS.steps),
      batch: positiveInt(args, '--batch', TRAIN_DEFAULTS.batch),
      momentum: numberFlag(args, '--momentum', 0, (v) => v >= 0 && v < 1, 'a momentum 0 ≤ β < 1'),
      schedule: tau === undefined ? undefined : { tau },
      sampling,
      random: stream.uniform,
      ...common,
    };
  }
  throw new UsageError('--method takes gd, flow or sgd');
}

/** What the convention of the run's loss is, in one sentence (SGD's full batch is GD on L / n). */
function convention(options: TrainOptions, run: LabRun): string {
  const L = run.lab.spec.source === 'data' ? 'L = ½ Σ_k (F_k - y_k)²' : 'L as the file writes it';
  if (options.method === 'gd') return `GD W ← W - η ∇_W L on ${L}`;
  if (options.method === 'flow')
    return `gradient flow dW/dt = -∇_W L on ${L}, Dormand-Prince 5(4), rtol ${options.rtol ?? FLOW_TOLERANCES.rtol}, atol ${options.atol ?? FLOW_TOLERANCES.atol}`;
  return `SGD steps average ∇ℓ_k over the batch (ℓ_k = ½ (F_k - y_k)²), so a full batch is GD on L / n; seeded stream "${SGD_STREAM}" of seed ${run.lab.seed}`;
}

/** The fixed JSON of one run. */
function runJson(run: LabRun, options: TrainOptions, r: TrainResult, point: number): Record<string, unknown> {
  const { model } = run.lab;
  return {
    method: r.method,
    lr: options.method === 'flow' ? null : options.lr,
    params: model.params,
    outputs: model.outputs,
    point,
    sweep: run.sweep,
    seed: run.lab.seed,
    convention: convention(options, run),
    ...(options.method === 'sgd'
      ? { batch: options.batch, momentum: options.momentum ?? 0, sampling: options.sampling ?? 'shuffle' }
      : {}),
    ...(options.method === 'flow' ? { time: options.time, tolerances: FLOW_TOLERANCES } : {}),
    steps: r.records.map((s) => ({
      t: s.t,
      W: s.W,
      theta: s.theta,
      loss: s.loss,
      gradNorm: s.gradNorm,
      canonicalGradNorm: s.canonicalGradNorm,
      opNorm: s.opNorm,
      sigmaMin: s.sigmaMin,
      cosine: s.cosine,
      watch: s.watch,
      ...(s.gradVariance === undefined ? {} : { gradVariance: s.gradVariance }),
    })),
    canonical: r.canonical ?? [],
    stopped: r.stopped,
    stoppedAt: r.stoppedAt,
    message: r.message,
    stepsTaken: r.steps,
  };
}

/** CSV: one row per record, W and θ spread over columns named after the parameters and outputs. */
function csv(run: LabRun, r: TrainResult): string[] {
  const { params, outputs } = run.lab.model;
  const watches = run.lab.watches.map((w) => w.name);
  const quote = (s: string) => (/[",\n]/u.test(s) ? `"${s.replace(/"/gu, '""')}"` : s);
  const head = ['t', 'loss', 'gradNorm', 'canonicalGradNorm', 'opNorm', 'sigmaMin', 'cosine', ...params, ...outputs];
  const rows = r.records.map((s) =>
    [s.t, s.loss, s.gradNorm, s.canonicalGradNorm, s.opNorm, s.sigmaMin, s.cosine ?? '', ...s.W, ...s.theta]
      .concat(watches.map((w) => s.watch[w]))
      .map(String)
      .join(','),
  );
  return [[...head, ...watches].map(quote).join(','), ...rows];
}

/** A short table: every record's t, L, ‖∇_W L‖, ‖∇_θ L‖, cos and the watches, then how the run ended. */
function text(file: string, run: LabRun, options: TrainOptions, r: TrainResult): string[] {
  const sweep = Object.entries(run.sweep).map(([k, v]) => `${k} = ${v}`);
  const out = [`${file}${sweep.length ? ` (${sweep.join(', ')})` : ''}: ${convention(options, run)}`];
  const watches = run.lab.watches.map((w) => w.name);
  const cols = ['t', 'L', '‖∇_W L‖', '‖∇_θ L‖', 'cos', ...watches];
  out.push(cols.map((c) => c.padStart(12)).join(' '));
  for (const s of r.records)
    out.push(
      [s.t, s.loss, s.gradNorm, s.canonicalGradNorm, s.cosine ?? NaN, ...watches.map((w) => s.watch[w])]
        .map((v) => (Number.isNaN(v) ? '—' : num(v)).padStart(12))
        .join(' '),
    );
  out.push(r.stopped ? `stopped: ${r.stopped}${r.message ? ` (${r.message})` : ''}` : `done: ${r.steps} steps`);
  return out;
}

/** `overparam train FILE`: exit 0 when the run ends (divergence is a finding, reported in `stopped`). */
export const trainCommand: CliCommand = {
  name: 'train',
  synopsis:
    'overparam train FILE [--point K] [--method gd|flow|sgd] [--lr ETA] [--steps T] [--time T] [--batch B]\n' +
    '                       [--momentum BETA] [--schedule TAU] [--sampling shuffle|iid] [--seed S] [--every K]\n' +
    '                       [--sweep NAME=VALUE] [--budget SECONDS] [--json|--csv]',
  valued: [
    '--point',
    '--method',
    '--lr',
    '--steps',
    '--time',
    '--batch',
    '--momentum',
    '--schedule',
    '--sampling',
    '--every',
    '--budget',
    ...LAB_FLAGS,
  ],
  switches: ['--json', '--csv'],
  run(args, io) {
    const { file, text: source } = readInput(args, io);
    if (args.flags.has('--json') && args.flags.has('--csv')) throw new UsageError('choose one of --json and --csv');
    const budget = budgetSeconds(args, TRAIN_DEFAULTS.budgetSeconds);
    const runs = labRuns(file, source, args, io);
    if (!runs) return 1;
    if (args.flags.has('--csv') && runs.length > 1)
      throw new UsageError(`the file's sweeps make ${runs.length} runs: pick one with --sweep for --csv`);
    const point = positiveInt(args, '--point', 1);
    const deadline = Date.now() + budget * 1000;
    const results = runs.map((run) => {
      const options = trainOptions(args, run, deadline);
      return { run, options, result: train(run.lab.objective, chosenPoint(run.lab.model, args), options) };
    });
    if (args.flags.has('--json')) {
      const json = results.map(({ run, options, result }) => runJson(run, options, result, point));
      io.out(toJson(json.length === 1 ? json[0] : { runs: json }));
    } else if (args.flags.has('--csv')) csv(runs[0], results[0].result).forEach((l) => io.out(l));
    else results.forEach(({ run, options, result }) => text(file, run, options, result).forEach((l) => io.out(l)));
    return 0;
  },
};
