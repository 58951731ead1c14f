// The rest of the panel: point details (KaTeX, M, kernel/cokernel names), state restored after a reload,
// exports (PNG, SVG, CSV), themes, and a document with errors.
import * as assert from 'node:assert/strict';
import * as fs from 'fs';
import * as path from 'path';
import { describe, it } from 'node:test';
import { ARTIFACTS, example } from './support/browser';
import type { Rig } from './support/browser';
import { PageHost } from './support/driver';
import { inkStats } from './support/pixels';

/** Details, state, exports, themes. */
export function panelSuite(rig: Rig): void {
  describe('panel', () => {
    it('details at the ghost saddle w = (1, 0): rank, M, kernel and cokernel named, Jacobian typeset', async () => {
      const h = await PageHost.open(rig, example('squared.overparam'));
      try {
        await h.page.locator('.subplot[data-point="4"]').click();
        await h.page.waitForFunction(() => document.querySelector('.summary')?.textContent?.startsWith('rank 1/2'));
        const details = (await h.page.locator('.details').textContent()) ?? '';
        assert.match(details, /rank 1\/2 \(rank-deficient\)/);
        assert.match(details, /Kernel of Jᵀ: .*cannot see\s*θ\[2\]Symbolic/s, 'the ghost-saddle direction is θ[2]');
        assert.match(details, /Kernel of J: .*do not move θ\s*w\[2\]Kernel of Jᵀ/s, 'the symmetry direction is w[2]');
        assert.equal(await h.page.locator('table.matrix th').first().textContent(), '');
        assert.ok((await h.page.locator('.jacobian .katex').count()) > 0, 'KaTeX rendered the Jacobian');
        assert.match((await h.page.locator('.jacobian .katex-mathml annotation').textContent()) ?? '', /pmatrix/);
        assert.equal(await h.page.locator('.subplot.live').getAttribute('data-point'), '4');
        await h.page.screenshot({ path: path.join(ARTIFACTS, 'squared-panel-light.png'), fullPage: true });
        assert.deepEqual(h.errors, []);
      } finally {
        await h.close();
      }
    });

    it('state survives a reload (hidden and shown again): point, common scale, view', async () => {
      const h = await PageHost.open(rig, example('squared.overparam'));
      try {
        await h.page.locator('.subplot[data-point="2"]').click();
        await h.page.getByLabel('one scale for all subplots').check();
        await h.page.getByLabel('arrows per side').fill('5');
        await h.page.getByLabel('arrows per side').press('Enter');
        await h.page.waitForFunction(
          () => JSON.parse(sessionStorage.getItem('vscodeState') ?? '{}').view?.grid.size === 5,
        );
        await h.settle();
        await h.page.reload();
        await h.page.waitForFunction(
          () => Number(document.body.dataset.frames ?? 0) >= 1 && document.querySelector('.subplot.live') !== null,
        );
        await h.settle();
        assert.equal(await h.page.locator('.subplot.live').getAttribute('data-point'), '2');
        assert.equal(await h.page.getByLabel('one scale for all subplots').isChecked(), true);
        assert.equal(await h.page.getByLabel('arrows per side').inputValue(), '5');
        await h.page.locator('#op-field').screenshot({ path: path.join(ARTIFACTS, 'squared-common-scale-5x5.png') });
        assert.deepEqual(h.errors, []);
      } finally {
        await h.close();
      }
    });

    it('exports: field PNG, SVG and CSV, rank map PNG and SVG reach the host', async () => {
      const h = await PageHost.open(rig, example('polar.overparam'));
      try {
        for (const name of [
          'Export the field as PNG',
          'Export the field as SVG',
          'Export the field data as CSV',
          'Export the rank map as PNG',
          'Export the rank map as SVG',
        ]) {
          await h.page.getByRole('button', { name, exact: true }).click();
        }
        await h.page.waitForFunction(() =>
          document.querySelector('.status')?.textContent?.startsWith('Saved test-rankmap.svg'),
        );
        assert.deepEqual(
          h.saved.map((m) => m.suggestedName),
          ['test-field.png', 'test-field.svg', 'test-field.csv', 'test-rankmap.png', 'test-rankmap.svg'],
        );
        for (const m of h.saved)
          fs.writeFileSync(
            path.join(ARTIFACTS, `export-${m.suggestedName}`),
            m.format === 'png' ? Buffer.from(m.data, 'base64') : m.data,
          );
        assert.equal(Buffer.from(h.saved[0].data, 'base64').subarray(1, 4).toString(), 'PNG');
        assert.match(h.saved[1].data, /^<\?xml[^]*<svg [^]*<path d="M/);
        assert.equal(
          (h.saved[1].data.match(/<text [^>]*font-weight="600">r = /g) ?? []).length,
          4,
          'one titled subplot per point',
        );
        const csv = h.saved[2].data.trim().split('\n');
        assert.equal(csv[0], 'point,label,g θ1,g θ2,Mg θ1,Mg θ2');
        assert.equal(csv.length, 1 + 4 * 81);
        assert.match(csv[1], /^1,"r = 0\.3, φ = 0\.5",-2,-2,/);
        assert.match(h.saved[4].data, /<image [^>]*href="data:image\/png;base64,/);
        assert.deepEqual(h.errors, []);
      } finally {
        await h.close();
      }
    });

    it('dark and high-contrast themes: arrows in the theme foreground, screenshots for review', async () => {
      const h = await PageHost.open(rig, example('deep-linear.overparam'), 'dark');
      try {
        await h.page.screenshot({ path: path.join(ARTIFACTS, 'deep-panel-dark.png'), fullPage: true });
        const dark = await h.page.evaluate(inkStats, '.subplot[data-point="0"] canvas');
        assert.ok(dark.ink < 50, 'no dark ink on a dark background (arrows are light)');
        await h.theme('hc');
        await h.page.screenshot({ path: path.join(ARTIFACTS, 'deep-panel-high-contrast.png'), fullPage: true });
        await h.theme('light');
        const light = await h.page.evaluate(inkStats, '.subplot[data-point="0"] canvas');
        assert.ok(light.ink > 300, 'switching to light redraws dark arrows');
        await h.page.locator('#op-field').screenshot({ path: path.join(ARTIFACTS, 'deep-field-light.png') });
        assert.deepEqual(h.errors, []);
      } finally {
        await h.close();
      }
    });

    it('a document with errors shows them as text and recovers when fixed', async () => {
      const h = await PageHost.open(rig, 'param w[2]\nθ_i = w_i^2 +\nat w = [1, 2]\n');
      try {
        assert.match((await h.page.locator('.diagnostics').textContent()) ?? '', /^line 2: /);
        assert.equal(await h.page.locator('.subplot').count(), 0);
        const v = h.edit(example('inverse.overparam'));
        await h.waitVersion(v);
        assert.equal(await h.page.locator('.subplot').count(), 4);
        assert.equal(await h.page.locator('.diagnostics li').count(), 0);
        await h.page.locator('#op-field').screenshot({ path: path.join(ARTIFACTS, 'inverse-field.png') });
        assert.deepEqual(h.errors, []);
      } finally {
        await h.close();
      }
    });
  });
}
