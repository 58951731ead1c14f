// Types hostile and huge inputs into a document for 30 s (INT_STRESS_MS to change) with the panel open on
// it, while measuring the extension host's event-loop delay: the analysis and every number the panel draws are
// computed in workers, so the host must never stall. Always asserted: every hover and code-lens request is answered
// and the panel catches up with the final text (nothing hangs). The delay itself (max < 100 ms, less the time the OS
// kept the thread waiting for a CPU) is printed always and asserted with PERF=1 only: it is wall clock, and on a
// machine shared with other jobs it fails for the wrong reason.
import * as assert from 'assert';
import * as fs from 'fs';
import * as inspector from 'inspector';
import { monitorEventLoopDelay } from 'perf_hooks';
import * as vscode from 'vscode';
import * as os from 'os';
import { EXTENSION_ID, openNew, waitFor } from './helpers';
import { StallMonitor } from './stallMonitor';

const DURATION_MS = Number(process.env.INT_STRESS_MS ?? 30_000);
/** Wall-clock floors are asserted only with PERF=1. */
const PERF = process.env.PERF === '1';
const ones = (n: number): string => Array.from({ length: n }, (_, i) => (i % 3) - 1).join(', ');

/** What gets typed (`type`: one character per edit) or pasted (one edit), in turn. */
const SCRIPT: { how: 'type' | 'paste'; text: string }[] = [
  { how: 'paste', text: 'param w[5000]\nθ_i = w_i^2\n' },
  { how: 'type', text: `param x\nθ = ${'sin('.repeat(39)}x${')'.repeat(39)}\nat x = 1\n` },
  {
    how: 'paste',
    text: `param a[20], b[20]\nconst x = [1, -2, 0.5, 3]\nF_k = ${Array.from({ length: 20 }, (_, j) => `b[${j + 1}] * tanh(a[${j + 1}] * x_k)`).join(' + ')} / sqrt(20)\nat a = [${ones(20)}], b = [${ones(20)}]\n`,
  },
  { how: 'paste', text: 'param w[1500]\nθ_i = w_i^2\n' },
  { how: 'type', text: `param r, φ\nθ1 = ${'('.repeat(45)}r${')'.repeat(45)} * cos(φ)\n` },
  { how: 'paste', text: `param w[300]\nθ_i = w_i^2 + ${'w_i * '.repeat(300)}1\nat w = [${ones(300)}]\n` },
  {
    how: 'paste',
    text: `param x, y\nθ = ${Array.from({ length: 30 }, () => '(x*y + sin(x)*cos(y))').join(' * ')}\nat x = 1, y = 2\n`,
  },
  // Models the panel can draw (q = 2, p = 2), so it computes fields and 129 x 129 rank maps of them: a 2,000-term
  // sum, and nesting 40 deep.
  {
    how: 'paste',
    text: `param x, y\nθ1 = ${Array.from({ length: 2000 }, (_, i) => `${(i % 7) + 1} * sin(${i + 1} * x + y)`).join(' + ')}\nθ2 = x * y\nat x = 1, y = 2\n`,
  },
  {
    how: 'paste',
    text: `param x, y\nθ1 = ${'sin('.repeat(40)}x * y${')'.repeat(40)}\nθ2 = ${'cos('.repeat(40)}x + y${')'.repeat(40)}\nat x = 0.5, y = 0.25\n`,
  },
];

type Stats = { ready: boolean; documents: number; frames: number; errors: number; version: number };
const panelStats = async (): Promise<Stats> =>
  (await vscode.commands.executeCommand<Stats | undefined>('overparam._panelStats')) ?? {
    ready: false,
    documents: 0,
    frames: 0,
    errors: 0,
    version: -1,
  };

describe('event loop under hostile typing', () => {
  it(`stays responsive while hostile inputs are typed for ${DURATION_MS / 1000} s (max delay < 100 ms with PERF=1)`, async function () {
    this.timeout(DURATION_MS + 150_000);
    await vscode.extensions.getExtension(EXTENSION_ID)!.activate();
    const doc = await openNew(
      process.env.STRESS_FILE ?? 'stress.overparam',
      'param w[2]\nθ_i = w_i^2\nat w = [1, 2]\n',
    );
    // The panel first, beside the editor, on this document: it must have drawn before the stress starts
    // (INT_STRESS_PANEL=0 leaves it closed, to compare).
    const withPanel = process.env.INT_STRESS_PANEL !== '0';
    if (withPanel) await vscode.commands.executeCommand('overparam.openPanel', doc.uri.toString());
    const opened = withPanel
      ? await waitFor(
          'the panel to draw the document',
          async () => {
            const s = await panelStats();
            return s.ready && s.documents > 0 && s.frames > 0 ? s : undefined;
          },
          60_000,
        )
      : await panelStats();
    const editor = await vscode.window.showTextDocument(doc, vscode.ViewColumn.One);
    const histogram = monitorEventLoopDelay({ resolution: 10 });
    const pause = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));
    const start = Date.now();
    let edits = 0;
    let hovers = 0;
    const requests: Promise<unknown>[] = [];
    let worst = { ms: 0, step: '' };
    histogram.enable();
    const stalls = new StallMonitor();
    stalls.start();
    const profiler = process.env.INT_PROFILE ? await startProfile() : undefined;
    for (let step = 0; Date.now() - start < DURATION_MS; step++) {
      const { how, text } = SCRIPT[step % SCRIPT.length];
      const stepHistogram = monitorEventLoopDelay({ resolution: 10 });
      stepHistogram.enable();
      await editor.edit((b) => b.delete(new vscode.Range(0, 0, doc.lineCount, 0)));
      const chunks = how === 'paste' ? [text] : (text.match(/.{1,3}/gsu) ?? []);
      for (const chunk of chunks) {
        if (Date.now() - start >= DURATION_MS) break;
        await editor.edit((b) => b.insert(doc.positionAt(doc.getText().length), chunk));
        edits++;
        if (how === 'type') await pause(8);
      }
      // Let the debounce fire and the worker answer (or be cancelled by the next edit) while hovers and code
      // lenses ask for the analysis of this version.
      requests.push(
        Promise.resolve(
          vscode.commands.executeCommand('vscode.executeHoverProvider', doc.uri, new vscode.Position(1, 1)),
        ).then(() => hovers++),
        Promise.resolve(vscode.commands.executeCommand('vscode.executeCodeLensProvider', doc.uri)),
      );
      await pause(step % 2 ? 400 : 150);
      stepHistogram.disable();
      if (stepHistogram.max / 1e6 > worst.ms)
        worst = { ms: stepHistogram.max / 1e6, step: `${how} ${JSON.stringify(text.slice(0, 24))}` };
    }
    histogram.disable();
    stalls.stop();
    if (profiler) await profiler(process.env.INT_PROFILE!);
    const panel = await panelStats();
    const ms = (ns: number): number => Math.round(ns / 1e5) / 10;
    const r1 = (x: number): number => Math.round(x * 10) / 10;
    const own = stalls.worstOwn;
    const figures = [
      `event-loop delay over ${Math.round((Date.now() - start) / 1000)} s, ${edits} edits, ${hovers} hovers answered, load average ${os.loadavg()[0].toFixed(1)} on ${os.cpus().length} cores:`,
      `max ${ms(histogram.max)} ms, p99 ${ms(histogram.percentile(99))} ms, mean ${ms(histogram.mean)} ms (10 ms timer interval included); worst step: ${worst.step}`,
      withPanel
        ? `panel open throughout: ${panel.documents - opened.documents} documents and ${panel.frames - opened.frames} frames posted, ${panel.errors} errors (budgets), last version ${panel.version}`
        : 'panel closed (INT_STRESS_PANEL=0)',
      `longest gap ${r1(stalls.worst.ms)} ms (of which ${r1(stalls.worst.waitMs)} ms waiting for a CPU); longest not spent waiting for a CPU: ${r1(own.ms - own.waitMs)} ms (${r1(own.runMs)} ms of it running)`,
      PERF ? 'delay floor asserted (PERF=1)' : 'delay floor printed, not asserted (PERF=1 asserts it)',
    ].join('\n      ');
    console.log(`      ${figures}`);
    // Nothing hangs: every request made during the stress is answered, and the last version still gets analysed
    // (code lenses wait for the analysis of the version on screen).
    requests.push(Promise.resolve(vscode.commands.executeCommand('vscode.executeCodeLensProvider', doc.uri)));
    let timer: ReturnType<typeof setTimeout> | undefined;
    const answered = await Promise.race([
      Promise.allSettled(requests).then(() => true),
      new Promise<false>((r) => (timer = setTimeout(() => r(false), 60_000))),
    ]);
    clearTimeout(timer);
    assert.ok(answered, `all ${requests.length} hover and code-lens requests answered within 60 s of the stress`);
    // What this thread can control: the delay less the time the OS kept it waiting for a CPU (on a 2-core machine
    // shared with a browser, a server and other jobs). Off Linux the wait is unknown and the raw gap counts.
    if (PERF) assert.ok(own.ms - own.waitMs < 100, figures);
    // The panel drops work for text that changed (latest wins), so under continuous typing on a loaded machine it
    // may draw nothing new mid-stress; what must hold is that it is alive: it catches up with the final text.
    if (withPanel) {
      await waitFor(
        'the panel to draw the final version',
        async () => ((await panelStats()).version === doc.version ? true : undefined),
        60_000,
      );
    }
  });
});

/** Starts a CPU profile of the extension host; the returned function writes it (a .cpuprofile) to a path. */
async function startProfile(): Promise<(file: string) => Promise<void>> {
  const session = new inspector.Session();
  session.connect();
  const post = (method: string, params?: object): Promise<unknown> =>
    new Promise((res, rej) => session.post(method, params ?? {}, (e, r) => (e ? rej(e) : res(r))));
  await post('Profiler.enable');
  await post('Profiler.setSamplingInterval', { interval: 1000 });
  await post('Profiler.start');
  return async (file) => {
    const { profile } = (await post('Profiler.stop')) as { profile: unknown };
    fs.writeFileSync(file, JSON.stringify(profile));
    session.disconnect();
  };
}
