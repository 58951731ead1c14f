// `overparam map`: the rank map of a 2-D slice through an `at` point, as a summary, JSON or CSV.
import { rankLocus, rankMap, type RankLocus, type RankMapData } from '../../core';
import { parseAxisArg, UsageError } from '../args';
import { readInput, tolerance, type CliCommand } from '../command';
import { chosenPoint, compileOrReport, parameterColumn } from './compiled';

type Axis = ReturnType<typeof parseAxisArg>;

/** `overparam map FILE --x … --y …`: sigma_min, sigma_max and rank per cell; with `--locus`, the rank-deficient set as curves. */
export const mapCommand: CliCommand = {
  name: 'map',
  synopsis:
    'overparam map FILE --x NAME:FROM:TO:STEPS --y NAME:FROM:TO:STEPS [--point K] [--tol X] [--locus] [--json|--csv]',
  valued: ['--x', '--y', '--point', '--tol'],
  switches: ['--json', '--csv', '--locus'],
  run(args, io) {
    const { file, text } = readInput(args, io);
    const xs = args.flags.get('--x'),
      ys = args.flags.get('--y');
    if (typeof xs !== 'string' || typeof ys !== 'string') throw new UsageError('map needs --x and --y');
    const x = parseAxisArg('--x', xs),
      y = parseAxisArg('--y', ys);
    const model = compileOrReport(file, text, io);
    if (!model) return 1;
    const base = chosenPoint(model, args);
    const xi = parameterColumn(model, x.name, base),
      yi = parameterColumn(model, y.name, base);
    if (xi === yi)
      throw new UsageError(`--x and --y both name \`${model.params[xi]}\`: a map needs two different parameters`);
    if (args.flags.has('--locus') && args.flags.has('--csv'))
      throw new UsageError('--locus adds curves to --json or the summary, not to --csv');
    const X = { ...x, param: xi },
      Y = { ...y, param: yi };
    const map = rankMap(model, base, X, Y, tolerance(args));
    // The locus reuses the map's σ_min (non-square J) and stays exact where the grid misses the set.
    const locus = args.flags.has('--locus') ? rankLocus(model, base, X, Y, { map, tol: tolerance(args) }) : null;
    if (args.flags.has('--csv')) io.out(csv(map, x, y));
    else if (args.flags.has('--json')) io.out(json(map, x, y, locus));
    else {
      const full = Math.min(model.q, model.p);
      let deficient = 0;
      map.rank.forEach((r) => {
        if (r < full) deficient++;
      });
      io.out(
        `${file}: rank map over ${x.name} in [${x.from}, ${x.to}] (${x.steps}) x ${y.name} in [${y.from}, ${y.to}] (${y.steps})`,
      );
      io.out(
        `${deficient} of ${map.rank.length} cells are rank-deficient (rank < ${full}); use --json or --csv for the cells`,
      );
      if (locus) {
        const vertices = locus.locus.reduce((n, line) => n + line.length, 0);
        io.out(
          `locus (rank < ${full}): ${locus.locus.length} polylines (${vertices} vertices) and ${locus.locusPoints.length} isolated points; use --json for them`,
        );
      }
    }
    return 0;
  },
};

function csv(map: RankMapData, x: Axis, y: Axis): string {
  const lines = [`${x.name},${y.name},sigma_min,sigma_max,rank`];
  for (let iy = 0; iy < map.ys.length; iy++)
    for (let ix = 0; ix < map.xs.length; ix++) {
      const c = iy * map.xs.length + ix;
      lines.push(`${map.xs[ix]},${map.ys[iy]},${map.sMin[c]},${map.sMax[c]},${map.rank[c]}`);
    }
  return lines.join('\n');
}

function json(map: RankMapData, x: Axis, y: Axis, locus: RankLocus | null): string {
  // 4 x 65,536 numbers: joined straight from the typed arrays (JSON.stringify of Array.from took ~100 ms here).
  const list = (a: Float64Array | Int32Array) => `[${a.join(',').replace(/NaN|-?Infinity/g, 'null')}]`;
  const axis = (a: Axis, values: Float64Array) => `{"name":${JSON.stringify(a.name)},"values":${list(values)}}`;
  const curves = locus
    ? `,"locus":${JSON.stringify(locus.locus)},"locusPoints":${JSON.stringify(locus.locusPoints)}`
    : '';
  return `{"x":${axis(x, map.xs)},"y":${axis(y, map.ys)},"sigmaMin":${list(map.sMin)},"sigmaMax":${list(map.sMax)},"rank":${list(map.rank)}${curves}}`;
}
