// The small predicates every message check is built from (src/protocol/validate.ts, the labs' checks in
// src/protocol/labs/*). Numbers that may be non-finite are checked with isReal: JSON (VS Code's webview transport,
// the browser tests' bridge) carries NaN and ±Infinity as null.

/** A plain record. */
export type Rec = Record<string, unknown>;

/** A non-null object that is not an array. */
export const isRec = (x: unknown): x is Rec => typeof x === 'object' && x !== null && !Array.isArray(x);
/** Any number (NaN included). */
export const isNum = (x: unknown): x is number => typeof x === 'number';
/** A number, or the null JSON makes of NaN and ±Infinity. */
export const isReal = (x: unknown): x is number | null => x === null || typeof x === 'number';
/** An integer. */
export const isInt = (x: unknown): x is number => Number.isInteger(x);
/** A string. */
export const isStr = (x: unknown): x is string => typeof x === 'string';
/** A boolean. */
export const isBool = (x: unknown): x is boolean => typeof x === 'boolean';
/** A string or null. */
export const isStrOrNull = (x: unknown): boolean => x === null || isStr(x);
/** `check` or null. */
export const orNull =
  <T>(check: (x: unknown) => x is T) =>
  (x: unknown): x is T | null =>
    x === null || check(x);

/** True for a plain array of numbers or a Float64Array, Float32Array, Int32Array or Uint8Array. */
export function isNumArray(x: unknown, length?: number): boolean {
  const ok =
    x instanceof Float64Array ||
    x instanceof Float32Array ||
    x instanceof Int32Array ||
    x instanceof Uint8Array ||
    (Array.isArray(x) && x.every(isNum));
  return ok && (length === undefined || (x as ArrayLike<number>).length === length);
}

/** An array of numbers where JSON may have put null for a non-finite value. */
export const isRealArray = (x: unknown, length?: number): boolean =>
  (isNumArray(x) || (Array.isArray(x) && x.every(isReal))) &&
  (length === undefined || (x as ArrayLike<unknown>).length === length);

/** An array of number arrays. */
export const isNumArrays = (x: unknown): boolean => Array.isArray(x) && x.every((v) => isNumArray(v));
/** Two numbers. */
export const isPair = (x: unknown): boolean => Array.isArray(x) && x.length === 2 && x.every(isNum);
/** One of `values`. */
export const isOneOf =
  <T extends string>(values: readonly T[]) =>
  (x: unknown): x is T =>
    values.includes(x as T);
/** An array whose every entry passes `check`. */
export const isArrayOf =
  (check: (x: unknown) => boolean) =>
  (x: unknown): boolean =>
    Array.isArray(x) && x.every(check);
