// `overparam deficient`: for which W does J lose rank? The symbolic condition (det J or its Gram form, factored) and
// the seeded global search's sets, each explained from J's columns, as a summary or JSON.
import {
  searchDeficient,
  symbolicCondition,
  type CompiledModel,
  type DeficiencyReport,
  type DeficientSet,
  type SymbolicCondition,
} from '../../core';
import { BudgetExceededError } from '../../core/budget';
import { canonicalSign, describeReason, direction, setConditions } from '../../format';
import { parseBoxArg, UsageError, type ParsedArgs } from '../args';
import { budgetSeconds, positiveInt, readInput, toJson, type CliCommand, type CliIo } from '../command';
import { compileOrReport } from './compiled';

/** Default time budget of one run (seconds): the symbolic part gets at most half of it. */
export const DEFAULT_BUDGET_SECONDS = 20;

/** Longest determinant or factor printed in the text summary (characters). */
const MAX_TEXT = 160;

const num = (v: number): string => (Number.isInteger(v) ? String(v) : String(Number(v.toPrecision(6))));

/** `--seed S`: a non-negative integer (default 1). */
function seedOf(args: ParsedArgs): number {
  const raw = args.flags.get('--seed');
  if (raw === undefined) return 1;
  const v = Number(raw);
  if (!Number.isInteger(v) || v < 0 || v > 0xffffffff) throw new UsageError('--seed takes a non-negative integer');
  return v;
}

/** One line per set: `w[1] = 0: zero column of w[1]; rank 1 of 2, dimension 1, e.g. w[1] = 0, w[2] = 1`. */
export function describeSet(s: DeficientSet, model: CompiledModel, full: number): string {
  const where = setConditions(s);
  const dimension = s.dimension >= 0 ? `dimension ${s.dimension}` : 'dimension not estimated';
  const at = model.params
    .slice(0, 8)
    .map((name) => `${name} = ${num(s.at[name])}`)
    .join(', ');
  const more = model.params.length > 8 ? ', …' : '';
  return `${where}: ${describeReason(s)}; rank ${s.rank} of ${full}, ${dimension}; e.g. at ${at}${more}`;
}

function summary(file: string, model: CompiledModel, r: DeficiencyReport, box: [number, number]): string[] {
  const { q, p } = model;
  const full = Math.min(q, p);
  const form = q === p ? 'det J' : q < p ? 'det(J Jᵀ)' : 'det(Jᵀ J)';
  const out = [`${file}: J is ${q} x ${p}, generic rank ${r.genericRank} of ${full}`];
  if (r.determinant === null) out.push(`${form}: ${r.note ?? 'not formed'}`);
  else if (r.determinant.length > MAX_TEXT) {
    const split = r.factors.length > 1 ? `${r.factors.length} factors` : 'no split into factors';
    out.push(`${form}: a polynomial of ${r.determinant.length} characters, ${split} (--json prints it)`);
    const short = r.factors.filter((f) => f.length <= MAX_TEXT);
    if (r.factors.length > 1 && short.length)
      out.push(
        `J loses rank where ${short.map((f) => `${f} = 0`).join(' or ')}${short.length < r.factors.length ? ' or …' : ''}`,
      );
  } else if (r.factors.length)
    out.push(`${form} = ${r.determinant}: J loses rank where ${r.factors.map((f) => `${f} = 0`).join(' or ')}`);
  else out.push(`${form} = ${r.determinant}`);
  const n = r.sets.length;
  out.push(
    `${n} rank-deficient set${n === 1 ? '' : 's'} found in the box [${num(box[0])}, ${num(box[1])}] per parameter${n ? ':' : ''}`,
  );
  for (const s of r.sets) {
    out.push(`  ${describeSet(s, model, full)}`);
    for (const c of s.cokernel.slice(0, 4))
      out.push(`    ghost-saddle direction (ker Jᵀ): ${direction(canonicalSign(c), model.outputs)}`);
    if (s.cokernel.length > 4) out.push(`    … ${s.cokernel.length - 4} more ghost-saddle directions`);
  }
  return out;
}

/** `overparam deficient FILE`: where J loses rank, symbolically and by a seeded search of a box (exit 0 either way). */
export const deficientCommand: CliCommand = {
  name: 'deficient',
  synopsis: 'overparam deficient FILE [--box LO:HI] [--starts N] [--seed S] [--budget SECONDS] [--json]',
  valued: ['--box', '--starts', '--seed', '--budget'],
  switches: ['--json'],
  run(args, io: CliIo) {
    const { file, text } = readInput(args, io);
    const raw = args.flags.get('--box');
    const box = typeof raw === 'string' ? parseBoxArg(raw) : ([-2, 2] as [number, number]);
    const starts = positiveInt(args, '--starts', 256);
    const seed = seedOf(args);
    const budget = budgetSeconds(args, DEFAULT_BUDGET_SECONDS);
    const model = compileOrReport(file, text, io);
    if (!model) return 1;
    const t0 = Date.now();
    // The symbolic part may use half the budget; past it the search alone answers (as for a too large determinant).
    let condition: SymbolicCondition;
    try {
      condition = symbolicCondition(model, { deadline: t0 + budget * 500 });
    } catch (e) {
      if (!(e instanceof BudgetExceededError)) throw e;
      condition = { determinant: null, factors: [], note: `${e.message}: rely on the numeric search` };
    }
    let search: ReturnType<typeof searchDeficient>;
    try {
      search = searchDeficient(model, { box, starts, seed, deadline: t0 + budget * 1000 });
    } catch (e) {
      if (!(e instanceof BudgetExceededError)) throw e;
      throw new UsageError(`deficient: ${e.message} (--budget ${budget} s): give fewer --starts or a larger --budget`);
    }
    const report: DeficiencyReport = {
      determinant: condition.determinant,
      factors: condition.factors,
      // The issue's key order: where, then what J does there.
      sets: search.sets.map(({ at, W, rank, dimension, reason, columns, cokernel, conditions, hits }) => ({
        at,
        W,
        rank,
        dimension,
        reason,
        columns,
        cokernel,
        conditions,
        hits,
      })),
      genericRank: search.genericRank,
      ...(condition.note ? { note: condition.note } : {}),
    };
    if (args.flags.has('--json'))
      io.out(toJson({ file, ...report, search: { box, starts, seed, converged: search.converged } }, 1));
    else summary(file, model, report, box).forEach((line) => io.out(line));
    return 0;
  },
};
