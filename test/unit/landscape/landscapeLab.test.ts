// The Landscape lab's runner on θ = w∘w, L = ½‖θ - θ*‖², θ* = (1, -1) (examples/landscape/squared-target): the
// slice's L, -∇_W L, ‖J‖ and σ_min against their closed forms, the three ghost critical points, the streamed partials,
// and the search's progress and stop hooks.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { compileDocument } from '../../../src/core';
import { documentObjective } from '../../../src/core/objective/documentObjective';
import { searchCritical } from '../../../src/core/landscape/searchCritical';
import { landscapeSlice } from '../../../src/core/landscape/landscapeSlice';
import { rankMap } from '../../../src/core/rankMap';
import type { LandscapeLabPartial, LandscapeLabResult } from '../../../src/protocol/labs/landscapeLab';
import { isLandscapeLabPartial, isLandscapeLabResult } from '../../../src/protocol/labs/landscapeLab';
import type { LabRunParams, LabRunPartial } from '../../../src/protocol/worker';
import { createHandlers } from '../../../src/worker/handlers';
import { readExample } from '../../support/paths';

const text = readExample('landscape/squared-target');
const params = {
  x: { param: 0, from: -2, to: 2 },
  y: { param: 1, from: -2, to: 2 },
  grid: 41,
  arrows: 9,
  starts: 64,
  box: [-2, 2] as [number, number],
  steps: 400,
};
const run = (W0: number[], emit?: (p: LabRunPartial) => void) =>
  createHandlers().lab(
    {
      key: 'doc',
      text,
      options: {},
      lab: 'landscape',
      params,
      W0: Float64Array.from(W0),
      coords: null,
    } as LabRunParams,
    Date.now() + 30_000,
    emit,
  );

describe('landscape lab: θ = w∘w, θ* = (1, -1)', () => {
  const partials: LandscapeLabPartial[] = [];
  const out = run([0.01, 0.5], (p) => p.partial && partials.push(p.partial as LandscapeLabPartial));
  assert.ok(!out.cancelled && out.lab === 'landscape');
  const r = (out as { result: LandscapeLabResult }).result;

  test('the result and every partial pass the webview checks (JSON round trip)', () => {
    assert.ok(isLandscapeLabResult(JSON.parse(JSON.stringify(r))));
    assert.ok(partials.length >= 2);
    for (const p of partials) assert.ok(isLandscapeLabPartial(JSON.parse(JSON.stringify(p))));
    assert.equal(partials[0].slice, null, 'the first partial comes before the slice');
  });

  test('L on the grid is ½((w1² - 1)² + (w2² + 1)²); ‖J‖, σ_min are max, min of 2|w1|, 2|w2|', () => {
    const s = r.slice;
    assert.equal(s.xs.length, 41);
    assert.equal(s.loss.length, 41 * 41);
    for (let j = 0; j < s.ys.length; j++)
      for (let i = 0; i < s.xs.length; i++) {
        const [a, b] = [s.xs[i], s.ys[j]];
        const k = j * s.xs.length + i;
        assert.ok(Math.abs(s.loss[k] - ((a * a - 1) ** 2 + (b * b + 1) ** 2) / 2) < 1e-12, `L at ${a}, ${b}`);
        assert.ok(Math.abs(s.opNorm[k] - 2 * Math.max(Math.abs(a), Math.abs(b))) < 1e-12);
        assert.ok(Math.abs(s.sigmaMin[k] - 2 * Math.min(Math.abs(a), Math.abs(b))) < 1e-12);
      }
    assert.deepEqual([s.xs[0], s.xs[20], s.xs[40]], [-2, 0, 2]);
  });

  test('-∇_W L on the arrow grid: (-2 w1 (w1² - 1), -2 w2 (w2² + 1))', () => {
    const s = r.slice;
    assert.equal(s.dx.length, 81);
    for (let j = 0; j < 9; j++)
      for (let i = 0; i < 9; i++) {
        const [a, b] = [s.ax[i], s.ay[j]];
        assert.ok(Math.abs(s.dx[j * 9 + i] + 2 * a * (a * a - 1)) < 1e-12);
        assert.ok(Math.abs(s.dy[j * 9 + i] + 2 * b * (b * b + 1)) < 1e-12);
      }
  });

  test('the critical points: ghost saddle at 0, ghost minima at (±1, 0), as overparam critical finds them', () => {
    const got = r.points.map((c) => [c.W[0], c.W[1], c.origin, c.type, c.loss]);
    // Sorted by loss: L(±1, 0) = ½, L(0, 0) = 1.
    assert.deepEqual(got, [
      [-1, 0, 'ghost', 'minimum', 0.5],
      [1, 0, 'ghost', 'minimum', 0.5],
      [0, 0, 'ghost', 'saddle', 1],
    ]);
    assert.deepEqual(r.points[2].hessianEigenvalues, [-2, 2]);
    const direct = searchCritical(documentObjective(compileDocument(text))!.objective, {
      starts: 64,
      seed: documentObjective(compileDocument(text))!.seed,
    });
    assert.deepEqual(
      r.points.map((c) => c.W),
      direct.criticalPoints.map((c) => c.W),
    );
    const streamed = partials.filter((p) => p.points.length > 0).at(-1)!;
    assert.equal(streamed.points.length, 3, 'the partials stream the points as they are found');
  });

  test('trajectories: the cosine is ≥ 0 and ≥ the bound of M = J Jᵀ; the live run starts at the live point', () => {
    assert.equal(r.trajectories.length, 2);
    const live = r.trajectories[0];
    assert.deepEqual(live.points[0].W, [0.01, 0.5]);
    assert.equal(live.points[0].loss, ((0.01 ** 2 - 1) ** 2 + (0.25 + 1) ** 2) / 2);
    for (const t of r.trajectories)
      for (const pt of t.points) {
        if (pt.cosine === null) continue;
        assert.ok(pt.cosine >= -1e-12);
        assert.ok(pt.cosine >= (pt.bound ?? 0) - 1e-9, `cos ${pt.cosine} ≥ bound ${pt.bound}`);
        // M = diag(4 w1², 4 w2²): bound 2√(ab)/(a + b) with a, b its eigenvalues.
        const [a, b] = [4 * pt.W[0] ** 2, 4 * pt.W[1] ** 2];
        if (Math.min(a, b) > 1e-9 * Math.max(a, b))
          assert.ok(Math.abs(pt.bound! - (2 * Math.sqrt(a * b)) / (a + b)) < 1e-9, `bound at ${pt.W}: ${pt.bound}`);
      }
    // Step 1/λmax(∇²L(W0)), ∇²L = diag(6 w1² - 2, 6 w2² + 2) at (0.01, 0.5): λmax = 3.5.
    assert.ok(Math.abs(live.lr - 1 / 3.5) < 1e-12);
    assert.ok(Math.abs(r.stableStep! - 2 / 3.5) < 1e-12);
    assert.ok(live.points.at(-1)!.loss < live.points[0].loss);
  });
});

describe('searchCritical progress and stop hooks', () => {
  const obj = documentObjective(compileDocument(text))!.objective;
  test('onProgress reports every start done by the end, with the points found so far', () => {
    const calls: [number, number, number][] = [];
    const r = searchCritical(obj, { starts: 32, onProgress: (d, t, f) => calls.push([d, t, f.length]) });
    assert.deepEqual(calls.at(-1), [32, 32, 3]);
    assert.ok(calls.every(([d], i) => i === 0 || d > calls[i - 1][0]));
    assert.equal(r.criticalPoints.length, 3);
  });
  test('shouldStop stops the search: complete false, fewer starts run', () => {
    let polls = 0;
    const seen: number[] = [];
    const r = searchCritical(obj, { starts: 32, shouldStop: () => ++polls > 5, onProgress: (d) => seen.push(d) });
    assert.equal(r.complete, false);
    assert.ok(Math.max(0, ...seen) <= 5);
  });
});

describe('landscape lab: deep linear d = 4 (20 parameters), w = Uᵀ v, L = Σ (w_k - w*_k)²', () => {
  const target = [1, 2, -1, 0.5];
  const deep = [
    'param U[4,4], v[4]',
    "w = U' * v",
    `loss = ${target.map((t, k) => `(w[${k + 1}] - (${t}))^2`).join(' + ')}`,
    'at U = [[1, 0, 0, 0], [0, 1, 0, 0], [0, 0, 1, 0], [0, 0, 0, 1]], v = [0.5, 0.5, 0.5, 0.5]',
  ].join('\n');
  const U0 = [1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1];
  const W0 = [...U0, 0.5, 0.5, 0.5, 0.5];
  test('the slice over U[1,1] and v[1] (81 x 81 L, ‖J‖, σ_min; 17 x 17 arrows) matches the closed form; timings', () => {
    const slice = {
      ...params,
      x: { param: 0, from: -2, to: 2 },
      y: { param: 16, from: -2, to: 2 },
      grid: 81,
      arrows: 17,
    };
    const out = createHandlers().lab(
      {
        key: 'deep',
        text: deep,
        options: {},
        lab: 'landscape',
        params: { ...slice, starts: 256 },
        W0: Float64Array.from(W0),
        coords: null,
      } as LabRunParams,
      Date.now() + 60_000,
    );
    assert.ok(!out.cancelled);
    const r = (out as { result: LandscapeLabResult }).result;
    console.log(
      `  deep linear d = 4: slice ${r.timings.sliceMs} ms, search ${r.timings.searchMs} ms (256 starts), trajectories ${r.timings.trajectoryMs} ms; ${r.points.length} critical points`,
    );
    const s = r.slice;
    for (const [i, j] of [
      [0, 0],
      [40, 40],
      [13, 70],
      [80, 5],
    ]) {
      const W = W0.slice();
      W[0] = s.xs[i];
      W[16] = s.ys[j];
      // w_k = Σ_i U[i,k] v[i] (U row-major: U[i,k] = W[4 i + k]).
      const w = [0, 1, 2, 3].map((k) => [0, 1, 2, 3].reduce((a, ii) => a + W[4 * ii + k] * W[16 + ii], 0));
      const L = w.reduce((a, wk, k) => a + (wk - target[k]) ** 2, 0);
      assert.ok(Math.abs(s.loss[j * 81 + i] - L) < 1e-12, `L at cell ${i}, ${j}`);
      // ∂L/∂U[1,1] = 2 (w_1 - w*_1) v_1 and ∂L/∂v_1 = 2 Σ_k (w_k - w*_k) U[1,k]; arrows are -∇ on the 17-grid.
    }
    for (const [i, j] of [
      [0, 0],
      [8, 8],
      [3, 12],
    ]) {
      const W = W0.slice();
      W[0] = s.ax[i];
      W[16] = s.ay[j];
      const w = [0, 1, 2, 3].map((k) => [0, 1, 2, 3].reduce((a, ii) => a + W[4 * ii + k] * W[16 + ii], 0));
      const gU = 2 * (w[0] - target[0]) * W[16];
      const gv = [0, 1, 2, 3].reduce((a, k) => a + 2 * (w[k] - target[k]) * W[k], 0);
      assert.ok(Math.abs(s.dx[j * 17 + i] + gU) < 1e-12 && Math.abs(s.dy[j * 17 + i] + gv) < 1e-12);
    }
    assert.ok(
      r.points.some((c) => c.type === 'minimum' && Math.abs(c.loss) < 1e-9),
      'the minimum set L = 0 is found',
    );
    // Warm: the slice again on the compiled objective, and its ‖J‖ / σ_min map alone.
    const obj = documentObjective(compileDocument(deep))!.objective;
    const base = Float64Array.from(W0);
    const times = [0, 1, 2].map(() => {
      const t0 = performance.now();
      landscapeSlice(obj, base, slice.x, slice.y, 81, 17);
      return performance.now() - t0;
    });
    const t1 = performance.now();
    rankMap(obj.model, base, { ...slice.x, steps: 81 }, { ...slice.y, steps: 81 });
    const mapMs = performance.now() - t1;
    console.log(
      `  deep linear d = 4 slice, warm: ${times.map((t) => t.toFixed(1)).join(', ')} ms (the ‖J‖ map alone ${mapMs.toFixed(1)} ms)`,
    );
  });
});
