// The Landscape view on examples/landscape/squared-target.overparam (θ = w∘w, L = ½‖θ - θ*‖², θ* = (1, -1)): the
// lab runs from the live point, its critical points are drawn where `overparam critical --json` puts them (the pixel
// from the slice's plot area, the marker's colour there and nowhere else), a click on a list entry moves the live
// point there, and the view is shown in the three themes.
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as path from 'path';
import { describe, it } from 'node:test';
import { ARTIFACTS, example, ROOT } from './support/browser';
import type { Rig } from './support/browser';
import { PageHost } from './support/driver';
import { TYPE_COLOURS } from '../../webview/landscapeMarkers';

type Marker = { W: number[]; type: keyof typeof TYPE_COLOURS; origin: string; hits?: number };

/** In the page: for each expected marker, the pixels of its colour within 11 px of its centre; and the pixels of
 *  each marker colour anywhere else in the plot area. */
function markerFacts([markers, colours]: [{ x: number; y: number; rgb: number[] }[], number[][]]): {
  near: number[];
  elsewhere: number;
} {
  const canvas = document.querySelector('canvas.landscape-slice') as HTMLCanvasElement;
  const [l, t, r, b] = (canvas.dataset.plotArea ?? '').split(' ').map(Number);
  const d = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height).data;
  const close = (i: number, c: number[]) =>
    Math.abs(d[i] - c[0]) + Math.abs(d[i + 1] - c[1]) + Math.abs(d[i + 2] - c[2]) < 40;
  const near = markers.map(() => 0);
  let elsewhere = 0;
  for (let y = Math.ceil(t); y < b; y++)
    for (let x = Math.ceil(l); x < r; x++) {
      const i = (y * canvas.width + x) * 4;
      const k = markers.findIndex((m) => Math.abs(m.x - x) <= 11 && Math.abs(m.y - y) <= 11);
      if (k >= 0) {
        if (close(i, markers[k].rgb)) near[k]++;
      } else if (colours.some((c) => close(i, c))) elsewhere++;
    }
  return { near, elsewhere };
}

const rgb = (hex: string): number[] => [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16));

/** The Landscape view's browser checks. */
export function landscapeSuite(rig: Rig): void {
  describe('landscape view', () => {
    it('squared target: markers where the CLI puts them, a list click moves the live point, three themes', async () => {
      const file = 'landscape/squared-target.overparam';
      const h = await PageHost.open(rig, example(file));
      try {
        const section = h.page.locator('#op-landscape .landscape');
        await h.page.waitForFunction(
          () => document.querySelector('#op-landscape .landscape')?.getAttribute('data-phase') === 'done',
          undefined,
          { timeout: 20000 },
        );
        await h.settle();
        const shown = JSON.parse((await section.getAttribute('data-points')) ?? '[]') as Marker[];
        const cli = JSON.parse(
          execFileSync(
            process.execPath,
            [path.join(ROOT, 'dist', 'cli.js'), 'critical', path.join(ROOT, 'examples', file), '--json'],
            {
              encoding: 'utf8',
            },
          ),
        ) as { criticalPoints: Marker[] };
        assert.deepEqual(
          shown.map((c) => [c.W, c.type, c.origin]),
          cli.criticalPoints.map((c) => [c.W, c.type, c.origin]),
          'the view lists what overparam critical finds',
        );
        assert.deepEqual(
          shown.map((c) => [c.W, c.type, c.origin]),
          [
            [[-1, 0], 'minimum', 'ghost'],
            [[1, 0], 'minimum', 'ghost'],
            [[0, 0], 'saddle', 'ghost'],
          ],
        );
        const area = ((await h.page.locator('canvas.landscape-slice').getAttribute('data-plot-area')) ?? '')
          .split(' ')
          .map(Number);
        const [l, t, r, b, xmin, xmax, ymin, ymax] = area;
        const px = (c: Marker) => ({
          x: l + ((c.W[0] - xmin) / (xmax - xmin)) * (r - l),
          y: b - ((c.W[1] - ymin) / (ymax - ymin)) * (b - t),
          rgb: rgb(TYPE_COLOURS[c.type]),
        });
        const expected = shown.map(px);
        const facts = await h.page.evaluate(markerFacts, [expected, Object.values(TYPE_COLOURS).map(rgb)] as [
          typeof expected,
          number[][],
        ]);
        console.log(
          `  landscape markers: ${expected.map((e, k) => `(${e.x.toFixed(0)}, ${e.y.toFixed(0)}) ${facts.near[k]} px`).join(', ')}; elsewhere ${facts.elsewhere} px`,
        );
        for (const [k, n] of facts.near.entries()) assert.ok(n >= 30, `marker ${k + 1} drawn at its pixel (${n} px)`);
        assert.equal(facts.elsewhere, 0, 'no marker colour away from the critical points');
        // The saddle (row 3) is the ghost at w = (0, 0): clicking it moves the live point there.
        await h.page.locator('#op-landscape .landscape-points tr[tabindex]').nth(2).click();
        await h.page.waitForFunction(
          () => document.querySelector('#op-landscape .landscape')?.getAttribute('data-values') === '0 0',
          undefined,
          { timeout: 10000 },
        );
        await h.settle();
        const live = ((await h.page.locator('canvas.landscape-slice').getAttribute('data-live')) ?? '')
          .split(' ')
          .map(Number);
        const saddle = px(shown[2]);
        assert.ok(Math.abs(live[0] - saddle.x) < 0.01 && Math.abs(live[1] - saddle.y) < 0.01, `live marker at ${live}`);
        assert.equal(await h.page.locator('input[type=number][aria-label="w[1] value"]').inputValue(), '0');
        const note = (await h.page.locator('#op-landscape .note').first().textContent()) ?? '';
        assert.match(note, /^3 critical points \(3 ghost\)/);
        // Exports: the points as CSV (one row each, the values in parameter columns) and the figure as PNG.
        await h.page.getByRole('button', { name: 'Export the critical points as CSV' }).click();
        await h.page.getByRole('button', { name: 'Export the landscape as PNG' }).click();
        await h.page.waitForFunction(() => true);
        await h.settle();
        const csv = h.saved.find((m) => m.format === 'csv')!;
        assert.equal(csv.suggestedName, 'test-critical.csv');
        assert.deepEqual(csv.data.trim().split('\n'), [
          'point,origin,type,loss,setDimension,hits,w[1],w[2]',
          `1,ghost,minimum,0.5,0,${cli.criticalPoints[0].hits},-1,0`,
          `2,ghost,minimum,0.5,0,${cli.criticalPoints[1].hits},1,0`,
          `3,ghost,saddle,1,0,${cli.criticalPoints[2].hits},0,0`,
        ]);
        const png = h.saved.find((m) => m.format === 'png')!;
        assert.ok(Buffer.from(png.data, 'base64').subarray(1, 4).toString() === 'PNG' && png.data.length > 10_000);
        for (const theme of ['light', 'dark', 'hc'] as const) {
          await h.theme(theme);
          await h.page.locator('#op-landscape').screenshot({ path: path.join(ARTIFACTS, `landscape-${theme}.png`) });
        }
        await h.page.locator('#op-landscape .landscape').getByText('heat map').count();
        await h.page.locator('#op-landscape input[type=checkbox]').check();
        await h.settle();
        await h.page.locator('#op-landscape').screenshot({ path: path.join(ARTIFACTS, 'landscape-hc-heat.png') });
        assert.deepEqual(h.errors, []);
      } finally {
        await h.close();
      }
    });

    it('two-layer linear: the off-slice minimum is faded at its projection; moving v[1] moves the slice', async () => {
      const h = await PageHost.open(rig, example('landscape/two-layer-linear.overparam'));
      try {
        const section = h.page.locator('#op-landscape .landscape');
        const runs = (n: number) =>
          h.page.waitForFunction(
            (k) => Number(document.querySelector('#op-landscape .landscape')?.getAttribute('data-runs') ?? 0) >= k,
            n,
            { timeout: 20000 },
          );
        await runs(1);
        await h.settle();
        const shown = JSON.parse((await section.getAttribute('data-points')) ?? '[]') as Marker[];
        assert.deepEqual(
          shown.map((c) => [c.type, c.origin]),
          [
            ['minimum', 'canonical'],
            ['saddle', 'ghost'],
          ],
        );
        const [l, t, r, b, xmin, xmax, ymin, ymax] = (
          (await h.page.locator('canvas.landscape-slice').getAttribute('data-plot-area')) ?? ''
        )
          .split(' ')
          .map(Number);
        // The minimum's representative has v ≠ 0 (off the slice v = 0): drawn at 35 % over the white background.
        const min = shown[0];
        assert.ok(min.W.slice(2).some((w) => Math.abs(w) > 1e-3));
        const faded = rgb(TYPE_COLOURS.minimum).map((c) => Math.round(0.35 * c + 0.65 * 255));
        const at = (c: Marker, colour: number[]) => ({
          x: l + ((c.W[0] - xmin) / (xmax - xmin)) * (r - l),
          y: b - ((c.W[1] - ymin) / (ymax - ymin)) * (b - t),
          rgb: colour,
        });
        const facts = await h.page.evaluate(markerFacts, [
          [at(min, faded), at(shown[1], rgb(TYPE_COLOURS.saddle))],
          [rgb(TYPE_COLOURS.minimum), rgb(TYPE_COLOURS.saddle)],
        ] as [{ x: number; y: number; rgb: number[] }[], number[][]]);
        console.log(
          `  two-layer: faded minimum ${facts.near[0]} px, saddle ${facts.near[1]} px, full colour elsewhere ${facts.elsewhere} px`,
        );
        assert.ok(facts.near[0] >= 30 && facts.near[1] >= 30);
        assert.equal(facts.elsewhere, 0, 'the off-slice minimum is not drawn in full colour');
        assert.equal(await h.page.locator('#op-landscape tr.off-slice').count(), 1);
        // v[1] is off the slice's axes: setting it makes a slice-only run through the new point, the points kept.
        await h.page.locator('input[type=number][aria-label="v[1] value"]').fill('1');
        await h.page.locator('input[type=number][aria-label="v[1] value"]').dispatchEvent('change');
        await runs(2);
        await h.settle();
        assert.equal(await section.getAttribute('data-base'), '0 0 0 0 1 0');
        assert.equal(JSON.parse((await section.getAttribute('data-points')) ?? '[]').length, 2);
        const note = (await h.page.locator('#op-landscape .note').first().textContent()) ?? '';
        assert.match(note, /^2 critical points \(1 ghost\) from 256 starts/, 'the points of the full run are kept');
        await h.page.locator('#op-landscape').screenshot({ path: path.join(ARTIFACTS, 'landscape-two-layer.png') });
        assert.deepEqual(h.errors, []);
      } finally {
        await h.close();
      }
    });
  });
}
