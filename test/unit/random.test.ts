import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { drawStream, mulberry32, normalAt, philox4x32, streamId, uniform32At, uniformAt } from '../../src/core/random';

// An independent Philox4x32-10 written from the paper's definition with BigInt (full 64-bit products, no splitting).
const M = [0xd2511f53n, 0xcd9e8d57n],
  W = [0x9e3779b9n, 0xbb67ae85n],
  MASK = 0xffffffffn;
function philoxBig(counter: readonly number[], key: readonly number[]): number[] {
  let c = counter.map(BigInt);
  let k = key.map(BigInt);
  for (let r = 0; r < 10; r++) {
    if (r > 0) k = [(k[0] + W[0]) & MASK, (k[1] + W[1]) & MASK];
    const p0 = M[0] * c[0],
      p1 = M[1] * c[2];
    c = [(p1 >> 32n) ^ c[1] ^ k[0], p1 & MASK, (p0 >> 32n) ^ c[3] ^ k[1], p0 & MASK];
  }
  return c.map(Number);
}

/** 32-bit FNV-1a over UTF-8 bytes, written with BigInt. */
function fnvBig(name: string): number {
  let h = 0x811c9dc5n;
  for (const b of new TextEncoder().encode(name)) h = ((h ^ BigInt(b)) * 0x01000193n) & MASK;
  return Number(h);
}

const mean = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
const variance = (xs: readonly number[]) => {
  const m = mean(xs);
  return xs.reduce((a, b) => a + (b - m) ** 2, 0) / xs.length;
};

describe('random: Philox4x32-10, counter-based', () => {
  test("Random123's known-answer vectors", () => {
    const hex = (a: number[]) => a.map((x) => x.toString(16).padStart(8, '0')).join(' ');
    assert.equal(hex(philox4x32([0, 0, 0, 0], [0, 0])), '6627e8d5 e169c58d bc57ac4c 9b00dbd8');
    const ones = 0xffffffff;
    assert.equal(hex(philox4x32([ones, ones, ones, ones], [ones, ones])), '408f276d 41c83b0e a20bc7c6 6d5451fd');
    assert.equal(
      hex(philox4x32([0x243f6a88, 0x85a308d3, 0x13198a2e, 0x03707344], [0xa4093822, 0x299f31d0])),
      'd16cfe09 94fdcceb 5001e420 24126ea1',
    );
  });

  test('agrees with an independent BigInt implementation on 2,000 random counters and keys', () => {
    const rand = mulberry32(17);
    const word = () => Math.floor(rand() * 4294967296) >>> 0;
    for (let t = 0; t < 2000; t++) {
      const c = [word(), word(), word(), word()] as const,
        k = [word(), word()] as const;
      assert.deepEqual(philox4x32(c, k), philoxBig(c, k));
    }
  });

  test('uniform and normal draws are the documented functions of the Philox words', () => {
    for (const [seed, name, i] of [
      [1, 'a', 0],
      [7, 'U', 12345],
      [2 ** 40 + 3, 'θ', 2 ** 33 + 5],
    ] as const) {
      const s = streamId(name);
      const w = philoxBig([i % 2 ** 32, Math.floor(i / 2 ** 32), Math.floor(seed / 2 ** 32), 0], [seed % 2 ** 32, s]);
      const u1 = (Math.floor(w[0] / 32) * 2 ** 26 + Math.floor(w[1] / 64)) / 2 ** 53;
      const u2 = (Math.floor(w[2] / 32) * 2 ** 26 + Math.floor(w[3] / 64)) / 2 ** 53;
      assert.equal(uniformAt(seed, s, i), u1);
      assert.equal(uniform32At(seed, s, i), w[0] / 2 ** 32);
      assert.equal(normalAt(seed, s, i), Math.sqrt(-2 * Math.log(1 - u1)) * Math.cos(2 * Math.PI * u2));
    }
    // Fixed values (seed 1, stream "a", draw 0), so a change of the generator shows up here.
    assert.equal(uniformAt(1, streamId('a'), 0), 0.7129380095412999);
    assert.equal(normalAt(1, streamId('a'), 0), 0.34942150503039043);
  });

  test('stream ids are FNV-1a of the UTF-8 name', () => {
    assert.equal(streamId('a'), 0xe40c292c);
    assert.equal(streamId(''), 0x811c9dc5);
    for (const name of ['U', 'const a', 'at U #1', 'θ', 'φ_long_name', '𝑤']) assert.equal(streamId(name), fnvBig(name));
  });
});

describe('random: distributions and independence', () => {
  const N = 100_000;

  test('uniform: mean 1/2 and variance 1/12 over 1e5 draws, all in [0, 1)', () => {
    const s = streamId('u');
    const xs = Array.from({ length: N }, (_, i) => uniformAt(3, s, i));
    assert.ok(xs.every((x) => x >= 0 && x < 1));
    // Standard errors: sqrt(1/12 / N) ≈ 9.1e-4 for the mean, sqrt(1/180 / N) ≈ 2.4e-4 for the variance; 5 sigma.
    assert.ok(Math.abs(mean(xs) - 0.5) < 5 * 9.2e-4, `mean ${mean(xs)}`);
    assert.ok(Math.abs(variance(xs) - 1 / 12) < 5 * 2.4e-4, `variance ${variance(xs)}`);
  });

  test('normal: mean 0, sd 1, and about 68.27% within one sd over 1e5 draws', () => {
    const s = streamId('n');
    const xs = Array.from({ length: N }, (_, i) => normalAt(3, s, i));
    assert.ok(Math.abs(mean(xs)) < 5 / Math.sqrt(N), `mean ${mean(xs)}`);
    // The sample variance of N standard normals has sd sqrt(2 / N) ≈ 4.5e-3.
    assert.ok(Math.abs(variance(xs) - 1) < 5 * 4.5e-3, `variance ${variance(xs)}`);
    const inside = xs.filter((x) => Math.abs(x) < 1).length / N;
    assert.ok(Math.abs(inside - 0.682689) < 5 * Math.sqrt((0.6827 * 0.3173) / N), `within 1 sd: ${inside}`);
  });

  test('streams and seeds are independent: correlation of paired draws is within noise', () => {
    const pairs: Array<[number, number]> = [];
    const a = streamId('a'),
      b = streamId('b');
    for (let i = 0; i < N; i++) pairs.push([normalAt(1, a, i), normalAt(1, b, i)]);
    const corr = mean(pairs.map(([x, y]) => x * y));
    assert.ok(Math.abs(corr) < 5 / Math.sqrt(N), `stream correlation ${corr}`);
    const seeds = Array.from({ length: N }, (_, i) => normalAt(1, a, i) * normalAt(2, a, i));
    assert.ok(Math.abs(mean(seeds)) < 5 / Math.sqrt(N), `seed correlation ${mean(seeds)}`);
    // Neighbouring draws of one stream are uncorrelated too.
    const lag = Array.from({ length: N - 1 }, (_, i) => normalAt(1, a, i) * normalAt(1, a, i + 1));
    assert.ok(Math.abs(mean(lag)) < 5 / Math.sqrt(N), `lag-1 correlation ${mean(lag)}`);
  });

  test('drawStream reads draws 0, 1, 2, ... of its named stream, whatever other streams do', () => {
    const s = drawStream(5, 'const a');
    const other = drawStream(5, 'const b');
    other.normal();
    const got = [s.normal(), s.uniform(), s.normal()];
    const id = streamId('const a');
    assert.deepEqual(got, [normalAt(5, id, 0), uniformAt(5, id, 1), normalAt(5, id, 2)]);
    assert.equal(s.next, 3);
  });
});
