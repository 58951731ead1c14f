import * as fs from 'fs';
import { analyze, compileDocument, rankMap, pointFromNames, type AnalysisReport } from '../core';
import { parseArgs, parseAxisArg, parsePointArg, UsageError, type ParsedArgs } from './args';
import { formatDiagnostic, formatReport } from './format';

const USAGE = `usage:
  overparam analyze FILE [--json] [--at "w1=1, w2=0"] [--tol X] [--no-check] [--simplify]
  overparam map FILE --x NAME:FROM:TO:STEPS --y NAME:FROM:TO:STEPS [--point K] [--tol X] [--json|--csv]
exit codes: 0 analysed (rank deficiency is a finding), 1 the file has errors, 2 usage error`;

function readFile(args: ParsedArgs): { file: string; text: string } {
  const file = args.positional[0];
  if (!file) throw new UsageError('give a .overparam file');
  try {
    return { file, text: fs.readFileSync(file, 'utf8') };
  } catch (e) {
    throw new UsageError(`cannot read ${file}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
}

function tolerance(args: ParsedArgs): number | undefined {
  const t = args.flags.get('--tol');
  if (t === undefined) return undefined;
  const v = Number(t);
  if (!(v >= 0) || !Number.isFinite(v)) throw new UsageError('--tol takes a non-negative number');
  return v;
}

function runAnalyze(args: ParsedArgs, write: (s: string) => void): number {
  const { file, text } = readFile(args);
  const at = args.flags.get('--at');
  let report: AnalysisReport;
  try {
    report = analyze(text, {
      tol: tolerance(args),
      checkDerivatives: !args.flags.has('--no-check'),
      simplify: args.flags.has('--simplify'),
      extraPoints: typeof at === 'string' ? [parsePointArg(at)] : undefined,
    });
  } catch (e) {
    if (e instanceof UsageError) throw e;
    throw new UsageError(`--at: ${(e as Error).message}`);
  }
  if (args.flags.has('--json')) {
    const { params, outputs, jacobian, jacobianTex, points, diagnostics, outputSites, paramSites, stats } = report;
    write(
      JSON.stringify(
        { file, params, outputs, jacobian, jacobianTex, points, diagnostics, outputSites, paramSites, stats },
        (_, v) => (typeof v === 'number' && !Number.isFinite(v) ? String(v) : v),
        1,
      ),
    );
  } else write(formatReport(file, report));
  return report.diagnostics.some((d) => d.severity === 'error') ? 1 : 0;
}

function runMap(args: ParsedArgs, write: (s: string) => void): number {
  const { file, text } = readFile(args);
  const xs = args.flags.get('--x'),
    ys = args.flags.get('--y');
  if (typeof xs !== 'string' || typeof ys !== 'string') throw new UsageError('map needs --x and --y');
  const x = parseAxisArg('--x', xs),
    y = parseAxisArg('--y', ys);
  const { model, diagnostics } = compileDocument(text);
  const errors = diagnostics.filter((d) => d.severity === 'error');
  if (!model || errors.length) {
    errors.forEach((d) => write(formatDiagnostic(file, d)));
    return 1;
  }
  const k = Number(args.flags.get('--point') ?? 1);
  const base = model.points[k - 1]?.values;
  if (!base) throw new UsageError(`--point ${k}: the file has ${model.points.length} \`at\` points`);
  const col = (name: string) => {
    const j = model.params.indexOf(name);
    if (j >= 0) return j;
    try {
      // A probe value no finite base value can equal, so the changed entry shows even where the base is 0.
      const probe = pointFromNames(model, { [name]: Infinity }, base);
      const changed = model.params.findIndex((_, i) => probe[i] !== base[i]);
      if (changed >= 0) return changed;
    } catch {
      /* reported below */
    }
    throw new UsageError(`unknown parameter \`${name}\` (parameters: ${model.params.join(', ')})`);
  };
  const xi = col(x.name),
    yi = col(y.name);
  if (xi === yi)
    throw new UsageError(`--x and --y both name \`${model.params[xi]}\`: a map needs two different parameters`);
  const map = rankMap(
    model,
    base,
    { param: xi, from: x.from, to: x.to, steps: x.steps },
    { param: yi, from: y.from, to: y.to, steps: y.steps },
    tolerance(args),
  );
  if (args.flags.has('--csv')) {
    const lines = [`${x.name},${y.name},sigma_min,sigma_max,rank`];
    for (let iy = 0; iy < map.ys.length; iy++)
      for (let ix = 0; ix < map.xs.length; ix++) {
        const c = iy * map.xs.length + ix;
        lines.push(`${map.xs[ix]},${map.ys[iy]},${map.sMin[c]},${map.sMax[c]},${map.rank[c]}`);
      }
    write(lines.join('\n'));
  } else if (args.flags.has('--json')) {
    // 4 x 65,536 numbers: joined straight from the typed arrays (JSON.stringify of Array.from took ~100 ms here).
    const list = (a: Float64Array | Int32Array) => `[${a.join(',').replace(/NaN|-?Infinity/g, 'null')}]`;
    write(
      `{"x":{"name":${JSON.stringify(x.name)},"values":${list(map.xs)}},"y":{"name":${JSON.stringify(y.name)},"values":${list(map.ys)}},"sigmaMin":${list(map.sMin)},"sigmaMax":${list(map.sMax)},"rank":${list(map.rank)}}`,
    );
  } else {
    const full = Math.min(model.q, model.p);
    let deficient = 0;
    map.rank.forEach((r) => {
      if (r < full) deficient++;
    });
    write(
      `${file}: rank map over ${x.name} in [${x.from}, ${x.to}] (${x.steps}) x ${y.name} in [${y.from}, ${y.to}] (${y.steps})`,
    );
    write(
      `${deficient} of ${map.rank.length} cells are rank-deficient (rank < ${full}); use --json or --csv for the cells`,
    );
  }
  return 0;
}

/** Runs the CLI on argv (without node and script) and returns the exit code. */
export function main(
  argv: readonly string[],
  out: (s: string) => void = (s) => process.stdout.write(s + '\n'),
  err: (s: string) => void = (s) => process.stderr.write(s + '\n'),
): number {
  try {
    const args = parseArgs(argv);
    switch (args.command) {
      case 'analyze':
        return runAnalyze(args, out);
      case 'map':
        return runMap(args, out);
      case 'help':
      case '--help':
      case '-h':
        out(USAGE);
        return 0;
      default:
        throw new UsageError(`unknown command \`${args.command}\``);
    }
  } catch (e) {
    if (e instanceof UsageError) {
      err(`overparam: ${e.message}\n${USAGE}`);
      return 2;
    }
    err(`overparam: internal error: ${(e as Error).message}`);
    return 3;
  }
}

if (require.main === module) process.exitCode = main(process.argv.slice(2));
