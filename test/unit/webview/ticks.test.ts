// Round axis ticks (webview/ticks.ts): steps of 1, 2, 2.5 or 5 times a power of ten, the first at or above the
// requested count's share of the span; ticks inside the range, zero exactly zero.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { niceTicks } from '../../../webview/ticks';
import { mulberry32 } from '../../support/model';

describe('niceTicks', () => {
  test('hand-computed cases', () => {
    // span / 5 = 0.2: step 0.2 (no 0.6000000000000001).
    assert.deepEqual(niceTicks(0, 1), [0, 0.2, 0.4, 0.6, 0.8, 1]);
    // 0.8 -> 1.
    assert.deepEqual(niceTicks(-2, 2), [-2, -1, 0, 1, 2]);
    // 0.4 -> 0.5, through an exact zero.
    assert.deepEqual(niceTicks(-1, 1), [-1, -0.5, 0, 0.5, 1]);
    // 1.4 -> 2: the ticks start at the first multiple of the step inside the range.
    assert.deepEqual(niceTicks(0, 7), [0, 2, 4, 6]);
    assert.deepEqual(niceTicks(0.3, 7.9), [2, 4, 6]);
    // 10 / 4 = 2.5 is a step of its own.
    assert.deepEqual(niceTicks(0, 10, 4), [0, 2.5, 5, 7.5, 10]);
    assert.deepEqual(niceTicks(0, 1000), [0, 200, 400, 600, 800, 1000]);
    // 6 / 5 = 1.2 -> 2, negative bounds.
    assert.deepEqual(niceTicks(-5, 1), [-4, -2, 0]);
  });

  test('an empty, reversed or non-finite range gives its start alone', () => {
    assert.deepEqual(niceTicks(3, 3), [3]);
    assert.deepEqual(niceTicks(1, 0), [1]);
    assert.deepEqual(niceTicks(0, Infinity), [0]);
    assert.deepEqual(niceTicks(NaN, 1), [NaN]);
  });

  test('random ranges: round, evenly spaced steps inside the range, about the requested count', () => {
    const rand = mulberry32(8);
    for (let trial = 0; trial < 500; trial++) {
      const lo = (rand() - 0.5) * 10 ** (rand() * 8 - 4);
      const hi = lo + 10 ** (rand() * 8 - 4);
      const count = 4 + Math.floor(rand() * 6); // from 4: at least two ticks (a step is under 2 span / count)
      const t = niceTicks(lo, hi, count);
      const what = `niceTicks(${lo}, ${hi}, ${count}) = ${t.join(', ')}`;
      assert.ok(t.length >= 2, what);
      const step = t[1] - t[0];
      const mag = 10 ** Math.floor(Math.log10(step) + 1e-9);
      assert.ok(
        [1, 2, 2.5, 5, 10].some((m) => Math.abs(step / mag - m) < 1e-6),
        `${what}: the step is round`,
      );
      assert.ok(step >= (hi - lo) / count - 1e-12 * mag, `${what}: at most about count steps`);
      for (let i = 1; i < t.length; i++) assert.ok(Math.abs(t[i] - t[i - 1] - step) < 1e-6 * step, `${what}: even`);
      assert.ok(t[0] >= lo - 1e-9 * step && t[t.length - 1] <= hi + 1e-9 * step, `${what}: inside`);
      assert.ok(t[0] - step < lo && t[t.length - 1] + step > hi, `${what}: no round value left out`);
    }
  });
});
