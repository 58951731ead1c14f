/** A 1-based source range; `endColumn` is exclusive (the column just past the last character). */
export interface Span {
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
}

/** How serious a finding is; rank deficiency is a warning, never an error. */
export type Severity = 'error' | 'warning' | 'information';

/** Stable machine-readable codes, one per kind of finding. */
export type DiagnosticCode =
  | 'syntax'
  | 'not-allowed'
  | 'unknown-symbol'
  | 'duplicate-output'
  | 'duplicate-param'
  | 'index-range'
  | 'shape'
  | 'point'
  | 'limit'
  | 'non-finite'
  | 'derivative-mismatch'
  | 'rank-deficient'
  | 'rank-deficient-set'
  | 'ghost-critical'
  | 'near-singular'
  | 'budget';

/** A related location, e.g. the definitions whose rows become dependent at a rank-deficient point. */
export interface RelatedInfo extends Span {
  message: string;
}

/** A finding with its source range: the core's only way of reporting problems in user text. */
export interface Diagnostic extends Span {
  severity: Severity;
  code: DiagnosticCode;
  message: string;
  related?: RelatedInfo[];
}

/** An error thrown inside the core that carries the span it belongs to. */
export class OverparamError extends Error {
  constructor(
    readonly code: DiagnosticCode,
    message: string,
    readonly span: Span,
  ) {
    super(message);
    this.name = 'OverparamError';
  }

  /** This error as a plain diagnostic. */
  toDiagnostic(): Diagnostic {
    return { severity: 'error', code: this.code, message: this.message, ...this.span };
  }
}

/** A span covering columns [start, end) (0-based offsets) of a 1-based line. */
export function spanOf(line: number, start: number, end: number): Span {
  return { line, column: start + 1, endLine: line, endColumn: Math.max(end, start + 1) + 1 };
}
