// Entry of the analysis worker (bundled to dist/worker.js): answers WorkerRequests from the extension host one at a
// time. Never imports vscode. The host enforces the hard limits (memory via resourceLimits, time by terminating).
// It runs at normal priority: a niced worker thread (nice 5 to 19) made the extension host's worst stalls longer
// under load (the host thread slept, neither running nor waiting for a CPU: lock hand-offs with a starved thread).
import { parentPort } from 'worker_threads';
import { BudgetExceededError } from '../core/budget';
import { createHandlers, type Handlers } from './handlers';
import { transferables } from './transferables';
import {
  TRANSFER_RESULTS,
  WORKER_READY,
  type RequestType,
  type WorkerFailure,
  type WorkerReply,
  type WorkerRequest,
} from '../protocol/worker';

/** Runs one request through its handler; `emit` posts a partial result of it while it runs. */
function dispatch<K extends RequestType>(
  handlers: Handlers,
  req: WorkerRequest<K>,
  emit: (partial: unknown) => void,
): unknown {
  const handler = handlers[req.type] as (
    params: WorkerRequest<K>['params'],
    deadline: number,
    emit: (partial: unknown) => void,
  ) => unknown;
  if (typeof handler !== 'function') throw new Error(`unknown request type ${String(req.type)}`);
  return handler(req.params, req.deadline, emit);
}

/** A thrown value as a failure the host can show. */
function toFailure(e: unknown): WorkerFailure {
  if (e instanceof BudgetExceededError) return { kind: 'budget', limit: e.limit, message: e.message };
  if (e instanceof RangeError && /call stack/i.test(e.message))
    return { kind: 'budget', limit: 'stack', message: 'the expression is nested too deeply to analyse' };
  return { kind: 'failed', message: e instanceof Error ? e.message : String(e) };
}

/** One small analysis and three panel frames before taking requests, so the first real ones are not charged the
 *  warm-up of mathjs and of the JIT for the shared numerics (a first 65 x 65 map took 19 ms, the third 2.4 ms). */
function warmUp(handlers: Handlers): void {
  const text = 'param w[2]\nθ_i = w_i^2 + sin(w_i) * w_i\nat w = [1, 0]\n';
  const deadline = Date.now() + 10_000;
  try {
    handlers.analyze({ key: '', text, options: {} }, deadline);
    const base = Float64Array.of(1, 0);
    const axis = (param: number) => ({ param, from: -2, to: 2, steps: 65 });
    for (let k = 0; k < 3; k++) {
      handlers.panelFrame(
        {
          key: '',
          text,
          options: {},
          grid: { size: 9, min: -2, max: 2, coords: [0, 1] },
          fields: [{ pointIndex: 0, values: base }],
          details: base,
          rankRows: { base, x: axis(0), y: axis(1), rowFrom: 0, rowTo: 65 },
        },
        deadline,
      );
    }
  } catch {
    // a failing warm-up is not a reason not to serve requests
  }
}

function main(): void {
  const port = parentPort;
  if (!port) throw new Error('analysisWorker must run in a worker thread');
  const handlers = createHandlers();
  warmUp(handlers);
  port.on('message', (req: WorkerRequest) => {
    const start = performance.now();
    let reply: WorkerReply;
    let transfer: ArrayBuffer[] = [];
    try {
      const result = dispatch(handlers, req, (partial) =>
        port.postMessage({ id: req.id, partial } satisfies WorkerReply),
      );
      if (TRANSFER_RESULTS.has(req.type)) transfer = transferables(result);
      reply = { id: req.id, ok: true, result, ms: performance.now() - start };
    } catch (e) {
      reply = { id: req.id, ok: false, failure: toFailure(e) };
    }
    port.postMessage(reply, transfer);
  });
  port.postMessage(WORKER_READY);
}

main();
