// The Training view: a GD run on examples/training/canonical-loss.overparam streams in and its loss curve is drawn
// across the plot on the log axis, falling from L = 8 at w = (1, 2).
import * as assert from 'node:assert/strict';
import * as path from 'path';
import { describe, it } from 'node:test';
import { ARTIFACTS, example } from './support/browser';
import type { Rig } from './support/browser';
import { PageHost } from './support/driver';

/** In the page: columns of the plot area holding the run's colour (the light theme's charts blue, #1a5fd0), and the
 *  line's mean height (px from the plot's top) in the first and last tenth of those columns. */
function lineFacts(selector: string): { width: number; height: number; columns: number; left: number; right: number } {
  const canvas = document.querySelector(selector) as HTMLCanvasElement;
  const [l, t, r, b] = (canvas.dataset.plotArea ?? '').split(' ').map(Number);
  const x0 = Math.ceil(l),
    y0 = Math.ceil(t),
    w = Math.floor(r - l),
    h = Math.floor(b - t);
  const d = canvas.getContext('2d')!.getImageData(x0, y0, w, h).data;
  const blue = (x: number, y: number): boolean => {
    const i = (y * w + x) * 4;
    return d[i + 3] > 128 && d[i + 2] > 150 && d[i] < 110 && d[i + 1] < 160;
  };
  const ys: number[] = [];
  for (let x = 0; x < w; x++) {
    const hit: number[] = [];
    for (let y = 0; y < h; y++) if (blue(x, y)) hit.push(y);
    ys.push(hit.length ? hit.reduce((a, c) => a + c, 0) / hit.length : NaN);
  }
  const drawn = ys.filter((y) => !Number.isNaN(y));
  const tenth = Math.max(1, Math.floor(drawn.length / 10));
  const mean = (v: number[]): number => v.reduce((a, c) => a + c, 0) / v.length;
  return {
    width: w,
    height: h,
    columns: drawn.length,
    left: mean(drawn.slice(0, tenth)),
    right: mean(drawn.slice(-tenth)),
  };
}

/** The Training view's browser check. */
export function trainingSuite(rig: Rig): void {
  describe('training view', () => {
    it('canonical loss: the run streams in, L falls across the whole log-scale plot', async () => {
      const h = await PageHost.open(rig, example('training/canonical-loss.overparam'));
      try {
        await h.page.waitForFunction(
          () => document.querySelector('#op-training .training-figures')?.getAttribute('data-phase') === 'done',
          undefined,
          { timeout: 15000 },
        );
        await h.settle();
        assert.ok(h.host.stats.training >= 1);
        const f = await h.page.evaluate(lineFacts, 'canvas.training-loss');
        console.log(
          `  training loss curve: ${f.columns}/${f.width} columns drawn, height ${f.left.toFixed(0)} -> ${f.right.toFixed(0)} of ${f.height} px`,
        );
        assert.ok(f.columns >= 0.9 * f.width, `the curve spans the plot (${f.columns} of ${f.width} columns)`);
        assert.ok(f.right - f.left > 0.5 * f.height, 'L falls by more than half the log axis');
        const contours = Number(await h.page.locator('#op-training .training-figures').getAttribute('data-contours'));
        console.log(`  loss contours behind the θ paths: ${contours} segments`);
        assert.ok(contours > 100, `the canonical loss's contours are drawn (${contours} segments)`);
        const note = (await h.page.locator('#op-training .note').textContent()) ?? '';
        assert.match(note, /^done; L = /);
        await h.page.locator('#op-training').screenshot({ path: path.join(ARTIFACTS, 'canonical-loss-training.png') });
        assert.deepEqual(h.errors, []);
      } finally {
        await h.close();
      }
    });

    it('a reveal (the code lens) scrolls the view into sight and runs it; the view buttons scroll to each section', async () => {
      const h = await PageHost.open(rig, example('training/canonical-loss.overparam'));
      try {
        await h.page.waitForFunction(
          () => document.querySelector('#op-training .training-figures')?.getAttribute('data-phase') === 'done',
          undefined,
          { timeout: 15000 },
        );
        await h.settle();
        const runs = h.host.stats.training;
        const top = (id: string): Promise<number> =>
          h.page.evaluate((s) => document.getElementById(s)!.getBoundingClientRect().top, id);
        const header = await h.page.evaluate(() => document.querySelector('header')!.getBoundingClientRect().bottom);
        await h.page.evaluate(() => window.scrollTo(0, 0));
        h.host.reveal('training', true);
        await h.page.waitForFunction(() => window.scrollY > 0, undefined, { timeout: 5000 });
        await h.page.waitForFunction(
          () => document.querySelector('#op-training .training-figures')?.getAttribute('data-phase') === 'done',
          undefined,
          { timeout: 15000 },
        );
        await h.settle();
        assert.ok(h.host.stats.training > runs, 'the reveal started a new run');
        // The last section cannot reach the header when the page ends first: it is in sight, the page at its end.
        const t = await top('op-training');
        const end = await h.page.evaluate(
          () => Math.abs(window.scrollY + window.innerHeight - document.documentElement.scrollHeight) < 2,
        );
        const inner = await h.page.evaluate(() => window.innerHeight);
        assert.ok(
          t >= header - 2 && (t < header + 120 || (end && t < inner - 100)),
          `the Training section is in sight below the header (top ${t} px, header ${header} px, page end ${end})`,
        );
        // The row of view buttons: one per view, each scrolls to its section.
        const names = await h.page.locator('.views-nav button').allTextContents();
        assert.deepEqual(names.slice(0, 4), ['Gradient field', 'Rank map', 'The live point', 'Training']);
        await h.page.locator('.views-nav button[data-view="rank"]').click();
        await h.page.waitForTimeout(100);
        const r = await top('op-rank');
        assert.ok(r >= header - 2 && r < header + 120, `Rank map scrolled to just below the header (${r} px)`);
        // An unknown view is ignored.
        h.host.reveal('nothing', true);
        await h.settle();
        assert.deepEqual(h.errors, []);
      } finally {
        await h.close();
      }
    });
  });
}
