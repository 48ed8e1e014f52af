// What the server said when it refused: RFC 9457 problem details, kept whole so the person can act on it.

export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  errors?: { path: string; message: string }[];
}

/** A refusal from the server (4xx/5xx) with its problem document. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly problem: Problem,
  ) {
    super(problem.detail || problem.title);
    this.name = 'ApiError';
  }
}

/** The network did not carry the request (offline, DNS, reset): the request may be retried as it is. */
export class NetworkError extends Error {
  constructor(readonly reason: unknown) {
    super('network unreachable');
    this.name = 'NetworkError';
  }
}

/** One line for a person: the detail and each field named. Precondition: none. */
export function describeProblem(p: Problem): string {
  const fields = (p.errors ?? []).map((e) => (e.path ? `${e.path}: ${e.message}` : e.message));
  return [p.detail || p.title, ...fields].join(' — ');
}

/** Reads a problem body, or makes one from the status when the body is not one. Precondition: none. */
export function toProblem(status: number, body: unknown): Problem {
  if (body && typeof body === 'object' && 'status' in body && 'title' in body) {
    const b = body as Partial<Problem>;
    return { type: String(b.type ?? 'about:blank'), title: String(b.title), status, detail: String(b.detail ?? ''), errors: b.errors };
  }
  return { type: 'about:blank', title: `HTTP ${status}`, status, detail: typeof body === 'string' ? body.slice(0, 300) : '' };
}
