// The host-to-page half of the `binary` transport: host messages on one endless streamed HTTP response per page
// (node's http, each message JSON + the typed arrays' bytes). Not the devtools protocol, which costs ~50 ms of
// browser CPU per 150 KB map as a string, and not a WebSocket, whose every frame the devtools protocol reports with
// its payload (~3 ms of browser CPU per map); a streamed response is reported by size only. The page's own messages
// are small and go through playwright's exposeBinding, as in the devtools transport (measured: the same browser CPU
// per frame as the hand-written WebSocket server this replaced).
import type * as http from 'http';

/** One page's channel: `send` queues a host message for the page. */
export interface Channel {
  send(json: string, bytes: Buffer): void;
  close(): void;
}

interface Entry {
  /** Messages sent before the page opened its stream. */
  queue: Buffer[];
  stream: http.ServerResponse | undefined;
  channel: Channel;
}

/** The server side of every channel, keyed by id (the page reads `/__stream/<id>`). */
export class Channels {
  private readonly open = new Map<string, Entry>();
  private next = 0;

  /** A new channel and its id. */
  create(): { id: string; channel: Channel } {
    const id = String(this.next++);
    const entry: Entry = {
      queue: [],
      stream: undefined,
      channel: {
        send: (json, bytes) => {
          const m = message(json, bytes);
          if (entry.stream) entry.stream.write(m);
          else entry.queue.push(m);
        },
        close: () => {
          entry.stream?.end();
          this.open.delete(id);
        },
      },
    };
    this.open.set(id, entry);
    return { id, channel: entry.channel };
  }

  /** Answers `/__stream/<id>` with the host's messages, as they are sent, until the channel closes; false for any
   *  other request. */
  handle(res: http.ServerResponse, pathname: string): boolean {
    const m = /^\/__stream\/(\d+)$/.exec(pathname);
    if (!m) return false;
    const entry = this.open.get(m[1]);
    if (!entry) {
      res.writeHead(410);
      res.end();
      return true;
    }
    res.writeHead(200, { 'content-type': 'application/octet-stream', 'cache-control': 'no-store' });
    res.socket?.setNoDelay(true);
    res.flushHeaders();
    entry.stream = res;
    for (const queued of entry.queue.splice(0)) res.write(queued);
    return true;
  }
}

/** One host message: [total length u32][json length u32][json][pad to 8][bytes], little-endian (the typed arrays
 *  stay 8-byte aligned from the message's start). */
function message(json: string, bytes: Buffer): Buffer {
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
