// The blog's figures, checked the way a person would look at them: arrow directions from pixels, titles from DOM.
import * as assert from 'node:assert/strict';
import * as path from 'path';
import { describe, it } from 'node:test';
import { ARTIFACTS, example } from './support/browser';
import type { Rig } from './support/browser';
import { PageHost } from './support/driver';
import { inkRuns, inkStats } from './support/pixels';

const subplot = (i: number): string => `.subplot[data-point="${i}"] canvas`;

/** Squared and polar examples: the field subplots. */
export function fieldSuite(rig: Rig): void {
  describe('gradient field', () => {
    it('squared: one subplot per point, titled, arrows near vertical at w = (0.1, 1) and near horizontal at w = (10, 1)', async () => {
      const h = await PageHost.open(rig, example('squared.overparam'));
      try {
        const titles = await h.page.locator('.subplot-title').allTextContents();
        assert.deepEqual(titles.slice(0, 4), ['w = (0.1, 1)', 'w = (0.5, 1)', 'w = (2, 1)', 'w = (10, 1)']);
        const small = await h.page.evaluate(inkStats, subplot(0));
        const large = await h.page.evaluate(inkStats, subplot(3));
        console.log(`  squared w=(0.1,1): H=${small.H} V=${small.V}; w=(10,1): H=${large.H} V=${large.V}`);
        assert.ok(small.ink > 300 && large.ink > 300, 'arrows are drawn');
        // Arrow heads add runs across the shaft; shafts alone would give ratios far above 2.
        assert.ok(small.V > 2 * small.H, `w = (0.1, 1): vertical runs dominate (H=${small.H}, V=${small.V})`);
        assert.ok(large.H > 2 * large.V, `w = (10, 1): horizontal runs dominate (H=${large.H}, V=${large.V})`);
        // The run-length measure the VS Code end-to-end test uses, checked here both ways.
        const [runsSmall, runsLarge] = [
          await h.page.evaluate(inkRuns, subplot(0)),
          await h.page.evaluate(inkRuns, subplot(3)),
        ];
        console.log(
          `  runs w=(0.1,1): H ${runsSmall.runH.toFixed(1)} V ${runsSmall.runV.toFixed(1)} px; w=(10,1): H ${runsLarge.runH.toFixed(1)} V ${runsLarge.runV.toFixed(1)} px`,
        );
        assert.ok(runsSmall.runV > 2 * runsSmall.runH && runsLarge.runH > 2 * runsLarge.runV, 'run lengths agree');
        await h.page.locator('#op-field').screenshot({ path: path.join(ARTIFACTS, 'squared-field.png') });
        assert.deepEqual(h.errors, []);
      } finally {
        await h.close();
      }
    });

    it('polar: the long axis of the field turns with φ (small r: along θ)', async () => {
      const h = await PageHost.open(rig, example('polar.overparam'));
      try {
        const before = await h.page.evaluate(inkStats, subplot(0));
        await h.page.locator('#op-field').screenshot({ path: path.join(ARTIFACTS, 'polar-field.png') });
        // φ = 0.5 -> 1.4 on the live point (r = 0.3) through its number box.
        await h.page.getByLabel('φ value', { exact: true }).fill('1.4');
        await h.page.getByLabel('φ value', { exact: true }).press('Enter');
        await h.page.waitForFunction(() =>
          document.querySelector('.subplot[data-point="0"] .subplot-title')?.textContent?.includes('1.4'),
        );
        await h.settle();
        const after = await h.page.evaluate(inkStats, subplot(0));
        await h.page.locator('#op-field').screenshot({ path: path.join(ARTIFACTS, 'polar-field-phi-1.4.png') });
        console.log(
          `  polar r=0.3: long axis ${before.angle.toFixed(2)} rad at φ=0.5, ${after.angle.toFixed(2)} rad at φ=1.4`,
        );
        const near = (a: number, b: number): boolean =>
          Math.abs(Math.atan2(Math.sin(2 * (a - b)), Math.cos(2 * (a - b)))) / 2 < 0.2;
        assert.ok(near(before.angle, 0.5), `long axis near φ = 0.5 (got ${before.angle})`);
        assert.ok(near(after.angle, 1.4), `long axis near φ = 1.4 (got ${after.angle})`);
        assert.deepEqual(h.errors, []);
      } finally {
        await h.close();
      }
    });

    it('deep linear d = 4 (q = 4): coordinate pickers change the shown canonical coordinates', async () => {
      const h = await PageHost.open(rig, DEEP4);
      try {
        const coords = h.page.locator('.coords');
        assert.equal(await coords.isVisible(), true, 'pickers shown when q > 2');
        await h.page.getByLabel('vertical', { exact: true }).selectOption({ index: 2 });
        await h.page.waitForFunction(
          () => document.querySelector('.subplot canvas')?.getAttribute('aria-label') !== null,
        );
        await h.settle();
        const state = await h.page.evaluate(() => JSON.parse(sessionStorage.getItem('vscodeState') ?? '{}'));
        assert.deepEqual(state.view.grid.coords, [0, 2]);
        assert.deepEqual(h.errors, []);
      } finally {
        await h.close();
      }
    });
  });
}

/** Deep linear network with d = 4: w = Uᵀ v at U = I, v = e1 (the frame-rate case). */
export const DEEP4 = `param U[4,4], v[4]
w = U' * v
at U = [[1,0,0,0],[0,1,0,0],[0,0,1,0],[0,0,0,1]], v = [1, 0, 0, 0]
`;
