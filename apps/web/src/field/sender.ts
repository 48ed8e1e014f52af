// Sends the outbox in order, one item at a time. An item that cannot go yet (offline, server busy) holds
// back everything after it, so the server sees actions in the order they were made; a refused item is
// marked and shown, and the queue moves on. Retries are safe: every create names its own ULID.
import { api } from '../api/client.js';
import { ApiError } from '../api/problem.js';
import type { Outbox, OutboxItem, PhotoPayload } from './outbox.js';
import { backoffMs, verdictOf } from './verdict.js';

interface UploadState {
  offset: number;
  media: unknown;
}

async function sha256Hex(blob: Blob): Promise<string | undefined> {
  // crypto.subtle exists only in secure contexts (https, localhost); without it the server hashes alone.
  if (!globalThis.crypto?.subtle) return undefined;
  const digest = await crypto.subtle.digest('SHA-256', await blob.arrayBuffer());
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

/** Start (or find) the upload, send the bytes from where the server stands, complete it. */
async function sendPhoto(id: string, p: PhotoPayload): Promise<void> {
  const start = {
    id,
    content_type: p.content_type,
    filename: p.filename,
    bytes: p.blob.size,
    captured_at: p.captured_at,
    ...(p.lat !== undefined && p.lon !== undefined ? { lat: p.lat, lon: p.lon } : {}),
  };
  let state = await api<UploadState>('/api/v1/media/uploads', { method: 'POST', body: start });
  if (state.media) return;
  if (state.offset < p.blob.size) {
    try {
      state = await api<UploadState>(`/api/v1/media/uploads/${id}`, {
        method: 'PATCH',
        headers: { 'upload-offset': String(state.offset) },
        raw: { body: p.blob.slice(state.offset), contentType: 'application/octet-stream' },
      });
    } catch (err) {
      // Another attempt got further meanwhile: the next round resumes from the server's offset.
      if (err instanceof ApiError && err.status === 409) throw new ApiError(503, { ...err.problem, status: 503 });
      throw err;
    }
  }
  await api(`/api/v1/media/uploads/${id}/complete`, { method: 'POST', body: { sha256: await sha256Hex(p.blob) } });
}

async function sendItem(item: OutboxItem): Promise<void> {
  const p = item.payload;
  if (p.type === 'photo') return sendPhoto(item.id, p);
  await api(p.url, { method: p.method, body: p.body, headers: { 'x-device-id': deviceId() } });
}

/** A stable id for this phone, sent as X-Device-Id so the event log says which device reported. Precondition: none. */
export function deviceId(): string {
  const key = 'civdef.device';
  let id = localStorage.getItem(key);
  if (!id) {
    id = `web-${crypto.getRandomValues(new Uint32Array(2)).join('')}`.slice(0, 64);
    localStorage.setItem(key, id);
  }
  return id;
}

export interface SenderEvents {
  changed(): void;
  signedOut(): void;
}

/** Drives the outbox: call kick() after adding an item, on coming online, and at start. */
export class Sender {
  private running = false;
  private again = false;
  private failures = 0;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private blocked = false;

  constructor(
    private readonly outbox: Outbox,
    private readonly on: SenderEvents,
  ) {}

  /** Sends what is pending now (or soon, if a round is running). Precondition: none. */
  kick(): void {
    this.blocked = false;
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    if (this.running) {
      this.again = true;
      return;
    }
    void this.round();
  }

  private async round(): Promise<void> {
    this.running = true;
    try {
      do {
        this.again = false;
        await this.sendPending();
      } while (this.again && !this.blocked);
    } finally {
      this.running = false;
    }
  }

  private async sendPending(): Promise<void> {
    const pending = (await this.outbox.all()).filter((i) => i.state === 'pending');
    for (const item of pending) {
      item.attempts += 1;
      try {
        await sendItem(item);
        item.state = 'accepted';
        item.done_at = new Date().toISOString();
        delete item.problem;
        this.failures = 0;
      } catch (err) {
        const v = verdictOf(err);
        if (v.kind === 'refused') {
          item.state = 'refused';
          item.problem = v.problem;
          item.done_at = new Date().toISOString();
        } else {
          await this.outbox.put(item);
          this.on.changed();
          this.blocked = true;
          if (v.kind === 'signed-out') this.on.signedOut();
          else this.retryLater();
          return;
        }
      }
      await this.outbox.put(item);
      this.on.changed();
    }
  }

  private retryLater(): void {
    this.failures += 1;
    this.timer = setTimeout(() => this.kick(), backoffMs(this.failures));
  }
}
