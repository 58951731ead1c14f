// The rank map: an ImageData heatmap of σmin/σmax; the polar example's singular line r = 0 must stand out dark.
import * as assert from 'node:assert/strict';
import * as path from 'path';
import { describe, it } from 'node:test';
import { ARTIFACTS, example } from './support/browser';
import type { Rig } from './support/browser';
import { PageHost } from './support/driver';
import { columnLuminance } from './support/pixels';

/** Polar rank map over (r, φ). */
export function rankMapSuite(rig: Rig): void {
  describe('rank map', () => {
    it('polar over (r, φ): dark along r = 0, marked deficient, tooltip gives rank and singular values', async () => {
      const h = await PageHost.open(rig, example('polar.overparam'));
      try {
        // r from -1.26 to 1.28 in 128 cells puts a cell centre exactly on r = 0 (cell 63).
        await h.page.getByLabel('x from', { exact: true }).fill('-1.26');
        await h.page.getByLabel('x from', { exact: true }).press('Enter');
        await h.page.getByLabel('x to', { exact: true }).fill('1.28');
        await h.page.getByLabel('x to', { exact: true }).press('Enter');
        await h.page.waitForFunction(() => (document.querySelector('canvas.rankmap') as HTMLCanvasElement | null)?.dataset.plotArea?.split(' ')[4] === '-1.27');
        await h.settle();
        const lum = await h.page.evaluate(columnLuminance, ['canvas.rankmap', 128] as [string, number]);
        const sorted = [...lum].sort((a, b) => a - b);
        const median = sorted[64];
        console.log(`  polar rank map: luminance at r = 0 ${lum[63].toFixed(0)}, median ${median.toFixed(0)}, at r = ±1 ${lum[13].toFixed(0)}/${lum[113].toFixed(0)}`);
        assert.ok(lum[63] < 0.5 * median, `r = 0 column is dark (${lum[63]} vs median ${median})`);
        assert.equal(sorted[0], lum[63], 'the darkest column is r = 0');
        // Probe the r = 0 column with the mouse: the tooltip reports rank 1 of 2.
        const area = (await h.page.locator('canvas.rankmap').getAttribute('data-plot-area'))!.split(' ').map(Number);
        const box = (await h.page.locator('canvas.rankmap').boundingBox())!;
        const x = box.x + area[0] + ((0 - area[4]) / (area[5] - area[4])) * (area[2] - area[0]);
        await h.page.mouse.move(x, box.y + (area[1] + area[3]) / 2);
        const tip = await h.page.locator('#op-rank-tip').textContent();
        assert.match(tip ?? '', /^r = 0, φ = .*: rank 1\/2, σmin = 0, σmax = /);
        await h.page.locator('#op-rank').screenshot({ path: path.join(ARTIFACTS, 'polar-rankmap.png') });
        // Keyboard probe: focus the map and move with the arrow keys.
        await h.page.locator('canvas.rankmap').focus();
        await h.page.keyboard.press('ArrowRight');
        assert.match((await h.page.locator('#op-rank-tip').textContent()) ?? '', /rank 2\/2/);
        assert.deepEqual(h.errors, []);
      } finally {
        await h.close();
      }
    });
  });
}
