// The checks of the locus and sets messages (issue 13): the rank-deficient set on a map's slice and in θ, and the
// `deficient` search's sets.
import { type Rec, isInt, isNumArray, isRec, isStr } from './shapeChecks';

/** Flattened (x, y) pairs: a list of numbers of even length. */
const isPairs = (x: unknown): boolean => isNumArray(x) && (x as ArrayLike<number>).length % 2 === 0;

/** True for a locus message's body: its curves and points, and their image in θ (the same number of vertices per curve). */
export function isLocus(x: Rec): boolean {
  if (!isInt(x.version) || !isInt(x.mapId) || !Array.isArray(x.lines) || !x.lines.every(isPairs)) return false;
  if (!isPairs(x.points)) return false;
  if (x.theta === null) return true;
  const t = x.theta;
  const lines = x.lines as ArrayLike<number>[];
  return (
    isRec(t) &&
    Array.isArray(t.coords) &&
    t.coords.length === 2 &&
    t.coords.every(isInt) &&
    Array.isArray(t.lines) &&
    t.lines.length === lines.length &&
    t.lines.every((l, i) => isNumArray(l, lines[i].length)) &&
    isNumArray(t.points, (x.points as ArrayLike<number>).length)
  );
}

export const isSet = (x: unknown): boolean =>
  isRec(x) && isStr(x.conditions) && isStr(x.reason) && isInt(x.rank) && isInt(x.dimension) && isNumArray(x.W);
