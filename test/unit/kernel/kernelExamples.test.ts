// The kernel examples: each compiles and says what it shows; the width sweep and its non-linear-output counterpart
// differ the way the lecture says (‖H_f‖ falls with m, ‖H_g‖ of g = sigmoid(f) much less).
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'fs';
import * as path from 'path';
import { compileDocument } from '../../../src/core';
import { documentObjective } from '../../../src/core/objective/documentObjective';
import { widthLab, type WidthReport } from '../../../src/core/kernel/widthLab';
import { repoRoot } from '../../support/paths';

const dir = path.join(repoRoot, 'examples', 'kernel');
const read = (name: string) => fs.readFileSync(path.join(dir, `${name}.overparam`), 'utf8');

function sweepReport(name: string): WidthReport {
  const text = read(name);
  const widths = compileDocument(text).sweeps[0].values;
  const runs = widths.map((m) => {
    const r = compileDocument(text, { sweep: { m } });
    const lab = documentObjective(r);
    assert.ok(lab && r.model);
    return { width: m, lab, W0: r.model.points[0].values };
  });
  return widthLab(runs, { steps: 0 });
}

describe('kernel examples', () => {
  test('the three files compile without error and open with a comment', () => {
    const names = fs.readdirSync(dir).sort();
    assert.deepEqual(names, ['linear-regression.overparam', 'sigmoid-output.overparam', 'two-layer-width.overparam']);
    for (const n of names) {
      const text = fs.readFileSync(path.join(dir, n), 'utf8');
      assert.match(text, /^# \S/, n);
      const r = compileDocument(text);
      assert.deepEqual(
        r.diagnostics.filter((d) => d.severity === 'error'),
        [],
        n,
      );
    }
  });

  test('transition to linearity: ‖H_f‖ falls with m (m blocks), ‖H_g‖ of sigmoid(f) falls far less (one block)', () => {
    const f = sweepReport('two-layer-width');
    const g = sweepReport('sigmoid-output');
    assert.deepEqual(f.blocks, f.widths);
    // g's dense Hessian: symbolic blocks (one) at the small widths, central differences past the 3 s budget.
    assert.equal(g.blocks[0], 1);
    assert.ok(f.slopes.hessianNorm.value < -0.3, `f: ${f.slopes.hessianNorm.value}`);
    assert.ok(g.slopes.hessianNorm.value > -0.25, `g: ${g.slopes.hessianNorm.value}`);
    assert.ok(g.slopes.hessianNorm.low! > -0.5, 'the interval of g excludes −1/2');
    assert.ok(g.notes.some((n) => /no transition to linearity/.test(n)));
  });
});
