// The hover's kernel summary is `overparam kernel`'s (analyzeKernel's) λ_min, μ and R at the same point, and the
// worker's `kernel` request answers it at the first `at` point of the notes' linear-regression example.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { analyzeKernel, compileDocument, kernelSummary } from '../../../src/core';
import { documentObjective } from '../../../src/core/objective/documentObjective';
import { createHandlers } from '../../../src/worker/handlers';
import { readExample } from '../../support/paths';

const text = readExample('kernel/linear-regression');

describe('kernel summary', () => {
  test('the same n, p, λ_min(K), μ and R as the kernel lab, in both conventions', () => {
    const lab = documentObjective(compileDocument(text));
    assert.ok(lab);
    const W0 = lab.model.points[0].values;
    for (const convention of ['half', 'notes'] as const) {
      const full = analyzeKernel(lab, W0, { convention });
      const s = kernelSummary(lab, W0, { convention });
      assert.ok(full && s);
      assert.deepEqual([s.n, s.p], [full.n, full.p]);
      assert.equal(s.lambdaMin, full.spectrum.lambdaMin);
      assert.equal(s.mu, full.mu);
      assert.equal(s.radius, full.radius);
      assert.equal(s.plRatio, full.plRatio);
      assert.equal(s.muConvention, full.muConvention);
      assert.equal(s.samples, full.plStar.samples);
    }
  });

  test("the worker's `kernel` request: point 1 of the example; a file with a loss line has no kernel", () => {
    const handlers = createHandlers();
    const r = handlers.kernel({ key: 'k', text, options: {}, convention: 'half' }, Date.now() + 10_000);
    assert.equal(r.point, 1);
    assert.deepEqual([r.n, r.p], [3, 5]);
    assert.equal(r.lambdaMin.toPrecision(4), '1.554', 'as `overparam kernel` prints it');
    assert.equal(r.radius.toPrecision(4), '18.34');
    const withLoss = 'param w[2]\nθ_i = w_i^2\nloss = (θ[1] - 1)^2\nat w = [1, 1]';
    assert.throws(
      () => handlers.kernel({ key: 'l', text: withLoss, options: {}, convention: 'half' }, Date.now() + 10_000),
      /tangent kernel needs/u,
    );
  });
});
