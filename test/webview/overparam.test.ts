// The over-parameterization views (issue 12): SGD on the lecture's three equations flattens above its floor and,
// with the third equation toggled off, falls below 1e-10; a double-descent sweep streams live progress, can be
// cancelled keeping its points, and its test-risk curve peaks at the p = n marker; the implicit-bias view draws
// the norms and the d = 2 flows beside the ℓ1 and ℓ2 balls. Screenshots in three themes.
import * as assert from 'node:assert/strict';
import * as path from 'path';
import { describe, it } from 'node:test';
import type { LabMessage } from '../../src/protocol/labs';
import { ARTIFACTS, example } from './support/browser';
import type { Rig } from './support/browser';
import { PageHost } from './support/driver';

/** In the page: pixel facts of one colour's curve in a chart's plot area: drawn columns, the mean row in the last
 *  tenth as a value (log y axis), and the topmost pixel's x. */
function curveFacts(arg: [string, [number, number, number]]): {
  columns: number;
  rightValue: number;
  leftValue: number;
  topX: number;
  topY: number;
  thresholdX: number;
} {
  const [selector, [R, G, B]] = arg;
  const canvas = document.querySelector(selector) as HTMLCanvasElement;
  const [l, t, r, b] = (canvas.dataset.plotArea ?? '').split(' ').map(Number);
  const [y0v, y1v] = (canvas.dataset.yRange ?? '').split(' ').map(Number);
  const x0 = Math.ceil(l),
    top = Math.ceil(t),
    w = Math.floor(r - l),
    h = Math.floor(b - t);
  const d = canvas.getContext('2d')!.getImageData(x0, top, w, h).data;
  const near = (x: number, y: number): boolean => {
    const i = (y * w + x) * 4;
    return d[i + 3] > 200 && Math.abs(d[i] - R) < 40 && Math.abs(d[i + 1] - G) < 40 && Math.abs(d[i + 2] - B) < 40;
  };
  const ys: number[] = [];
  let topY = Infinity,
    topX = NaN;
  for (let x = 0; x < w; x++) {
    const hit: number[] = [];
    for (let y = 0; y < h; y++) if (near(x, y)) hit.push(y);
    ys.push(hit.length ? hit.reduce((a, c) => a + c, 0) / hit.length : NaN);
    if (hit.length && hit[0] < topY) {
      topY = hit[0];
      topX = x;
    }
  }
  const drawn = ys.filter((y) => !Number.isNaN(y));
  const tenth = Math.max(1, Math.floor(drawn.length / 10));
  const mean = (v: number[]): number => v.reduce((a, c) => a + c, 0) / v.length;
  // Row y (from the plot's top) on the log axis [y0v, y1v].
  const value = (y: number): number => 10 ** (Math.log10(y1v) - (y / h) * (Math.log10(y1v) - Math.log10(y0v)));
  return {
    columns: drawn.length,
    rightValue: value(mean(drawn.slice(-tenth))),
    leftValue: value(mean(drawn.slice(0, tenth))),
    topX: topX + x0,
    topY,
    thresholdX: Number(canvas.dataset.thresholdX),
  };
}

const LIGHT_BLUE: [number, number, number] = [0x1a, 0x5f, 0xd0];
const LIGHT_RED: [number, number, number] = [0xe5, 0x14, 0x00];

const phase = (h: PageHost, id: string, p: string, timeout = 30000): Promise<unknown> =>
  h.page.waitForFunction(
    ([s, v]) => document.querySelector(`${s} .lab-run`)?.getAttribute('data-phase') === v,
    [id, p] as const,
    { timeout },
  );

async function themed(h: PageHost, id: string, name: string): Promise<void> {
  for (const kind of ['light', 'dark', 'hc'] as const) {
    await h.theme(kind);
    await h.page.locator(id).screenshot({ path: path.join(ARTIFACTS, `${name}-${kind}.png`) });
  }
  await h.theme('light');
}

/** The over-parameterization views' browser checks. */
export function overparamSuite(rig: Rig): void {
  describe('overparam views', () => {
    it('SGD: three equations hover above a floor; one click drops the third and L falls below 1e-10', async () => {
      const h = await PageHost.open(rig, example('overparam/three-equations.overparam'));
      try {
        await h.page.locator('#op-sgd .lab-run button', { hasText: 'Run' }).click();
        await phase(h, '#op-sgd', 'done');
        await h.settle();
        const hover = await h.page.evaluate(curveFacts, ['canvas.sgd-loss', LIGHT_BLUE] as [
          string,
          [number, number, number],
        ]);
        console.log(
          `  three equations: SGD's L ${hover.leftValue.toPrecision(3)} -> ${hover.rightValue.toPrecision(3)}`,
        );
        assert.ok(hover.columns > 100, `the curve is drawn (${hover.columns} columns)`);
        // The floor: L* = 1980/121 ≈ 16.4 at the least-squares point; SGD stays above it.
        assert.ok(hover.rightValue > 10 && hover.rightValue < 30, `a floor near L* (${hover.rightValue})`);
        const note = (await h.page.locator('#op-sgd .sgd-words').textContent()) ?? '';
        assert.match(note, /under-parameterized/);
        assert.match(note, /no exact fit/);
        assert.equal(await h.page.locator('#op-sgd input.sgd-eq').count(), 3);
        assert.match((await h.page.locator('#op-sgd .sgd-batch-note').textContent()) ?? '', /β = 17/);
        await themed(h, '#op-sgd', 'three-equations-sgd');
        // One click: the third equation off re-runs on the two that interpolate.
        await h.page.locator('#op-sgd input.sgd-eq[data-row="2"]').click();
        await phase(h, '#op-sgd', 'running', 5000).catch(() => undefined);
        await phase(h, '#op-sgd', 'done');
        await h.settle();
        const fall = await h.page.evaluate(curveFacts, ['canvas.sgd-loss', LIGHT_BLUE] as [
          string,
          [number, number, number],
        ]);
        console.log(`  two equations: SGD's L ${fall.leftValue.toPrecision(3)} -> ${fall.rightValue.toPrecision(3)}`);
        assert.ok(fall.rightValue < 1e-10, `SGD converges below 1e-10 (${fall.rightValue})`);
        assert.match((await h.page.locator('#op-sgd .sgd-words').textContent()) ?? '', /an exact fit was found/);
        await h.page.locator('#op-sgd').screenshot({ path: path.join(ARTIFACTS, 'two-of-three-equations-sgd.png') });
        assert.deepEqual(h.errors, []);
      } finally {
        await h.close();
      }
    });

    it('double descent: 60 widths x 10 repeats stream live progress and cancel keeping the points', async () => {
      const h = await PageHost.open(rig, example('overparam/double-descent.overparam'));
      try {
        const labs: LabMessage[] = [];
        h.recorded = labs as never;
        await h.page.locator('#op-doubleDescent input[type="number"]').fill('10');
        await h.page.locator('#op-doubleDescent .lab-run button', { hasText: 'Run' }).click();
        // A few progress messages, then Cancel.
        const running = () =>
          labs.filter((m) => m.type === 'lab' && m.phase === 'running' && m.lab === 'doubleDescent');
        const t0 = Date.now();
        while (running().length < 4 && Date.now() - t0 < 20000) await new Promise((r) => setTimeout(r, 50));
        const done = running().map((m) => m.done);
        console.log(`  progress: ${done.join(', ')} of ${running()[0]?.total}`);
        assert.ok(done.length >= 4, 'several progress messages');
        assert.equal(running()[0].total, 600, '60 widths x 10 repeats');
        assert.ok(
          done.every((d, i) => i === 0 || d > done[i - 1]),
          'the progress value increases',
        );
        const bar = await h.page.locator('#op-doubleDescent progress').getAttribute('value');
        assert.ok(Number(bar) > 0, `the progress bar moves (${bar})`);
        await h.page.locator('#op-doubleDescent .lab-run button', { hasText: 'Cancel' }).click();
        await phase(h, '#op-doubleDescent', 'cancelled');
        await h.settle();
        const kept = Number(await h.page.locator('canvas.dd-risk').getAttribute('data-fits'));
        const red = await h.page.evaluate(curveFacts, ['canvas.dd-risk', LIGHT_RED] as [
          string,
          [number, number, number],
        ]);
        console.log(`  cancelled with ${kept} fits drawn, test-risk curve over ${red.columns} columns`);
        assert.ok(kept >= 4 && red.columns > 0, 'the partial points stay drawn');
        assert.match((await h.page.locator('#op-doubleDescent .lab-status').textContent()) ?? '', /Stopped/);
        assert.deepEqual(h.errors, []);
      } finally {
        await h.close();
      }
    });

    it('double descent: the test risk peaks at the p = n marker; ridge λ flattens it', async () => {
      // A shorter sweep (the browser tier stays fast): 13 widths around n = 20, one seed.
      const text = example('overparam/double-descent.overparam').replace(
        'sweep p = 1..60',
        'sweep p = 2, 6, 10, 14, 17, 20, 23, 26, 30, 36, 44, 52, 60',
      );
      const h = await PageHost.open(rig, text);
      try {
        const labs: LabMessage[] = [];
        h.recorded = labs as never;
        await h.page.locator('#op-doubleDescent input[type="number"]').fill('1');
        await h.page.locator('#op-doubleDescent .lab-run button', { hasText: 'Run' }).click();
        await phase(h, '#op-doubleDescent', 'done');
        await h.settle();
        const f = await h.page.evaluate(curveFacts, ['canvas.dd-risk', LIGHT_RED] as [
          string,
          [number, number, number],
        ]);
        console.log(`  test risk's highest pixel at x = ${f.topX}, the p = n marker at x = ${f.thresholdX.toFixed(1)}`);
        await h.page
          .locator('#op-doubleDescent')
          .screenshot({ path: path.join(ARTIFACTS, 'double-descent-light.png') });
        assert.ok(Math.abs(f.topX - f.thresholdX) < 20, 'the peak is at the interpolation threshold');
        await themed(h, '#op-doubleDescent', 'double-descent');
        // The test risk at p = n (the peak without ridge).
        const peak = (m: LabMessage | undefined): number => {
          const r = m?.result as { testRisk: number[]; values: number[]; n: number } | null;
          return r ? r.testRisk[r.values.indexOf(r.n)] : NaN;
        };
        const plain = peak(labs.filter((m) => m.type === 'lab' && m.phase === 'done').at(-1));
        // The slider at λ = 1e-2 re-runs.
        await h.page.locator('#op-doubleDescent input[type="range"]').fill('5');
        await h.page.waitForFunction(
          () => document.querySelector('#op-doubleDescent .note')?.textContent?.includes('ridge'),
          undefined,
          { timeout: 30000 },
        );
        await phase(h, '#op-doubleDescent', 'done');
        await h.settle();
        const ridged = peak(labs.filter((m) => m.type === 'lab' && m.phase === 'done').at(-1));
        console.log(`  test risk at p = n: ${plain.toPrecision(3)} -> ${ridged.toPrecision(3)} with λ = 1e-2`);
        assert.ok(ridged < plain / 5, 'ridge flattens the peak at p = n');
        await h.page
          .locator('#op-doubleDescent')
          .screenshot({ path: path.join(ARTIFACTS, 'double-descent-ridge.png') });
        assert.deepEqual(h.errors, []);
      } finally {
        await h.close();
      }
    });

    it('implicit bias: ‖θ∞‖ against α with the references, the flows beside the ℓ1 and ℓ2 balls', async () => {
      const h = await PageHost.open(rig, example('overparam/implicit-bias-2d.overparam'));
      try {
        await h.page.locator('#op-bias .lab-run button', { hasText: 'Run' }).click();
        await phase(h, '#op-bias', 'done');
        await h.settle();
        assert.equal(await h.page.locator('canvas.bias-norms').getAttribute('data-alphas'), '5');
        const ball = await h.page.evaluate(curveFacts, ['canvas.bias-plane', LIGHT_RED] as [
          string,
          [number, number, number],
        ]);
        const l1 = await h.page.evaluate(curveFacts, ['canvas.bias-norms', LIGHT_RED] as [
          string,
          [number, number, number],
        ]);
        console.log(`  ℓ1 ball over ${ball.columns} columns; ‖θ∞‖₁ curve over ${l1.columns} columns`);
        assert.ok(ball.columns > 50, 'the ℓ1 ball is drawn');
        assert.ok(l1.columns > 100, 'the ℓ1 norm curve spans the α axis');
        assert.match((await h.page.locator('#op-bias .note').textContent()) ?? '', /minimum ℓ1 norm 1\b/);
        await themed(h, '#op-bias', 'implicit-bias-2d');
        assert.deepEqual(h.errors, []);
      } finally {
        await h.close();
      }
    });
  });
}
