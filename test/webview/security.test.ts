// The page's defences: the CSP is in force and never violated by our own code (fonts, styles, charts, KaTeX),
// user names render as text, and malformed messages are dropped.
import * as assert from 'node:assert/strict';
import * as path from 'path';
import { describe, it } from 'node:test';
import type { HostMessage } from '../../src/protocol/panel';
import { ARTIFACTS, example } from './support/browser';
import type { Rig } from './support/browser';
import { PageHost } from './support/driver';

const HOSTILE = 'θ_<img src=x onerror=alert(1)>';

/** Swaps every name and label in host messages for hostile text (the core would never accept such a name). */
function hostile(m: HostMessage): HostMessage {
  if (m.type === 'document' && m.model) {
    const model = {
      ...m.model,
      outputs: m.model.outputs.map((_, i) => `${HOSTILE}${i}`),
      params: m.model.params.map((p) => `${p}<b>bold</b>`),
      points: m.model.points.map((p) => ({ ...p, label: `${HOSTILE} ${p.label}` })),
    };
    return {
      ...m,
      fileName: '<script>alert(2)</script>.overparam',
      model,
      fields: m.fields.map((f) => ({ ...f, label: `${HOSTILE} ${f.label}` })),
      diagnostics: [{ severity: 'error', line: 1, message: HOSTILE }],
    };
  }
  if (m.type === 'frame' && m.field) return { ...m, field: { ...m.field, label: `${HOSTILE} ${m.field.label}` } };
  return m;
}

/** CSP, hostile names, malformed messages. */
export function securitySuite(rig: Rig): void {
  describe('security', () => {
    it('the CSP holds: no violations from the panel itself, and inline script is refused', async () => {
      const h = await PageHost.open(rig, example('squared.overparam'));
      try {
        await h.page.waitForFunction(() => document.querySelector('.katex') !== null);
        await h.page.evaluate(() => document.fonts.ready);
        await h.settle();
        assert.deepEqual(await h.violations(), [], 'no CSP violation while loading and drawing');
        const csp = await h.page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
        assert.match(csp ?? '', /default-src 'none'/);
        assert.doesNotMatch(csp ?? '', /unsafe-eval|unsafe-inline|https?:\/\/(?!127\.0\.0\.1)/);
        // The policy is enforced, not just declared: an injected inline script does not run.
        const ran = await h.page.evaluate(() => {
          const s = document.createElement('script');
          s.textContent = 'window.__inlineRan = true';
          document.body.append(s);
          return (window as unknown as { __inlineRan?: boolean }).__inlineRan === true;
        });
        assert.equal(ran, false);
        assert.ok(
          (await h.violations()).some((v) => v.startsWith('script-src')),
          'the refusal is reported',
        );
        assert.deepEqual(
          h.errors.filter((e) => !/Content Security Policy/.test(e)),
          [],
        );
      } finally {
        await h.close();
      }
    });

    it(`a hostile name like ${HOSTILE} renders as text`, async () => {
      let dialogs = 0;
      const h = await PageHost.open(rig, example('squared.overparam'), 'light', (x) => {
        x.transform = hostile;
        x.page.on('dialog', (d) => {
          dialogs++;
          void d.dismiss();
        });
      });
      try {
        await h.settle();
        assert.equal(await h.page.locator('#app img, #app b, #app script').count(), 0, 'no element made from a name');
        const titles = await h.page.locator('.subplot-title').allTextContents();
        assert.ok(
          titles.every((t) => t.startsWith(HOSTILE)),
          'titles show the name as text',
        );
        assert.equal(await h.page.locator('h1.file').textContent(), '<script>alert(2)</script>.overparam');
        assert.match((await h.page.locator('.diagnostics').textContent()) ?? '', /<img src=x onerror=alert\(1\)>/);
        assert.match((await h.page.locator('.details').textContent()) ?? '', /w\[1\]<b>bold<\/b>/);
        await h.page.locator('#op-field').screenshot({ path: path.join(ARTIFACTS, 'hostile-names.png') });
        assert.equal(dialogs, 0);
        assert.deepEqual(await h.violations(), []);
      } finally {
        await h.close();
      }
    });

    it('malformed messages from the host are dropped, the page keeps working', async () => {
      const h = await PageHost.open(rig, example('squared.overparam'));
      try {
        await h.settle(); // the first document's frames (field, then rank map) have all been drawn
        const frames = await h.frames();
        await h.page.evaluate(() => {
          window.postMessage({ type: 'frame', requestId: 1 }, '*');
          window.postMessage(
            {
              type: 'document',
              requestId: 0,
              version: 9,
              fileName: 'x',
              uri: 'x',
              model: { p: 2, q: 2, params: ['a'] },
              diagnostics: [],
              fields: [],
              values: [],
              view: null,
            },
            '*',
          );
          window.postMessage({ type: 'nonsense' }, '*');
          window.postMessage('<img src=x onerror=alert(1)>', '*');
        });
        await h.settle();
        assert.equal(await h.frames(), frames, 'nothing drawn from malformed messages');
        assert.equal(await h.page.evaluate(() => document.body.dataset.version), '1');
        assert.equal(h.errors.filter((e) => !/malformed/.test(e)).length, 0);
      } finally {
        await h.close();
      }
    });
  });
}
