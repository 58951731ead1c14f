// The host side of the analysis worker: one reused worker_threads Worker with a heap cap, one request at a time,
// a time budget per request (the core stops itself at the deadline; if it does not, the worker is terminated and
// respawned), cancellation through AbortSignal. No vscode import: plain node, so it runs in any test tier.
import { Worker } from 'worker_threads';
import { isWorkerReply } from '../protocol/validate';
import {
  WORKER_READY,
  type RequestParams,
  type RequestPartial,
  type RequestResult,
  type RequestType,
  type WorkerReply,
  type WorkerRequest,
  LAB_REQUESTS,
} from '../protocol/worker';

/** Limits read for every request (settings may change between requests). */
export interface ClientLimits {
  timeBudgetMs: number;
  /** The budget of the labs' runs (LAB_REQUESTS); timeBudgetMs when absent. */
  labBudgetMs?: number;
  memoryMb: number;
}

/** Where the client reports what it does. */
export interface ClientLogger {
  info(message: string): void;
  warn(message: string): void;
}

/** A request stopped because it ran out of a budget; `setting` is the one that raises it. */
export class BudgetError extends Error {
  constructor(
    readonly limit: string,
    readonly setting: string | undefined,
    message: string,
  ) {
    super(message);
    this.name = 'BudgetError';
  }
}

/** A request was cancelled (its document changed) before it finished. */
export class CancelledError extends Error {
  constructor() {
    super('cancelled');
    this.name = 'CancelledError';
  }
}

/** True for a request's cancellation (by name: the panel's compute may be any WorkerLike, in any bundle). */
export const isCancelled = (e: unknown): boolean => e instanceof Error && e.name === 'CancelledError';

/** Extra time past the budget before the worker is terminated (the core normally stops first). */
const HARD_GRACE_MS = 400;
/** How long a cancelled request may keep the worker busy before the worker is terminated. */
const CANCEL_GRACE_MS = 250;

interface Pending {
  id: number;
  type: RequestType;
  params: unknown;
  resolve(value: unknown): void;
  reject(error: Error): void;
  settled: boolean;
  /** Receives the request's partial results while it runs. */
  onPartial?: (partial: unknown) => void;
  timer?: ReturnType<typeof setTimeout>;
  budgetMs: number;
}

/** Sends typed requests to the analysis worker (see ../worker/protocol.ts for the request types). */
export class AnalysisClient {
  private worker: Worker | undefined;
  /** Whether the worker has loaded (requests are sent, and budgets start, only then). */
  private ready = false;
  private readonly queue: Pending[] = [];
  private inFlight: Pending | undefined;
  private nextId = 1;
  private disposed = false;

  constructor(
    private readonly workerFile: string,
    private readonly limits: () => ClientLimits,
    private readonly log: ClientLogger,
  ) {}

  /** Runs request `type` in the worker; rejects with BudgetError, CancelledError or Error. `onPartial` receives what
   *  the request streams while it runs (until it settles). */
  request<K extends RequestType>(
    type: K,
    params: RequestParams<K>,
    signal?: AbortSignal,
    onPartial?: (partial: RequestPartial<K>) => void,
  ): Promise<RequestResult<K>> {
    return new Promise<RequestResult<K>>((resolve, reject) => {
      if (this.disposed) return reject(new CancelledError());
      if (signal?.aborted) return reject(new CancelledError());
      const p: Pending = {
        id: this.nextId++,
        type,
        params,
        resolve: resolve as (v: unknown) => void,
        reject,
        settled: false,
        onPartial: onPartial as ((partial: unknown) => void) | undefined,
        budgetMs: budgetOf(type, this.limits()),
      };
      signal?.addEventListener('abort', () => this.cancel(p), { once: true });
      this.queue.push(p);
      this.pump();
    });
  }

  /** Stops the worker (e.g. after a change of the memory cap); the next request starts a fresh one. */
  restart(): void {
    this.kill();
    this.failInFlight(new CancelledError());
    this.pump();
  }

  /** Stops the worker and rejects everything pending. */
  dispose(): void {
    this.disposed = true;
    this.kill();
    this.failInFlight(new CancelledError());
    for (const p of this.queue.splice(0)) this.settle(p, new CancelledError());
  }

  private pump(): void {
    if (this.inFlight || this.disposed) return;
    if (!this.queue.length) return;
    const worker = this.ensureWorker();
    if (!this.ready) return;
    const p = this.queue.shift()!;
    this.inFlight = p;
    const req: WorkerRequest = { id: p.id, type: p.type, params: p.params as never, deadline: Date.now() + p.budgetMs };
    p.timer = setTimeout(() => this.overBudget(p), p.budgetMs + HARD_GRACE_MS);
    worker.postMessage(req);
  }

  private ensureWorker(): Worker {
    if (this.worker) return this.worker;
    const { memoryMb } = this.limits();
    const worker = new Worker(this.workerFile, {
      resourceLimits: {
        maxOldGenerationSizeMb: memoryMb,
        maxYoungGenerationSizeMb: Math.min(64, Math.max(8, memoryMb / 8)),
        stackSizeMb: 8,
      },
      stdout: false,
      stderr: false,
    });
    worker.on('message', (reply: unknown) => {
      if (worker !== this.worker) return;
      if (reply !== WORKER_READY) {
        if (isWorkerReply(reply)) this.onReply(reply);
        else this.log.warn('dropped a malformed reply from the analysis worker');
        return;
      }
      this.ready = true;
      this.pump();
    });
    worker.on('error', (e: Error & { code?: string }) => {
      if (worker === this.worker) this.onWorkerDied(e);
    });
    worker.on('exit', (code) => {
      if (worker === this.worker) this.onWorkerDied(new Error(`the analysis worker exited with code ${code}`));
    });
    this.worker = worker;
    this.ready = false;
    this.log.info(`analysis worker started (heap cap ${memoryMb} MB)`);
    return worker;
  }

  private onReply(reply: WorkerReply): void {
    const p = this.inFlight;
    if (!p || p.id !== reply.id) return;
    if ('partial' in reply) {
      if (!p.settled) p.onPartial?.(reply.partial);
      return;
    }
    this.inFlight = undefined;
    if (reply.ok) this.settle(p, undefined, reply.result);
    else if (reply.failure.kind === 'budget')
      this.settle(p, budgetError(reply.failure.limit ?? 'time', p.budgetMs, reply.failure.message));
    else this.settle(p, new Error(reply.failure.message));
    this.pump();
  }

  private onWorkerDied(e: Error & { code?: string }): void {
    const loaded = this.ready;
    this.worker = undefined;
    this.ready = false;
    const memoryMb = this.limits().memoryMb;
    const error =
      e.code === 'ERR_WORKER_OUT_OF_MEMORY'
        ? new BudgetError(
            'memory',
            'overparam.analysis.memoryMb',
            `Analysis stopped: it needed more than the ${memoryMb} MB memory cap. Raise \`overparam.analysis.memoryMb\` to allow more.`,
          )
        : e;
    this.log.warn(`analysis worker stopped: ${e.message}`);
    this.failInFlight(error);
    // A worker that dies while loading would die again: fail what waits instead of respawning in a loop.
    if (!loaded) for (const p of this.queue.splice(0)) this.settle(p, error);
    this.pump();
  }

  private overBudget(p: Pending): void {
    if (this.inFlight !== p) return;
    this.log.warn(`request ${p.id} (${p.type}) ran past ${p.budgetMs} ms: terminating the worker`);
    this.kill();
    this.failInFlight(budgetError('time', p.budgetMs));
    this.pump();
  }

  private cancel(p: Pending): void {
    const queued = this.queue.indexOf(p);
    if (queued >= 0) this.queue.splice(queued, 1);
    this.settle(p, new CancelledError());
    if (this.inFlight !== p) return;
    clearTimeout(p.timer);
    p.timer = setTimeout(() => {
      if (this.inFlight !== p) return;
      this.kill();
      this.inFlight = undefined;
      this.pump();
    }, CANCEL_GRACE_MS);
  }

  private failInFlight(error: Error): void {
    const p = this.inFlight;
    this.inFlight = undefined;
    if (p) this.settle(p, error);
  }

  private settle(p: Pending, error?: Error, value?: unknown): void {
    clearTimeout(p.timer);
    if (p.settled) return;
    p.settled = true;
    if (error) p.reject(error);
    else p.resolve(value);
  }

  private kill(): void {
    const w = this.worker;
    this.worker = undefined;
    this.ready = false;
    if (w) void w.terminate();
  }
}

/** The setting that raises a core budget, by the core's limit name. */
function settingFor(limit: string): string | undefined {
  if (/simplif/i.test(limit)) return 'overparam.simplify.timeBudgetMs';
  if (/memory/i.test(limit)) return 'overparam.analysis.memoryMb';
  if (/stack|nest/i.test(limit)) return undefined;
  return 'overparam.analysis.timeBudgetMs';
}

/** A BudgetError with a message that names the limit and the setting. */
function budgetError(limit: string, budgetMs: number, detail?: string): BudgetError {
  const setting = settingFor(limit);
  const what =
    setting === 'overparam.analysis.timeBudgetMs'
      ? `it ran past the time budget of ${budgetMs} ms`
      : (detail ?? `it hit the ${limit} limit`);
  const raise = setting ? ` Raise \`${setting}\` to allow more.` : '';
  return new BudgetError(limit, setting, `Analysis stopped: ${what}.${raise}`);
}

/** The time budget of a request of `type`: the labs' own for lab runs. */
function budgetOf(type: RequestType, limits: ClientLimits): number {
  return LAB_REQUESTS.has(type) ? (limits.labBudgetMs ?? limits.timeBudgetMs) : limits.timeBudgetMs;
}
