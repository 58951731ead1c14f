// The locus bench (issue 13): the rank-deficient locus of a 256 x 256 slice against the rank map of the same slice,
// measured in the same run (best of 15 warm runs each); target: the locus, map included, at most 1.5x the map. Also
// the global search with 256 starts on deep linear d = 4 (target under 1 s).
import { compileDocument, rankLocus, rankMap, searchDeficient } from '../src/core';

const CASES: Array<[string, string, number[]]> = [
  ['squared', 'param w[2]\nθ_i = w_i^2', [0, 0]],
  ['polar', 'θ1 = r * cos(φ)\nθ2 = r * sin(φ)', [0, 0]],
  ['deep linear d = 4', "param U[4,4], v[4]\nw = U' * v", Array.from({ length: 20 }, (_, j) => Math.sin(j))],
  [
    'identical tanh (3 x 4)',
    'const x = [1, -2, 0.5]\nparam a[2], b[2]\nF_k = b[1]*tanh(a[1]*x_k) + b[2]*tanh(a[2]*x_k)',
    [0, 0, 1, 1],
  ],
];

const best = (f: () => unknown, n = 15): number => {
  let t = Infinity;
  for (let i = 0; i < n; i++) {
    const s = performance.now();
    f();
    t = Math.min(t, performance.now() - s);
  }
  return t;
};

/** Prints the locus table; returns the number of cases below target. */
export function benchLocus(): number {
  console.log('\nlocus on 256 x 256 (ms, best of 15): rank map | locus (map included) | ratio | target 1.5x | ok');
  let failures = 0;
  for (const [name, text, base] of CASES) {
    const model = compileDocument(text).model!;
    const W = Float64Array.from(base);
    const X = { param: 0, from: -1.03, to: 0.97, steps: 256 },
      Y = { param: 1, from: -1.03, to: 0.97, steps: 256 };
    // Warm both first (the JIT, not the algorithm, dominates the first calls), then time each.
    for (let i = 0; i < 5; i++) rankLocus(model, W, X, Y);
    const map = best(() => rankMap(model, W, X, Y)),
      locus = best(() => rankLocus(model, W, X, Y));
    const ok = locus / map <= 1.5;
    if (!ok) failures++;
    console.log(
      `${name} | ${map.toFixed(1)} | ${locus.toFixed(1)} | ${(locus / map).toFixed(2)}x | 1.5x | ${ok ? 'yes' : 'NO'}`,
    );
  }
  const deep = compileDocument("param U[4,4], v[4]\nw = U' * v").model!;
  const search = best(() => searchDeficient(deep, { starts: 256, seed: 1 }), 3);
  const ok = search < 1000;
  if (!ok) failures++;
  console.log(
    `global search, deep linear d = 4, 256 starts: ${search.toFixed(0)} ms (target 1000) ${ok ? 'yes' : 'NO'}`,
  );
  return failures;
}
