// The rank map: an ImageData heatmap of σmin/σmax; the polar example's singular line r = 0 must stand out dark.
import * as assert from 'node:assert/strict';
import * as path from 'path';
import { describe, it } from 'node:test';
import { ARTIFACTS, example } from './support/browser';
import type { Rig } from './support/browser';
import { PageHost } from './support/driver';
import { columnColor } from './support/pixels';

/** Polar rank map over (r, φ). */
export function rankMapSuite(rig: Rig): void {
  describe('rank map', () => {
    it('polar over (r, φ): dark along r = 0, marked deficient, tooltip gives rank and singular values', async () => {
      const h = await PageHost.open(rig, example('polar.overparam'));
      try {
        // The default map: r and φ over [-2, 2] in 129 cells, so cell 64 is centred on r = 0 exactly.
        const view = await h.page.evaluate(() => JSON.parse(sessionStorage.getItem('vscodeState') ?? '{}').view.rankX);
        assert.deepEqual(view, { param: 0, from: -2, to: 2, steps: 129 });
        // The cells' own colours: the locus's curve (drawn over r = 0 by default) is checked in locus.test.ts.
        await h.page.getByLabel('locus where J loses rank', { exact: true }).uncheck();
        await h.settle();
        const cols = await h.page.evaluate(columnColor, ['canvas.rankmap', 129] as [string, number]);
        const lum = cols.map(([r, g, b]) => 0.2126 * r + 0.7152 * g + 0.0722 * b);
        const sorted = [...lum].sort((a, b) => a - b);
        const median = sorted[64];
        const [R, G, B] = cols[64];
        console.log(
          `  polar rank map: luminance at r = 0 ${lum[64].toFixed(0)} (rgb ${R.toFixed(0)} ${G.toFixed(0)} ${B.toFixed(0)}), median ${median.toFixed(0)}, at r = ±1 ${lum[32].toFixed(0)}/${lum[96].toFixed(0)}`,
        );
        assert.ok(lum[64] < 0.5 * median, `r = 0 column is dark (${lum[64]} vs median ${median})`);
        assert.equal(sorted[0], lum[64], 'the darkest column is r = 0');
        // The rank-deficient overlay (the theme's red) on the r = 0 column, and on no other.
        const reddish = cols.map(([r, g, b]) => r > g + 40 && r > b + 40);
        assert.ok(reddish[64], `the r = 0 column shows the deficient overlay (rgb ${R}, ${G}, ${B})`);
        assert.equal(
          reddish.filter(Boolean).length,
          1,
          `only r = 0 is marked deficient (columns ${reddish
            .map((x, i) => (x ? i : -1))
            .filter((i) => i >= 0)
            .join(', ')})`,
        );
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
