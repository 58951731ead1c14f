import { checkDeadline } from './budget';
import { checkDerivatives } from './checkDerivatives';
import { compileDocument } from './compileDocument';
import type { Diagnostic, RelatedInfo, Span } from './diagnostic';
import { canonicalSign, direction, tuple } from '../format';
import { findTarget } from './language/points';
import { pointLabel } from '../format/point';
import type { CompiledModel } from './model';
import { pointObjective } from './objective/pointObjective';
import { analyzePoint } from './pointReport';
import type { AnalysisReport, PointReport, TrainingSummary } from './report';
import { printTex } from './symbolic/printTex';
import { printText } from './symbolic/printText';
import { loadSimplify, simplifyForDisplay } from './symbolic/simplifyDisplay';

/** Options of a full analysis. */
export interface AnalyzeOptions {
  /** Rank tolerance; default sigma_max * max(q, p) * eps. */
  tol?: number;
  /** Compare symbolic J with central differences at random points (default true). */
  checkDerivatives?: boolean;
  /** More points, by parameter name (`w[1]`, `w1`, `r`); missing parameters are taken from the first `at` point. */
  extraPoints?: Record<string, number>[];
  /** Date.now() value after which the analysis stops with BudgetExceededError. */
  deadline?: number;
  /** Run mathjs `simplify` over the displayed Jacobian entries (default false; slow: ~50 ms an entry). */
  simplify?: boolean;
  /** Time budget of that pass in ms (default 1000); entries not reached stay in their normalised form. */
  simplifyBudgetMs?: number;
  /** The value of each sweep to analyse (default: each sweep's first value), as in CompileOptions. */
  sweep?: Record<string, number>;
  /** A seed that replaces the file's `seed` line. */
  seed?: number;
}

const NEAR_SINGULAR = 1 / Math.sqrt(Number.EPSILON);

/** Builds a parameter vector from a name -> value map, filling the rest from `base`; throws on unknown names. */
export function pointFromNames(
  model: CompiledModel,
  values: Record<string, number>,
  base?: Float64Array,
): Float64Array {
  const x = base ? Float64Array.from(base) : new Float64Array(model.p).fill(NaN);
  for (const [name, v] of Object.entries(values)) {
    let j = model.params.indexOf(name);
    if (j < 0) {
      const t = findTarget(
        model.params.map((n) => ({
          name: n,
          shape: [],
          offset: 0,
          span: { line: 1, column: 1, endLine: 1, endColumn: 2 },
        })),
        name,
        undefined,
      );
      j = t ? model.params.indexOf(t.index ? `${t.param.name}[${t.index[0]}]` : t.param.name) : -1;
    }
    if (j < 0) throw new Error(`unknown parameter \`${name}\` (parameters: ${model.params.join(', ')})`);
    x[j] = v;
  }
  const missing = model.params.filter((_, j) => Number.isNaN(x[j]));
  if (missing.length) throw new Error(`the point misses ${missing.join(', ')}`);
  return x;
}

/** Diagnostics a point report implies: rank deficiency, near-singularity, non-finite values. */
function pointDiagnostics(
  model: CompiledModel,
  r: PointReport,
  label: string,
  span: Span,
  rowSpans: readonly Span[],
): Diagnostic[] {
  if (!r.finite) {
    const bad = r.theta.findIndex((v) => !Number.isFinite(v));
    const where = bad >= 0 ? `${model.outputs[bad]} = ${r.theta[bad]}` : 'J has a non-finite entry';
    return [
      {
        severity: 'error',
        code: 'non-finite',
        message: `non-finite value at ${label}: ${where}; no rank analysis there`,
        ...span,
      },
    ];
  }
  const k = Math.min(model.q, model.p);
  if (r.rank! < k) {
    const ghosts = r.cokernel!.map((c) => direction(canonicalSign(c), model.outputs)).join('; ');
    const related: RelatedInfo[] = [];
    for (const c of r.cokernel!)
      c.forEach((v, row) => {
        if (Math.abs(v) > 1e-8 && !related.some((x) => x.message.startsWith(model.outputs[row] + ' ')))
          related.push({
            ...rowSpans[row],
            message: `${model.outputs[row]} takes part in the lost direction (coefficient ${v.toPrecision(3)})`,
          });
      });
    return [
      {
        severity: 'warning',
        code: 'rank-deficient',
        message: `J has rank ${r.rank} of ${k} at ${label}: ghost saddle: the parametric gradient cannot see ${ghosts}`,
        ...span,
        related,
      },
    ];
  }
  if (r.conditionNumber! > NEAR_SINGULAR) {
    return [
      {
        severity: 'information',
        code: 'near-singular',
        message: `J is near-singular at ${label}: condition number ${r.conditionNumber!.toPrecision(3)}`,
        ...span,
      },
    ];
  }
  return [];
}

/** Parses, differentiates and analyses a document at every `at` point. Never throws on bad input. */
export function analyze(text: string, options: AnalyzeOptions = {}): AnalysisReport {
  return analyzeWithModel(text, options).report;
}

/** `analyze`, also returning the compiled document, so a caller that evaluates more points compiles once. */
export function analyzeWithModel(
  text: string,
  options: AnalyzeOptions = {},
): { report: AnalysisReport; compiled: ReturnType<typeof compileDocument> } {
  const t0 = performance.now();
  const compiled = compileDocument(text, { deadline: options.deadline, sweep: options.sweep, seed: options.seed });
  return { report: analyzeCompiled(compiled, options, t0), compiled };
}

function analyzeCompiled(
  compiled: ReturnType<typeof compileDocument>,
  options: AnalyzeOptions,
  t0: number,
): AnalysisReport {
  const { model, diagnostics, sites } = compiled;
  const t1 = performance.now();
  const report: AnalysisReport = {
    params: [],
    outputs: [],
    jacobian: [],
    jacobianTex: [],
    outputSites: [],
    paramSites: [],
    points: [],
    diagnostics,
    stats: { parseMs: t1 - t0, jacobianMs: 0, evaluateMs: 0, simplified: false, nodes: 0 },
  };
  if (!model || !sites) return report;
  report.params = model.params;
  report.outputs = model.outputs;
  report.outputSites = sites.outputRows.map((r) => ({ name: r.name, span: r.span }));
  report.paramSites = sites.params.flatMap((x) =>
    model.params.filter((n) => n === x.name || n.startsWith(`${x.name}[`)).map((name) => ({ name, span: x.span })),
  );
  const text0 = Array.from({ length: model.q }, () => new Array<string>(model.p).fill('0'));
  const tex0 = Array.from({ length: model.q }, () => new Array<string>(model.p).fill('0'));
  const shown = model.symbolic.entries.map((e) => e.expr);
  if (options.simplify) {
    loadSimplify(); // a one-time cost, not part of the pass's budget
    const outcome = simplifyForDisplay(
      shown,
      model.symbolic.store,
      model.p,
      Date.now() + (options.simplifyBudgetMs ?? 1000),
    );
    report.stats.simplified = outcome.simplified > 0;
    if (outcome.budgetHit)
      diagnostics.push({
        severity: 'information',
        code: 'budget',
        message: `simplification stopped at its time budget (${options.simplifyBudgetMs ?? 1000} ms) after ${outcome.tried} entries; the rest are shown unsimplified (setting overparam.simplify.timeBudgetMs)`,
        ...sites.outputRows[0].span,
      });
  }
  model.symbolic.entries.forEach((e, i) => {
    text0[e.row][e.col] = printText(shown[i], model.params);
    tex0[e.row][e.col] = printTex(shown[i], model.params);
  });
  report.jacobian = text0;
  report.jacobianTex = tex0;
  report.stats.nodes = model.symbolic.store.size;
  const t2 = performance.now();
  report.stats.jacobianMs = t2 - t1;

  if (options.checkDerivatives !== false) {
    checkDeadline(options.deadline, 'checking derivatives');
    const seen = new Set<number>();
    for (const m of checkDerivatives(model)) {
      if (seen.has(m.row)) continue;
      seen.add(m.row);
      diagnostics.push({
        severity: 'error',
        code: 'derivative-mismatch',
        message: `d ${model.outputs[m.row]} / d ${model.params[m.col]}: symbolic ${m.symbolic.toPrecision(6)} but central differences give ${m.numeric.toPrecision(6)} at ${tuple(Array.from(m.at))}`,
        ...sites.outputRows[m.row].span,
      });
    }
  }
  const rowSpans = sites.outputRows.map((r) => r.span);
  const all = [
    ...model.points.map((pt) => ({ values: pt.values, span: pt.span as Span | undefined, label: pt.label })),
    ...(options.extraPoints ?? []).map((named) => {
      const values = pointFromNames(model, named, model.points[0]?.values);
      return { values, span: undefined, label: pointLabel(model.shape.params, values) };
    }),
  ];
  const lossAt = pointObjective(compiled, options.deadline);
  for (const pt of all) {
    checkDeadline(options.deadline, 'analysing the points');
    const r = analyzePoint(model, pt.values, options.tol);
    if (pt.span) r.span = pt.span;
    if (lossAt && r.finite) Object.assign(r, lossAt(pt.values));
    report.points.push(r);
    diagnostics.push(...pointDiagnostics(model, r, pt.label, pt.span ?? sites.outputRows[0].span, rowSpans));
  }
  report.training = trainingSummary(compiled, options.sweep);
  if (lossAt?.hessianSkipped)
    diagnostics.push({
      severity: 'information',
      code: 'budget',
      message: `the loss's Hessian did not fit the time budget; its eigenvalues are left out (the CLI has more time)`,
      ...sites.outputRows[0].span,
    });
  report.stats.evaluateMs = performance.now() - t2;
  return report;
}

/** The training side of a compiled document (absent for a file with neither a loss nor a sweep). */
function trainingSummary(
  compiled: ReturnType<typeof compileDocument>,
  chosen: Record<string, number> | undefined,
): TrainingSummary | undefined {
  const { loss, data, sweeps } = compiled;
  if (!loss && !sweeps.length) return undefined;
  return {
    lossSource: loss?.source ?? null,
    data: data
      ? {
          n: data.n,
          inputDim: data.inputDim,
          testN: data.test?.targets.length ?? 0,
          predictionsAreOutputs: data.predictions === null,
        }
      : null,
    sweeps: sweeps.map((s) => ({ ...s, used: chosen?.[s.name] ?? s.values[0] })),
    seed: compiled.seed,
    watches: compiled.watches.map((w) => w.name),
  };
}
