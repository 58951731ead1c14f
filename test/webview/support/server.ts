// A localhost server for the webview tests: the panel's own HTML (same builder, same CSP) with resource URLs on
// this origin, and the bundle, KaTeX and media files the panel's localResourceRoots would serve.
import * as fs from 'fs';
import * as http from 'http';
import * as path from 'path';
import { makeNonce, panelHtml } from '../../../src/extension/panel/panelHtml';
import { Channels } from './channel';

const TYPES: Record<string, string> = {
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.map': 'application/json',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.ttf': 'font/ttf',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
};

/** A running test server. */
export interface TestServer {
  url: string;
  /** The pages' streamed message channels (the driver's `binary` transport). */
  channels: Channels;
  close(): Promise<void>;
}

/** Serves `root`/dist and `root`/media, and the panel page at `/`. */
export async function startServer(root: string): Promise<TestServer> {
  const channels = new Channels();
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    const origin = `http://${req.headers.host}`;
    if (channels.handle(res, url.pathname)) return;
    if (url.pathname === '/') {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
      res.end(
        panelHtml({
          cspSource: origin,
          nonce: makeNonce(),
          scriptUri: `${origin}/dist/webview.js`,
          styleUri: `${origin}/media/panel.css`,
          katexStyleUri: `${origin}/dist/katex/katex.min.css`,
        }),
      );
      return;
    }
    if (url.pathname === '/favicon.ico') {
      res.writeHead(204);
      res.end();
      return;
    }
    const rel = path.normalize(decodeURIComponent(url.pathname)).replace(/^([/\\])+/, '');
    const file = path.join(root, rel);
    const allowed = ['dist', 'media'].some((d) => file.startsWith(path.join(root, d) + path.sep));
    if (!allowed || !fs.existsSync(file) || !fs.statSync(file).isFile()) {
      res.writeHead(404);
      res.end();
      return;
    }
    res.writeHead(200, { 'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream' });
    fs.createReadStream(file).pipe(res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  const close = (): Promise<void> =>
    new Promise((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    });
  return { url: `http://127.0.0.1:${port}/`, channels, close };
}
