// The ArrayBuffers under the typed arrays of a result, so postMessage moves them instead of copying them.
// Only for results built fresh per request: a transferred buffer is detached on the sending side.

/** Every distinct ArrayBuffer behind a typed array in `value` (searched through arrays and plain objects). */
export function transferables(value: unknown, found: Set<ArrayBuffer> = new Set(), depth = 0): ArrayBuffer[] {
  if (ArrayBuffer.isView(value)) {
    if (value.buffer instanceof ArrayBuffer) found.add(value.buffer);
  } else if (depth < 6 && value && typeof value === 'object') {
    for (const v of Array.isArray(value) ? value : Object.values(value)) transferables(v, found, depth + 1);
  }
  return [...found];
}
