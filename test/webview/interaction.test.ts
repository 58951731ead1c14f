// Sliders and speed: a drag changes the picture while dragging; the time from an edit to a redrawn panel. The frame
// rate during a drag is in frameRate.test.ts.
import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import * as os from 'os';
import { example } from './support/browser';
import type { Rig } from './support/browser';
import { PageHost } from './support/driver';
import { canvasDigest } from './support/pixels';

/** Drags the range input labelled `label` by `dx` pixels in `steps` mouse moves, `ms` apart. */
async function drag(h: PageHost, label: string, dx: number, steps: number, ms: number): Promise<void> {
  const slider = h.page.getByLabel(label, { exact: true });
  const box = (await slider.boundingBox())!;
  const value = Number(await slider.inputValue());
  const min = Number(await slider.getAttribute('min'));
  const max = Number(await slider.getAttribute('max'));
  // The thumb sits at (value - min) / (max - min) of the track (thumb width ~16 px).
  const x0 = box.x + 8 + ((value - min) / (max - min)) * (box.width - 16);
  const y = box.y + box.height / 2;
  await h.page.mouse.move(x0, y);
  await h.page.mouse.down();
  for (let i = 1; i <= steps; i++) {
    await h.page.mouse.move(x0 + (dx * i) / steps, y);
    await new Promise((r) => setTimeout(r, ms));
  }
  await h.page.mouse.up();
}

/** Slider interaction and timing. */
export function interactionSuite(rig: Rig): void {
  describe('sliders and speed', () => {
    it('dragging a slider moves the live point and redraws its subplot while dragging', async () => {
      const h = await PageHost.open(rig, example('squared.overparam'));
      try {
        const before = await h.page.evaluate(canvasDigest, '.subplot[data-point="0"] canvas');
        const frames0 = await h.frames();
        await drag(h, 'w[1]', 120, 20, 20);
        await h.settle();
        const after = await h.page.evaluate(canvasDigest, '.subplot[data-point="0"] canvas');
        const frames = (await h.frames()) - frames0;
        const changed = before.filter((v, i) => v !== after[i]).length;
        const title = await h.page.locator('.subplot[data-point="0"] .subplot-title').textContent();
        console.log(
          `  drag: ${frames} frames drawn during a 20-step drag; ${changed}/64 pixel bins changed; title now "${title}"`,
        );
        assert.ok(frames >= 5, `several frames drawn while dragging (got ${frames})`);
        assert.ok(changed > 8, 'the picture changed');
        assert.notEqual(title, 'w = (0.1, 1)');
        assert.match(title ?? '', /^w = \(\d/);
        // Keyboard: a focused slider moves with the arrow keys.
        const f1 = await h.frames();
        await h.page.getByLabel('w[2]', { exact: true }).focus();
        await h.page.keyboard.press('ArrowRight');
        await h.settle();
        assert.ok((await h.frames()) > f1, 'arrow key on a slider redraws');
        assert.deepEqual(h.errors, []);
      } finally {
        await h.close();
      }
    });

    it('time from an edit to a redrawn panel', async () => {
      const text = example('polar.overparam');
      const h = await PageHost.open(rig, text, 'light', undefined, { transport: 'binary' });
      try {
        const times: number[] = [];
        for (let k = 0; k < 7; k++) {
          const t0 = Date.now();
          const v = h.edit(text.replace('at r = 0.3, φ = 0.5', `at r = 0.3, φ = ${(0.5 + 0.1 * (k + 1)).toFixed(1)}`));
          await h.waitVersion(v);
          times.push(Date.now() - t0);
        }
        const title = await h.page.locator('.subplot[data-point="0"] .subplot-title').textContent();
        assert.equal(title, 'r = 0.3, φ = 1.2');
        const median = [...times].sort((a, b) => a - b)[3];
        const hostMs = [...h.editToPostMs].sort((a, b) => a - b)[3];
        console.log(
          `  EDIT TO REDRAW (polar, analysis workers, no debounce): median ${median} ms (of which edit to document posted by the host ${hostMs.toFixed(1)} ms), all ${times.join(', ')} ms; load average ${os.loadavg()[0].toFixed(1)}`,
        );
        assert.ok(median < 500, `edit to redraw under 0.5 s (got ${median} ms)`);
        assert.deepEqual(h.errors, []);
      } finally {
        await h.close();
      }
    });
  });
}
