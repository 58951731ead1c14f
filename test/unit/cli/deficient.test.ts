// `overparam deficient` as a process (dist/cli.js): the symbolic condition and the search's sets on the examples,
// each set checked against J evaluated independently at its representative.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'fs';
import * as path from 'path';
import { compileDocument } from '../../../src/core';
import { runCli, tempFiles } from '../../support/cli';
import { repoRoot } from '../../support/paths';

/** Runs `overparam ARGS` (dist/cli.js) from the repository root, with its wall time. */
const cli = (...args: string[]) => runCli(args, 60_000);

interface JsonSet {
  at: Record<string, number>;
  W: number[];
  rank: number;
  dimension: number;
  reason: string;
  columns: string[];
  cokernel: number[][];
  conditions: string[];
}

/** `deficient FILE --json ARGS`, parsed; the command must exit 0. */
function deficient(
  file: string,
  ...args: string[]
): { determinant: string | null; factors: string[]; sets: JsonSet[] } {
  const r = cli('deficient', file, '--json', ...args);
  assert.equal(r.code, 0, r.stderr);
  return JSON.parse(r.stdout);
}

/** Writes a document to a temporary file and returns its path. */
const file = tempFiles('overparam-deficient-');

/** J (q x p rows) of a file's model at W, evaluated here, not by the CLI. */
function jacobianAt(source: string, W: number[]): number[][] {
  const { model } = compileDocument(fs.readFileSync(path.resolve(repoRoot, source), 'utf8'));
  assert.ok(model);
  const J = new Float64Array(model.q * model.p);
  model.evaluate(Float64Array.from(W), 1, null, J);
  return Array.from({ length: model.q }, (_, i) => Array.from(J.subarray(i * model.p, (i + 1) * model.p)));
}

const byConditions = (sets: JsonSet[], conditions: string[]): JsonSet => {
  const s = sets.find((x) => x.conditions.join('; ') === conditions.join('; '));
  assert.ok(s, `no set ${conditions.join(', ')} among ${JSON.stringify(sets.map((x) => x.conditions))}`);
  return s;
};

describe('overparam deficient', () => {
  test('squared: det J = 4 w[1] w[2], factors w[1], w[2]; the axes are zero columns, the origin rank 0', () => {
    const r = deficient('examples/squared.overparam');
    assert.equal(r.determinant, '4 * w[1] * w[2]');
    assert.deepEqual(r.factors, ['w[1]', 'w[2]']);
    assert.equal(r.sets.length, 3);
    for (const [j, name] of ['w[1]', 'w[2]'].entries()) {
      const s = byConditions(r.sets, [`${name} = 0`]);
      assert.deepEqual([s.rank, s.dimension, s.reason, s.columns], [1, 1, 'zero-columns', [name]]);
      assert.equal(s.at[name], 0);
      assert.equal(s.W[j], 0);
      assert.notEqual(s.W[1 - j], 0, 'a point of the line, not the origin');
      const J = jacobianAt('examples/squared.overparam', s.W);
      assert.deepEqual([J[0][j], J[1][j]], [0, 0], `the column of ${name} is zero there`);
      assert.deepEqual(
        s.cokernel.map((c) => c.map(Math.abs)),
        [j === 0 ? [1, 0] : [0, 1]],
      );
    }
    const origin = byConditions(r.sets, ['w[1] = 0', 'w[2] = 0']);
    assert.deepEqual([origin.rank, origin.dimension, origin.W, origin.columns], [0, 0, [0, 0], ['w[1]', 'w[2]']]);
  });

  test('text output: one line per set in words, the factors as conditions', () => {
    const r = cli('deficient', 'examples/squared.overparam');
    assert.equal(r.code, 0, r.stderr);
    const lines = r.stdout.split('\n');
    assert.equal(lines[1], 'det J = 4 * w[1] * w[2]: J loses rank where w[1] = 0 or w[2] = 0');
    assert.equal(lines[2], '3 rank-deficient sets found in the box [-2, 2] per parameter:');
    assert.ok(
      lines.some((l) => l.startsWith('  w[1] = 0: zero column of w[1]; rank 1 of 2, dimension 1; e.g. at w[1] = 0,')),
    );
    assert.ok(
      lines.some((l) => l.startsWith('  w[1] = 0, w[2] = 0: zero columns of w[1], w[2]; rank 0 of 2, dimension 0')),
    );
    assert.ok(lines.includes('    ghost-saddle direction (ker Jᵀ): θ[2]'));
  });

  test('polar: det J = r, the one set r = 0 where φ does not move θ', () => {
    const r = deficient('examples/polar.overparam');
    assert.deepEqual(r.factors, ['r']);
    assert.equal(r.sets.length, 1);
    const [s] = r.sets;
    assert.deepEqual(
      [s.conditions, s.rank, s.dimension, s.reason, s.columns],
      [['r = 0'], 1, 1, 'zero-columns', ['φ']],
    );
    assert.equal(s.at.r, 0);
  });

  test('two-layer linear (d = 3): v = 0 with U singular (rank 2), of rank 1 (rank 1), and U = 0, v = 0 (rank 0)', () => {
    const src = 'examples/two-layer-linear.overparam';
    const r = deficient(src);
    const ranks = r.sets.map((s) => [s.rank, s.dimension]);
    // {v = 0, rank U = k}: dimension k (6 - k) of the 3 x 3 matrices of rank k.
    assert.deepEqual(ranks, [
      [2, 8],
      [1, 5],
      [0, 0],
    ]);
    for (const s of r.sets.slice(0, 2)) {
      assert.deepEqual(s.conditions.slice(0, 3), ['v[1] = 0', 'v[2] = 0', 'v[3] = 0']);
      assert.deepEqual(s.W.slice(9), [0, 0, 0]);
      const [a, b, c, d, e, f, g, h, i] = s.W;
      const det = a * (e * i - f * h) - b * (d * i - f * g) + c * (d * h - e * g);
      assert.ok(Math.abs(det) < 1e-9, `det U = ${det} at the representative`);
      // uᵀ J = 0 for each ghost-saddle direction u, with J evaluated here.
      const J = jacobianAt(src, s.W);
      for (const u of s.cokernel)
        for (let j = 0; j < 12; j++) assert.ok(Math.abs(u.reduce((t, x, k) => t + x * J[k][j], 0)) < 1e-9);
    }
    const zero = r.sets[2];
    assert.deepEqual(
      [zero.reason, zero.W, zero.columns.length, zero.cokernel.length],
      ['zero-columns', Array(12).fill(0), 12, 3],
    );
  });

  test('identical tanh neurons: a[1] = a[2] makes the b columns identical (parallel-columns)', () => {
    const src = 'examples/tanh-identical-neurons.overparam';
    const r = deficient(src);
    const s = byConditions(r.sets, ['a[1] = a[2]']);
    assert.deepEqual([s.rank, s.dimension, s.reason], [2, 3, 'parallel-columns']);
    assert.deepEqual(s.columns, ['a[1]', 'a[2]', 'b[1]', 'b[2]']);
    assert.equal(s.at['a[1]'], s.at['a[2]']);
    const J = jacobianAt(src, s.W);
    for (const row of J) assert.equal(row[2], row[3], 'the b columns are equal');
    const dead = byConditions(r.sets, ['a[1] = 0', 'b[1] = 0']);
    assert.deepEqual([dead.reason, dead.columns], ['zero-columns', ['a[1]', 'b[1]']]);
  });

  test('a ReLU unit dead on all the data: zero columns a, c on an open region, no equation', () => {
    const f = file('relu.overparam', 'const x = [-2, -1, 1, 2]\nparam a, c, d, k\nF_i = relu(a*x_i + c) + d*x_i + k\n');
    const r = deficient(f);
    const dead = r.sets.find((s) => s.reason === 'zero-columns');
    assert.ok(dead, JSON.stringify(r.sets));
    assert.deepEqual([dead.rank, dead.dimension, dead.columns, dead.conditions], [2, 4, ['a', 'c'], []]);
    for (const x of [-2, -1, 1, 2]) assert.ok(dead.at.a * x + dead.at.c < 0, `the unit is dead at x = ${x}`);
  });

  test('--box, --starts and --seed reach the search: a box off the axes has no set; seeds may differ, sets do not', () => {
    assert.deepEqual(deficient('examples/squared.overparam', '--box', '0.5:2').sets, []);
    const shifted = deficient('examples/squared.overparam', '--box=-1:3', '--starts', '32', '--seed', '7');
    assert.deepEqual(shifted.sets.map((s) => s.conditions.join(', ')).sort(), [
      'w[1] = 0',
      'w[1] = 0, w[2] = 0',
      'w[2] = 0',
    ]);
    for (const s of shifted.sets) for (const w of s.W) assert.ok(w >= -1 && w <= 3, `${w} in the box`);
    const text = cli('deficient', 'examples/squared.overparam', '--box', '0.5:2');
    assert.match(text.stdout, /\n0 rank-deficient sets found in the box \[0\.5, 2\] per parameter\n/);
  });

  test('deep linear d = 4 (20 parameters), 256 starts: v = 0 with U singular first, down to rank 0; time printed', () => {
    const f = file('deep4.overparam', "param U[4,4], v[4]\nw = U' * v\n");
    const r = cli('deficient', f, '--json', '--starts', '256');
    assert.equal(r.code, 0, r.stderr);
    console.log(`overparam deficient on deep linear d = 4, 256 starts: ${r.ms} ms as a process`);
    const out = JSON.parse(r.stdout);
    assert.equal(out.determinant, null, 'det(J Jᵀ) is beyond the symbolic budget');
    assert.ok(out.note);
    assert.deepEqual([out.sets[0].rank, out.sets[0].dimension], [3, 15]);
    assert.ok(out.sets.some((s: JsonSet) => s.rank === 0 && s.dimension === 0));
  });

  test('errors: a file with errors exits 1; bad values and a spent --budget exit 2', () => {
    const bad = file('bad.overparam', 'param w[2]\nθ = w3\n');
    const r = cli('deficient', bad);
    assert.equal(r.code, 1);
    assert.match(r.stdout, /error: unknown symbol `w3`/);
    for (const args of [
      ['--box', '2:-2'],
      ['--box', '1'],
      ['--box', 'a:b'],
      ['--starts', '0'],
      ['--seed', '-1'],
      ['--seed', '1.5'],
      ['--budget', '0'],
      ['--point', '1'],
    ]) {
      const u = cli('deficient', 'examples/squared.overparam', ...args);
      assert.equal(u.code, 2, `${args.join(' ')}: ${u.stdout}${u.stderr}`);
    }
    const spent = cli('deficient', 'examples/two-layer-linear.overparam', '--budget', '0.001');
    assert.equal(spent.code, 2);
    assert.match(spent.stderr, /time budget .*--budget 0\.001 s/);
  });
});
