import type { CompiledObjective } from '../objective/compileObjective';
import { gradientDescent, type GradientDescentOptions } from './gradientDescent';
import { gradientFlow, type GradientFlowOptions } from './gradientFlow';
import { sgd, type SgdOptions } from './sgd';
import type { TrainResult } from './trainingTypes';

/** One method and its options, as the CLI's `train --method` and the worker pass them. */
export type TrainOptions =
  | ({ method: 'gd' } & GradientDescentOptions)
  | ({ method: 'flow' } & GradientFlowOptions)
  | ({ method: 'sgd' } & SgdOptions);

/** Runs the chosen method from W0 (see gradientDescent, gradientFlow and sgd for each one's exact definition). */
export function train(obj: CompiledObjective, W0: Float64Array, options: TrainOptions): TrainResult {
  switch (options.method) {
    case 'gd':
      return gradientDescent(obj, W0, options);
    case 'flow':
      return gradientFlow(obj, W0, options);
    case 'sgd':
      return sgd(obj, W0, options);
  }
}
