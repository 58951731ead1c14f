// One formatter for every layer (CLI, hover, diagnostics, code lenses, panel): numbers, tuples, directions, point
// labels and the markdown/LaTeX of matrices. Pure: no vscode, no node, no DOM (the linter enforces it).
export { num, asciiNum, cond, tuple } from './number';
export { canonicalSign, direction } from './direction';
export { pointLabel } from './point';
export { atLineText, describeReason, setConditions } from './deficientSet';
export { clip, escapeMd, latexMatrix, latexNumber, mathjsMatrix, matrixTable, MAX_EXPRESSION } from './markdown';
