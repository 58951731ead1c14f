// Each lab's checks on receipt: the host checks a run's parameters, the webview its partials and result. One entry
// per lab of LabMap (a lab without checks does not compile).
import type { LabName } from './labs';
import { isKernelLabParams, isKernelLabResult } from './labs/kernelLab';
import { isLandscapeLabParams, isLandscapeLabPartial, isLandscapeLabResult } from './labs/landscapeLab';
import { isWidthLabParams, isWidthLabResult } from './labs/widthLab';
import { isSgdLabParams, isSgdLabPartial, isSgdLabResult } from './labs/sgdLab';
import { isDoubleDescentLabParams, isDoubleDescentLabResult } from './labs/doubleDescentLab';
import { isBiasLabParams, isBiasLabResult } from './labs/biasLab';

/** A lab's three checks (`partial` is never called for labs that stream none). */
export interface LabChecks {
  params(x: unknown): boolean;
  partial(x: unknown): boolean;
  result(x: unknown): boolean;
}

const none = (): boolean => false;

/** The checks, by lab. */
export const LAB_CHECKS: { readonly [K in LabName]: LabChecks } = {
  kernel: { params: isKernelLabParams, partial: none, result: isKernelLabResult },
  landscape: { params: isLandscapeLabParams, partial: isLandscapeLabPartial, result: isLandscapeLabResult },
  width: { params: isWidthLabParams, partial: isWidthLabResult, result: isWidthLabResult },
  sgd: { params: isSgdLabParams, partial: isSgdLabPartial, result: isSgdLabResult },
  doubleDescent: {
    params: isDoubleDescentLabParams,
    partial: isDoubleDescentLabResult,
    result: isDoubleDescentLabResult,
  },
  bias: { params: isBiasLabParams, partial: isBiasLabResult, result: isBiasLabResult },
};

/** True for the name of a lab. */
export const isLabName = (x: unknown): x is LabName => typeof x === 'string' && Object.hasOwn(LAB_CHECKS, x);
