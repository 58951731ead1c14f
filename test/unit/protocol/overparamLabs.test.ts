// The over-parameterization labs through the worker's handler: their numbers are the CLI's (`train --method sgd`,
// `fit`, `bias`), every partial and result passes the webview's checks, an excluded equation turns the lecture's
// three equations into the interpolating two, and a stop answers with the newest partial.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import * as path from 'path';
import { LAB_CHECKS } from '../../../src/protocol/labChecks';
import type { BiasLabResult } from '../../../src/protocol/labs/biasLab';
import type { DoubleDescentLabResult } from '../../../src/protocol/labs/doubleDescentLab';
import type { SgdLabParams, SgdLabResult } from '../../../src/protocol/labs/sgdLab';
import type { LabRunParams, LabRunPartial } from '../../../src/protocol/worker';
import { createHandlers } from '../../../src/worker/handlers';
import { sgdLabEvery } from '../../../src/worker/labs/sgdLab';
import { runCli, tempFiles } from '../../support/cli';
import { readExample, repoRoot } from '../../support/paths';

const file = (name: string): string => path.join(repoRoot, 'examples', 'overparam', `${name}.overparam`);
const run = (lab: string, name: string, params: unknown, W0: number[], text?: string): LabRunParams =>
  ({
    key: name,
    text: text ?? readExample(`overparam/${name}`),
    options: {},
    lab,
    params,
    W0: Float64Array.from(W0),
    coords: null,
  }) as LabRunParams;
const SGD: SgdLabParams = { lr: 0.01, steps: 2000, batch: 1, tau: null, sampling: 'shuffle', excluded: [] };

/** Runs a lab to its end, every partial checked. */
function finish<R>(p: LabRunParams, partials: LabRunPartial[] = []): R {
  const out = createHandlers().lab(p, Date.now() + 120_000, (x) => partials.push(x));
  assert.equal(out.cancelled, false);
  const checks = LAB_CHECKS[p.lab];
  for (const x of partials) assert.ok(x.partial === null || checks.partial(JSON.parse(JSON.stringify(x.partial))));
  assert.ok(!out.cancelled && checks.result(JSON.parse(JSON.stringify(out.result))), 'the result passes the checks');
  return (out as unknown as { result: R }).result;
}

describe('over-parameterization labs', () => {
  test('SGD: the records of `train --method sgd` and `--method gd`; three equations hover, two interpolate', () => {
    const r = finish<SgdLabResult>(run('sgd', 'three-equations', SGD, [0, 0]));
    const every = String(sgdLabEvery(SGD.steps));
    const cli = (method: string) =>
      JSON.parse(
        runCli([
          'train',
          file('three-equations'),
          '--method',
          method,
          '--lr',
          '0.01',
          '--steps',
          '2000',
          '--every',
          every,
          '--json',
        ]).stdout,
      ) as { steps: { t: number; loss: number; gradVariance?: number }[] };
    const sgd = cli('sgd').steps,
      gd = cli('gd').steps;
    assert.deepEqual(
      r.sgd.t,
      sgd.map((s) => s.t),
    );
    assert.deepEqual(
      r.sgd.loss,
      sgd.map((s) => s.loss),
    );
    assert.deepEqual(
      r.sgd.gradVariance,
      sgd.map((s) => s.gradVariance),
    );
    assert.deepEqual(
      r.gd.loss,
      gd.map((s) => s.loss),
    );
    // No exact fit: least squares at (6/11, -2/11), Xw - y = -(42, 36, 30)/11 and L = ½ ‖Xw - y‖² = 1980/121.
    assert.equal(r.interpolates, false);
    assert.equal(r.regime, 'under-parameterized');
    assert.ok(Math.abs(r.fitLoss - 1980 / 121) < 1e-9, `L* = ${r.fitLoss}`);
    // SGD hovers: its loss stays above L*, its gradients' spread keeps a floor; the distance to W* stays > 0.
    const tailVar = r.sgd.gradVariance.slice(-50);
    assert.ok(Math.min(...tailVar) > 1, `variance floor ${Math.min(...tailVar)}`);
    assert.ok(r.tailDistance > 0.01 && r.tailDistance < 1, `hover distance ${r.tailDistance}`);
    assert.deepEqual(r.rows, [
      { x: [1, 2], y: 4 },
      { x: [-2, 1], y: 2 },
      { x: [1, -4], y: 4 },
    ]);
    // The batch panel is `overparam batch`'s numbers.
    const b = JSON.parse(runCli(['batch', file('three-equations'), '--json']).stdout) as Record<string, unknown>;
    assert.deepEqual(r.batchTheory, b);
    // β = max ‖x_i‖² = 17; H = XᵀX / 3 = [[2, -4/3], [-4/3, 7]]: λ1 + λn = 9 (the trace).
    assert.equal(r.batchTheory!.beta, 17);
    assert.ok(Math.abs(r.batchTheory!.lambdaMax + r.batchTheory!.lambdaMin - 9) < 1e-12);

    // The third equation toggled off: the two-equations file's run exactly, and it interpolates.
    const off = finish<SgdLabResult>(run('sgd', 'three-equations', { ...SGD, excluded: [2] }, [0, 0]));
    const two = finish<SgdLabResult>(run('sgd', 'two-equations', SGD, [0, 0]));
    assert.deepEqual(off.sgd, two.sgd);
    assert.deepEqual(off.excluded, [2]);
    assert.equal(off.n, 2);
    assert.equal(off.interpolates, true);
    assert.ok(off.sgd.loss.at(-1)! < 1e-10, `SGD converges: L = ${off.sgd.loss.at(-1)}`);
    assert.ok(off.sgd.gradVariance.at(-1)! < 1e-9, 'the spread goes to 0 with L');
  });

  test('double descent: `overparam fit --repeats 2` numbers, one partial per fit, a stop keeps the partial', () => {
    const write = tempFiles('dd');
    const text = readExample('overparam/double-descent').replace('sweep p = 1..60', 'sweep p = 16, 20, 24');
    const partials: LabRunPartial[] = [];
    const r = finish<DoubleDescentLabResult>(run('doubleDescent', 'dd', { repeats: 2, ridge: 0 }, [], text), partials);
    const cli = JSON.parse(runCli(['fit', write('dd.overparam', text), '--repeats', '2', '--json']).stdout) as Record<
      string,
      unknown
    >;
    assert.deepEqual(
      {
        sweep: r.sweep,
        values: r.values,
        trainRisk: r.trainRisk,
        testRisk: r.testRisk,
        norm: r.norm,
        sigmaMin: r.sigmaMin,
        n: r.n,
      },
      cli,
    );
    assert.equal(r.fits.length, 6);
    assert.deepEqual(r.values, [16, 20, 24]);
    // The peak at p = n = 20: the test risk and the norm are largest there, σ_min smallest.
    const at20 = r.values.indexOf(20);
    assert.equal(r.testRisk.indexOf(Math.max(...(r.testRisk as number[]))), at20);
    assert.equal(r.sigmaMin.indexOf(Math.min(...r.sigmaMin)), at20);
    assert.ok(partials.length >= 2 && partials.at(-1)!.done === 6 && partials.at(-1)!.total === 6);
    // Out of time at once: stopped, with the progress it had.
    // Out of time after the document compiled (the worker caches it per key): stopped before its first fit.
    const h = createHandlers();
    h.lab(run('doubleDescent', 'dd2', { repeats: 1, ridge: 0 }, [], text), Date.now() + 60_000);
    const out = h.lab(run('doubleDescent', 'dd2', { repeats: 2, ridge: 0 }, [], text), Date.now() - 1);
    assert.equal(out.cancelled, true);
    if (out.cancelled) assert.equal(out.reason, 'the run reached the labs time budget');
  });

  test('implicit bias: `overparam bias` numbers per α, the d = 2 paths and the line θ1 + 0.4 θ2 = 1', () => {
    const partials: LabRunPartial[] = [];
    const r = finish<BiasLabResult>(run('bias', 'implicit-bias-2d', {}, [0.01, 0.01, 0.01, 0.01]), partials);
    const cli = JSON.parse(runCli(['bias', file('implicit-bias-2d'), '--json']).stdout) as Record<string, unknown>;
    for (const k of ['alphas', 'theta', 'l1', 'l2', 'minL1', 'minL2', 'minL1Solution', 'minL2Solution', 'qAlphaGap'])
      assert.deepEqual(r[k as keyof BiasLabResult], cli[k], k);
    assert.deepEqual(r.line, { a: [1, 0.4], b: 1 });
    // Minimum ℓ2: (1, 0.4) / 1.16, norm 1 / √1.16; minimum ℓ1: (1, 0).
    assert.ok(Math.abs(r.minL2 - 1 / Math.sqrt(1.16)) < 1e-12);
    assert.ok(Math.abs(r.minL1 - 1) < 1e-12);
    assert.equal(r.paths.length, 5);
    assert.equal(partials.at(-1)!.done, 5);
    assert.ok(partials.length >= 1);
  });
});
