/** Hard limits on user input; each one, when hit, is a diagnostic that names it. */
export const LIMITS = {
  fileBytes: 1_000_000,
  lineChars: 2_000,
  nesting: 40,
  /** Depth of one expression's parse tree (x^x^...^x, - - - x); a chain like a + b + c counts as one level. */
  depth: 200,
  params: 5_000,
  outputs: 5_000,
  /** Dense J entries (q * p) the numeric side will materialise per point. */
  jacobianEntries: 4_000_000,
  /** Distinct expression nodes one document may create (outputs and derivatives together). */
  nodes: 2_000_000,
  /** Values one `sweep` line may list (a range counts each of its values). */
  sweepValues: 10_000,
  /** Entries of one seeded random constant (`const a[m] ~ normal(0, 1)`), for every value of its sweeps. */
  drawEntries: 1_000_000,
} as const;
