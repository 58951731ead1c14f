// A message channel between the driver and one page over the test server's HTTP, for the `binary` transport: the
// page long-polls for host messages (JSON + the typed arrays' bytes in one binary body) and POSTs its own messages.
// Per message it costs a fraction of a devtools-protocol call (~10 ms of node CPU and ~20 ms of browser CPU each).
import type * as http from 'http';

/** One page's channel: `send` queues a host message; `onMessage` gets what the page posts. */
export interface Channel {
  send(json: string, bytes: Buffer): void;
  onMessage: (json: string) => void;
  close(): void;
}

/** The server side of every channel, keyed by id (`/__poll/<id>`, `/__post/<id>`). */
export class Channels {
  private readonly open = new Map<string, { queue: Buffer[]; waiting: http.ServerResponse | undefined; channel: Channel }>();
  private next = 0;

  /** A new channel and its id. */
  create(): { id: string; channel: Channel } {
    const id = String(this.next++);
    const entry: { queue: Buffer[]; waiting: http.ServerResponse | undefined; channel: Channel } = {
      queue: [], waiting: undefined,
      channel: {
        send: (json, bytes) => {
          entry.queue.push(frame(json, bytes));
          this.flush(entry);
        },
        onMessage: () => undefined,
        close: () => {
          entry.waiting?.end();
          this.open.delete(id);
        },
      },
    };
    this.open.set(id, entry);
    return { id, channel: entry.channel };
  }

  /** Answers `/__poll/<id>` and `/__post/<id>`; false for any other request. */
  handle(req: http.IncomingMessage, res: http.ServerResponse, pathname: string): boolean {
    const m = /^\/__(poll|post)\/(\d+)$/.exec(pathname);
    if (!m) return false;
    const entry = this.open.get(m[2]);
    if (!entry) {
      res.writeHead(410);
      res.end();
      return true;
    }
    if (m[1] === 'poll') {
      entry.waiting = res;
      this.flush(entry);
      return true;
    }
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      res.writeHead(204);
      res.end();
      entry.channel.onMessage(Buffer.concat(chunks).toString('utf8'));
    });
    return true;
  }

  private flush(entry: { queue: Buffer[]; waiting: http.ServerResponse | undefined }): void {
    const res = entry.waiting;
    if (!res || entry.queue.length === 0) return;
    entry.waiting = undefined;
    const body = Buffer.concat(entry.queue.splice(0));
    res.writeHead(200, { 'content-type': 'application/octet-stream', 'cache-control': 'no-store' });
    res.end(body);
  }
}

/** One message: [total length u32][json length u32][json][pad to 8][bytes], little-endian. */
function frame(json: string, bytes: Buffer): Buffer {
  const j = Buffer.from(json, 'utf8');
  const head = 8 + j.length;
  const pad = (8 - (head % 8)) % 8;
  const out = Buffer.alloc(head + pad + bytes.length);
  out.writeUInt32LE(out.length, 0);
  out.writeUInt32LE(j.length, 4);
  j.copy(out, 8);
  bytes.copy(out, head + pad);
  return out;
}
