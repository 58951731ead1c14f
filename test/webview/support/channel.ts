// A message channel between the driver and one page for the `binary` transport, through the test server: host
// messages on one endless streamed HTTP response (each: JSON + the typed arrays' bytes), the page's messages on a
// WebSocket (a minimal RFC 6455 server: text frames, no extensions). Two long-lived connections cost a fraction of
// an HTTP request per message (a long poll and a POST per frame cost ~12 ms of browser and network-service CPU a
// frame, as much as drawing it). Host messages do not go over the WebSocket because the devtools protocol the test
// drives Chromium with reports every WebSocket frame with its payload (a 150 KB map cost ~3 ms of browser CPU and the
// driver's parsing of it), where a streamed response is reported by size only.
import { createHash } from 'crypto';
import type * as http from 'http';
import type { Duplex } from 'stream';

/** One page's channel: `send` queues a host message; `onMessage` gets what the page posts. */
export interface Channel {
  send(json: string, bytes: Buffer): void;
  onMessage: (json: string) => void;
  close(): void;
}

interface Entry {
  /** Messages sent before the page opened its stream. */
  queue: Buffer[];
  stream: http.ServerResponse | undefined;
  socket: Duplex | undefined;
  channel: Channel;
}

const GUID = '258EAFA5-E914-47DA-95CA-C5AB0DC85B11';

/** The server side of every channel, keyed by id (the page reads `/__stream/<id>` and connects to `/__ws/<id>`). */
export class Channels {
  private readonly open = new Map<string, Entry>();
  private next = 0;

  /** A new channel and its id. */
  create(): { id: string; channel: Channel } {
    const id = String(this.next++);
    const entry: Entry = {
      queue: [],
      stream: undefined,
      socket: undefined,
      channel: {
        send: (json, bytes) => {
          const m = message(json, bytes);
          if (entry.stream) entry.stream.write(m);
          else entry.queue.push(m);
        },
        onMessage: () => undefined,
        close: () => {
          entry.stream?.end();
          if (entry.socket) writeFrame(entry.socket, 0x8, Buffer.alloc(0)).end();
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

  /** Takes over an HTTP upgrade to `/__ws/<id>`; false for any other request. */
  upgrade(req: http.IncomingMessage, socket: Duplex, pathname: string): boolean {
    const m = /^\/__ws\/(\d+)$/.exec(pathname);
    if (!m) return false;
    const entry = this.open.get(m[1]);
    const key = req.headers['sec-websocket-key'];
    if (!entry || typeof key !== 'string') {
      socket.end('HTTP/1.1 410 Gone\r\n\r\n');
      return true;
    }
    const accept = createHash('sha1')
      .update(key + GUID)
      .digest('base64');
    socket.write(
      `HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: ${accept}\r\n\r\n`,
    );
    (socket as Duplex & { setNoDelay?(on: boolean): void }).setNoDelay?.(true);
    entry.socket = socket;
    let buffered: Buffer = Buffer.alloc(0);
    let parts: Buffer[] = [];
    socket.on('data', (chunk: Buffer) => {
      buffered = buffered.length ? Buffer.concat([buffered, chunk]) : chunk;
      for (;;) {
        const f = readFrame(buffered);
        if (!f) return;
        buffered = buffered.subarray(f.size);
        if (f.opcode === 0x8) {
          writeFrame(socket, 0x8, Buffer.alloc(0)).end();
          return;
        }
        if (f.opcode === 0x9) {
          writeFrame(socket, 0xa, f.payload);
          continue;
        }
        if (f.opcode === 0xa) continue;
        parts.push(f.payload);
        if (!f.fin) continue;
        const text = Buffer.concat(parts).toString('utf8');
        parts = [];
        entry.channel.onMessage(text);
      }
    });
    socket.on('error', () => undefined);
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

/** Writes one final, unmasked frame (server to client); returns the socket. */
function writeFrame(socket: Duplex, opcode: number, payload: Buffer): Duplex {
  const n = payload.length;
  const head = n < 126 ? Buffer.alloc(2) : n < 65536 ? Buffer.alloc(4) : Buffer.alloc(10);
  head[0] = 0x80 | opcode;
  if (n < 126) head[1] = n;
  else if (n < 65536) {
    head[1] = 126;
    head.writeUInt16BE(n, 2);
  } else {
    head[1] = 127;
    head.writeBigUInt64BE(BigInt(n), 2);
  }
  socket.cork();
  socket.write(head);
  socket.write(payload);
  socket.uncork();
  return socket;
}

/** The first whole frame in `b` (client frames are masked), or undefined until it has arrived. */
function readFrame(b: Buffer): { fin: boolean; opcode: number; payload: Buffer; size: number } | undefined {
  if (b.length < 2) return undefined;
  const masked = (b[1] & 0x80) !== 0;
  let n = b[1] & 0x7f;
  let at = 2;
  if (n === 126) {
    if (b.length < 4) return undefined;
    n = b.readUInt16BE(2);
    at = 4;
  } else if (n === 127) {
    if (b.length < 10) return undefined;
    n = Number(b.readBigUInt64BE(2));
    at = 10;
  }
  const mask = masked ? b.subarray(at, at + 4) : undefined;
  if (masked) at += 4;
  if (b.length < at + n) return undefined;
  const payload = Buffer.from(b.subarray(at, at + n));
  if (mask) for (let i = 0; i < n; i++) payload[i] ^= mask[i & 3];
  return { fin: (b[0] & 0x80) !== 0, opcode: b[0] & 0x0f, payload, size: at + n };
}
