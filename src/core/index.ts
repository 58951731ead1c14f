// The core's public surface: pure (no vscode, no DOM), shared by the extension, its worker, the CLI and tests.
export { analyze, analyzeWithModel, pointFromNames, type AnalyzeOptions } from './analyze';
export { compileDocument, type CompileOptions } from './compileDocument';
export { analyzePoint } from './pointReport';
export { gradientField, type FieldData, type FieldGrid } from './field';
export { rankMap, type MapAxis, type RankMapData } from './rankMap';
export { BudgetExceededError } from './budget';
export type { CompiledModel, ModelPoint } from './model';
export { modelShape, type Declaration, type ModelShape } from './modelShape';
export type { AnalysisReport, PointReport, SymbolSite } from './report';
export type { Diagnostic, DiagnosticCode, RelatedInfo, Severity, Span } from './diagnostic';
export type { DataSpec, LossSpec, Watch } from './lossSpec';
export {
  compileObjective,
  type CompiledObjective,
  type ObjectiveOptions,
  type ObjectiveWorkspace,
  type SampleGradients,
} from './objective/compileObjective';
export type { HessianEvaluator, HessianPoint } from './objective/hessianEvaluator';
export type { BlockStructure } from './objective/hessianStructure';
export {
  blockSpectrum,
  type BlockOperator,
  type SpectrumOptions,
  type SpectrumSummary,
} from './objective/blockSpectrum';
export { jacobiEigen, type SymmetricEigenResult } from './objective/denseSymmetricEigen';
export { lanczos, type LanczosResult } from './objective/lanczos';
export { objectiveAtPoint, outputHessianNorms, type ObjectivePointReport } from './objective/objectiveReport';
export { compileDataReport, type DataReport } from './objective/dataReport';
export { train, type TrainOptions } from './training/train';
export { gradientDescent, type GradientDescentOptions } from './training/gradientDescent';
export { gradientFlow, canonicalFlow, FLOW_TOLERANCES, type GradientFlowOptions } from './training/gradientFlow';
export { sgd, type SgdOptions } from './training/sgd';
export { canonicalDescent } from './training/canonicalDescent';
export { DIVERGENCE_LOSS } from './training/runControl';
export type {
  CanonicalRecord,
  RecordOptions,
  RunControl,
  StopReason,
  TrainRecord,
  TrainResult,
} from './training/trainingTypes';
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
export { documentObjective, NO_LOSS_MESSAGE, type DocumentObjective } from './objective/documentObjective';
export type { CompileResult } from './compileDocument';
export type { SweepInfo } from './language/sweeps';
export {
  MAX_CRITICAL_PARAMS,
  searchCritical,
  type CriticalPoint,
  type CriticalSearchOptions,
  type CriticalSearchResult,
  type CriticalSource,
} from './landscape/searchCritical';
export {
  classifyPoint,
  criticalType,
  hessianEigen,
  CRITICAL_TOLERANCES,
  type CriticalOrigin,
  type CriticalScales,
  type CriticalType,
  type HessianEigen,
  type PointClass,
} from './landscape/classifyCritical';
export { levenbergMarquardt, type NewtonResult, type NewtonSettings } from './landscape/levenbergMarquardt';
export {
  correlationBound,
  cosine,
  largestStableStep,
  preconditioner,
  preconditionerBound,
} from './landscape/correlation';
export { detectPlateaus, type Plateau, type PlateauOptions } from './landscape/plateau';
export {
  analyzeKernel,
  verdictOf,
  type KernelOptions,
  type KernelReport,
  type KernelStep,
} from './kernel/kernelAnalysis';
export {
  compileTangentKernel,
  NO_KERNEL_MESSAGE,
  type KernelSpectrum,
  type TangentKernel,
} from './kernel/tangentKernel';
export { kernelSummary, type KernelSummary, type KernelSummaryOptions } from './kernel/kernelSummary';
export { muConventionText, muOf, plRatio, ballRadius, type MuConvention } from './kernel/plConvention';
export { widthLab, type WidthOptions, type WidthReport, type WidthRun } from './kernel/widthLab';
export { logLogSlope, type SlopeFit } from './kernel/slopeFit';
export { compileDataJacobian, linearFeatures, type DataJacobian } from './overparam/dataJacobian';
export { findInterpolation, INTERPOLATION_LOSS, type InterpolationReport } from './overparam/interpolation';
export { minimumNormSolve, type MinimumNormSolution } from './overparam/minimumNorm';
export { sgdTail, SGD_STREAM, type SgdTail, type SgdTailOptions } from './overparam/sgdTail';
export { batchConstants, optimalStep, theoryRate, type BatchConstants } from './overparam/batchTheory';
export { batchReport, defaultBatches, type BatchReport, type BatchReportOptions } from './overparam/batchReport';
export { UnsuitableFileError } from './overparam/unsuitable';
export {
  doubleDescent,
  type DoubleDescentCurve,
  type DoubleDescentFit,
  type DoubleDescentOptions,
} from './overparam/doubleDescent';
export {
  weakFeaturesMonteCarlo,
  weakFeaturesRisk,
  type RiskEstimate,
  type WeakFeatures,
} from './overparam/weakFeatures';
export {
  implicitBias,
  predictionMap,
  type ImplicitBiasOptions,
  type ImplicitBiasReport,
} from './overparam/implicitBias';
export { excludeSamples, keptRows } from './overparam/excludeSamples';
export { minimumL1, type L1Solution } from './overparam/minimumL1';
export { q, qAlpha, qAlphaArgmin, type QAlphaSolution } from './overparam/qAlpha';
