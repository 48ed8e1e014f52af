// HTTP to our own server (same origin). Every answer that is not 2xx becomes an ApiError carrying the
// server's problem; a request the network never carried becomes a NetworkError (safe to retry: our creates
// carry client-made ids).
import { ApiError, NetworkError, toProblem } from './problem.js';
import { loadSession, saveSession, type Session } from './session.js';

export interface RequestOptions {
  method?: string;
  body?: unknown;
  raw?: { body: Blob | ArrayBuffer; contentType: string };
  headers?: Record<string, string>;
  token?: string | null;
}

/** Calls the API and parses its JSON answer. Throws ApiError or NetworkError. Precondition: path starts with /. */
export async function api<T>(path: string, options: RequestOptions = {}): Promise<T> {
  const headers: Record<string, string> = { ...options.headers };
  const token = options.token === undefined ? loadSession()?.token : options.token;
  if (token) headers.authorization = `Bearer ${token}`;
  let body: BodyInit | undefined;
  if (options.raw) {
    headers['content-type'] = options.raw.contentType;
    body = options.raw.body;
  } else if (options.body !== undefined) {
    headers['content-type'] = 'application/json';
    body = JSON.stringify(options.body);
  }
  let res: Response;
  try {
    res = await fetch(path, { method: options.method ?? 'GET', headers, body, cache: 'no-store' });
  } catch (err) {
    throw new NetworkError(err);
  }
  const text = await res.text();
  let parsed: unknown = text;
  try {
    parsed = text ? JSON.parse(text) : null;
  } catch {
    // not JSON: keep the text for the problem
  }
  if (!res.ok) throw new ApiError(res.status, toProblem(res.status, parsed));
  return parsed as T;
}

/** Signs in and stores the session. Throws ApiError (wrong password: 401) or NetworkError. Precondition: none. */
export async function login(name: string, password: string): Promise<Session> {
  const s = await api<Session>('/api/v1/auth/login', { method: 'POST', body: { name, password }, token: null });
  saveSession(s);
  return s;
}

/** Forgets the session here and revokes it on the server when reachable. Precondition: none. */
export async function logout(): Promise<void> {
  const s = loadSession();
  saveSession(null);
  if (s) await api('/api/v1/auth/logout', { method: 'POST', token: s.token }).catch(() => undefined);
}
