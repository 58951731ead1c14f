// What the pure core needs of its host, and nothing more: every host the core runs on (node, a worker thread,
// a browser) has these. Included only by src/core/tsconfig.json; the edges' tsconfigs get them from node's types.

/** A monotonic clock in ms (stats and band timing only; deadlines use Date.now()). */
declare const performance: { now(): number };

/** The one module the core loads lazily: the full mathjs behind the optional `simplify` pass. */
declare function require(id: 'mathjs'): unknown;
