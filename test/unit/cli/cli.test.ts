import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { runCli, tempFiles } from '../../support/cli';

/** Runs `overparam ARGS` (dist/cli.js) from the repository root. */
const cli = (...args: string[]) => runCli(args);

/** Writes a document to a temporary file and returns its path. */
const file = tempFiles('overparam-cli-');

describe('overparam analyze', () => {
  test("--json on squared: the issue's shape, exit 0 even with a rank-deficient point", () => {
    const r = cli('analyze', 'examples/squared.overparam', '--json');
    assert.equal(r.code, 0, r.stderr);
    const out = JSON.parse(r.stdout);
    assert.deepEqual(out.params, ['w[1]', 'w[2]']);
    assert.deepEqual(out.outputs, ['θ[1]', 'θ[2]']);
    assert.deepEqual(out.jacobian, [
      ['2 * w[1]', '0'],
      ['0', '2 * w[2]'],
    ]);
    assert.equal(out.points.length, 5);
    for (const p of out.points) {
      for (const key of [
        'at',
        'theta',
        'J',
        'singularValues',
        'rank',
        'tolerance',
        'conditionNumber',
        'operatorNorm',
        'kernel',
        'cokernel',
        'preconditioner',
      ])
        assert.ok(key in p, `points[].${key}`);
      assert.equal(p.J.length, 2);
      assert.equal(p.preconditioner.length, 2);
      for (const k of p.kernel) assert.equal(k.length, 2, 'kernel vectors have length p');
      for (const c of p.cokernel) assert.equal(c.length, 2, 'cokernel vectors have length q');
    }
    const last = out.points[4];
    assert.deepEqual(
      [last.at, last.theta, last.J, last.singularValues, last.rank],
      [
        { 'w[1]': 1, 'w[2]': 0 },
        [1, 0],
        [
          [2, 0],
          [0, 0],
        ],
        [2, 0],
        1,
      ],
    );
    assert.deepEqual(
      [last.kernel, last.cokernel, last.preconditioner],
      [
        [[0, 1]],
        [[0, 1]],
        [
          [4, 0],
          [0, 0],
        ],
      ],
    );
    assert.equal(last.tolerance, 2 * 2 * Number.EPSILON);
    assert.equal(last.conditionNumber, 'Infinity', 'JSON has no Infinity: it is written as a string');
    assert.equal(out.points[3].conditionNumber, 10);
    assert.deepEqual(
      out.diagnostics.map((d: Record<string, unknown>) => [
        d.severity,
        d.line,
        d.column,
        d.endLine,
        d.endColumn,
        d.code,
      ]),
      [['warning', 11, 1, 11, 14, 'rank-deficient']],
    );
    assert.equal(
      out.diagnostics[0].message,
      'J has rank 1 of 2 at w = (1, 0): ghost saddle: the parametric gradient cannot see θ[2]',
    );
  });

  test('text output: aligned J, per-point findings, and FILE:LINE:COL: severity: message', () => {
    const r = cli('analyze', 'examples/squared.overparam');
    assert.equal(r.code, 0);
    const lines = r.stdout.split('\n');
    assert.equal(lines[0], 'examples/squared.overparam: 2 outputs x 2 parameters');
    const j = lines.indexOf('J = dθ/dW:');
    assert.deepEqual(lines.slice(j + 1, j + 4), [
      '            w[1]      w[2]',
      '  θ[1]  2 * w[1]         0',
      '  θ[2]         0  2 * w[2]',
    ]);
    assert.ok(lines.includes('  rank 1/2 (tol 8.88e-16), condition number ∞, operator norm 2'));
    assert.ok(lines.includes('  ghost-saddle direction (ker Jᵀ): θ[2]'));
    assert.ok(
      lines.includes(
        'examples/squared.overparam:11:1: warning: J has rank 1 of 2 at w = (1, 0): ghost saddle: the parametric gradient cannot see θ[2] [rank-deficient]',
      ),
    );
  });

  test('a file with errors: exit 1 and one FILE:LINE:COL: error: line per error on stdout', () => {
    const f = file('bad.overparam', 'param w[2]\nθ = w3\nφ = x +* y\nat w = [1, 2, 3]\n');
    const r = cli('analyze', f);
    assert.equal(r.code, 1);
    const errs = r.stdout.split('\n').filter((l) => l.includes(': error: '));
    assert.deepEqual(errs, [
      `${f}:3:8: error: syntax error: Value expected [syntax]`,
      `${f}:2:5: error: unknown symbol \`w3\` [unknown-symbol]`,
      `${f}:4:8: error: \`w\` is a vector of 2, but the value is a vector of 3 [point]`,
    ]);
    assert.equal(cli('analyze', f, '--json').code, 1);
  });

  test('--at "w1=1, w2=0" adds a point; --tol changes the rank at r = 1e-8', () => {
    const r = cli('analyze', 'examples/squared.overparam', '--json', '--at', 'w1=1, w2=0');
    assert.equal(r.code, 0, r.stderr);
    const out = JSON.parse(r.stdout);
    assert.equal(out.points.length, 6);
    assert.deepEqual(
      [out.points[5].at, out.points[5].J, out.points[5].rank],
      [
        { 'w[1]': 1, 'w[2]': 0 },
        [
          [2, 0],
          [0, 0],
        ],
        1,
      ],
    );
    assert.equal(out.points[5].span, undefined);
    assert.deepEqual(
      out.diagnostics.map((d: { code: string }) => d.code),
      ['rank-deficient', 'rank-deficient'],
    );
    assert.deepEqual(
      JSON.parse(cli('analyze', 'examples/squared.overparam', '--json', '--at', 'w[2]=3').stdout).points[5].at,
      { 'w[1]': 0.1, 'w[2]': 3 },
      'missing names come from the first `at` point',
    );
    const rankAt = (...extra: string[]) =>
      JSON.parse(
        cli(
          'analyze',
          file('tiny.overparam', 'θ1 = r * cos(φ)\nθ2 = r * sin(φ)\nat r = 1e-8, φ = 0.5\n'),
          '--json',
          ...extra,
        ).stdout,
      ).points[0].rank;
    assert.equal(rankAt(), 2);
    assert.equal(rankAt('--tol', '1e-6'), 1);
    assert.equal(rankAt('--tol=1e-6'), 1);
  });

  test('usage errors exit 2 with the usage on stderr', () => {
    for (const args of [
      ['analyze'],
      ['frobnicate', 'examples/squared.overparam'],
      ['analyze', 'no/such/file.overparam'],
      ['analyze', 'examples/squared.overparam', '--tol', '-1'],
      ['analyze', 'examples/squared.overparam', '--at', 'w1'],
      ['analyze', 'examples/squared.overparam', '--at', 'z=1'],
      ['analyze', 'examples/squared.overparam', '--tol'],
      ['analyze', 'examples/squared.overparam', '--jsno'],
      ['map', 'examples/polar.overparam', '--x', 'r:0:1:2', '--y', 'φ:0:1:2', '--cvs'],
    ]) {
      const r = cli(...args);
      assert.equal(r.code, 2, `${args.join(' ')}: ${r.stdout}${r.stderr}`);
      assert.match(r.stderr, /^overparam: .*\nusage:/, args.join(' '));
    }
    const help = cli('--help');
    assert.equal(help.code, 0);
    assert.match(help.stdout, /^usage:\n {2}overparam analyze FILE/);
  });
});

describe('overparam map', () => {
  test('--json: one cell per (x, y), rank 1 along r = 0 for polar', () => {
    const r = cli('map', 'examples/polar.overparam', '--x', 'r:-1:1:5', '--y', 'φ:0:3:4', '--json');
    assert.equal(r.code, 0, r.stderr);
    const out = JSON.parse(r.stdout);
    assert.deepEqual(out.x, { name: 'r', values: [-1, -0.5, 0, 0.5, 1] });
    assert.deepEqual(out.y, { name: 'φ', values: [0, 1, 2, 3] });
    assert.equal(out.rank.length, 20);
    assert.deepEqual(out.rank, [2, 2, 1, 2, 2, 2, 2, 1, 2, 2, 2, 2, 1, 2, 2, 2, 2, 1, 2, 2]);
    assert.deepEqual(out.sigmaMin.slice(0, 5), [1, 0.5, 0, 0.5, 1]);
    assert.deepEqual(out.sigmaMax.slice(0, 5), [1, 1, 1, 1, 1]);
  });

  test('--csv: a header and one line per cell', () => {
    const r = cli('map', 'examples/polar.overparam', '--x', 'r:-1:1:5', '--y', 'φ:0:3:4', '--csv');
    assert.equal(r.code, 0, r.stderr);
    const lines = r.stdout.trim().split('\n');
    assert.equal(lines[0], 'r,φ,sigma_min,sigma_max,rank');
    assert.equal(lines.length, 21);
    const rows = lines.slice(1).map((l) => l.split(',').map(Number));
    for (const [x, , sMin, sMax, rank] of rows) {
      assert.equal(rank, x === 0 ? 1 : 2);
      assert.ok(
        Math.abs(sMin - Math.abs(x)) < 1e-14 && Math.abs(sMax - 1) < 1e-14,
        `σ = (${sMin}, ${sMax}) at r = ${x}`,
      );
    }
  });

  test('text output counts the rank-deficient cells; --point picks the base point', () => {
    const r = cli('map', 'examples/polar.overparam', '--x', 'r:-1:1:5', '--y', 'φ:0:3:4');
    assert.equal(r.code, 0);
    assert.equal(
      r.stdout,
      'examples/polar.overparam: rank map over r in [-1, 1] (5) x φ in [0, 3] (4)\n4 of 20 cells are rank-deficient (rank < 2); use --json or --csv for the cells\n',
    );
    // θ = c (a, b): J = [[c, 0, a], [0, c, b]] has rank 2 where c = 1 (point 1) and rank 1 where c = 0 (point 2).
    const f = file('scaled.overparam', 'θ1 = a * c\nθ2 = b * c\nat a = 1, b = 1, c = 1\nat a = 1, b = 1, c = 0\n');
    const rankAt = (...extra: string[]) =>
      JSON.parse(cli('map', f, '--x', 'a:1:2:2', '--y', 'b:1:2:3', '--json', ...extra).stdout).rank;
    assert.deepEqual(rankAt(), [2, 2, 2, 2, 2, 2]);
    assert.deepEqual(rankAt('--point', '2'), [1, 1, 1, 1, 1, 1]);
  });

  test('the w1 shorthand works even where the base value is 0', () => {
    const f = file('origin.overparam', 'param w[2]\nθ_i = w_i^2\nat w = [0, 0]\n');
    const r = cli('map', f, '--x', 'w1:-1:1:3', '--y', 'w2:-1:1:3', '--json');
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(JSON.parse(r.stdout).rank, [2, 1, 2, 1, 0, 1, 2, 1, 2]);
  });

  test('map errors: a file with errors exits 1; bad axes, unknown names and missing points exit 2', () => {
    const bad = file('bad-map.overparam', 'param w[2]\nθ = w3\n');
    const r = cli('map', bad, '--x', 'w1:0:1:2', '--y', 'w2:0:1:2');
    assert.equal(r.code, 1);
    assert.equal(r.stdout.trim(), `${bad}:2:5: error: unknown symbol \`w3\` [unknown-symbol]`);
    for (const args of [
      ['--x', 'r:0:1', '--y', 'φ:0:1:2'],
      ['--x', 'r:0:1:0', '--y', 'φ:0:1:2'],
      ['--x', 'r:0:1:2'],
      ['--x', 'q:0:1:2', '--y', 'φ:0:1:2'],
      ['--x', 'r:0:1:2', '--y', 'φ:0:1:2', '--point', '9'],
      ['--x', 'r:a:1:2', '--y', 'φ:0:1:2'],
      ['--x', 'r:0:1:2', '--y', 'r:0:2:3'],
    ]) {
      const u = cli('map', 'examples/polar.overparam', ...args);
      assert.equal(u.code, 2, `${args.join(' ')}: ${u.stdout}${u.stderr}`);
    }
    assert.match(
      cli('map', 'examples/polar.overparam', '--x', 'r:0:1:2', '--y', 'r:0:2:3').stderr,
      /--x and --y both name `r`: a map needs two different parameters/,
    );
  });
});
