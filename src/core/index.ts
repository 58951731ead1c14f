// The core's public surface: pure (no vscode, no DOM), shared by the extension, its worker, the CLI and tests.
export { analyze, analyzeWithModel, pointFromNames, type AnalyzeOptions } from './analyze';
export { compileDocument, type CompileOptions } from './compileDocument';
export { analyzePoint } from './pointReport';
export { gradientField, type FieldData, type FieldGrid } from './field';
export { rankMap, type MapAxis, type RankMapData } from './rankMap';
export { BudgetExceededError } from './budget';
export { describeDirection, tuple } from './directions';
export type { CompiledModel, ModelPoint } from './model';
export type { AnalysisReport, PointReport, SymbolSite } from './report';
export type { Diagnostic, DiagnosticCode, RelatedInfo, Severity, Span } from './diagnostic';
export { analyzeDeficiency, type DeficiencyOptions, type DeficiencyReport } from './deficient/analyzeDeficiency';
export { rankLocus, type LocusOptions, type RankLocus } from './deficient/locus';
export { searchDeficient, type DeficientSet, type SearchOptions, type SearchResult } from './deficient/search';
export {
  symbolicCondition,
  symbolicConditionExprs,
  type ConditionOptions,
  type SymbolicCondition,
  type SymbolicConditionExprs,
} from './deficient/symbolicCondition';
export type { DeficiencyReason, PointExplanation } from './deficient/explainSet';
