import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { analyzeDeficiency, searchDeficient, type DeficientSet } from '../../../src/core';
import { lowDiscrepancyPoints } from '../../../src/core/deficient/lowDiscrepancy';
import { compileOk, evalAt } from '../../support/model';

const find = (sets: DeficientSet[], conditions: string[]) =>
  sets.find((s) => conditions.every((c) => s.conditions.includes(c)) && s.conditions.length === conditions.length);

describe('searchDeficient', () => {
  test('squared: w[1] = 0 and w[2] = 0 (zero columns, rank 1, lines), and w = 0 (rank 0, a point)', () => {
    const m = compileOk('param w[2]\nθ_i = w_i^2');
    const r = analyzeDeficiency(m);
    assert.equal(r.determinant, '4 * w[1] * w[2]');
    assert.deepEqual(r.factors, ['w[1]', 'w[2]']);
    assert.equal(r.genericRank, 2);
    const w1 = find(r.sets, ['w[1] = 0'])!,
      w2 = find(r.sets, ['w[2] = 0'])!,
      origin = find(r.sets, ['w[1] = 0', 'w[2] = 0'])!;
    assert.ok(w1 && w2 && origin, JSON.stringify(r.sets.map((s) => s.conditions)));
    assert.deepEqual(
      [w1.rank, w1.dimension, w1.reason, w1.columns, w1.cokernel],
      [1, 1, 'zero-columns', ['w[1]'], [[1, 0]]],
    );
    assert.deepEqual(
      [w2.rank, w2.dimension, w2.reason, w2.columns, w2.cokernel],
      [1, 1, 'zero-columns', ['w[2]'], [[0, 1]]],
    );
    assert.equal(w1.at['w[1]'], 0);
    assert.equal(w2.W[1], 0);
    assert.deepEqual([origin.rank, origin.dimension, origin.W], [0, 0, [0, 0]]);
    assert.equal(r.sets.length, 3);
  });

  test('polar: the one set r = 0, where φ does not move θ (zero column φ), cokernel across θ', () => {
    const m = compileOk('θ1 = r * cos(φ)\nθ2 = r * sin(φ)');
    const r = searchDeficient(m);
    assert.equal(r.sets.length, 1);
    const [s] = r.sets;
    assert.deepEqual(
      [s.conditions, s.rank, s.dimension, s.reason, s.columns],
      [['r = 0'], 1, 1, 'zero-columns', ['φ']],
    );
    // ker Jᵀ at r = 0 is (-sin φ, cos φ), up to sign.
    const phi = s.at['φ'];
    assert.ok(Math.abs(Math.abs(s.cokernel[0][0] * -Math.sin(phi) + s.cokernel[0][1] * Math.cos(phi)) - 1) < 1e-12);
    assert.equal(r.converged, 256, 'starts at |r| > 1, where σ_min = 1 is flat, still reach r = 0');
  });

  test('two-layer linear d = 2: v = 0 with U of rank 1 (rank 1, dimension 3), and U = 0, v = 0 (rank 0)', () => {
    const m = compileOk("param U[2,2], v[2]\nw = U' * v");
    const r = searchDeficient(m);
    assert.equal(r.sets.length, 2);
    const [line, origin] = r.sets;
    assert.deepEqual([line.rank, line.dimension], [1, 3]);
    assert.deepEqual(line.conditions.slice(0, 2), ['v[1] = 0', 'v[2] = 0']);
    // v = 0 kills every U column; the v columns are U's rows, parallel when U has rank 1 (two parallel neurons).
    assert.equal(line.reason, 'parallel-columns');
    const [a, b, c, d] = line.W;
    assert.ok(Math.abs(a * d - b * c) < 1e-12, 'det U = 0 at the representative');
    const { J } = evalAt(m, line.W);
    assert.ok(Math.abs(line.cokernel[0][0] * J[0][4] + line.cokernel[0][1] * J[1][4]) < 1e-12, 'uᵀ J = 0');
    assert.deepEqual(
      [origin.rank, origin.dimension, origin.reason, origin.W],
      [0, 0, 'zero-columns', [0, 0, 0, 0, 0, 0]],
    );
    assert.equal(origin.columns.length, 6);
  });

  test('identical tanh neurons: a[1] = a[2] (equal b columns, parallel a columns) and the odd twin a[1] = -a[2]', () => {
    const m = compileOk('const x = [1, -2, 0.5]\nparam a[2], b[2]\nF_k = b[1]*tanh(a[1]*x_k) + b[2]*tanh(a[2]*x_k)');
    const r = searchDeficient(m);
    const same = find(r.sets, ['a[1] = a[2]'])!,
      odd = find(r.sets, ['a[1] = -a[2]'])!;
    assert.ok(same && odd, JSON.stringify(r.sets.map((s) => s.conditions)));
    for (const s of [same, odd]) {
      assert.deepEqual([s.rank, s.dimension, s.reason], [2, 3, 'parallel-columns']);
      assert.deepEqual(s.columns, ['a[1]', 'a[2]', 'b[1]', 'b[2]']);
    }
    const { J } = evalAt(m, same.W);
    for (let k = 0; k < 3; k++) assert.equal(J[k][2], J[k][3], 'the b columns are equal');
    // Dead neurons: b[j] = 0 and a[j] = 0 together make both of neuron j's columns zero.
    const dead = find(r.sets, ['a[1] = 0', 'b[1] = 0'])!;
    assert.deepEqual([dead.reason, dead.columns, dead.rank], ['zero-columns', ['a[1]', 'b[1]'], 2]);
  });

  test('a ReLU unit dead on all the data: zero columns a, c on the open region a x_k + c < 0 for every x_k', () => {
    const m = compileOk('const x = [-2, -1, 1, 2]\nparam a, c, d, k\nF_i = relu(a*x_i + c) + d*x_i + k');
    const r = searchDeficient(m);
    assert.equal(r.genericRank, 4);
    const dead = r.sets.find((s) => s.reason === 'zero-columns')!;
    assert.ok(dead);
    assert.deepEqual([dead.rank, dead.dimension, dead.columns, dead.conditions], [2, 4, ['a', 'c'], []]);
    const [a, c] = dead.W;
    for (const x of [-2, -1, 1, 2]) assert.ok(a * x + c < 0);
  });

  test('deep linear d = 4 (20 parameters), 256 starts: v = 0 with U singular, then the deeper strata to rank 0', () => {
    const m = compileOk("param U[4,4], v[4]\nw = U' * v");
    searchDeficient(m, { starts: 8 });
    const t = process.hrtime.bigint();
    const r = searchDeficient(m, { starts: 256, seed: 1 });
    const ms = Number(process.hrtime.bigint() - t) / 1e6;
    console.log(`deep linear d = 4, 256 starts: ${ms.toFixed(0)} ms, ${r.converged} converged, ${r.sets.length} sets`);
    assert.equal(r.converged, 256);
    const ranks = r.sets.map((s) => [s.rank, s.dimension]);
    // rank r of U with v = 0: dimension r (8 - r) of the 4 x 4 matrices of rank r.
    assert.deepEqual(ranks.slice(0, 1), [[3, 15]]);
    assert.deepEqual(r.sets[0].conditions.slice(0, 4), ['v[1] = 0', 'v[2] = 0', 'v[3] = 0', 'v[4] = 0']);
    assert.ok(ranks.some(([k, d]) => k === 0 && d === 0));
  });
});

describe('lowDiscrepancyPoints', () => {
  test('seeded: the same seed gives the same points, in [0, 1), spread over each coordinate', () => {
    const a = lowDiscrepancyPoints(256, 20, 1),
      b = lowDiscrepancyPoints(256, 20, 1),
      c = lowDiscrepancyPoints(256, 20, 2);
    assert.deepEqual(a, b);
    assert.notDeepEqual(a, c);
    assert.ok(a.every((x) => x >= 0 && x < 1));
    for (let j = 0; j < 20; j++) {
      const bins = new Array(8).fill(0);
      for (let i = 0; i < 256; i++) bins[Math.floor(a[i * 20 + j] * 8)]++;
      assert.ok(
        bins.every((n) => n >= 28 && n <= 36),
        `coordinate ${j}: ${bins}`,
      );
    }
  });
});

describe('searchDeficient, even-order zeros', () => {
  test('θ = (tan w[1], w[2]³): the set w[2] = 0 has dimension 1 (sampled, the linearised condition vanishes there)', () => {
    const m = compileOk('param w[2]\nθ1 = tan(w[1])\nθ2 = w[2]^3');
    const r = searchDeficient(m, { starts: 64 });
    assert.equal(r.sets.length, 1);
    const [s] = r.sets;
    assert.deepEqual(
      [s.rank, s.dimension, s.reason, s.columns, s.conditions],
      [1, 1, 'zero-columns', ['w[2]'], ['w[2] = 0']],
    );
  });
});
