// The signed-in user's token, kept in localStorage so a phone that restarts offline is still signed in.

export interface Session {
  token: string;
  expires_at: string;
  user: { id: string; name: string; role: string };
}

const KEY = 'civdef.session';

/** The stored session if it has not expired. Precondition: none. */
export function loadSession(now = Date.now()): Session | null {
  try {
    const raw = localStorage.getItem(KEY);
    if (!raw) return null;
    const s = JSON.parse(raw) as Session;
    if (typeof s.token !== 'string' || Date.parse(s.expires_at) <= now) return null;
    return s;
  } catch {
    return null;
  }
}

/** Remembers a session, or forgets it (null). Precondition: none. */
export function saveSession(s: Session | null): void {
  if (s) localStorage.setItem(KEY, JSON.stringify(s));
  else localStorage.removeItem(KEY);
}
