// Server-Sent Events over fetch, so the request can carry the bearer token (EventSource cannot), and
// resumption is ours: every reconnect sends Last-Event-ID, and the server replays what was missed.

export interface SseMessage {
  id: string | null;
  event: string;
  data: string;
}

/** Splits complete messages off a buffer (WHATWG SSE framing); returns them and the unfinished rest. Precondition: none. */
export function parseSse(buffer: string): { messages: SseMessage[]; rest: string } {
  const messages: SseMessage[] = [];
  const text = buffer.replace(/\r\n?/g, '\n');
  let start = 0;
  for (let end = text.indexOf('\n\n', start); end !== -1; end = text.indexOf('\n\n', start)) {
    const block = text.slice(start, end);
    start = end + 2;
    let id: string | null = null, event = 'message';
    const data: string[] = [];
    for (const line of block.split('\n')) {
      if (line === '' || line.startsWith(':')) continue;
      const colon = line.indexOf(':');
      const field = colon === -1 ? line : line.slice(0, colon);
      const value = colon === -1 ? '' : line.slice(colon + 1).replace(/^ /, '');
      if (field === 'data') data.push(value);
      else if (field === 'event') event = value;
      else if (field === 'id') id = value;
    }
    if (data.length > 0) messages.push({ id, event, data: data.join('\n') });
  }
  return { messages, rest: text.slice(start) };
}

export interface StreamHandlers {
  message(m: SseMessage): void;
  state(connected: boolean): void;
  /** The server refused (401: the session ended). */
  refused(status: number): void;
}

/** Follows url until stop() is called, reconnecting after drops with the last id seen. Precondition: token valid. */
export function followStream(url: string, token: string, on: StreamHandlers): { stop(): void } {
  let lastId: string | null = null;
  let stopped = false;
  let controller: AbortController | null = null;
  let failures = 0;

  async function once(): Promise<void> {
    controller = new AbortController();
    const headers: Record<string, string> = { authorization: `Bearer ${token}`, accept: 'text/event-stream' };
    if (lastId !== null) headers['last-event-id'] = lastId;
    const res = await fetch(url, { headers, signal: controller.signal, cache: 'no-store' });
    if (res.status === 401 || res.status === 403) {
      stopped = true;
      on.refused(res.status);
      return;
    }
    if (!res.ok || !res.body) throw new Error(`stream answered ${res.status}`);
    on.state(true);
    failures = 0;
    const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
    let buffer = '';
    for (;;) {
      const { value, done } = await reader.read();
      if (done) break;
      const parsed = parseSse(buffer + value);
      buffer = parsed.rest;
      for (const m of parsed.messages) {
        if (m.id !== null) lastId = m.id;
        on.message(m);
      }
    }
  }

  void (async () => {
    while (!stopped) {
      try {
        await once();
      } catch {
        // dropped or unreachable: try again below
      }
      if (stopped) break;
      on.state(false);
      failures += 1;
      await new Promise((r) => setTimeout(r, Math.min(10_000, 500 * 2 ** Math.min(failures, 5))));
    }
  })();
  return {
    stop() {
      stopped = true;
      controller?.abort();
    },
  };
}
