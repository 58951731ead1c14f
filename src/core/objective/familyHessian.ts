// The outputs' second derivatives of a family sum f = c(x) Σ_r T(W_r, x) + R(W, x): ∂²f/∂W_a∂W_b is c ∂²T/∂a∂b when
// a and b are slots of one member, ∂²R/∂a∂b among R's parameters, and 0 otherwise. The template is differentiated
// twice once; the m members' blocks (the lecture's independent sub-models) are laid out by index, never built.
import { familyRowProgram } from '../numeric/familyProgram';
import { Differentiator } from '../symbolic/differentiate';
import type { Expr, ExprStore } from '../symbolic/expr';
import { memberOf } from '../language/jacobian';
import { atRow, type FamilyLayout, type RowTemplate } from '../symbolic/rowTemplate';
import { symmetricNorm } from './blockNorms';
import { checkHessianPattern, type OutputHessianEntry } from './symbolicObjective';
import type { RowSecondDerivatives } from './templateHessian';

const isZero = (e: Expr): boolean => e.kind === 'num' && e.value === 0;

/** Per row: every member's non-zero ∂²T/∂slot∂slot (member-major), then R's; (k, a, b) with a <= b. */
export function familySecondDerivatives(store: ExprStore, t: RowTemplate, fam: FamilyLayout): RowSecondDerivatives {
  const { p, n } = t;
  const w = fam.width,
    M = fam.members;
  const diff = new Differentiator(store);
  const pairs: { s: number; u: number; expr: Expr }[] = [];
  for (let s = 0; s < w; s++)
    for (let u = s; u < w; u++) {
      const expr = diff.derivative(fam.termGrads[s], fam.vars[u]);
      if (!isZero(expr)) pairs.push({ s, u, expr });
    }
  const rest: { a: number; b: number; expr: Expr }[] = [];
  fam.restCols.forEach((a, i) => {
    for (const b of fam.restGrads[i].vars) {
      if (b < a || b >= p) continue;
      const expr = diff.derivative(fam.restGrads[i], b);
      if (!isZero(expr)) rest.push({ a, b, expr });
    }
  });
  const E = pairs.length,
    T = M * E + rest.length;
  checkHessianPattern(T * n);
  const k = new Int32Array(T * n),
    a = new Int32Array(T * n),
    b = new Int32Array(T * n);
  for (let r = 0; r < M; r++)
    pairs.forEach((e, i) => {
      const x = fam.vars[r * w + e.s],
        y = fam.vars[r * w + e.u];
      a[r * E + i] = Math.min(x, y);
      b[r * E + i] = Math.max(x, y);
    });
  rest.forEach((e, i) => {
    a[M * E + i] = e.a;
    b[M * E + i] = e.b;
  });
  for (let row = 1; row < n; row++) {
    a.copyWithin(row * T, 0, T);
    b.copyWithin(row * T, 0, T);
  }
  for (let row = 0; row < n; row++) k.fill(row, row * T, (row + 1) * T);
  const program = familyRowProgram(t, fam, {
    member: pairs.map((e) => e.expr),
    writeMember: (i, v) => `th[to + r * ${E} + ${i}] = sc * ${v};`,
    rest: rest.map((e) => e.expr),
    writeRest: (i, v) => `th[to + ${M * E + i}] = ${v};`,
    thetaPerRow: Math.max(1, T),
    jPerRow: 0,
  });
  const entries = (): OutputHessianEntry[] => {
    const out: OutputHessianEntry[] = [];
    const members = Array.from({ length: M }, (_, r) => memberOf(store, fam, r));
    for (let row = 0; row < n; row++) {
      const at = atRow(store, t, row);
      for (let r = 0; r < M; r++)
        pairs.forEach((e, i) =>
          out.push({ k: row, a: a[r * E + i], b: b[r * E + i], expr: at(store.mul([fam.scale, members[r](e.expr)])) }),
        );
      rest.forEach((e) => out.push({ k: row, a: e.a, b: e.b, expr: at(e.expr) }));
    }
    return out;
  };
  // With no second derivatives of R, the blocks are the members: each row's norm is its largest member block's.
  const norms = (psi: Float64Array, q: number): Float64Array => {
    const out = new Float64Array(q),
      B = new Float64Array(w * w);
    for (let row = 0; row < n; row++) {
      let largest = 0;
      for (let r = 0, t = row * T; r < M; r++, t += E) {
        B.fill(0);
        for (let i = 0; i < E; i++) B[pairs[i].s * w + pairs[i].u] = psi[t + i];
        const v = symmetricNorm(B, w);
        if (!(v <= largest)) largest = v;
      }
      out[row] = largest;
    }
    return out;
  };
  return { k, a, b, program, entries, perRow: T, norms: rest.length ? undefined : norms };
}
