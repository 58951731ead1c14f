/** Hard limits on user input; each one, when hit, is a diagnostic that names it. */
export const LIMITS = {
  fileBytes: 1_000_000,
  lineChars: 2_000,
  nesting: 40,
  /** Depth of one expression's parse tree (x^x^...^x, - - - x); a chain like a + b + c counts as one level. */
  depth: 200,
  outputs: 5_000,
  /**
   * Structural non-zeros of J: the entries compilation differentiates and every evaluation computes. Parameters are
   * limited through it, not by their count: each parameter is a column with at least one entry, so a declaration of
   * more parameters than this is an error at once, before any work.
   */
  jacobianPattern: 4_000_000,
  /** Dense J entries (q * p): the q x p pattern mask, and J per point wherever it is materialised densely. */
  jacobianEntries: 4_000_000,
  /** Structural non-zeros of the outputs' second derivatives ∂²ψ_k/∂W_a∂W_b (a <= b) a Hessian may differentiate. */
  hessianPattern: 8_000_000,
  /** Distinct expression nodes one document may create (outputs and derivatives together). */
  nodes: 5_000_000,
  /** Values one `sweep` line may list (a range counts each of its values). */
  sweepValues: 10_000,
  /** Entries of one seeded random constant (`const a[m] ~ normal(0, 1)`), for every value of its sweeps. */
  drawEntries: 1_000_000,
} as const;
