// A child process of bench/warning.ts: holds many SSE connections over loopback and times when each receives
// the next alert frame. Its own process, so its sockets count against its own file-descriptor limit and its
// parsing is not charged to the server's event loop. It also sends the POST that triggers each alert, so that
// request's client is not charged to the server either, for civdef and the bare peer alike. Times are
// process.hrtime (CLOCK_MONOTONIC on Linux, shared by every process on the machine), so the parent's times and
// ours compare directly.
import { connect, type Socket } from 'node:net';

export type ClientCommand =
  | { cmd: 'open'; port: number; paths: string[]; concurrency: number }
  | { cmd: 'arm' }
  | { cmd: 'collect'; expected: number; timeoutMs: number }
  | { cmd: 'post'; port: number; path: string; headers: Record<string, string>; body: string }
  | { cmd: 'close' };

export type ClientReply =
  | { ok: 'opened'; open: number; failed: number; ms: number }
  | { ok: 'armed' }
  | { ok: 'collected'; arrivals: Array<{ index: number; ns: string }> }
  | { ok: 'posted'; status: number; sentNs: string }
  | { ok: 'closed' }
  | { ok: 'error'; error: string };

const MARK = Buffer.from('\nevent: alert.');
const sockets: Socket[] = [];
let armed = false;
let arrivals: Array<{ index: number; ns: bigint }> = [];
let got: Uint8Array = new Uint8Array(0);

function send(m: ClientReply): void {
  process.send!(m);
}

function openOne(port: number, path: string, index: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = connect({ port, host: '127.0.0.1', noDelay: true });
    let headed = false;
    s.on('connect', () => s.write(`GET ${path} HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: text/event-stream\r\n\r\n`));
    s.on('data', (chunk: Buffer) => {
      if (!headed) {
        headed = true;
        resolve(chunk.subarray(0, 12).toString() === 'HTTP/1.1 200');
        return;
      }
      if (!armed || got[index]) return;
      const at = chunk.indexOf(MARK);
      if (at < 0) return;
      got[index] = 1;
      arrivals.push({ index, ns: process.hrtime.bigint() });
    });
    s.on('error', () => resolve(false));
    sockets[index] = s;
  });
}

async function open(port: number, paths: string[], concurrency: number): Promise<void> {
  const t0 = Date.now();
  got = new Uint8Array(paths.length);
  let next = 0;
  let ok = 0;
  let failed = 0;
  const worker = async () => {
    while (next < paths.length) {
      const i = next++;
      if (await openOne(port, paths[i]!, i)) ok++;
      else failed++;
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  send({ ok: 'opened', open: ok, failed, ms: Date.now() - t0 });
}

/**
 * One HTTP/1.1 POST on a fresh loopback connection: the send time is taken once the connection is up, just
 * before the request is written, so both the server and the bare peer are timed from the same point.
 */
function post(port: number, path: string, headers: Record<string, string>, body: string): Promise<{ status: number; sentNs: bigint }> {
  return new Promise((resolve, reject) => {
    const s = connect({ port, host: '127.0.0.1', noDelay: true });
    const bytes = Buffer.from(body);
    let sentNs = 0n;
    let head = '';
    s.on('connect', () => {
      const lines = Object.entries({ ...headers, host: '127.0.0.1', 'content-length': String(bytes.length), connection: 'close' }).map(([k, v]) => `${k}: ${v}\r\n`);
      sentNs = process.hrtime.bigint();
      s.write(Buffer.concat([Buffer.from(`POST ${path} HTTP/1.1\r\n${lines.join('')}\r\n`), bytes]));
    });
    s.on('data', (chunk: Buffer) => {
      head += chunk.toString('latin1');
      const m = /^HTTP\/1\.1 (\d{3})/.exec(head);
      if (m) {
        s.destroy();
        resolve({ status: Number(m[1]), sentNs });
      }
    });
    s.on('error', reject);
  });
}

process.on('message', (m: ClientCommand) => {
  void (async () => {
    try {
      if (m.cmd === 'open') await open(m.port, m.paths, m.concurrency);
      else if (m.cmd === 'arm') {
        arrivals = [];
        got.fill(0);
        armed = true;
        send({ ok: 'armed' });
      } else if (m.cmd === 'collect') {
        const end = Date.now() + m.timeoutMs;
        while (arrivals.length < m.expected && Date.now() < end) await new Promise((r) => setTimeout(r, 5));
        armed = false;
        send({ ok: 'collected', arrivals: arrivals.map((a) => ({ index: a.index, ns: String(a.ns) })) });
      } else if (m.cmd === 'post') {
        const r = await post(m.port, m.path, m.headers, m.body);
        send({ ok: 'posted', status: r.status, sentNs: String(r.sentNs) });
      } else if (m.cmd === 'close') {
        for (const s of sockets) s?.destroy();
        sockets.length = 0;
        send({ ok: 'closed' });
      }
    } catch (err) {
      send({ ok: 'error', error: String(err) });
    }
  })();
});
