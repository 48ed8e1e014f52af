import { once } from 'node:events';
import { createServer, get, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { SseHub, SubscriberLimitError, type Subscriber } from './sse-hub.js';

// The hub over real sockets: a subscriber that stops reading fills its kernel buffers, then ours, and must be
// dropped while the others go on receiving.

interface Rig {
  hub: SseHub;
  server: Server;
  url: string;
  /** Server side of each connection, in connection order. */
  subs: Array<{ sub: Subscriber; res: ServerResponse }>;
}

const rigs: Rig[] = [];
afterEach(async () => {
  for (const r of rigs.splice(0)) {
    r.hub.close();
    r.server.closeAllConnections();
    r.server.close();
  }
});

async function rig(maxBufferedBytes: number, maxSubscribers = 100): Promise<Rig> {
  const hub = new SseHub({ maxBufferedBytes, maxSubscribers, heartbeatMs: 60_000 });
  const subs: Rig['subs'] = [];
  const server = createServer((req, res) => {
    res.writeHead(200, { 'content-type': 'text/event-stream' });
    const zones = new URL(req.url!, 'http://x').searchParams.get('zones')!.split(',');
    const sub = hub.add(res, zones);
    res.on('close', () => hub.remove(sub));
    subs.push({ sub, res });
    res.write(': hello\n\n');
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const r = { hub, server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, subs };
  rigs.push(r);
  return r;
}

interface Client {
  res: IncomingMessage;
  bytes: number;
  text: string;
  closed: boolean;
}

async function connect(url: string, zones: string, keepText = false): Promise<Client> {
  const res = await new Promise<IncomingMessage>((resolve, reject) => get(`${url}/?zones=${zones}`, resolve).on('error', reject));
  const c: Client = { res, bytes: 0, text: '', closed: false };
  res.on('data', (chunk: Buffer) => {
    c.bytes += chunk.length;
    if (keepText) c.text += chunk.toString();
  });
  res.on('close', () => (c.closed = true));
  res.on('error', () => (c.closed = true));
  while (c.bytes === 0) await new Promise((r) => setTimeout(r, 2));
  return c;
}

async function until(what: string, cond: () => boolean, ms = 10_000): Promise<void> {
  const end = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 2));
  }
}

describe('SseHub', () => {
  it('sends a broadcast once to each subscriber of any zone it touches, and to no one else', async () => {
    const r = await rig(1 << 20);
    const both = await connect(r.url, 'a,b', true);
    const onlyB = await connect(r.url, 'b', true);
    const other = await connect(r.url, 'c', true);
    expect(r.hub.broadcast(['a', 'b'], Buffer.from('data: 1\n\n'))).toBe(2);
    expect(r.hub.broadcast(['c'], Buffer.from('data: 2\n\n'))).toBe(1);
    await until('frames', () => both.text.includes('data: 1') && onlyB.text.includes('data: 1') && other.text.includes('data: 2'));
    expect(both.text.match(/data: 1/g)).toHaveLength(1);
    expect(other.text).not.toContain('data: 1');
    expect(r.hub.counts()).toEqual({ subscribers: 3, dropped: 0 });
  });

  it('closes a subscriber that stops reading, and the others go on receiving every frame', async () => {
    const limit = 1 << 20;
    const r = await rig(limit);
    const fast = await connect(r.url, 'z');
    const slow = await connect(r.url, 'z');
    slow.res.pause(); // reads nothing more: its socket fills, then our buffer
    const frame = Buffer.alloc(64 * 1024, 'x');
    let sent = 0;
    const slowSide = r.subs[1]!;
    let maxSlowBuffered = 0;
    for (let i = 0; i < 2000 && slowSide.sub.open; i++) {
      const before = fast.bytes;
      r.hub.broadcast(['z'], frame);
      sent++;
      maxSlowBuffered = Math.max(maxSlowBuffered, slowSide.res.writableLength);
      await until('the fast reader', () => fast.bytes >= before + frame.length);
    }
    expect(slowSide.sub.open).toBe(false);
    expect(r.hub.counts()).toEqual({ subscribers: 1, dropped: 1 });
    // Its memory stayed bounded: never more than the limit waiting in our buffer.
    expect(maxSlowBuffered).toBeLessThanOrEqual(limit);
    expect(slowSide.res.destroyed).toBe(true);
    // The fast one got every frame, during and after.
    r.hub.broadcast(['z'], frame);
    sent++;
    await until(`the last frame (${fast.bytes} of ${': hello\n\n'.length + sent * frame.length})`, () => fast.bytes >= ': hello\n\n'.length + sent * frame.length);
    expect(fast.closed).toBe(false);
  });

  it('refuses subscribers past its limit and takes them again once one leaves', async () => {
    const r = await rig(1 << 20, 2);
    await connect(r.url, 'a');
    const second = await connect(r.url, 'a');
    const fake = { write: () => true, writableLength: 0, destroy: () => undefined };
    expect(() => r.hub.add(fake, ['a'])).toThrow(SubscriberLimitError);
    second.res.destroy();
    await until('the hub to notice', () => r.hub.counts().subscribers === 1);
    expect(r.hub.add(fake, ['a']).open).toBe(true);
  });
});
