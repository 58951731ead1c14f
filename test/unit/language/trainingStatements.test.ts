import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  parseStatements,
  type AtStatement,
  type ConstStatement,
  type DataStatement,
  type ModelStatement,
  type ParamStatement,
  type SweepStatement,
} from '../../../src/core/language/statements';
import { ISSUE_BLOCK } from './issueBlock';

const spanOf = (d: { line: number; column: number; endLine: number; endColumn: number }) => [
  d.line,
  d.column,
  d.endLine,
  d.endColumn,
];

describe('statements: losses, data, sweeps and draws', () => {
  test("the issue's block parses verbatim into its statements", () => {
    const { statements, diagnostics } = parseStatements(ISSUE_BLOCK);
    assert.deepEqual(diagnostics, []);
    assert.deepEqual(
      statements.map((s) => [s.kind, s.line]),
      [
        ['loss', 1],
        ['model', 2],
        ['data', 4],
        ['test', 6],
        ['sweep', 7],
        ['param', 8],
        ['const', 9],
        ['at', 10],
        ['at', 11],
        ['seed', 12],
        ['watch', 13],
      ],
    );
    const model = statements[1] as ModelStatement;
    assert.deepEqual(
      [model.name, model.arg, spanOf(model.nameSpan), spanOf(model.argSpan)],
      ['f', 'x', [2, 7, 2, 8], [2, 9, 2, 10]],
    );
    const data = statements[2] as DataStatement;
    assert.deepEqual([data.inputs.name, data.targets.name, spanOf(data.targets.span)], ['X', 'y', [4, 9, 4, 10]]);
    const sweep = statements[4] as SweepStatement;
    assert.deepEqual([sweep.name, sweep.values], ['m', [10, 100, 1000]]);
    const param = statements[5] as ParamStatement;
    assert.deepEqual(
      param.decls.map((d) => [d.name, d.dims.map((x) => (typeof x === 'number' ? x : x.name))]),
      [
        ['v', ['m']],
        ['U', ['m', 2]],
      ],
    );
    const c = statements[6] as ConstStatement;
    assert.equal(c.value, undefined);
    assert.deepEqual(
      [c.name, c.draw?.dist.dist, c.draw?.dims.map((x) => (typeof x === 'number' ? x : x.name))],
      ['a', 'normal', ['m']],
    );
    const at = statements[7] as AtStatement;
    assert.deepEqual(
      at.assignments.map((x) => [x.name, x.draw?.dist ?? 'value']),
      [
        ['U', 'normal'],
        ['v', 'value'],
      ],
    );
    assert.deepEqual(
      (statements[8] as AtStatement).assignments.map((x) => x.name),
      ['v_i', 'U_ij'],
    );
  });

  test('a sweep lists numbers, ranges of whole numbers, or both', () => {
    const values = (text: string) => (parseStatements(text).statements[0] as SweepStatement).values;
    assert.deepEqual(values('sweep p = 1..5'), [1, 2, 3, 4, 5]);
    assert.deepEqual(values('sweep k = 1..3, 8, 1e2, -0.5'), [1, 2, 3, 8, 100, -0.5]);
    assert.equal(values('sweep p = 1..60').length, 60);
  });
});
