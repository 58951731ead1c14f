// The compiler at scale: a two-layer tanh network of width m built from vector statements, on n = 16 inputs, compiled
// as a row template. Checked against central differences of L and the closed forms of K and of the 2 x 2 blocks of
// the output Hessians.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { compileDocument } from '../../../src/core';
import { documentObjective } from '../../../src/core/objective/documentObjective';
import { outputHessianNorms } from '../../../src/core/objective/objectiveReport';

const X = Array.from({ length: 16 }, (_, k) => -1.5 + 0.2 * k);
const wide = (m: number) =>
  `seed 1\nsweep m = ${m}\nparam v[m], w[m]\nconst X = [${X.map((x) => x.toFixed(1)).join(', ')}]\n` +
  `const y = sin(X)\nmodel f(x) = sum(v .* tanh(w * x)) / sqrt(m)\ndata X, y\nat v ~ normal(0, 1), w ~ normal(0, 1)\n`;
const cpuMs = (t0: NodeJS.CpuUsage) => {
  const u = process.cpuUsage(t0);
  return (u.user + u.system) / 1000;
};

describe('a width-20,000 network (40,000 parameters) on 16 inputs', () => {
  const m = 20_000;
  const t0 = process.cpuUsage();
  const result = compileDocument(wide(m));
  const doc = documentObjective(result)!;
  const W = result.model!.points[0].values;
  const ws = doc.objective.workspace();
  doc.objective.at(W, ws);
  const compileAndGradient = cpuMs(t0);

  test('compiles and gives ∇L within a CPU bound the expanded compiler missed by far', () => {
    assert.deepEqual(result.diagnostics, []);
    const model = result.model!;
    assert.equal(model.p, 2 * m);
    assert.equal(model.q, 16);
    assert.equal(model.nonZeros, 16 * 2 * m);
    // Differentiating the 16 expanded rows took ~30 s CPU at m = 10,000 (and 5,000 parameters was the limit).
    assert.ok(compileAndGradient < 8000, `compile + gradient took ${compileAndGradient} ms of CPU`);
  });

  test('∇_W L matches central differences of L at a few coordinates', () => {
    const loss = new Float64Array(1);
    const L = (x: Float64Array) => (doc.objective.evaluate(x, 1, loss, null), loss[0]);
    const h = 1e-5;
    for (const j of [0, 1, 7_777, m - 1, m, m + 12_345, 2 * m - 1]) {
      const plus = Float64Array.from(W),
        minus = Float64Array.from(W);
      plus[j] += h;
      minus[j] -= h;
      const fd = (L(plus) - L(minus)) / (2 * h);
      assert.ok(Math.abs(fd - ws.gradW[j]) < 1e-8 + 1e-6 * Math.abs(fd), `∂L/∂W_${j}: ${ws.gradW[j]} vs ${fd}`);
    }
    // And L itself: ½ Σ (f(x_k) - sin(x_k))² with f written out.
    let direct = 0;
    X.forEach((x) => {
      let f = 0;
      for (let i = 0; i < m; i++) f += W[i] * Math.tanh(W[m + i] * x);
      direct += 0.5 * (f / Math.sqrt(m) - Math.sin(x)) ** 2;
    });
    assert.ok(Math.abs(ws.loss - direct) < 1e-10 * (1 + direct));
  });

  test('K = DF DFᵀ is the two-layer tanh kernel (1/m) Σ_i [v_i² x_k x_l sech² sech² + tanh tanh]', () => {
    const { jRows, jCols } = doc.objective;
    const row = (k: number) => {
      const r = new Float64Array(2 * m);
      for (let e = 0; e < jRows.length; e++) if (jRows[e] === k) r[jCols[e]] = ws.J[e];
      return r;
    };
    for (const [k, l] of [
      [0, 0],
      [3, 11],
      [15, 8],
    ]) {
      const a = row(k),
        b = row(l);
      let K = 0,
        closed = 0;
      for (let j = 0; j < 2 * m; j++) K += a[j] * b[j];
      for (let i = 0; i < m; i++) {
        const v = W[i],
          w = W[m + i],
          tk = Math.tanh(w * X[k]),
          tl = Math.tanh(w * X[l]);
        closed += v * v * X[k] * X[l] * (1 - tk * tk) * (1 - tl * tl) + tk * tl;
      }
      closed /= m;
      assert.ok(Math.abs(K - closed) < 1e-12 * (1 + Math.abs(closed)), `K[${k},${l}] = ${K}, closed form ${closed}`);
    }
  });

  test('the output Hessians have m blocks of 2 x 2, and max_k ‖H_f(x_k)‖ is the largest closed-form block norm', () => {
    const h = doc.objective.hessian();
    assert.equal(h.outputStructure.blocks.length, m);
    assert.ok(h.outputStructure.blocks.every((b, i) => b.length === 2 && b[0] === i && b[1] === m + i));
    const norms = outputHessianNorms(h.at(W), 16);
    for (const k of [0, 9, 15]) {
      // Block i of H_f(x): [[0, x sech²(w x)], [x sech²(w x), -2 v x² sech²(w x) tanh(w x)]] / √m.
      let largest = 0;
      for (let i = 0; i < m; i++) {
        const x = X[k],
          t = Math.tanh(W[m + i] * x),
          s2 = 1 - t * t;
        const b = (x * s2) / Math.sqrt(m),
          d = (-2 * W[i] * x * x * s2 * t) / Math.sqrt(m);
        largest = Math.max(largest, Math.abs(d) / 2 + Math.hypot(d / 2, b));
      }
      assert.ok(Math.abs(norms[k] - largest) < 1e-12, `‖H_f(x_${k + 1})‖ = ${norms[k]}, closed form ${largest}`);
    }
  });
});
