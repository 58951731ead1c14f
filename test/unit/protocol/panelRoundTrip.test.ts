// The panel's whole host path in node: the real PanelSession (host) over the real worker handlers (called in the
// same thread instead of over postMessage), its messages checked by the webview's own validator, and the numbers
// against hand-derived values of the squared example (J = diag(2w), M = diag(4w²)).
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'fs';
import * as path from 'path';
import { workerCompute, type WorkerLike } from '../../../src/extension/panel/panelCompute';
import { PanelSession } from '../../../src/extension/panel/panelSession';
import { isHostMessage, isWebviewMessage } from '../../../src/protocol/validate';
import { createHandlers } from '../../../src/worker/handlers';
import { repoRoot } from '../../support/paths';

const text = fs.readFileSync(path.join(repoRoot, 'examples', 'squared.overparam'), 'utf8');

/** The worker's handler table behind the client interface the host uses; `requests` logs what it is asked. */
function inThread(requests: string[] = []): WorkerLike {
  const handlers = createHandlers();
  return {
    request: async (type, params) => {
      requests.push(type);
      return (handlers[type] as (p: typeof params, deadline: number) => never)(params, Date.now() + 10_000);
    },
  };
}

describe('panel round trip: host session over worker handlers', () => {
  test('document and frame messages validate and carry the core shape, labels and M g', async () => {
    const first: string[] = [];
    const second: string[] = [];
    const session = new PanelSession(workerCompute([inThread(first), inThread(second)], 'doc', () => ({})));
    // The restored live point arrives before any model (the webview's `ready`).
    session.setView(null, 4);
    await session.load(text, 1);
    const [doc, frame] = await session.documentAndFrame(7, 'squared.overparam', 'file:///squared.overparam');
    // One round trip: one request per worker, the first frame travelling with the model.
    assert.deepEqual(first, ['panelModel']);
    assert.deepEqual(second, ['panelModel']);
    assert.ok(isHostMessage(doc), 'the document message passes the webview validator');
    assert.ok(isHostMessage(frame), 'the frame message passes the webview validator');
    assert.deepEqual(doc.model?.shape.params, [{ name: 'w', shape: [2], entries: [0, 1] }]);
    assert.deepEqual(doc.model?.shape.outputs, [{ name: 'θ', shape: [2], entries: [0, 1] }]);
    assert.deepEqual(
      doc.fields.map((f) => f.label),
      ['w = (0.1, 1)', 'w = (0.5, 1)', 'w = (2, 1)', 'w = (10, 1)', 'w = (1, 0)'],
    );
    // At w = (2, 1): M = diag(16, 4), so every arrow is (16 gx, 4 gy).
    const f = doc.fields[2];
    for (let k = 0; k < f.gx.length; k++) {
      assert.equal(f.dx[k], 16 * f.gx[k]);
      assert.equal(f.dy[k], 4 * f.gy[k]);
    }
    assert.deepEqual(f.theta, [4, 1]);
    // The live point is the ghost saddle w = (1, 0): rank 1, cokernel along θ[2].
    assert.equal(frame.pointIndex, 4);
    assert.equal(frame.details?.rank, 1);
    assert.deepEqual(Array.from(frame.details!.cokernel[0], Math.abs), [0, 1]);
    const map = frame.rankMap;
    assert.ok(map && map !== 'unchanged');
    assert.equal(map.rank.length, map.x.steps * map.y.steps);
    assert.equal(map.fullRank, 2);
    // The two workers' bands joined: J = diag(2 w) over the plane of w[1] (x) and w[2] (y) loses one rank on the
    // row w[2] = 0 and on the column w[1] = 0 (the centre row and column of the odd default grid), two at w = 0.
    const mid = (map.y.steps - 1) / 2;
    for (let iy = 0; iy < map.y.steps; iy++)
      for (let ix = 0; ix < map.x.steps; ix++)
        assert.equal(map.rank[iy * map.x.steps + ix], 2 - Number(iy === mid) - Number(ix === mid), `${ix}, ${iy}`);
  });

  test('an edit that keeps the at values keeps the slider values, again in one request', async () => {
    const requests: string[] = [];
    const session = new PanelSession(workerCompute([inThread(requests)], 'doc', () => ({})));
    await session.load(text, 1);
    await session.documentAndFrame(1, 'f', 'u');
    session.setPoint(1, [0.5, -2]);
    await session.frame(2);
    requests.length = 0;
    await session.load(text + '\n# a comment\n', 2);
    const [doc, frame] = await session.documentAndFrame(3, 'f', 'u');
    assert.deepEqual(requests, ['panelModel']);
    assert.deepEqual(Array.from(doc.values[1]), [0.5, -2]);
    assert.equal(frame.pointIndex, 1);
    assert.deepEqual(frame.field?.theta, [0.25, 4]);
    assert.equal(frame.field?.label, 'w = (0.5, -2)');
  });

  test('a moved point gets the label of its new values; the same view again sends the map as unchanged', async () => {
    const session = new PanelSession(workerCompute([inThread()], 'doc', () => ({})));
    await session.load(text, 1);
    await session.documentAndFrame(1, 'f', 'u');
    session.setPoint(0, [0.25, -3]);
    const frame = await session.frame(2);
    assert.ok(isHostMessage(frame));
    assert.equal(frame.field?.label, 'w = (0.25, -3)');
    assert.deepEqual(frame.field?.theta, [0.0625, 9]);
    const again = await session.frame(3);
    assert.equal(again.rankMap, 'unchanged');
  });

  test('the validators refuse malformed messages in both directions', () => {
    assert.equal(isHostMessage({ type: 'frame', requestId: 1 }), false);
    assert.equal(isHostMessage({ type: 'nope', requestId: 1 }), false);
    assert.equal(isWebviewMessage({ type: 'setPoint', requestId: 1, pointIndex: 0, values: 'x' }), false);
    assert.equal(isWebviewMessage({ type: 'setPoint', requestId: 1, pointIndex: 0, values: [1, 2] }), true);
  });
});
