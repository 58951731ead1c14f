import type { Expr, ExprStore } from '../symbolic/expr';

/** A scalar, vector or matrix of expressions; `data` is row-major. Vectors are 1-D, as in mathjs. */
export interface Tensor {
  shape: number[];
  data: Expr[];
}

/** Shape as people write it: `scalar`, `vector of 3`, `2x3 matrix`. */
export function shapeText(shape: readonly number[]): string {
  if (shape.length === 0) return 'a scalar';
  if (shape.length === 1) return `a vector of ${shape[0]}`;
  return `a ${shape[0]}x${shape[1]} matrix`;
}

export const scalar = (e: Expr): Tensor => ({ shape: [], data: [e] });

/** Elementwise combination with scalar broadcasting; `undefined` when the shapes do not match. */
export function elementwise(a: Tensor, b: Tensor, f: (x: Expr, y: Expr) => Expr): Tensor | undefined {
  if (a.shape.length === 0) return { shape: b.shape, data: b.data.map((y) => f(a.data[0], y)) };
  if (b.shape.length === 0) return { shape: a.shape, data: a.data.map((x) => f(x, b.data[0])) };
  if (a.shape.length !== b.shape.length || a.shape.some((d, i) => d !== b.shape[i])) return undefined;
  return { shape: a.shape, data: a.data.map((x, i) => f(x, b.data[i])) };
}

/** A function applied to every entry. */
export const map = (a: Tensor, f: (x: Expr) => Expr): Tensor => ({ shape: a.shape, data: a.data.map(f) });

/** Matrix transpose (a vector or scalar is its own transpose, as in mathjs). */
export function transpose(a: Tensor): Tensor {
  if (a.shape.length < 2) return a;
  const [m, n] = a.shape;
  const data: Expr[] = new Array(m * n);
  for (let i = 0; i < m; i++) for (let j = 0; j < n; j++) data[j * m + i] = a.data[i * n + j];
  return { shape: [n, m], data };
}

/** The product `*`: scalar scaling, matrix-vector, vector-matrix, dot product of vectors, matrix-matrix. */
export function matmul(s: ExprStore, a: Tensor, b: Tensor): Tensor | undefined {
  if (a.shape.length === 0 || b.shape.length === 0) return elementwise(a, b, (x, y) => s.mul([x, y]));
  const rowsA = a.shape.length === 2 ? a.shape[0] : 1,
    inner = a.shape.length === 2 ? a.shape[1] : a.shape[0];
  const innerB = b.shape[0],
    colsB = b.shape.length === 2 ? b.shape[1] : 1;
  if (inner !== innerB) return undefined;
  const data: Expr[] = [];
  for (let i = 0; i < rowsA; i++) {
    for (let j = 0; j < colsB; j++) {
      const terms: Expr[] = [];
      for (let k = 0; k < inner; k++) terms.push(s.mul([a.data[i * inner + k], b.data[k * colsB + j]]));
      data.push(s.add(terms));
    }
  }
  let shape: number[];
  if (a.shape.length === 2 && b.shape.length === 2) shape = [rowsA, colsB];
  else if (a.shape.length === 2) shape = [rowsA];
  else if (b.shape.length === 2) shape = [colsB];
  else shape = [];
  return { shape, data };
}

/** Sum of all entries. */
export const sumAll = (s: ExprStore, a: Tensor): Expr => s.add(a.data);
