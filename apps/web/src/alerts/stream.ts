// The public alert stream (GET /api/v1/alerts/stream) read over fetch rather than EventSource, because the
// page must: resume with Last-Event-ID on a new connection (after a reload, or after EventSource would
// have given up on a 429), see the id-only cursor that ends the stream's opening, and reconnect at once
// when the phone's network returns instead of at the next retry.

/** One SSE block (WHATWG HTML, "Server-sent events"): the fields it set, null when absent. */
export interface SseBlock {
  id: string | null;
  event: string | null;
  data: string | null;
  retry: number | null;
}

/** Splits the complete blocks off a buffer, id-only ones included; returns them and the unfinished rest. Precondition: none. */
export function parseBlocks(buffer: string): { blocks: SseBlock[]; rest: string } {
  const text = buffer.replace(/\r\n?/g, '\n');
  const blocks: SseBlock[] = [];
  let start = 0;
  for (let end = text.indexOf('\n\n', start); end !== -1; end = text.indexOf('\n\n', start)) {
    const block: SseBlock = { id: null, event: null, data: null, retry: null };
    let fields = 0;
    for (const line of text.slice(start, end).split('\n')) {
      if (line === '' || line.startsWith(':')) continue; // a comment: the heartbeat
      const colon = line.indexOf(':');
      const field = colon === -1 ? line : line.slice(0, colon);
      const value = colon === -1 ? '' : line.slice(colon + 1).replace(/^ /, '');
      fields += 1;
      if (field === 'data') block.data = block.data === null ? value : `${block.data}\n${value}`;
      else if (field === 'event') block.event = value;
      else if (field === 'id') block.id = value;
      else if (field === 'retry' && /^\d+$/.test(value)) block.retry = Number(value);
      else fields -= 1;
    }
    start = end + 2;
    if (fields > 0) blocks.push(block);
  }
  return { blocks, rest: text.slice(start) };
}

/** The delay before reconnect attempt `failures` (1, 2, ...): the server's retry doubled per failure, capped, with jitter. Precondition: failures >= 1. */
export function backoffMs(retryMs: number, failures: number, random: number): number {
  const plain = Math.min(MAX_BACKOFF_MS, retryMs * 2 ** Math.min(failures - 1, 6));
  return Math.round(plain * (0.5 + random / 2)); // spread phones that all lost the server at once
}

export interface AlertStreamHandlers {
  /** A connection is open; resuming says whether it carried a Last-Event-ID. */
  open(resuming: boolean): void;
  /** An alert.* event (or reset) with its data; id is set for alert events. */
  event(type: string, data: string, id: string | null): void;
  /** An id-only block: the stream's cursor (after its opening) moved to id. */
  cursor(id: string): void;
  /** The connection failed or dropped; offline when the phone says it has no network. */
  down(offline: boolean): void;
}

const MAX_BACKOFF_MS = 30_000;
// The server writes a comment every 15 s: a stream silent for longer is dead (a phone that changed networks
// may keep a socket that will never deliver again).
const SILENCE_MS = 40_000;

/**
 * Follows the stream of `zones` until stop(), resuming from `lastId` (null: from the alerts in force) and
 * after every drop with the last id seen. Precondition: zones is not empty; a browser with fetch streams.
 */
export function followAlerts(zones: readonly string[], lastId: string | null, on: AlertStreamHandlers): { stop(): void } {
  const url = `/api/v1/alerts/stream?zones=${encodeURIComponent(zones.join(','))}`;
  let stopped = false;
  let controller: AbortController | null = null;
  let failures = 0;
  let retryMs = 3000;
  let wake: () => void = () => undefined;

  async function once(): Promise<number | null> {
    controller = new AbortController();
    const abort = controller;
    const headers: Record<string, string> = { accept: 'text/event-stream' };
    if (lastId !== null) headers['last-event-id'] = lastId;
    const res = await fetch(url, { headers, signal: abort.signal, cache: 'no-store' });
    if (res.status === 429) return Number(res.headers.get('retry-after') ?? '30') * 1000;
    if (!res.ok || !res.body) throw new Error(`the alert stream answered ${res.status}`);
    on.open(lastId !== null);
    failures = 0;
    let watchdog = setTimeout(() => abort.abort(), SILENCE_MS);
    const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
    let buffer = '';
    try {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) return null;
        clearTimeout(watchdog);
        watchdog = setTimeout(() => abort.abort(), SILENCE_MS);
        const parsed = parseBlocks(buffer + value);
        buffer = parsed.rest;
        for (const b of parsed.blocks) {
          if (b.retry !== null) retryMs = b.retry;
          if (b.id !== null) lastId = b.id;
          if (b.data !== null) on.event(b.event ?? 'message', b.data, b.id);
          else if (b.id !== null) on.cursor(b.id);
        }
      }
    } finally {
      clearTimeout(watchdog);
    }
  }

  // The phone's own word on its network: drop a stream it says cannot work, retry at once when it returns.
  const offline = () => controller?.abort();
  const online = () => wake();
  window.addEventListener('offline', offline);
  window.addEventListener('online', online);

  void (async () => {
    while (!stopped) {
      let wait: number | null = null;
      try {
        wait = await once();
      } catch {
        // dropped, refused or unreachable: try again below
      }
      if (stopped) break;
      on.down(!navigator.onLine);
      failures += 1;
      const delay = wait ?? backoffMs(retryMs, failures, Math.random());
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, delay);
        wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
    }
  })();

  return {
    stop() {
      stopped = true;
      window.removeEventListener('offline', offline);
      window.removeEventListener('online', online);
      controller?.abort();
      wake();
    },
  };
}
