// The peer of bench/warning.ts: a bare Node http Server-Sent Events broadcaster, the floor for "send one
// message to N open sockets" on this machine. No routing, no validation, no zones: it keeps every response
// and writes the same buffer to the first N of them.
import { once } from 'node:events';
import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface BareBroadcaster {
  port: number;
  /** Responses held open. */
  count(): number;
  /** Writes `frame` to the first `n` subscribers. */
  broadcast(frame: Buffer, n: number): void;
  close(): Promise<void>;
}

/** Listens on 127.0.0.1:<free port>. */
export async function startBareBroadcaster(): Promise<BareBroadcaster> {
  const subscribers: ServerResponse[] = [];
  const server = createServer((req, res) => {
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
    broadcast(frame, n) {
      for (let i = 0; i < n && i < subscribers.length; i++) subscribers[i]!.write(frame);
    },
    async close() {
      server.closeAllConnections();
      server.close();
      await once(server, 'close');
    },
  };
}
