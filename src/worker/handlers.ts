// What the worker does for each request type (see ./protocol.ts). Runs on the worker thread only.
import {
  analyzeDeficiency,
  analyzePoint,
  documentObjective,
  kernelSummary,
  NO_KERNEL_MESSAGE,
  NO_LOSS_MESSAGE,
  rankMap,
} from '../core';
import { MAX_CRITICAL_PARAMS, searchCritical } from '../core/landscape/searchCritical';
import { atLineText } from '../format';
import { panelLocus } from './locusHandler';
import { ModelCache } from './modelCache';
import { objectiveOf } from './objectives';
import { panelFrame, panelModel } from './panelHandlers';
import type { CellSpeeds, ModelOf } from './panelHandlers';
import type { AnalysisOptions, RequestParams, RequestPartial, RequestResult, RequestType } from '../protocol/worker';
import { runLab } from './labRunners';
import { trainHandler } from './trainHandler';
import { trimReport } from './trimReport';

/** One handler per request type; `deadline` is the Date.now() after which the core stops; `emit` sends a partial
 *  result while the handler runs (requests with a `partial` type only). */
export type Handlers = {
  [K in RequestType]: (
    params: RequestParams<K>,
    deadline: number,
    emit?: (partial: RequestPartial<K>) => void,
  ) => RequestResult<K>;
};

/** The handlers, sharing one bounded model cache (keyed by document, so documents never see each other's models). */
export function createHandlers(): Handlers {
  const models = new ModelCache(8);
  const compiled = (key: string, text: string, options: AnalysisOptions, deadline: number) => {
    const { model, diagnostics } = models.get(key, text, options, deadline);
    if (!model) throw new Error(diagnostics[0]?.message ?? 'the document does not compile');
    return model;
  };
  const speeds: CellSpeeds = new WeakMap();
  const modelOf: ModelOf = ({ key, text, options }, deadline) => models.get(key, text, options, deadline).model;
  return {
    panelModel: (params, deadline) => {
      const r = panelModel(
        params,
        deadline,
        (src, dl) => models.analyze(src.key, src.text, src.options, dl),
        modelOf,
        speeds,
      );
      // The Training view runs only for a file with a loss (the compile is cached: no second compilation).
      if (r.model) r.model.hasLoss = models.get(params.key, params.text, params.options, deadline).loss !== undefined;
      return r;
    },
    lab: (params, deadline, emit) =>
      runLab(params, deadline, (p, dl) => models.get(p.key, p.text, p.options, dl), emit),
    train: (params, deadline, emit) =>
      trainHandler(params, deadline, (p, dl) => models.get(p.key, p.text, p.options, dl), emit),
    panelFrame: (params, deadline) => panelFrame(params, deadline, modelOf, speeds),
    panelLocus: (params, deadline) => panelLocus(params, deadline, modelOf),
    analyze: ({ key, text, options }, deadline) => trimReport(models.analyze(key, text, options, deadline)),
    point: ({ key, text, options, values }, deadline) => {
      const model = compiled(key, text, options, deadline);
      if (values.length !== model.p) throw new Error(`expected ${model.p} parameter values, got ${values.length}`);
      return analyzePoint(model, Float64Array.from(values), options.tol);
    },
    deficient: ({ key, text, options, starts, seed }, deadline) => {
      const model = compiled(key, text, options, deadline);
      const report = analyzeDeficiency(model, {
        starts,
        seed,
        deadline,
        // The symbolic determinant may use half the time; past it the search alone answers.
        symbolic: { deadline: Date.now() + (deadline - Date.now()) / 2 },
      });
      return { ...report, atLines: report.sets.map((s) => atLineText(model.shape.params, s.W)) };
    },
    critical: ({ key, text, options, starts }, deadline) => {
      const lab = documentObjective(models.get(key, text, options, deadline));
      if (!lab) throw new Error(NO_LOSS_MESSAGE);
      if (lab.model.p > MAX_CRITICAL_PARAMS)
        throw new Error(`the critical search takes at most ${MAX_CRITICAL_PARAMS} parameters`);
      const r = searchCritical(lab.objective, { starts, seed: lab.seed, deadline });
      return { ...r, atLines: r.criticalPoints.map((c) => atLineText(lab.model.shape.params, c.W)) };
    },
    kernel: ({ key, text, options, convention }, deadline) => {
      const compiled = models.get(key, text, options, deadline);
      const lab = objectiveOf(compiled);
      if (!lab) throw new Error(NO_LOSS_MESSAGE);
      // `overparam kernel`'s default point: the first `at` line.
      const W0 = lab.model.points[0]?.values;
      if (!W0) throw new Error('the tangent kernel is reported at an `at` point: the file has none');
      const s = kernelSummary(lab, W0, { convention, deadline });
      if (!s) throw new Error(NO_KERNEL_MESSAGE);
      return { ...s, point: 1 };
    },
    rankMap: ({ key, text, options, base, x, y }, deadline) => {
      const model = compiled(key, text, options, deadline);
      if (base.length !== model.p) throw new Error(`expected ${model.p} parameter values, got ${base.length}`);
      return rankMap(model, Float64Array.from(base), x, y, options.tol);
    },
  };
}
