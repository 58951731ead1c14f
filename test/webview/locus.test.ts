// The rank-deficient locus on the panel (issue 13): curves over the rank map where the grid misses the set (the
// squared example's axes w[1] = 0 and w[2] = 0, the polar example's r = 0), their image in θ on the live subplot,
// the toggle, and the search's sets in the point details with "move the live point here".
import * as assert from 'node:assert/strict';
import * as path from 'path';
import { describe, it } from 'node:test';
import type { FrameMessage, HostMessage, LocusMessage, RankMapFrame, SetsMessage } from '../../src/protocol/panel';
import { AnalysisClient } from '../../src/extension/analysisClient';
import { ARTIFACTS, example, ROOT } from './support/browser';
import { DEEP4 } from './field.test';
import type { Rig } from './support/browser';
import { PageHost } from './support/driver';
import { magentaPixels } from './support/pixels';

const RANK = 'canvas.rankmap';
const LIVE = '.subplot[data-point="0"] canvas';

/** What the host posted, newest of each kind. */
interface Seen {
  map: RankMapFrame | null;
  locus: LocusMessage | null;
  sets: SetsMessage | null;
  frame: FrameMessage | null;
}

/** Opens `file` recording the newest map, locus, sets and frame the host posts. */
async function open(rig: Rig, file: string): Promise<{ h: PageHost; seen: Seen }> {
  const seen: Seen = { map: null, locus: null, sets: null, frame: null };
  const h = await PageHost.open(rig, example(file), 'light', (host) => {
    host.transform = (m: HostMessage) => {
      if (m.type === 'frame') {
        seen.frame = m;
        if (m.rankMap && m.rankMap !== 'unchanged') seen.map = m.rankMap;
      }
      if (m.type === 'locus') seen.locus = m;
      if (m.type === 'sets') seen.sets = m;
      return m;
    };
  });
  await h.settle();
  return { h, seen };
}

/** Types `value` into the rank map's number box `label` and waits for the panel to redraw (locus included). */
async function setBox(h: PageHost, label: string, value: number): Promise<void> {
  const box = h.page.getByLabel(label, { exact: true });
  await box.fill(String(value));
  await box.press('Enter');
  await h.settle();
}

/** The vertices of the locus's polylines and points as [x, y] pairs. */
function vertices(l: LocusMessage): [number, number][] {
  const out: [number, number][] = [];
  for (const line of [...l.lines, l.points]) for (let k = 0; k < line.length; k += 2) out.push([line[k], line[k + 1]]);
  return out;
}

/** Magenta pixels of `selector` split into those within `tol` pixels of a target (`near(x, y, px)`) and the rest. */
async function pixelsNear(
  h: PageHost,
  selector: string,
  near: (x: number, y: number, px: [number, number]) => boolean,
): Promise<{ on: [number, number][]; stray: [number, number][]; px: [number, number] }> {
  const { xy, px } = await h.page.evaluate(magentaPixels, selector);
  const on: [number, number][] = [];
  const stray: [number, number][] = [];
  for (let k = 0; k < xy.length; k += 2) (near(xy[k], xy[k + 1], px) ? on : stray).push([xy[k], xy[k + 1]]);
  return { on, stray, px };
}

/** Of `bins` equal bins of [lo, hi], how many hold a value of `vs`. */
function binsHit(vs: number[], lo: number, hi: number, bins: number): number {
  const hit = new Set<number>();
  for (const v of vs) if (v >= lo && v < hi) hit.add(Math.floor(((v - lo) / (hi - lo)) * bins));
  return hit.size;
}

/** The locus's curves on the squared map over [-2.1, 2] x [-1.9, 2] (no cell centre at 0 on either axis). */
async function checkSquaredMap(h: PageHost, seen: Seen, what: string): Promise<void> {
  const map = seen.map!;
  const marker: [number, number] = [seen.frame!.values[0], seen.frame!.values[1]];
  const { on, stray, px } = await pixelsNear(h, RANK, (x, y, [sx, sy]) => {
    const byMarker = Math.hypot((x - marker[0]) / sx, (y - marker[1]) / sy) < 14;
    return Math.abs(x) <= 4 * sx || Math.abs(y) <= 4 * sy || byMarker;
  });
  const onX = on.filter(([x]) => Math.abs(x) <= 3 * px[0]).map(([, y]) => y);
  const onY = on.filter(([, y]) => Math.abs(y) <= 3 * px[1]).map(([x]) => x);
  const lo = (a: Float64Array) => a[0];
  const hi = (a: Float64Array) => a[a.length - 1];
  const alongX = binsHit(onX, lo(map.ys), hi(map.ys), 20);
  const alongY = binsHit(onY, lo(map.xs), hi(map.xs), 20);
  console.log(
    `  squared (${what}): ${on.length} magenta px on the axes (w[1] = 0: ${alongX}/20 bins, w[2] = 0: ${alongY}/20), ${stray.length} elsewhere`,
  );
  assert.equal(stray.length, 0, `no locus colour off the axes (first: ${JSON.stringify(stray.slice(0, 3))})`);
  // Along the whole of both lines (the marker covers at most one bin of each).
  assert.ok(alongX >= 19, `w[1] = 0 drawn along its length (${alongX} of 20 bins)`);
  assert.ok(alongY >= 19, `w[2] = 0 drawn along its length (${alongY} of 20 bins)`);
}

/** Locus, field markers, toggle and sets on the panel. */
export function locusSuite(rig: Rig): void {
  describe('rank-deficient locus', () => {
    it('squared on a grid without 0: both axes drawn exactly, nothing else; their image marked on the field', async () => {
      const { h, seen } = await open(rig, 'squared.overparam');
      try {
        await setBox(h, 'x from', -2.1);
        await setBox(h, 'y from', -1.9);
        const map = seen.map!;
        assert.deepEqual(
          [map.x.from, map.x.to, map.x.steps, map.y.from, map.y.to, map.y.steps],
          [-2.1, 2, 129, -1.9, 2, 129],
        );
        // The grid misses the set: no cell centre within 0.01 of 0 on either axis, so no cell is rank-deficient.
        assert.ok(
          Array.from(map.xs).every((x) => Math.abs(x) > 0.01) && Array.from(map.ys).every((y) => Math.abs(y) > 0.01),
        );
        assert.ok(
          Array.from(map.rank).every((r) => r === 2),
          'the cell overlay marks nothing',
        );
        // The locus: every vertex on w[1] = 0 or w[2] = 0 (det J = 4 w[1] w[2]), both lines across the map.
        const l = seen.locus!;
        assert.equal(l.mapId, map.id);
        const vs = vertices(l);
        assert.ok(
          vs.every(([x, y]) => Math.abs(x) < 1e-9 || Math.abs(y) < 1e-9),
          'every vertex is on an axis',
        );
        const ys = vs.filter(([x]) => Math.abs(x) < 1e-9).map(([, y]) => y);
        const xs = vs.filter(([, y]) => Math.abs(y) < 1e-9).map(([x]) => x);
        assert.ok(
          Math.min(...ys) < -1.85 && Math.max(...ys) > 1.95,
          `w[1] = 0 spans y (${Math.min(...ys)}, ${Math.max(...ys)})`,
        );
        assert.ok(
          Math.min(...xs) < -2.05 && Math.max(...xs) > 1.95,
          `w[2] = 0 spans x (${Math.min(...xs)}, ${Math.max(...xs)})`,
        );
        assert.equal(await h.page.locator(RANK).getAttribute('data-locus'), `${l.lines.length} ${l.points.length / 2}`);
        await checkSquaredMap(h, seen, 'light');
        await h.page.locator('#op-rank').screenshot({ path: path.join(ARTIFACTS, 'squared-locus.png') });

        // The field: w[1] = 0 maps to θ = (0, w[2]²), w[2] = 0 to (w[1]², 0): the two half-axes θ ≥ 0.
        const t = l.theta!;
        assert.deepEqual(t.coords, [0, 1]);
        const marks = Number(await h.page.locator(LIVE).getAttribute('data-locus-marks'));
        assert.ok(marks > 10, `the live subplot shows the locus's image (${marks} markers)`);
        const field = await pixelsNear(h, LIVE, (x, y, [sx, sy]) => {
          const nearT2 = Math.abs(x) <= 6 * sx && y >= -6 * sy;
          const nearT1 = Math.abs(y) <= 6 * sy && x >= -6 * sx;
          return nearT1 || nearT2;
        });
        const upT2 = field.on.some(([x, y]) => Math.abs(x) < 6 * field.px[0] && y > 0.5 && y < 1.5);
        const upT1 = field.on.some(([x, y]) => Math.abs(y) < 6 * field.px[1] && x > 0.5 && x < 1.5);
        console.log(
          `  squared field: ${marks} markers, ${field.on.length} magenta px on θ ≥ 0's axes, ${field.stray.length} elsewhere`,
        );
        assert.equal(
          field.stray.length,
          0,
          `markers only on the half-axes (first: ${JSON.stringify(field.stray.slice(0, 3))})`,
        );
        assert.ok(upT1 && upT2, 'markers along both half-axes');
        await h.page
          .locator('.subplot[data-point="0"]')
          .screenshot({ path: path.join(ARTIFACTS, 'squared-locus-field.png') });

        // Dark and high contrast: the same curves, as readable.
        for (const theme of ['dark', 'hc'] as const) {
          await h.theme(theme);
          await checkSquaredMap(h, seen, theme);
          await h.page.locator('#op-rank').screenshot({ path: path.join(ARTIFACTS, `squared-locus-${theme}.png`) });
        }
        assert.deepEqual(h.errors, []);
      } finally {
        await h.close();
      }
    });

    it('polar on a grid without r = 0: the line r = 0 is drawn, its image θ = 0 marked on the field', async () => {
      const { h, seen } = await open(rig, 'polar.overparam');
      try {
        await setBox(h, 'x from', -1.9);
        const map = seen.map!;
        assert.ok(
          Array.from(map.xs).every((r) => Math.abs(r) > 0.01),
          'no cell centre on r = 0',
        );
        assert.ok(
          Array.from(map.rank).every((r) => r === 2),
          'the cell overlay marks nothing',
        );
        const l = seen.locus!;
        const vs = vertices(l);
        assert.ok(vs.length > 20 && vs.every(([r]) => Math.abs(r) < 1e-9), 'every vertex on r = 0 (det J = r)');
        const marker = [seen.frame!.values[0], seen.frame!.values[1]];
        const { on, stray, px } = await pixelsNear(h, RANK, (x, y, [sx, sy]) => {
          return Math.abs(x) <= 4 * sx || Math.hypot((x - marker[0]) / sx, (y - marker[1]) / sy) < 14;
        });
        const along = binsHit(
          on.filter(([x]) => Math.abs(x) <= 3 * px[0]).map(([, y]) => y),
          map.ys[0],
          map.ys[map.ys.length - 1],
          20,
        );
        console.log(`  polar: ${on.length} magenta px on r = 0 (${along}/20 bins), ${stray.length} elsewhere`);
        assert.equal(stray.length, 0, 'no locus colour off r = 0');
        assert.ok(along >= 20, `r = 0 drawn along its length (${along} of 20 bins)`);
        await h.page.locator('#op-rank').screenshot({ path: path.join(ARTIFACTS, 'polar-locus.png') });
        // Every vertex maps to θ = r (cos φ, sin φ) = 0: a marker at the origin and nowhere else.
        const t = l.theta!;
        for (const line of [...t.lines, t.points]) for (const v of line) assert.ok(Math.abs(v) < 1e-9);
        const field = await pixelsNear(h, LIVE, (x, y, [sx, sy]) => Math.hypot(x / sx, y / sy) <= 6);
        console.log(`  polar field: ${field.on.length} magenta px at θ = 0, ${field.stray.length} elsewhere`);
        assert.ok(field.on.length > 5, 'a marker at the origin');
        assert.equal(field.stray.length, 0, 'and nowhere else');
        await h.page
          .locator('.subplot[data-point="0"]')
          .screenshot({ path: path.join(ARTIFACTS, 'polar-locus-field.png') });
        assert.deepEqual(h.errors, []);
      } finally {
        await h.close();
      }
    });

    it('the toggle hides the curves, the markers and the legend entry, is saved with the view, and shows them again', async () => {
      const { h, seen } = await open(rig, 'squared.overparam');
      try {
        const box = h.page.getByLabel('locus where J loses rank', { exact: true });
        assert.equal(await box.isChecked(), true, 'on by default');
        const before = seen.locus;
        assert.ok(before && (await h.page.locator(RANK).getAttribute('data-locus')) !== '');
        const locusMessages = h.host.stats.locus;
        await box.uncheck();
        await h.settle();
        const state = await h.page.evaluate(() => JSON.parse(sessionStorage.getItem('vscodeState') ?? '{}'));
        assert.equal(state.view.locus, false, 'saved in the webview state');
        assert.equal(await h.page.locator(RANK).getAttribute('data-locus'), '');
        assert.equal((await h.page.evaluate(magentaPixels, RANK)).xy.length, 0, 'no curve drawn');
        assert.equal(await h.page.locator(LIVE).getAttribute('data-locus-marks'), '0', 'no markers');
        // Nothing is computed while it is off; the legend loses its entry (the canvas outside the plot).
        assert.equal(h.host.stats.locus, locusMessages);
        await h.page.locator('#op-rank').screenshot({ path: path.join(ARTIFACTS, 'squared-locus-off.png') });
        await box.check();
        await h.settle();
        assert.ok(h.host.stats.locus > locusMessages, 'recomputed when turned back on');
        assert.notEqual(await h.page.locator(RANK).getAttribute('data-locus'), '');
        assert.ok((await h.page.evaluate(magentaPixels, RANK)).xy.length > 500, 'drawn again');
        assert.deepEqual(h.errors, []);
      } finally {
        await h.close();
      }
    });

    it('the details list the sets w[1] = 0 and w[2] = 0; "move the live point here" puts it on w[2] = 0', async () => {
      const { h, seen } = await open(rig, 'squared.overparam');
      try {
        const items = h.page.locator('.set-list > li');
        const texts = await items.allTextContents();
        console.log(`  sets: ${texts.map((t) => JSON.stringify(t)).join('; ')}`);
        // det J = 4 w[1] w[2]: the two axes (rank 1, zero column) and their crossing (rank 0, both columns zero).
        const sets = seen.sets!.sets;
        assert.deepEqual(sets.map((s) => s.conditions).sort(), ['w[1] = 0', 'w[1] = 0, w[2] = 0', 'w[2] = 0']);
        assert.equal(texts.length, 3);
        const expected: Record<string, string> = {
          'w[1] = 0': 'w[1] = 0 — zero column of w[1]; rank 1/2, dimension 1.',
          'w[2] = 0': 'w[2] = 0 — zero column of w[2]; rank 1/2, dimension 1.',
          'w[1] = 0, w[2] = 0': 'w[1] = 0, w[2] = 0 — zero columns of w[1], w[2]; rank 0/2, dimension 0.',
        };
        for (const [i, s] of sets.entries()) {
          assert.ok(texts[i].startsWith(expected[s.conditions]), `item ${i}: ${texts[i]}`);
          assert.match(texts[i], /Move the live point here$/);
          for (const j of [0, 1]) if (s.conditions.includes(`w[${j + 1}] = 0`)) assert.equal(s.W[j], 0, 'on the set');
        }
        const k = sets.findIndex((s) => s.conditions === 'w[2] = 0');
        await h.page.locator(`.set-list > li[data-set="${k}"] button`).click();
        await h.settle();
        // As a slider move: the host got the set's W, the sliders show it, the details say rank 1.
        assert.deepEqual(Array.from(seen.frame!.values), Array.from(sets[k].W));
        assert.equal(await h.page.getByLabel('w[2] value', { exact: true }).inputValue(), '0');
        assert.match(
          (await h.page.locator('#op-details .summary').textContent()) ?? '',
          /^rank 1\/2 \(rank-deficient\)/,
        );
        await h.page.locator('#op-details .sets').screenshot({ path: path.join(ARTIFACTS, 'squared-sets.png') });
        assert.deepEqual(h.errors, []);
      } finally {
        await h.close();
      }
    });

    it('cost on 256 x 256: the panel locus (from the map cells) against the rank map itself', async () => {
      const worker = new AnalysisClient(
        path.join(ROOT, 'dist', 'worker.js'),
        () => ({ timeBudgetMs: 20000, memoryMb: 512 }),
        {
          info: () => undefined,
          warn: () => undefined,
        },
      );
      try {
        const cases: [string, string, number[]][] = [
          ['squared', 'param w[2]\nθ_i = w_i^2', [0.1, 1]],
          ['polar', 'θ1 = r * cos(φ)\nθ2 = r * sin(φ)', [0.3, 0.5]],
          ['deep linear d = 4', DEEP4, Array.from({ length: 20 }, (_, j) => Math.sin(j))],
        ];
        const ratios: number[] = [];
        for (const [name, text, values] of cases) {
          const base = Float64Array.from(values);
          const x = { param: 0, from: -2.1, to: 2, steps: 256 },
            y = { param: 1, from: -1.9, to: 2, steps: 256 };
          // Both in the worker, as the panel computes them (the map's rows in bands, the locus from the map's cells),
          // in CPU time the thread ran (Linux schedstat: the machine's other jobs make it wait, not run longer), best
          // of 12 warm runs each (the first calls measure the JIT).
          const source = { key: name, text, options: {} };
          const grid = { size: 9, min: -2, max: 2, coords: [0, 1] as [number, number] };
          const rankRows = { base, x, y, rowFrom: 0, rowTo: y.steps };
          // The locus gets the worker's own cells, as in the panel.
          const cells = (await worker.request('panelFrame', { ...source, grid, fields: [], details: null, rankRows }))
            .rankRows!;
          const req = { ...source, base, x, y, sMin: cells.sMin, sMax: cells.sMax, coords: [0, 1] as [number, number] };
          let mapMs = Infinity,
            locusMs = Infinity,
            lines = 0;
          for (let i = 0; i < 16; i++) {
            const f = await worker.request('panelFrame', { ...source, grid, fields: [], details: null, rankRows });
            const r = await worker.request('panelLocus', req);
            assert.ok(f.cpu && r.cpu, 'thread CPU accounting (Linux)');
            if (i > 3) mapMs = Math.min(mapMs, f.cpu.runMs);
            if (i > 3) locusMs = Math.min(locusMs, r.cpu.runMs);
            lines = r.lines.length;
          }
          const expected = name === 'squared' ? 4 : name === 'polar' ? 1 : 0;
          ratios.push(locusMs / mapMs);
          console.log(
            `  LOCUS COST ${name}, 256 x 256: rank map ${mapMs.toFixed(1)} ms CPU, panel locus ${locusMs.toFixed(1)} ms CPU (${lines} polylines), ratio ${(locusMs / mapMs).toFixed(2)}`,
          );
          // Squared: the two axes as four arms from the origin; polar: r = 0; deep linear with v ≠ 0: J has full rank
          // everywhere on the slice (∂w/∂U alone has rank 4), so no curve.
          assert.equal(lines, expected, `${name}: polylines`);
        }
        // The target is locus ≤ 1.5 x the map. Printed for the 2 x 2 examples, whose maps cost a few ms, so a
        // ms of the machine's noise moves the ratio by a third (measured 1.0 to 3.6 for squared, 1.0 to 1.3 for
        // polar, at load averages 7 to 11). Asserted where the map is costly and the panel's design shows: for
        // non-square J the locus reuses the map's σ_min instead of computing it again (measured 0.12 to 0.17).
        console.log(`  LOCUS COST ratios ${ratios.map((r) => r.toFixed(2)).join(', ')}`);
        assert.ok(ratios[2] <= 0.5, `deep linear: the locus from the map's cells ≤ half the map (${ratios[2]})`);
      } finally {
        worker.dispose();
      }
    });
  });
}
