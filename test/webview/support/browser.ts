// One Chromium for the whole webview tier, the test server, and where artifacts go.
import * as fs from 'fs';
import * as path from 'path';
import { chromium } from 'playwright-core';
import type { Browser } from 'playwright-core';
import { startServer } from './server';
import type { TestServer } from './server';

/** The repository root (tests run from out/webview-test/). */
export const ROOT = path.resolve(__dirname, '..', '..');
/** Screenshots and exported files land here (git-ignored). */
export const ARTIFACTS = path.join(ROOT, 'test-artifacts', 'webview');

/** Chromium as this machine runs it (root, no network, no GPU). */
export function launch(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/** The browser and server shared by every test in the run. */
export interface Rig {
  browser: Browser;
  server: TestServer;
}

/** Starts the browser and server; `stop` closes both. */
export async function startRig(): Promise<Rig & { stop(): Promise<void> }> {
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  const [browser, server] = await Promise.all([launch(), startServer(ROOT)]);
  return {
    browser,
    server,
    stop: async () => {
      await browser.close();
      await server.close();
    },
  };
}

/** An example file's text. */
export const example = (name: string): string => fs.readFileSync(path.join(ROOT, 'examples', name), 'utf8');
