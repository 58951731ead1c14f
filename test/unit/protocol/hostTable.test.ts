// The host's table of webview messages: one handler per message type, the same keys as the validator's table, and
// what each handler answers, run on the real PanelHost over the real worker handlers (in this thread) with the
// squared example (θ_i = w_i², J = diag(2w), M = diag(4w²)).
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { workerCompute, type WorkerLike } from '../../../src/extension/panel/panelCompute';
import { PanelHost } from '../../../src/extension/panel/panelHost';
import type { ExportMessage, HostMessage } from '../../../src/protocol/panel';
import { isHostMessage, WEBVIEW_CHECKS } from '../../../src/protocol/validate';
import { createHandlers } from '../../../src/worker/handlers';
import { readExample } from '../../support/paths';

const text = readExample('squared');

/** The worker's handler table behind the client interface the host uses, counting requests by type. */
function inThread(counts: Record<string, number> = {}): WorkerLike {
  const handlers = createHandlers();
  return {
    request: async (type, params, _signal, onPartial) => {
      counts[type] = (counts[type] ?? 0) + 1;
      const handler = handlers[type] as unknown as (
        p: typeof params,
        deadline: number,
        emit?: typeof onPartial,
      ) => never;
      return handler(params, Date.now() + 10_000, onPartial);
    },
  };
}

/** A host showing the squared example, with what it posts and saves. */
function rig(): { host: PanelHost; posted: HostMessage[]; saved: ExportMessage[]; counts: Record<string, number> } {
  const posted: HostMessage[] = [];
  const saved: ExportMessage[] = [];
  const counts: Record<string, number> = {};
  const host = new PanelHost({
    post: (m) => posted.push(m),
    document: () => ({ text, version: 3, fileName: 'squared.overparam', uri: 'file:///squared.overparam' }),
    save: async (m) => {
      saved.push(m);
      return { ok: true, message: `saved ${m.suggestedName}` };
    },
    compute: workerCompute([inThread(counts)], 'doc', () => ({})),
  });
  return { host, posted, saved, counts };
}

describe('host message table', () => {
  test('one handler per webview message type, the validator checks the same types', () => {
    const { host } = rig();
    const types = ['cancelLab', 'export', 'ready', 'runLab', 'setPoint', 'setView', 'train'];
    assert.deepEqual(Object.keys(host.handlers).sort(), types);
    assert.deepEqual(Object.keys(WEBVIEW_CHECKS).sort(), types);
  });

  test('ready answers with the document and the live frame of the requested point', async () => {
    const { host, posted } = rig();
    host.receive({ type: 'ready', requestId: 5, view: null, pointIndex: 2 });
    await host.idle();
    assert.deepEqual(
      posted.map((m) => [m.type, m.requestId]),
      [
        ['document', 5],
        ['frame', 5],
      ],
    );
    assert.ok(posted.every(isHostMessage));
    const frame = posted[1];
    assert.ok(frame.type === 'frame');
    // Point 3 is w = (2, 1): θ = (4, 1), J = diag(4, 2), singular values 4 and 2.
    assert.equal(frame.pointIndex, 2);
    assert.deepEqual(Array.from(frame.details!.theta), [4, 1]);
    assert.deepEqual(Array.from(frame.details!.singularValues), [4, 2]);
    assert.equal(host.stats.documents, 1);
    assert.equal(host.stats.version, 3);
  });

  test('setPoint answers with a frame at the new values; setView with a document on the new grid', async () => {
    const { host, posted } = rig();
    host.receive({ type: 'ready', requestId: 1, view: null, pointIndex: 0 });
    await host.idle();
    host.receive({ type: 'setPoint', requestId: 2, pointIndex: 0, values: [0.25, -3] });
    await host.idle();
    const frame = posted[2];
    assert.ok(frame.type === 'frame' && frame.requestId === 2);
    assert.deepEqual(frame.field?.theta, [0.0625, 9]);
    // M = diag(4 w²) = diag(0.25, 36): every arrow is (0.25 gx, 36 gy).
    const f = frame.field!;
    for (let k = 0; k < f.gx.length; k++) {
      assert.equal(f.dx[k], 0.25 * f.gx[k]);
      assert.equal(f.dy[k], 36 * f.gy[k]);
    }
    const view = frame.view;
    host.receive({ type: 'setView', requestId: 3, pointIndex: 0, view: { ...view, grid: { ...view.grid, size: 5 } } });
    await host.idle();
    const doc = posted[3];
    assert.ok(doc.type === 'document' && doc.requestId === 3);
    assert.equal(doc.view.grid.size, 5);
    assert.ok(doc.fields.every((fd) => fd.gx.length === 25));
  });

  test('export hands the message to the environment and answers with its outcome', async () => {
    const { host, posted, saved } = rig();
    host.receive({ type: 'export', requestId: 9, format: 'csv', suggestedName: 'squared-field.csv', data: 'a,b\n' });
    await new Promise((r) => setImmediate(r));
    assert.equal(saved.length, 1);
    assert.equal(saved[0].data, 'a,b\n');
    assert.deepEqual(posted, [{ type: 'exportResult', requestId: 9, ok: true, message: 'saved squared-field.csv' }]);
  });

  test('train on a file without a loss answers once, failed, with the reason', async () => {
    const { host, posted } = rig();
    host.receive({ type: 'ready', requestId: 1, view: null, pointIndex: 0 });
    await host.idle();
    host.receive({ type: 'train', requestId: 4, pointIndex: 0, method: 'gd', lr: 0.01, steps: 100 });
    await new Promise((r) => setTimeout(r, 50));
    const training = posted.filter((m) => m.type === 'training');
    assert.equal(training.length, 1);
    const t = training[0];
    assert.ok(t.type === 'training' && isHostMessage(t));
    assert.equal(t.phase, 'failed');
    assert.equal(t.requestId, 4);
    assert.match(t.message ?? '', /the file defines no loss/);
  });

  test('malformed messages and names that are no message type reach no handler', async () => {
    const { host, posted, counts } = rig();
    for (const m of [
      { type: 'toString', requestId: 1 },
      { type: 'constructor', requestId: 1 },
      { type: 'ready', requestId: 1.5, view: null, pointIndex: 0 },
      { type: 'setPoint', requestId: 1, pointIndex: 0, values: [1, Number.NaN] },
      { type: 'export', requestId: 1, format: 'exe', suggestedName: 'x', data: '' },
      { type: 'train', requestId: 1, pointIndex: 0, method: 'adam', lr: 0.01, steps: 10 },
      { type: 'train', requestId: 1, pointIndex: 0, method: 'gd', lr: -1, steps: 10 },
      { type: 'train', requestId: 1, pointIndex: 0, method: 'gd', lr: 0.01, steps: 1e9 },
      null,
      'ready',
    ])
      host.receive(m);
    await host.idle();
    await new Promise((r) => setImmediate(r));
    assert.deepEqual(posted, []);
    assert.deepEqual(counts, {});
    assert.equal(host.stats.ready, false);
  });

  test('a reveal waits for the document it is about, then comes right after it; once shown it is posted at once', async () => {
    const { host, posted } = rig();
    host.reveal('landscape', true);
    assert.equal(posted.length, 0, 'nothing before the page is ready');
    host.receive({ type: 'ready', requestId: 1, view: null, pointIndex: 0 });
    await host.idle();
    assert.deepEqual(
      posted.map((m) => m.type),
      ['document', 'frame', 'reveal'],
    );
    assert.ok(posted.every(isHostMessage));
    host.reveal('kernel', false);
    assert.deepEqual(posted.at(-1), { type: 'reveal', requestId: 0, view: 'kernel', run: false });
    assert.equal(isHostMessage({ type: 'reveal', requestId: 0, view: '<img>', run: true }), false);
  });
});
