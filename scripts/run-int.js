// Runs mocha extension tests INSIDE a real VS Code extension host (code-server's node extension host), the way
// @vscode/test-electron does on a desktop: --extensionDevelopmentPath + --extensionTestsPath passed through the
// workbench URL's `payload`, the exit code returned via codeAutomationExit. Adapted from
// ../shared/vscode-test-recipe/run-int.js. Also a small library for the UI end-to-end test (scripts/test-e2e.js).
//   node scripts/run-int.js            run out/test/integration/index.js against a fresh copy of test/integration/workspace
// env (all optional): CS_BIN (code-server), EXT_DEV (extension folder), EXT_TESTS (compiled test index, no .js),
//   WS (workspace folder; default: a temp copy of the fixtures), SETTINGS (settings.json), INT_TIMEOUT (ms),
//   INT_GREP (mocha grep), INT_TRUST=untrusted (open the workspace in restricted mode).
const { spawn, execSync } = require('child_process');
const fs = require('fs');
const os = require('os');
const path = require('path');
const net = require('net');

const ROOT = path.resolve(__dirname, '..');
const DEFAULT_CS = path.join(ROOT, '.vscode-test/node_modules/.bin/code-server');
const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-dev-shm-usage',
];

/** Workbench chatter that says nothing about the tests (shown with INT_DEBUG=1). */
const NOISE =
  /open-vsx\.org|Creating a socket|Resolving connection|Resolved connection|\[Service Worker\]|ChatSessionStore|Updating additional builtin|CodeExpectedError/;

/** A free TCP port on 127.0.0.1. */
const freePort = () =>
  new Promise((r) => {
    const s = net.createServer().listen(0, '127.0.0.1', () => {
      const p = s.address().port;
      s.close(() => r(p));
    });
  });

/** Starts code-server in a private temp home; resolves to { port, base, server, log(), stop() }. */
async function startServer({ csBin = process.env.CS_BIN || DEFAULT_CS, settings, trust = true, port } = {}) {
  if (!fs.existsSync(csBin)) throw new Error(`code-server not found at ${csBin}: run scripts/setup-vscode.sh`);
  port = port || (await freePort());
  const base = fs.mkdtempSync(path.join(os.tmpdir(), 'int-')); // keep it short: unix socket paths max 108 chars
  const udd = path.join(base, 'udd');
  fs.mkdirSync(path.join(udd, 'User'), { recursive: true });
  const userSettings = JSON.parse(
    fs.readFileSync(settings || path.join(__dirname, '../test/integration/settings.json'), 'utf8'),
  );
  if (!trust)
    Object.assign(userSettings, {
      'security.workspace.trust.enabled': true,
      'security.workspace.trust.startupPrompt': 'never',
    });
  fs.writeFileSync(path.join(udd, 'User/settings.json'), JSON.stringify(userSettings, null, 2));
  const env = {
    ...process.env,
    TMPDIR: path.join(base, 'tmp'),
    XDG_CONFIG_HOME: path.join(base, 'xdg'),
    XDG_DATA_HOME: path.join(base, 'xdg'),
    XDG_CACHE_HOME: path.join(base, 'xdg'),
  };
  fs.mkdirSync(env.TMPDIR);
  const args = [
    '--bind-addr',
    `127.0.0.1:${port}`,
    '--auth',
    'none',
    '--user-data-dir',
    udd,
    '--extensions-dir',
    path.join(base, 'exts'),
    '--disable-telemetry',
    '--disable-update-check',
    '--disable-getting-started-override',
  ];
  if (trust) args.push('--disable-workspace-trust');
  const server = spawn(csBin, args, { env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  let out = '';
  server.stdout.on('data', (d) => {
    out += d;
  });
  server.stderr.on('data', (d) => {
    out += d;
  });
  for (let i = 0; i < 300 && !out.includes('HTTP server listening'); i++) await new Promise((r) => setTimeout(r, 100));
  if (!out.includes('HTTP server listening')) {
    stopTree(server.pid);
    throw new Error(`code-server did not start:\n${out}`);
  }
  return {
    port,
    base,
    server,
    log: () => out,
    stop: () => {
      stopTree(server.pid);
      fs.rmSync(base, { recursive: true, force: true });
    },
  };
}

/** Kills a process and every descendant (the file watcher and pty host can leave the process group). */
function stopTree(rootPid) {
  const tree = execSync('ps -e -o pid=,ppid=')
    .toString()
    .trim()
    .split('\n')
    .map((l) => l.trim().split(/\s+/).map(Number));
  const doomed = [rootPid];
  for (let i = 0; i < doomed.length; i++) for (const [pid, ppid] of tree) if (ppid === doomed[i]) doomed.push(pid);
  for (const pid of doomed.reverse()) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      /* already gone */
    }
  }
}

/** Launches Debian's Chromium headless through playwright-core. */
async function launchBrowser() {
  const { chromium } = require('playwright-core');
  return chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    headless: true,
    args: CHROMIUM_ARGS,
  });
}

/** The workbench URL that opens `folder` with this extension in development mode (and optionally a test runner). */
function workbenchUrl(port, { folder, extDev = ROOT, tests }) {
  const auth = `127.0.0.1:${port}`;
  const payload = [
    ['extensionDevelopmentPath', `vscode-remote://${auth}${extDev}`],
    ['skipWelcome', 'true'],
  ];
  if (tests) payload.push(['extensionTestsPath', `vscode-remote://${auth}${tests}`]);
  return `http://${auth}/?folder=${encodeURIComponent(folder)}&payload=${encodeURIComponent(JSON.stringify(payload))}`;
}

/** A fresh temp copy of the integration fixtures workspace. */
function freshWorkspace() {
  const ws = fs.mkdtempSync(path.join(os.tmpdir(), 'ws-'));
  fs.cpSync(path.join(ROOT, 'test/integration/workspace'), ws, { recursive: true });
  return ws;
}

/** Runs the integration tests once; resolves to the exit code. */
async function runIntegration() {
  const tests = process.env.EXT_TESTS || path.join(ROOT, 'out/test/integration/index');
  const ws = process.env.WS || freshWorkspace();
  const server = await startServer({ settings: process.env.SETTINGS, trust: process.env.INT_TRUST !== 'untrusted' });
  const browser = await launchBrowser();
  let exitCode = 1;
  try {
    const page = await (await browser.newContext({ permissions: ['clipboard-read', 'clipboard-write'] })).newPage();
    const done = new Promise((resolve) => {
      void page.exposeFunction('codeAutomationLog', (type, args) => {
        if (!process.env.INT_DEBUG && NOISE.test(String(args[0]))) return;
        console[type in console ? type : 'log'](...args);
      });
      void page.exposeFunction('codeAutomationExit', (code) => {
        exitCode = code;
        resolve();
      });
    });
    await page.goto(workbenchUrl(server.port, { folder: ws, extDev: process.env.EXT_DEV || ROOT, tests }));
    const timeout = new Promise((r) =>
      setTimeout(
        () => {
          console.error('run-int: timed out');
          r();
        },
        +(process.env.INT_TIMEOUT || 180000),
      ),
    );
    await Promise.race([done, timeout]);
    if (exitCode !== 0 && process.env.INT_DEBUG) console.error(server.log());
  } finally {
    await browser.close();
    server.stop();
    if (!process.env.WS) fs.rmSync(ws, { recursive: true, force: true });
  }
  return exitCode;
}

/** `npm start` without a desktop VS Code: serves the workbench with this extension and `folder` open until Ctrl+C. */
async function serve(folder, port = Number(process.env.PORT) || 0) {
  const server = await startServer({ settings: path.join(ROOT, 'test/integration/settings.json'), port });
  console.log('\nOverparam Lens in the VS Code server (code-server 4.100.3 = VS Code 1.100.3), examples/ open:');
  console.log(`\n  open  ${workbenchUrl(server.port, { folder })}\n\nCtrl+C stops the server.`);
  const stop = () => {
    server.stop();
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  server.server.on('exit', (code) => {
    console.error(`code-server exited (${code})`);
    process.exit(1);
  });
}

module.exports = { serve, startServer, stopTree, launchBrowser, workbenchUrl, freePort, ROOT };

if (require.main === module) {
  runIntegration().then(
    (code) => process.exit(code),
    (e) => {
      console.error(e);
      process.exit(1);
    },
  );
}
