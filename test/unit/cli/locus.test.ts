// `overparam map … --locus` as a process (dist/cli.js): the rank-deficient set as polylines and points in slice
// coordinates, on grids whose nodes miss the set.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'child_process';
import * as path from 'path';
import { repoRoot } from '../../support/paths';

type Pt = [number, number];

/** Runs `overparam map ARGS` (dist/cli.js) from the repository root. */
function map(...args: string[]): { code: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [path.join(repoRoot, 'dist', 'cli.js'), 'map', ...args], {
    cwd: repoRoot,
    encoding: 'utf8',
    timeout: 30_000,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** `map … --locus --json`, parsed; the command must exit 0. */
function locusOf(...args: string[]): { locus: Pt[][]; locusPoints: Pt[]; x: { values: number[] }; rank: number[] } {
  const r = map(...args, '--locus', '--json');
  assert.equal(r.code, 0, r.stderr);
  return JSON.parse(r.stdout);
}

const near = (a: Pt, b: Pt, tol = 1e-9) => Math.abs(a[0] - b[0]) <= tol && Math.abs(a[1] - b[1]) <= tol;

describe('overparam map --locus', () => {
  test('squared on a 64 x 64 grid without 0: both axes w[1] = 0 and w[2] = 0, edge to edge, meeting at 0', () => {
    const out = locusOf('examples/squared.overparam', '--x', 'w1:-1.03:0.97:64', '--y', 'w2:-1.03:0.97:64');
    assert.ok(!out.x.values.some((v) => Math.abs(v) < 1e-3), 'no grid node on either axis');
    assert.ok(!out.rank.some((r) => r < 2), 'so the rank map itself shows nothing');
    assert.ok(out.locus.length >= 2);
    const vertical = out.locus.filter((l) => l.every(([x]) => Math.abs(x) < 1e-9));
    const horizontal = out.locus.filter((l) => l.every(([, y]) => Math.abs(y) < 1e-9));
    assert.equal(vertical.length + horizontal.length, out.locus.length, 'every polyline lies on an axis');
    const ends = (lines: Pt[][]) => lines.flatMap((l) => [l[0], l[l.length - 1]]);
    for (const [lines, a, b] of [
      [vertical, [0, -1.03], [0, 0.97]],
      [horizontal, [-1.03, 0], [0.97, 0]],
    ] as Array<[Pt[][], Pt, Pt]>) {
      assert.ok(ends(lines).some((e) => near(e, a)) && ends(lines).some((e) => near(e, b)), `reaches ${a} and ${b}`);
      assert.ok(
        ends(lines).some((e) => near(e, [0, 0])),
        'joined at the origin',
      );
      // Between the ends the vertices follow the axis at about one per cell.
      assert.ok(lines.reduce((n, l) => n + l.length, 0) >= 64);
    }
    assert.deepEqual(out.locusPoints, []);
  });

  test('polar: the line r = 0 across φ in [-3, 3], no node on it', () => {
    const out = locusOf('examples/polar.overparam', '--x', 'r:-1.03:0.97:64', '--y', 'φ:-3:3:20');
    assert.equal(out.locus.length, 1);
    const [line] = out.locus;
    for (const [r] of line) assert.ok(Math.abs(r) < 1e-9, `r = ${r}`);
    assert.deepEqual([line[0][1], line[line.length - 1][1]].sort(), [-3, 3]);
    assert.equal(line.length, 20, 'one vertex per horizontal grid line');
    assert.deepEqual(out.locusPoints, []);
  });

  test('two-layer linear at U = 0 (point 2), slice (v[1], v[2]): only the isolated point v = 0', () => {
    const out = locusOf(
      'examples/two-layer-linear.overparam',
      '--point',
      '2',
      '--x',
      'v1:-1.03:0.97:32',
      '--y',
      'v2:-1.03:0.97:32',
    );
    assert.deepEqual(out.locus, []);
    assert.equal(out.locusPoints.length, 1);
    assert.ok(near(out.locusPoints[0], [0, 0], 1e-6), JSON.stringify(out.locusPoints));
  });

  test('identical tanh neurons at b = (1, 1), slice (a[1], a[2]) off the diagonal: a[1] = a[2] and a[1] = -a[2]', () => {
    const out = locusOf(
      'examples/tanh-identical-neurons.overparam',
      '--point',
      '2',
      '--x',
      'a1:-1.03:0.97:64',
      '--y',
      'a2:-1.01:0.99:64',
    );
    const onSet = ([x, y]: Pt) => Math.min(Math.abs(x - y), Math.abs(x + y)) < 1e-9;
    // Near a = 0 every column of b is O(a): σ_min is tiny everywhere there, so only vertices away from it are checked.
    for (const l of out.locus) for (const v of l) if (Math.hypot(...v) > 0.1) assert.ok(onSet(v), `${v} on a set`);
    const ends = out.locus.flatMap((l) => [l[0], l[l.length - 1]]);
    for (const corner of [
      [-1.01, -1.01],
      [0.97, 0.97],
      [-0.99, 0.99],
      [0.97, -0.97],
    ] as Pt[])
      assert.ok(
        ends.some((e) => near(e, corner, 1e-6)),
        `a polyline ends at ${corner}: ${JSON.stringify(ends)}`,
      );
  });

  test('text output adds a count line; --locus with --csv is a usage error', () => {
    const r = map('examples/squared.overparam', '--x', 'w1:-1.03:0.97:64', '--y', 'w2:-1.03:0.97:64', '--locus');
    assert.equal(r.code, 0, r.stderr);
    const lines = r.stdout.trim().split('\n');
    assert.equal(lines[1], '0 of 4096 cells are rank-deficient (rank < 2); use --json or --csv for the cells');
    assert.match(lines[2], /^locus \(rank < 2\): \d+ polylines \(\d+ vertices\) and 0 isolated points; use --json/);
    const plain = map('examples/squared.overparam', '--x', 'w1:-1:1:3', '--y', 'w2:-1:1:3', '--json');
    assert.equal('locus' in JSON.parse(plain.stdout), false, 'no locus keys without --locus');
    const csv = map('examples/squared.overparam', '--x', 'w1:-1:1:3', '--y', 'w2:-1:1:3', '--csv', '--locus');
    assert.equal(csv.code, 2);
  });
});
