// The labs' channel end to end without a browser: the worker's runner gives the CLI's numbers, every message it
// makes passes the checks the other side applies, a stop answers with the newest partial, and the panel host
// posts progress then exactly one closing message, cancelling on request and on an edit.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import * as path from 'path';
import { AnalysisClient } from '../../../src/extension/analysisClient';
import { workerCompute } from '../../../src/extension/panel/panelCompute';
import { PanelHost } from '../../../src/extension/panel/panelHost';
import type { LabMessage } from '../../../src/protocol/labs';
import type { HostMessage } from '../../../src/protocol/panel';
import { isHostMessage, isWebviewMessage } from '../../../src/protocol/validate';
import type { LabRunParams } from '../../../src/protocol/worker';
import { createHandlers } from '../../../src/worker/handlers';
import { runCli } from '../../support/cli';
import { readExample, repoRoot } from '../../support/paths';

const linear = readExample('kernel/linear-regression');
const X = [
  [1, 0, 2, 1, 0],
  [0, 1, 1, -1, 1],
  [1, 1, 0, 3, -1],
];

const kernelRun = (over: Partial<LabRunParams> = {}): LabRunParams =>
  ({
    key: 'doc',
    text: linear,
    options: {},
    lab: 'kernel',
    params: { samples: 256, convention: 'half' },
    W0: new Float64Array(5),
    coords: null,
    ...over,
  }) as LabRunParams;

const client = (): AnalysisClient =>
  new AnalysisClient(
    path.join(repoRoot, 'dist', 'worker.js'),
    () => ({ timeBudgetMs: 1000, labBudgetMs: 30_000, memoryMb: 512 }),
    { info: () => undefined, warn: () => undefined },
  );

describe('lab channel', () => {
  test('the kernel lab in the worker: K = X Xᵀ, μ = λ_min(X Xᵀ), the CLI numbers', () => {
    const out = createHandlers().lab(kernelRun(), Date.now() + 30_000);
    assert.equal(out.cancelled, false);
    if (out.cancelled || out.lab !== 'kernel') return;
    const r = out.result as import('../../../src/protocol/labs/kernelLab').KernelLabResult;
    // K = X Xᵀ = [[6, 1, 4], [1, 4, -3], [4, -3, 12]]: trace 22, the sum of the eigenvalues.
    const K = X.map((a) => X.map((b) => a.reduce((s, v, i) => s + v * b[i], 0)));
    assert.deepEqual(K, [
      [6, 1, 4],
      [1, 4, -3],
      [4, -3, 12],
    ]);
    assert.ok(Math.abs(r.eigenvalues.reduce((a, b) => a + b, 0) - 22) < 1e-9);
    assert.equal(r.mu, r.lambdaMin, 'the ½ convention: μ = λ_min(K)');
    const cli = JSON.parse(
      runCli(['kernel', path.join(repoRoot, 'examples', 'kernel', 'linear-regression.overparam'), '--json']).stdout,
    ) as { eigenvalues: number[]; beta: number; radius: number; gd: { convergedAt: number } };
    assert.deepEqual(r.eigenvalues, cli.eigenvalues);
    assert.equal(r.beta, cli.beta);
    assert.equal(r.gd.convergedAt, cli.gd.convergedAt);
    // The notes' convention doubles μ and says so.
    const notes = createHandlers().lab(
      kernelRun({ params: { samples: 256, convention: 'notes' } }),
      Date.now() + 30_000,
    );
    assert.ok(!notes.cancelled && notes.lab === 'kernel');
    if (!notes.cancelled) {
      const n = notes.result as typeof r;
      assert.ok(Math.abs(n.mu - 2 * r.lambdaMin) < 1e-12);
      assert.notEqual(n.muConvention, r.muConvention);
    }
  });

  test('a run past its budget stops with the progress it had; a file without data fails with the reason', () => {
    const h = createHandlers();
    // Compiled once (the worker caches the model per document): the second run's budget goes to the lab alone.
    assert.equal(h.lab(kernelRun(), Date.now() + 30_000).cancelled, false);
    const progress: number[][] = [];
    const out = h.lab(kernelRun(), Date.now() - 1, (p) => progress.push([p.done, p.total]));
    assert.equal(out.cancelled, true);
    if (out.cancelled) {
      assert.equal(out.reason, 'the run reached the labs time budget');
      assert.deepEqual([out.done, out.total, out.partial], [0, 1, null]);
    }
    assert.deepEqual(progress, [[0, 1]]);
    assert.throws(() => h.lab(kernelRun({ text: readExample('squared') }), Date.now() + 10_000), /no loss/);
  });

  test('the checks: a run request with bad parameters or an unknown lab is dropped', () => {
    const run = {
      type: 'runLab',
      requestId: 3,
      lab: 'kernel',
      pointIndex: 0,
      params: { samples: 64, convention: 'half' },
    };
    assert.equal(isWebviewMessage(run), true);
    for (const params of [
      { samples: 0, convention: 'half' },
      { samples: 64, convention: 'both' },
      { samples: 1.5 },
      null,
    ])
      assert.equal(isWebviewMessage({ ...run, params }), false, JSON.stringify(params));
    assert.equal(isWebviewMessage({ ...run, lab: 'constructor' }), false);
    assert.equal(isWebviewMessage({ type: 'cancelLab', requestId: 4, lab: 'kernel' }), true);
    assert.equal(isWebviewMessage({ type: 'cancelLab', requestId: 4, lab: 'nope' }), false);
    const done = {
      type: 'lab',
      requestId: 3,
      version: 1,
      lab: 'kernel',
      phase: 'done',
      done: 1,
      total: 1,
      partial: null,
      message: null,
    };
    assert.equal(isHostMessage({ ...done, result: { n: 3 } }), false, 'a half result is dropped');
    assert.equal(isHostMessage({ ...done, phase: 'finished', result: null }), false);
  });

  test('the panel host: progress, then the result, every message well formed; cancel and edits stop a run', async () => {
    const c = client();
    const posted: HostMessage[] = [];
    let version = 1;
    let settle: () => void = () => undefined;
    let closed = new Promise<void>((r) => (settle = r));
    const host = new PanelHost({
      post: (m) => {
        posted.push(m);
        if (m.type === 'lab' && m.phase !== 'running') settle();
      },
      document: () => ({ text: linear, version, fileName: 'l.overparam', uri: 'file:///l.overparam' }),
      save: async () => ({ ok: true, message: '' }),
      compute: workerCompute([c], 'doc', () => ({})),
    });
    const labs = (): LabMessage[] => posted.filter((m): m is LabMessage => m.type === 'lab');
    try {
      host.receive({ type: 'ready', requestId: 1, view: null, pointIndex: 0 });
      await host.idle();
      host.receive({
        type: 'runLab',
        requestId: 2,
        lab: 'kernel',
        pointIndex: 0,
        params: { samples: 128, convention: 'half' },
      });
      await closed;
      const first = labs();
      assert.ok(
        first.every((m) => isHostMessage(m)),
        'every lab message passes the webview check',
      );
      assert.deepEqual(
        first.map((m) => m.phase),
        [...first.slice(0, -1).map(() => 'running'), 'done'],
      );
      const done = first.at(-1)!;
      assert.ok(
        done.phase === 'done' &&
          done.lab === 'kernel' &&
          done.result !== null &&
          done.requestId === 2 &&
          done.version === 1,
      );
      assert.ok(Math.abs(done.result.eigenvalues.reduce((a, b) => a + b, 0) - 22) < 1e-9, 'trace K = 22');
      // Cancel at once: the run ends `cancelled`, and nothing comes after its closing message.
      posted.length = 0;
      closed = new Promise<void>((r) => (settle = r));
      host.receive({
        type: 'runLab',
        requestId: 5,
        lab: 'kernel',
        pointIndex: 0,
        params: { samples: 128, convention: 'half' },
      });
      host.receive({ type: 'cancelLab', requestId: 6, lab: 'kernel' });
      await closed;
      await new Promise((r) => setTimeout(r, 300));
      assert.deepEqual(
        labs().map((m) => [m.requestId, m.phase]),
        [[5, 'cancelled']],
      );
      // An edit cancels the run in flight too.
      posted.length = 0;
      closed = new Promise<void>((r) => (settle = r));
      host.receive({
        type: 'runLab',
        requestId: 7,
        lab: 'kernel',
        pointIndex: 0,
        params: { samples: 128, convention: 'half' },
      });
      version = 2;
      host.documentChanged();
      await closed;
      await host.idle();
      assert.deepEqual(
        labs().map((m) => [m.requestId, m.phase]),
        [[7, 'cancelled']],
      );
      assert.equal(host.stats.version, 2);
    } finally {
      c.dispose();
    }
  });
});
