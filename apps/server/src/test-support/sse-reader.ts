// A Server-Sent Events client for tests: every frame as it arrives, comments and id-only frames included.

export interface SseFrame {
  id?: string;
  event?: string;
  data?: string;
  comments: string[];
  retry?: string;
}

export interface SseReader {
  status: number;
  headers: Headers;
  frames: SseFrame[];
  /** Frames that carry data (what an EventSource dispatches). */
  messages(): SseFrame[];
  /** Waits until `done(frames)` holds; throws after `ms`. */
  waitFor(what: string, done: (frames: SseFrame[]) => boolean, ms?: number): Promise<void>;
  /** Whether the server ended the stream. */
  ended: boolean;
  close(): void;
}

function parseFrame(text: string): SseFrame {
  const frame: SseFrame = { comments: [] };
  for (const line of text.split('\n')) {
    if (line.startsWith(':')) frame.comments.push(line.slice(1).trim());
    else {
      const colon = line.indexOf(':');
      const name = colon < 0 ? line : line.slice(0, colon);
      const value = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
      if (name === 'id' || name === 'event' || name === 'retry') frame[name] = value;
      else if (name === 'data') frame.data = frame.data === undefined ? value : `${frame.data}\n${value}`;
    }
  }
  return frame;
}

/** Opens `url` as an event stream; resolves once the answer's head is in (a non-200 is read whole into one frame's data). */
export async function openSse(url: string, headers: Record<string, string> = {}): Promise<SseReader> {
  const abort = new AbortController();
  const res = await fetch(url, { headers: { accept: 'text/event-stream', ...headers }, signal: abort.signal });
  const frames: SseFrame[] = [];
  const reader: SseReader = {
    status: res.status,
    headers: res.headers,
    frames,
    messages: () => frames.filter((f) => f.data !== undefined),
    ended: false,
    async waitFor(what, done, ms = 5000) {
      const end = Date.now() + ms;
      while (!done(frames)) {
        if (Date.now() > end) throw new Error(`stream: no ${what} after ${ms} ms; frames: ${JSON.stringify(frames).slice(0, 2000)}`);
        await new Promise((r) => setTimeout(r, 5));
      }
    },
    close: () => abort.abort(),
  };
  if (res.status !== 200 || !res.body) {
    frames.push({ comments: [], data: await res.text() });
    return reader;
  }
  const stream = res.body.pipeThrough(new TextDecoderStream()).getReader();
  void (async () => {
    let buffer = '';
    try {
      for (;;) {
        const { value, done } = await stream.read();
        if (done) break;
        buffer += value;
        let end: number;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          frames.push(parseFrame(buffer.slice(0, end)));
          buffer = buffer.slice(end + 2);
        }
      }
    } catch {
      // aborted by close()
    }
    reader.ended = true;
  })();
  return reader;
}
