// The settings `overparam.field.gridSize` and `overparam.field.range` as the field's defaults: the panel opens with
// them, redraws when they change, and the user can still change size and range in the panel.
import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { example } from './support/browser';
import type { Rig } from './support/browser';
import { PageHost } from './support/driver';

/** The field grid read back from the panel's controls and its first subplot. */
async function grid(h: PageHost): Promise<{ size: string; from: string; to: string; arrows: number }> {
  return {
    size: await h.page.getByLabel('arrows per side').inputValue(),
    from: await h.page.getByLabel('g from').inputValue(),
    to: await h.page.getByLabel('g to').inputValue(),
    arrows: await h.page.evaluate(
      () => JSON.parse(sessionStorage.getItem('vscodeState') ?? '{}').view.grid.size as number,
    ),
  };
}

/** Field-grid settings. */
export function settingsSuite(rig: Rig): void {
  describe('field settings', () => {
    it('grid size and range from the settings, redrawn when they change, still adjustable in the panel', async () => {
      const h = await PageHost.open(rig, example('squared.overparam'), 'light', undefined, {
        field: { size: 5, range: 3 },
      });
      try {
        assert.deepEqual(await grid(h), { size: '5', from: '-3', to: '3', arrows: 5 });
        const frames = await h.frames();
        h.host.fieldDefaultsChanged({ size: 11, range: 1.5 });
        await h.page.waitForFunction(
          () => JSON.parse(sessionStorage.getItem('vscodeState') ?? '{}').view.grid.size === 11,
        );
        await h.settle();
        assert.deepEqual(await grid(h), { size: '11', from: '-1.5', to: '1.5', arrows: 11 });
        assert.ok((await h.frames()) > frames, 'redrawn');
        await h.page.getByLabel('arrows per side').fill('7');
        await h.page.getByLabel('arrows per side').press('Enter');
        await h.page.waitForFunction(
          () => JSON.parse(sessionStorage.getItem('vscodeState') ?? '{}').view.grid.size === 7,
        );
        await h.settle();
        assert.equal((await grid(h)).arrows, 7);
        assert.deepEqual(h.errors, []);
      } finally {
        await h.close();
      }
    });
  });
}
