// The worker's `train` request: records stream out while the run goes on, a shared flag (or the host's abort)
// stops it, and the numbers are the CLI's (`overparam train --json`, same objective and SGD stream).
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import * as path from 'path';
import { AnalysisClient, CancelledError } from '../../../src/extension/analysisClient';
import { workerCompute } from '../../../src/extension/panel/panelCompute';
import { PanelHost } from '../../../src/extension/panel/panelHost';
import type { HostMessage } from '../../../src/protocol/panel';
import type { TrainParams, TrainPartial } from '../../../src/protocol/worker';
import { createHandlers } from '../../../src/worker/handlers';
import { runCli } from '../../support/cli';
import { readExample, repoRoot } from '../../support/paths';

const lossFile = readExample('training/canonical-loss');
const dataFile = readExample('training/canonical-data');

/** A GD run on θ_i = w_i², L = (θ1 - 3)² + (θ2 - 6)² from the first `at` point w = (1, 2). */
const params = (over: Partial<TrainParams> = {}): TrainParams => ({
  key: 'doc',
  text: lossFile,
  options: {},
  W0: Float64Array.of(1, 2),
  method: 'gd',
  lr: 0.01,
  steps: 1000,
  ...over,
});

describe('train request: streaming, cancellation, CLI numbers', () => {
  test('with the shown coordinates the outcome carries L(θ) around both paths: (θ1 - 3)² + (θ2 - 6)² at every node', () => {
    const out = createHandlers().train(params({ coords: [0, 1] }), Date.now() + 30_000);
    const c = out.contours!;
    assert.deepEqual(c.coords, [0, 1]);
    assert.equal(c.loss.length, c.x.length * c.y.length);
    for (let j = 0; j < c.y.length; j += 7)
      for (let i = 0; i < c.x.length; i += 5)
        assert.ok(Math.abs(c.loss[j * c.x.length + i] - ((c.x[i] - 3) ** 2 + (c.y[j] - 6) ** 2)) < 1e-12);
    // The box holds both paths: from θ0 = (1, 4) to the minimum (3, 6), padded.
    for (const s of [...out.records, ...(out.canonical ?? [])]) {
      assert.ok(s.theta[0] > c.x[0] && s.theta[0] < c.x[c.x.length - 1]);
      assert.ok(s.theta[1] > c.y[0] && s.theta[1] < c.y[c.y.length - 1]);
    }
    assert.equal(createHandlers().train(params(), Date.now() + 30_000).contours, null, 'no coords, no contours');
  });

  test('partial records arrive while the run goes on and add up to the final records', () => {
    const h = createHandlers();
    const partials: TrainPartial[] = [];
    const out = h.train(params({ steps: 200_000, progressMs: 0 }), Date.now() + 30_000, (p) => partials.push(p));
    assert.equal(out.stopped, null);
    assert.ok(partials.length >= 2, `${partials.length} partial replies`);
    assert.ok(
      partials.slice(0, -1).every((p) => p.done < p.total),
      'the first partials come before the end',
    );
    const streamed = partials.flatMap((p) => p.records);
    assert.deepEqual(
      streamed.map((r) => [r.t, r.loss]),
      out.records.map((r) => [r.t, r.loss]),
    );
    // The first record is W0 = (1, 2): θ = (1, 4), L = 4 + 4 = 8; canonical GD starts there too.
    assert.deepEqual(out.records[0], { t: 0, loss: 8, theta: [1, 4] });
    assert.deepEqual(out.canonical?.[0], { t: 0, loss: 8, theta: [1, 4] });
    assert.ok(out.records.at(-1)!.loss < 1e-20, `converged to L = ${out.records.at(-1)!.loss}`);
  });

  test('the shared flag stops the run where it is, with stopped = cancelled', () => {
    const h = createHandlers();
    const cancel = new Int32Array(new SharedArrayBuffer(4));
    let calls = 0;
    const out = h.train(params({ steps: 50_000_000, progressMs: 0, cancel }), Date.now() + 30_000, () => {
      if (++calls === 1) Atomics.store(cancel, 0, 1);
    });
    assert.equal(out.stopped, 'cancelled');
    assert.ok(out.steps < 50_000_000, `stopped after ${out.steps} steps`);
  });

  test('a file without a loss runs nothing and says so', () => {
    const out = createHandlers().train(
      params({ text: readExample('squared'), W0: Float64Array.of(1, 2) }),
      Date.now() + 10_000,
    );
    assert.equal(out.noLoss, true);
    assert.match(out.message ?? '', /the file defines no loss/);
    assert.deepEqual(out.records, []);
  });

  test('GD and SGD give the CLI train --json numbers exactly', () => {
    const h = createHandlers();
    const file = path.join(repoRoot, 'examples', 'training', 'canonical-data.overparam');
    for (const method of ['gd', 'sgd'] as const) {
      const cli = runCli(['train', file, '--method', method, '--lr', '0.02', '--steps', '300', '--json']);
      assert.equal(cli.code, 0, cli.stderr);
      const json = JSON.parse(cli.stdout) as { steps: { t: number; loss: number; theta: number[] }[] };
      const out = h.train(
        params({ text: dataFile, W0: Float64Array.of(1, 2), method, lr: 0.02, steps: 300 }),
        Date.now() + 10_000,
      );
      assert.deepEqual(
        out.records.map((r) => [r.t, r.loss, ...r.theta]),
        json.steps.map((r) => [r.t, r.loss, ...r.theta]),
        method,
      );
    }
  });

  test('through the real worker: partials before the answer; an abort stops the run without a respawn', async () => {
    const log: string[] = [];
    const client = new AnalysisClient(
      path.join(repoRoot, 'dist', 'worker.js'),
      () => ({ timeBudgetMs: 30_000, memoryMb: 512 }),
      { info: (m) => log.push(m), warn: (m) => log.push(`warn ${m}`) },
    );
    try {
      const order: string[] = [];
      const out = await client.request('train', params({ steps: 300_000, progressMs: 5 }), undefined, (p) =>
        order.push(`partial ${p.records.length}`),
      );
      order.push('result');
      assert.ok(order.length >= 3 && order.at(-1) === 'result', order.join(', '));
      assert.equal(out.records[0].loss, 8);
      // A run of 50 million steps through the panel's compute (which shares the stop flag), aborted at its first
      // partial: the worker stops it and answers the next request; no second worker is started.
      const controller = new AbortController();
      const compute = workerCompute([client], 'doc', () => ({}));
      const cancelled = compute.train(
        lossFile,
        { W0: Float64Array.of(1, 2), method: 'gd', lr: 0.01, steps: 50_000_000, progressMs: 0 },
        () => controller.abort(),
        controller.signal,
      );
      await assert.rejects(cancelled, CancelledError);
      const t = Date.now();
      const next = await client.request('train', params({ steps: 10 }));
      assert.equal(next.records.at(-1)!.t, 10);
      assert.ok(Date.now() - t < 5000);
      assert.equal(log.filter((l) => l.startsWith('analysis worker started')).length, 1, log.join('\n'));
    } finally {
      client.dispose();
    }
  });

  test('the panel host: records stream to the webview, and an edit cancels the run', async () => {
    const client = new AnalysisClient(
      path.join(repoRoot, 'dist', 'worker.js'),
      () => ({ timeBudgetMs: 30_000, memoryMb: 512 }),
      { info: () => undefined, warn: () => undefined },
    );
    const posted: HostMessage[] = [];
    let version = 1;
    let firstPartial: () => void = () => undefined;
    const streaming = new Promise<void>((resolve) => (firstPartial = resolve));
    const host = new PanelHost({
      post: (m) => {
        posted.push(m);
        if (m.type === 'training' && m.phase === 'running') firstPartial();
      },
      document: () => ({ text: lossFile, version, fileName: 'l.overparam', uri: 'file:///l.overparam' }),
      save: async () => ({ ok: true, message: '' }),
      compute: workerCompute([client], 'doc', () => ({})),
    });
    try {
      host.receive({ type: 'ready', requestId: 1, view: null, pointIndex: 0 });
      await host.idle();
      host.receive({ type: 'train', requestId: 2, pointIndex: 0, method: 'gd', lr: 0.01, steps: 50_000_000 });
      await streaming;
      version = 2;
      host.documentChanged();
      await host.idle();
      await new Promise((r) => setTimeout(r, 100));
      const training = posted.filter((m) => m.type === 'training');
      assert.ok(training.length >= 1 && training.every((m) => m.type === 'training' && m.phase === 'running'));
      const first = training[0];
      assert.ok(first.type === 'training');
      assert.deepEqual(first.records[0], { t: 0, loss: 8, theta: [1, 4] });
      // The run was cancelled (no `done`) and the edit's document came after it.
      assert.equal(posted.at(-2)?.type, 'document');
      assert.equal(host.stats.version, 2);
    } finally {
      client.dispose();
    }
  });
});
