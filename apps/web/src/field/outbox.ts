// The field app's outbox in IndexedDB: every action is written here first (with its client-made ULID),
// before any attempt to send it, so a reload, a crash or a phone restart loses nothing. Items keep their
// insertion order (an auto-increment seq), which is the order they are sent in.

/** An HTTP request the server makes idempotent by the ULID inside it. */
export interface RequestPayload {
  type: 'request';
  method: 'POST' | 'PUT';
  url: string;
  body: unknown;
}

/** A photo: started, sent and completed as a resumable upload named by its ULID. */
export interface PhotoPayload {
  type: 'photo';
  blob: Blob;
  content_type: string;
  filename: string;
  captured_at: string;
  lat?: number;
  lon?: number;
}

export type OutboxState = 'pending' | 'accepted' | 'refused';

export interface OutboxItem {
  seq?: number;
  /** The ULID of the record this action creates: what makes a retry a no-op on the server. */
  id: string;
  /** What to show: a message key's variables. */
  label: { key: string; vars: Record<string, string> };
  payload: RequestPayload | PhotoPayload;
  created_at: string;
  state: OutboxState;
  attempts: number;
  /** Why the server refused it, for the person who made it. */
  problem?: string;
  done_at?: string;
}

const DB_NAME = 'civdef-field';
const STORE = 'outbox';

function promised<T>(req: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
}

function committed(tx: IDBTransaction): Promise<void> {
  return new Promise((resolve, reject) => {
    tx.oncomplete = () => resolve();
    tx.onerror = () => reject(tx.error);
    tx.onabort = () => reject(tx.error ?? new Error('IndexedDB transaction aborted'));
  });
}

/** The outbox of this browser profile. */
export class Outbox {
  private constructor(private readonly db: IDBDatabase) {}

  /** Opens (creating on first use) the outbox database. Precondition: IndexedDB available. */
  static async open(name = DB_NAME): Promise<Outbox> {
    const req = indexedDB.open(name, 1);
    req.onupgradeneeded = () => {
      req.result.createObjectStore(STORE, { keyPath: 'seq', autoIncrement: true });
    };
    return new Outbox(await promised(req));
  }

  /** Stores a new pending action; resolves once it is durably written, with its seq. Precondition: item.id unique. */
  async add(item: Omit<OutboxItem, 'seq' | 'state' | 'attempts'>): Promise<OutboxItem> {
    const tx = this.db.transaction(STORE, 'readwrite', { durability: 'strict' });
    const full: OutboxItem = { ...item, state: 'pending', attempts: 0 };
    const seq = await promised(tx.objectStore(STORE).add(full));
    await committed(tx);
    return { ...full, seq: seq as number };
  }

  /** Rewrites an item (its new state). Precondition: item.seq set. */
  async put(item: OutboxItem): Promise<void> {
    const tx = this.db.transaction(STORE, 'readwrite', { durability: 'strict' });
    tx.objectStore(STORE).put(item);
    await committed(tx);
  }

  /** Every item, oldest first. Precondition: none. */
  async all(): Promise<OutboxItem[]> {
    return promised(this.db.transaction(STORE).objectStore(STORE).getAll() as IDBRequest<OutboxItem[]>);
  }

  /** Removes an item the person dismissed. Precondition: none. */
  async remove(seq: number): Promise<void> {
    const tx = this.db.transaction(STORE, 'readwrite');
    tx.objectStore(STORE).delete(seq);
    await committed(tx);
  }
}
