// The peer of bench/warning.ts: a bare Node http Server-Sent Events broadcaster, the floor for "a message
// POSTed over HTTP reaches N open streams" on this machine. No routing, no validation, no storage, no zones:
// GET opens a stream; POST /broadcast?n=N writes its body, as it came, to the first N streams.
import { once } from 'node:events';
import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface BareBroadcaster {
  port: number;
  /** Responses held open. */
  count(): number;
  /** When the last POST /broadcast began writing to the streams (process.hrtime). */
  lastBroadcastNs(): bigint;
  close(): Promise<void>;
}

/** Listens on 127.0.0.1:<free port>. */
export async function startBareBroadcaster(): Promise<BareBroadcaster> {
  const subscribers: ServerResponse[] = [];
  let broadcastAt = 0n;
  const server = createServer((req, res) => {
    if (req.method === 'POST') {
      const n = Number(new URL(req.url ?? '/', 'http://x').searchParams.get('n'));
      const parts: Buffer[] = [];
      req.on('data', (b: Buffer) => parts.push(b));
      req.on('end', () => {
        const frame = Buffer.concat(parts);
        broadcastAt = process.hrtime.bigint();
        for (let i = 0; i < n && i < subscribers.length; i++) subscribers[i]!.write(frame);
        res.writeHead(204).end();
      });
      return;
    }
    res.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-cache' });
    res.socket?.setNoDelay(true);
    res.write('retry: 3000\n\n');
    subscribers.push(res);
    req.on('close', () => {
      const i = subscribers.indexOf(res);
      if (i >= 0) subscribers.splice(i, 1);
    });
  });
  server.listen({ port: 0, host: '127.0.0.1', backlog: 4096 });
  await once(server, 'listening');
  return {
    port: (server.address() as AddressInfo).port,
    count: () => subscribers.length,
    lastBroadcastNs: () => broadcastAt,
    async close() {
      server.closeAllConnections();
      server.close();
      await once(server, 'close');
    },
  };
}
