/**
 * UI end-to-end steps in the real VS Code workbench (code-server in headless Chromium), driven by playwright-core;
 * run by scripts/test-e2e.js, which starts the server and the browser and opens the examples folder.
 * Opens an example, checks the code lenses, hovers an `at` line and reads the hover, runs the panel command from
 * the palette and waits for the panel's canvases. Screenshots through `shot(name)`.
 */
import * as assert from 'assert';
import * as path from 'path';
import type { Frame, Page } from 'playwright-core';
import { inkRuns } from '../webview/support/pixels';

/** What the runner hands to the steps. */
export interface E2eContext {
  page: Page;
  shot(name: string): Promise<unknown>;
  step<T>(name: string, fn: () => Promise<T>): Promise<T>;
}

const AT_LINE = 'at w = [1, 0]';

/** Waits until no CSS animation (the hover's fade-in) runs on or inside the hover widget. */
async function hoverSettled(page: Page): Promise<void> {
  await page.waitForFunction(() =>
    document.getAnimations().every((a) => {
      const target = (a.effect as KeyframeEffect | null)?.target;
      const inHover =
        target instanceof Element && (target.closest('.monaco-hover') || target.querySelector('.monaco-hover'));
      return !inHover || a.playState !== 'running';
    }),
  );
}

/** Every step; rejects on the first failure. */
export async function run({ page, shot, step }: E2eContext): Promise<void> {
  await step('open examples/squared.overparam with Ctrl+P', async () => {
    await page.keyboard.press('Control+P');
    await page.locator('.quick-input-widget input').fill('squared.overparam');
    await page.locator('.quick-input-list .monaco-list-row').first().waitFor();
    await page.keyboard.press('Enter');
    await page.locator('.view-line', { hasText: AT_LINE }).waitFor();
  });

  const lenses = await step('code lenses above the at lines', async () => {
    const all = page.locator('.codelens-decoration');
    await all.filter({ hasText: 'rank 1/2 · cond inf · show field' }).first().waitFor();
    return (await all.allInnerTexts()).map((t) => t.trim());
  });
  assert.ok(
    lenses.some((t) => /^rank 2\/2 · cond 10 · show field$/.test(t)),
    `a full-rank lens at w = (0.1, 1): ${lenses.join(' | ')}`,
  );

  const hover = await step(`hover the \`${AT_LINE}\` line`, async () => {
    const box = await page.locator('.view-line', { hasText: AT_LINE }).boundingBox();
    if (!box) throw new Error('the at line is not on screen');
    await page.mouse.move(box.x + 40, box.y + box.height / 2);
    const contents = page.locator('.monaco-hover .hover-contents', { hasText: 'rank 1/2' }).first();
    await contents.waitFor();
    await hoverSettled(page);
    await shot('hover');
    return contents.innerText();
  });
  for (const expected of [
    'Point 5',
    'rank 1/2',
    'cond inf',
    'Ghost saddle',
    'along (0, 1) = θ[2]',
    'critical point here that the canonical space does not have',
    'Symmetry',
    'Open panel at this point',
    'Copy J as LaTeX',
  ]) {
    assert.ok(hover.includes(expected), `the hover shows "${expected}":\n${hover}`);
  }

  await step("the same hover in the dark theme (the workbench follows the browser's colour scheme)", async () => {
    await page.mouse.move(5, 400);
    await page.emulateMedia({ colorScheme: 'dark' });
    await page.locator('.monaco-workbench.vs-dark').waitFor();
    const box = await page.locator('.view-line', { hasText: AT_LINE }).boundingBox();
    if (!box) throw new Error('the at line is not on screen');
    await page.mouse.move(box.x + 40, box.y + box.height / 2);
    await page.locator('.monaco-hover .hover-contents', { hasText: 'rank 1/2' }).first().waitFor();
    await hoverSettled(page);
    await shot('hover-dark');
    await page.emulateMedia({ colorScheme: 'light' });
    await page.locator('.monaco-workbench.vs').waitFor();
  });

  await step('run "Overparam: Open Panel" from the command palette', async () => {
    await page.mouse.move(5, 400);
    await page.keyboard.press('Escape');
    await page.locator('.view-line', { hasText: AT_LINE }).click();
    await page.keyboard.press('Control+Shift+P');
    await page.locator('.quick-input-widget input').fill('>Overparam: Open Panel');
    await page.locator('.quick-input-list .monaco-list-row', { hasText: 'Open Panel' }).first().waitFor();
    await page.keyboard.press('Enter');
    await page.locator('.tab', { hasText: 'Overparam: squared.overparam' }).waitFor();
    const frame = page.frameLocator('iframe.webview.ready').frameLocator('iframe#active-frame');
    await frame.locator('canvas').first().waitFor({ timeout: 60_000 });
  });

  const ink = await step(
    'the first subplot (w = (0.1, 1)) has its field drawn, arrows mostly vertical, from the canvas pixels',
    async () => {
      const frame = page.frameLocator('iframe.webview.ready').frameLocator('iframe#active-frame');
      const first = frame.locator(FIRST_SUBPLOT);
      // Drawn: the chart records its plot area once the arrows are on the canvas.
      await first.and(frame.locator('canvas[data-plot-area]')).waitFor({ timeout: 60_000 });
      await frame
        .locator('body')
        .evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
      const title = await frame.locator('.subplot[data-point="0"] .subplot-title').textContent();
      await shot('panel');
      await first.screenshot({ path: path.join(ARTIFACTS, 'e2e-panel-subplot-0.png') });
      const webview = await panelFrame(page);
      return { title, ...(await webview.evaluate(inkRuns, FIRST_SUBPLOT)) };
    },
  );
  const runs = `mean horizontal run ${ink.runH.toFixed(1)} px, mean vertical run ${ink.runV.toFixed(1)} px`;
  console.log(`    first subplot "${ink.title}": ${ink.ink} dark arrow pixels; ${runs}`);
  assert.strictEqual(ink.title, 'w = (0.1, 1)');
  assert.ok(ink.ink > 300, `the field is drawn (${ink.ink} dark arrow pixels in the first subplot)`);
  // Arrow heads widen the runs across the shaft a little; vertical shafts still make vertical runs far longer.
  assert.ok(ink.runV > 2 * ink.runH, `w = (0.1, 1): the arrows are mostly vertical (${runs})`);
}

const FIRST_SUBPLOT = '.subplot[data-point="0"] canvas';
const ARTIFACTS = path.resolve(__dirname, '..', '..', '..', 'test-artifacts');

/** The panel's document inside the webview's nested iframes (the one that holds the subplots). */
async function panelFrame(page: Page): Promise<Frame> {
  for (const f of page.frames()) {
    if (await f.$(FIRST_SUBPLOT).catch(() => null)) return f;
  }
  throw new Error('no frame holds the panel subplots');
}
