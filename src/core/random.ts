// Reproducible random numbers. The language's draws (`const a[m] ~ normal(0, 1)`, `at U ~ uniform(-1, 1)`) use a
// counter-based generator, Philox4x32-10 (Salmon, Moraes, Dror and Shaw, "Parallel random numbers: as easy as 1, 2,
// 3", SC 2011; the Random123 library): draw i of a stream is a pure function of (seed, stream, i), computed with
// 32-bit integer arithmetic only, so it is the same on every machine and in every layer (CLI, worker, panel), and no
// draw depends on how many numbers were drawn before it or by another statement.
//
//   key     = (seed mod 2^32, stream)                 stream = fnv1a32(UTF-8 of the statement's stream name)
//   counter = (i mod 2^32, floor(i / 2^32), floor(seed / 2^32), 0)
//   (w0, w1, w2, w3) = philox4x32_10(counter, key)
//   uniform_i = ((w0 >>> 5) * 2^26 + (w1 >>> 6)) / 2^53                       53 bits, in [0, 1)
//   normal_i  = sqrt(-2 ln(1 - uniform_i)) * cos(2π u2),   u2 from (w2, w3) the same way   (Box-Muller, cosine branch)
//
// The uniform bits are exact everywhere; the normal values go through Math.log, Math.sqrt and Math.cos, which every
// host of this extension (node, electron and the browser panel: all V8 with its fdlibm port) computes identically.
// mulberry32 stays for the numerics' own internal sampling (start vectors, low-discrepancy shuffles).

/** A small deterministic generator of uniform numbers in [0, 1) (mulberry32): same seed, same sequence. */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const PHILOX_M0 = 0xd2511f53,
  PHILOX_M1 = 0xcd9e8d57,
  PHILOX_W0 = 0x9e3779b9,
  PHILOX_W1 = 0xbb67ae85;

/** The high 32 bits of the 64-bit product of two unsigned 32-bit numbers (exact: every partial sum is below 2^53). */
function mulHi32(a: number, b: number): number {
  const al = a & 0xffff,
    ah = a >>> 16,
    bl = b & 0xffff,
    bh = b >>> 16;
  const lh = al * bh,
    hl = ah * bl;
  const mid = ((al * bl) >>> 16) + (lh & 0xffff) + (hl & 0xffff);
  return (ah * bh + Math.floor(lh / 65536) + Math.floor(hl / 65536) + Math.floor(mid / 65536)) >>> 0;
}

/**
 * Philox4x32-10: the bijection of a 128-bit counter (four unsigned 32-bit words) under a 64-bit key (two words), as
 * in Random123's philox4x32(10 rounds). Writes the four output words into `out` (default: a new array).
 */
export function philox4x32(
  counter: readonly [number, number, number, number],
  key: readonly [number, number],
  out: number[] = [0, 0, 0, 0],
): number[] {
  let c0 = counter[0] >>> 0,
    c1 = counter[1] >>> 0,
    c2 = counter[2] >>> 0,
    c3 = counter[3] >>> 0;
  let k0 = key[0] >>> 0,
    k1 = key[1] >>> 0;
  for (let round = 0; round < 10; round++) {
    if (round > 0) {
      k0 = (k0 + PHILOX_W0) >>> 0;
      k1 = (k1 + PHILOX_W1) >>> 0;
    }
    const hi0 = mulHi32(PHILOX_M0, c0),
      lo0 = Math.imul(PHILOX_M0, c0) >>> 0;
    const hi1 = mulHi32(PHILOX_M1, c2),
      lo1 = Math.imul(PHILOX_M1, c2) >>> 0;
    c0 = (hi1 ^ c1 ^ k0) >>> 0;
    c1 = lo1;
    c2 = (hi0 ^ c3 ^ k1) >>> 0;
    c3 = lo0;
  }
  out[0] = c0;
  out[1] = c1;
  out[2] = c2;
  out[3] = c3;
  return out;
}

/** The stream id of a name: 32-bit FNV-1a over its UTF-8 bytes (so `a` and `U` always draw from the same stream). */
export function streamId(name: string): number {
  let h = 0x811c9dc5;
  const byte = (b: number): void => {
    h = Math.imul(h ^ b, 0x01000193) >>> 0;
  };
  for (const ch of name) {
    const c = ch.codePointAt(0)!;
    if (c < 0x80) byte(c);
    else if (c < 0x800) {
      byte(0xc0 | (c >> 6));
      byte(0x80 | (c & 0x3f));
    } else if (c < 0x10000) {
      byte(0xe0 | (c >> 12));
      byte(0x80 | ((c >> 6) & 0x3f));
      byte(0x80 | (c & 0x3f));
    } else {
      byte(0xf0 | (c >> 18));
      byte(0x80 | ((c >> 12) & 0x3f));
      byte(0x80 | ((c >> 6) & 0x3f));
      byte(0x80 | (c & 0x3f));
    }
  }
  return h;
}

/** The largest seed: seeds are whole numbers 0 ≤ seed ≤ 2^53 - 1. */
export const MAX_SEED = Number.MAX_SAFE_INTEGER;

const words = [0, 0, 0, 0];

/** The four Philox words of draw `i` (0 ≤ i < 2^53) of stream `stream` under `seed`. */
function block(seed: number, stream: number, i: number): number[] {
  return philox4x32(
    [i >>> 0, Math.floor(i / 4294967296) >>> 0, Math.floor(seed / 4294967296) >>> 0, 0],
    [seed >>> 0, stream >>> 0],
    words,
  );
}

/** A 53-bit uniform in [0, 1) from two words: the top 27 bits of `a` and the top 26 bits of `b`. */
const to53 = (a: number, b: number): number => ((a >>> 5) * 67108864 + (b >>> 6)) / 9007199254740992;

/** Draw `i` of a stream as a uniform number in [0, 1) with 53 random bits. */
export function uniformAt(seed: number, stream: number, i: number): number {
  const w = block(seed, stream, i);
  return to53(w[0], w[1]);
}

/** Draw `i` of a stream as a uniform number in [0, 1) with 32 random bits (word 0 / 2^32). */
export function uniform32At(seed: number, stream: number, i: number): number {
  return block(seed, stream, i)[0] / 4294967296;
}

/**
 * Draw `i` of a stream as a standard normal number, by Box-Muller on the two 53-bit uniforms of one Philox block:
 * sqrt(-2 ln(1 - u1)) cos(2π u2) (1 - u1 lies in (0, 1], so the logarithm is finite). The sine branch is not used: one
 * block, one normal, so draw i never depends on draw i ± 1.
 */
export function normalAt(seed: number, stream: number, i: number): number {
  const w = block(seed, stream, i);
  const u1 = to53(w[0], w[1]),
    u2 = to53(w[2], w[3]);
  return Math.sqrt(-2 * Math.log(1 - u1)) * Math.cos(2 * Math.PI * u2);
}

/** A sequential view of one stream: draws 0, 1, 2, ... in order (each method advances the same counter). */
export interface DrawStream {
  /** The next uniform in [0, 1) (53 bits). */
  uniform(): number;
  /** The next standard normal. */
  normal(): number;
  /** The index of the next draw. */
  readonly next: number;
}

/** The stream named `name` (hashed by streamId) under `seed`, read from draw 0 on. */
export function drawStream(seed: number, name: string): DrawStream {
  const stream = streamId(name);
  let i = 0;
  return {
    uniform: () => uniformAt(seed, stream, i++),
    normal: () => normalAt(seed, stream, i++),
    get next() {
      return i;
    },
  };
}
