// `overparam analyze`: the whole document's report (J, points, ranks, directions, diagnostics) as text or JSON.
import { analyze, type AnalysisReport } from '../../core';
import { parsePointArg, UsageError } from '../args';
import { readInput, toJson, tolerance, type CliCommand } from '../command';
import { LAB_FLAGS, seedArg, sweepArg } from '../labInput';
import { formatReport } from '../textReport';

/** `overparam analyze FILE`: exit 1 when the file has errors (rank deficiency is a finding, not an error). */
export const analyzeCommand: CliCommand = {
  name: 'analyze',
  synopsis:
    'overparam analyze FILE [--json] [--at "w1=1, w2=0"] [--tol X] [--no-check] [--simplify] [--sweep NAME=VALUE]\n' +
    '                         [--seed S]',
  valued: ['--at', '--tol', ...LAB_FLAGS],
  switches: ['--json', '--no-check', '--simplify'],
  run(args, io) {
    const { file, text } = readInput(args, io);
    const at = args.flags.get('--at');
    let report: AnalysisReport;
    try {
      report = analyze(text, {
        tol: tolerance(args),
        checkDerivatives: !args.flags.has('--no-check'),
        simplify: args.flags.has('--simplify'),
        extraPoints: typeof at === 'string' ? [parsePointArg(at)] : undefined,
        sweep: sweepArg(args),
        seed: seedArg(args),
      });
    } catch (e) {
      if (e instanceof UsageError) throw e;
      throw new UsageError(`--at: ${(e as Error).message}`);
    }
    if (args.flags.has('--json')) {
      const { params, outputs, jacobian, jacobianTex, points, diagnostics, outputSites, paramSites, stats } = report;
      const json = {
        file,
        params,
        outputs,
        jacobian,
        jacobianTex,
        points,
        diagnostics,
        outputSites,
        paramSites,
        stats,
      };
      io.out(toJson(json, 1));
    } else io.out(formatReport(file, report));
    return report.diagnostics.some((d) => d.severity === 'error') ? 1 : 0;
  },
};
