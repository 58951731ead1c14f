// Helpers shared by the unit tests: compile a document that must be valid, evaluate it at one point, compare numbers.
export { exampleNames, readExample, repoRoot } from './paths';
import assert from 'node:assert/strict';
import { compileDocument, type CompiledModel, type Diagnostic } from '../../src/core';

/** Compiles a document that must have no error diagnostics, and returns its model. */
export function compileOk(text: string): CompiledModel {
  const { model, diagnostics } = compileDocument(text);
  const errors = diagnostics.filter((d) => d.severity === 'error');
  assert.deepEqual(errors, [], `unexpected errors in:\n${text}`);
  assert.ok(model, 'no model');
  return model;
}

/** The error diagnostics of a document as [code, line, column, endLine, endColumn] plus the message. */
export function errorsOf(
  text: string,
): Array<{ code: string; span: [number, number, number, number]; message: string }> {
  return compileDocument(text)
    .diagnostics.filter((d) => d.severity === 'error')
    .map((d: Diagnostic) => ({ code: d.code, span: [d.line, d.column, d.endLine, d.endColumn], message: d.message }));
}

/** theta and J (q x p rows) of a model at one point. */
export function evalAt(model: CompiledModel, x: readonly number[]): { theta: number[]; J: number[][] } {
  const theta = new Float64Array(model.q),
    J = new Float64Array(model.q * model.p);
  model.evaluate(Float64Array.from(x), 1, theta, J);
  return {
    theta: Array.from(theta),
    J: Array.from({ length: model.q }, (_, i) => Array.from(J.subarray(i * model.p, (i + 1) * model.p))),
  };
}

/** J by central differences of theta, step h * max(1, |x_j|). */
export function centralJacobian(model: CompiledModel, x: readonly number[], h = 1e-6): number[][] {
  const J = Array.from({ length: model.q }, () => new Array<number>(model.p).fill(0));
  for (let j = 0; j < model.p; j++) {
    const step = h * Math.max(1, Math.abs(x[j]));
    const plus = [...x],
      minus = [...x];
    plus[j] += step;
    minus[j] -= step;
    const tp = evalAt(model, plus).theta,
      tm = evalAt(model, minus).theta;
    for (let i = 0; i < model.q; i++) J[i][j] = (tp[i] - tm[i]) / (2 * step);
  }
  return J;
}

/** Asserts |actual - expected| <= abs + rel * |expected|. */
export function assertClose(actual: number, expected: number, abs = 1e-12, rel = 1e-12, what = ''): void {
  const ok = Math.abs(actual - expected) <= abs + rel * Math.abs(expected);
  assert.ok(ok, `${what ? what + ': ' : ''}expected ${expected}, got ${actual} (diff ${Math.abs(actual - expected)})`);
}

/** assertClose over two equally shaped matrices (or vectors). */
export function assertAllClose(
  actual: ReadonlyArray<number | readonly number[]>,
  expected: ReadonlyArray<number | readonly number[]>,
  abs = 1e-12,
  rel = 1e-12,
  what = '',
): void {
  assert.equal(actual.length, expected.length, `${what}: length`);
  actual.forEach((a, i) => {
    const e = expected[i];
    if (typeof a === 'number' || typeof e === 'number')
      assertClose(a as number, e as number, abs, rel, `${what}[${i}]`);
    else assertAllClose(a, e, abs, rel, `${what}[${i}]`);
  });
}

/** A x for a matrix given as rows. */
export function matVec(A: readonly (readonly number[])[], x: readonly number[]): number[] {
  return A.map((row) => row.reduce((s, a, j) => s + a * x[j], 0));
}

/** Aᵀ y for a matrix given as rows. */
export function matTVec(A: readonly (readonly number[])[], y: readonly number[]): number[] {
  const out = new Array<number>(A[0]?.length ?? 0).fill(0);
  A.forEach((row, i) =>
    row.forEach((a, j) => {
      out[j] += a * y[i];
    }),
  );
  return out;
}

/** Euclidean norm. */
export const norm = (v: readonly number[]): number => Math.sqrt(v.reduce((s, a) => s + a * a, 0));

/** A small deterministic generator of uniform numbers in [0, 1) (the core's own). */
import { mulberry32 } from '../../src/core/random';
export { mulberry32 };
