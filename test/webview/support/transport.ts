// How the driver's messages reach the page. VS Code moves a webview message's typed arrays as binary; the driver
// has two ways:
// - `devtools` (default): typed arrays as base64 inside the JSON of a devtools-protocol evaluate. The page keeps
//   its CSP, but the devtools protocol is slow with large strings: ~50 ms of browser CPU for a 129 x 129 rank map.
// - `binary`: no devtools protocol per host message: a streamed response through the test server (./channel.ts),
//   JSON with the arrays' bytes alongside, as VS Code's IPC does. It needs `connect-src`, so these pages bypass the
//   CSP (the security suite tests it with the devtools transport). Used where the panel's speed is measured.
// Either way the page's messages (small) reach the driver through playwright's exposeBinding.

/** The transports. */
export type Transport = 'devtools' | 'binary';

type Typed = Float64Array | Float32Array | Int32Array | Uint8Array;
const isTyped = (v: unknown): v is Typed =>
  v instanceof Float64Array || v instanceof Float32Array || v instanceof Int32Array || v instanceof Uint8Array;

/** Typed arrays as base64 in place. */
export function packBase64(value: unknown): unknown {
  if (isTyped(value))
    return {
      __typed: value.constructor.name,
      b64: Buffer.from(value.buffer, value.byteOffset, value.byteLength).toString('base64'),
    };
  if (Array.isArray(value)) return value.map(packBase64);
  if (value && typeof value === 'object')
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, packBase64(v)]));
  return value;
}

/** Typed arrays replaced by {__typed, at, length} into one byte buffer (each starting 8-byte aligned). */
export function packBinary(value: unknown): { tree: unknown; bytes: Buffer } {
  const parts: Buffer[] = [];
  let size = 0;
  const walk = (v: unknown): unknown => {
    if (isTyped(v)) {
      const at = size;
      const b = Buffer.from(v.buffer, v.byteOffset, v.byteLength);
      const pad = (8 - (b.length % 8)) % 8;
      parts.push(b, Buffer.alloc(pad));
      size += b.length + pad;
      return { __typed: v.constructor.name, at, length: v.length };
    }
    if (Array.isArray(v)) return v.map(walk);
    if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, walk(x)]));
    return v;
  };
  const tree = walk(value);
  return { tree, bytes: Buffer.concat(parts, size) };
}

/** In the page (self-contained for addInitScript): rebuilds the typed arrays and posts host messages to the page as
 *  VS Code does, in the order sent. With a channel id (`binary`), reads the channel's stream; without,
 *  `__deliver(json)` takes base64 messages from the devtools protocol. */
export function installReceiver(channel: string | null): void {
  const w = window as unknown as Record<string, unknown>;
  const ctors = { Float64Array, Float32Array, Int32Array, Uint8Array };
  const unpack = (v: unknown, bytes: ArrayBuffer | null, base: number): unknown => {
    if (Array.isArray(v)) return v.map((x) => unpack(x, bytes, base));
    if (!v || typeof v !== 'object') return v;
    const o = v as Record<string, unknown>;
    if (typeof o.__typed === 'string') {
      const ctor = ctors[o.__typed as keyof typeof ctors];
      if (typeof o.b64 === 'string') {
        const bin = atob(o.b64);
        const u8 = new Uint8Array(bin.length);
        for (let i = 0; i < bin.length; i++) u8[i] = bin.charCodeAt(i);
        return new ctor(u8.buffer);
      }
      return new ctor(bytes!, base + (o.at as number), o.length as number);
    }
    return Object.fromEntries(Object.entries(o).map(([k, x]) => [k, unpack(x, bytes, base)]));
  };
  if (channel === null) {
    w.__deliver = (json: string) => window.postMessage(unpack(JSON.parse(json), null, 0), '*');
    return;
  }
  const decoder = new TextDecoder();
  /** One whole message (its own buffer, so the typed arrays' offsets are from its start). */
  const deliver = (buf: ArrayBuffer): void => {
    const jsonLength = new DataView(buf).getUint32(4, true);
    const json = decoder.decode(new Uint8Array(buf, 8, jsonLength));
    const head = 8 + jsonLength;
    window.postMessage(unpack(JSON.parse(json), buf, head + ((8 - (head % 8)) % 8)), '*');
  };
  const read = async (): Promise<void> => {
    const r = await fetch(`/__stream/${channel}`);
    if (r.status !== 200 || !r.body) return;
    const reader = r.body.getReader();
    let message: Uint8Array | null = null;
    let filled = 0;
    const head = new Uint8Array(4);
    let headFilled = 0;
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return;
      for (let at = 0; at < value.length;) {
        if (!message) {
          const n = Math.min(4 - headFilled, value.length - at);
          head.set(value.subarray(at, at + n), headFilled);
          headFilled += n;
          at += n;
          if (headFilled < 4) break;
          message = new Uint8Array(new DataView(head.buffer).getUint32(0, true));
          message.set(head);
          filled = 4;
          headFilled = 0;
        }
        const n = Math.min(message.length - filled, value.length - at);
        message.set(value.subarray(at, at + n), filled);
        filled += n;
        at += n;
        if (filled === message.length) {
          deliver(message.buffer as ArrayBuffer);
          message = null;
        }
      }
    }
  };
  void read();
}
