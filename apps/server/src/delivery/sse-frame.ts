import { publicAlert, type AlertEvent } from './alert-event.js';

// Server-Sent Events frames (WHATWG HTML, "Server-sent events"), each already wrapped as one HTTP/1.1 chunk
// (RFC 9112 section 7.1), so the same bytes are written straight to every subscriber's socket: no per-socket
// framing, and no wait for the response's cork to be lifted on the next tick.

/** `body` as one chunk of a chunked HTTP/1.1 body. Precondition: body is not empty. */
export function chunked(body: Buffer | string): Buffer {
  const bytes = typeof body === 'string' ? Buffer.from(body) : body;
  return Buffer.concat([Buffer.from(`${bytes.length.toString(16)}\r\n`), bytes, Buffer.from('\r\n')]);
}

/** The SSE text of one alert event (unchunked): id = its seq (the Last-Event-ID to resume from), event = its type. */
export function alertSse(e: AlertEvent): string {
  return `id: ${e.seq}\nevent: ${e.type}\ndata: ${JSON.stringify(publicAlert(e))}\n\n`;
}

/** The frame of one alert event. */
export function alertFrame(e: AlertEvent): Buffer {
  return chunked(alertSse(e));
}

/**
 * A frame that only moves the client's last event id to `seq` (a frame with an id and no data dispatches
 * nothing but still sets it), so a reconnect resumes from here rather than from its last alert.
 */
export function cursorFrame(seq: number): Buffer {
  return chunked(`id: ${seq}\n\n`);
}

/** Tells a resuming client that the events it missed are gone: drop what it holds, the alerts in force follow. */
export function resetFrame(seq: number): Buffer {
  return chunked(`event: reset\ndata: ${JSON.stringify({ seq })}\n\n`);
}

/** The stream's opening: the reconnection delay, in ms. */
export function openingFrame(retryMs: number): Buffer {
  return chunked(`retry: ${retryMs}\n\n`);
}

/** A comment line: keeps proxies and NAT tables from closing an idle stream. */
export const HEARTBEAT_FRAME = chunked(': keep-alive\n\n');
