// The Width lab in the worker: one partial per width as it finishes, each passing the webview's check; the final
// numbers and slopes equal `overparam width --json` on the same file; a stop keeps the widths done; bad requests and
// files without a sweep are refused.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import * as path from 'path';
import { LAB_CHECKS } from '../../../src/protocol/labChecks';
import { WIDTH_QUANTITIES, type WidthLabResult } from '../../../src/protocol/labs/widthLab';
import { isWebviewMessage } from '../../../src/protocol/validate';
import type { LabRunParams } from '../../../src/protocol/worker';
import { createHandlers } from '../../../src/worker/handlers';
import { runCli } from '../../support/cli';
import { readExample, repoRoot } from '../../support/paths';

const widthRun = (over: Partial<LabRunParams> = {}, steps = 30, lr: number | null = null): LabRunParams =>
  ({
    key: 'width-doc',
    text: readExample('kernel/two-layer-width'),
    options: {},
    lab: 'width',
    params: { steps, lr },
    W0: new Float64Array(20),
    coords: null,
    progressMs: 0,
    ...over,
  }) as LabRunParams;

/** Relative closeness (JSON keeps 17 digits, so the runner and the CLI agree to rounding). */
const close = (a: number | null, b: number | null): boolean =>
  a === b || (a !== null && b !== null && Math.abs(a - b) <= 1e-12 * Math.max(1, Math.abs(b)));

describe('width lab', () => {
  test('one partial per width, then the CLI numbers and slopes', () => {
    const partials: WidthLabResult[] = [];
    const out = createHandlers().lab(widthRun(), Date.now() + 60_000, (p) => {
      if (p.partial) partials.push(p.partial as WidthLabResult);
    });
    assert.equal(out.cancelled, false);
    if (out.cancelled) return;
    const r = out.result as WidthLabResult;
    // The partials grow one width at a time and each passes the webview's check.
    assert.deepEqual(
      partials.map((p) => p.widths),
      [[10], [10, 30], [10, 30, 100], [10, 30, 100, 300]],
    );
    assert.ok(partials.every((p) => LAB_CHECKS.width.partial(JSON.parse(JSON.stringify(p)))));
    assert.ok(LAB_CHECKS.width.result(JSON.parse(JSON.stringify(r))));
    assert.equal(r.sweep, 'm');
    assert.equal(r.total, 4);
    // Independent sub-models: m blocks of 2 x 2 at width m.
    assert.deepEqual(r.blocks, [10, 30, 100, 300]);
    const file = path.join(repoRoot, 'examples', 'kernel', 'two-layer-width.overparam');
    const cli = JSON.parse(runCli(['width', file, '--steps', '30', '--json'], 60_000).stdout) as Record<
      string,
      unknown
    > & { slopes: Record<string, { value: number; low: number; high: number }>; lr: number; notes: string[] };
    assert.deepEqual(r.widths, cli.widths);
    assert.ok(close(r.lr, cli.lr), `η ${r.lr} vs ${cli.lr}`);
    for (const q of WIDTH_QUANTITIES) {
      const c = cli[q] as (number | null)[];
      r[q].forEach((v, i) => assert.ok(close(v, c[i]), `${q}[${i}]: ${v} vs ${c[i]}`));
      const s = r.slopes[q]!;
      assert.ok(close(s.value, cli.slopes[q].value) && close(s.low, cli.slopes[q].low), `slope of ${q}`);
    }
    // The honest note leads, as in the CLI.
    assert.equal(r.notes[0], cli.notes[0]);
    assert.match(r.notes[1], /about −0\.45/);
    // The slope of ‖H_f‖ falls, ‖∇f‖ stays O(1): the transition to linearity.
    assert.ok(r.slopes.hessianNorm!.value < -0.25 && Math.abs(r.slopes.gradNorm!.value) < 0.1);
  });

  test('steps 0: the start only; a set η is used as given', () => {
    const out = createHandlers().lab(widthRun({}, 0, 0.05), Date.now() + 60_000);
    assert.ok(!out.cancelled);
    if (out.cancelled) return;
    const r = out.result as WidthLabResult;
    assert.equal(r.lr, 0.05);
    assert.deepEqual(r.distance, [null, null, null, null]);
    assert.equal(r.slopes.distance, undefined);
    // ‖∇f‖ = max_k √K_kk, the same at T = 0 whatever η.
    assert.ok(r.gradNorm.every((g) => g !== null && g > 0.5 && g < 2));
  });

  test('a stop keeps the widths done; no sweep or bad parameters are refused', () => {
    const h = createHandlers();
    // Cancel once the first width is in: the answer carries that width.
    const cancel = new Int32Array(new SharedArrayBuffer(4));
    const out = h.lab(widthRun({ cancel }, 5), Date.now() + 60_000, (p) => {
      if (p.partial) Atomics.store(cancel, 0, 1);
    });
    assert.equal(out.cancelled, true);
    if (out.cancelled) {
      assert.equal(out.reason, 'cancelled');
      assert.deepEqual((out.partial as WidthLabResult).widths, [10]);
      assert.deepEqual([out.done, out.total], [1, 4]);
    }
    assert.throws(
      () => h.lab(widthRun({ text: readExample('kernel/linear-regression') }), Date.now() + 10_000),
      /needs a width sweep/,
    );
    const run = { type: 'runLab', requestId: 3, lab: 'width', pointIndex: 0, params: { steps: 10, lr: null } };
    assert.equal(isWebviewMessage(run), true);
    for (const params of [{ steps: -1, lr: null }, { steps: 1.5, lr: null }, { steps: 10, lr: 0 }, { steps: 10 }])
      assert.equal(isWebviewMessage({ ...run, params }), false, JSON.stringify(params));
    assert.equal(LAB_CHECKS.width.result({ sweep: 'm', total: 1, widths: [1], slopes: {}, notes: [] }), false);
  });
});
