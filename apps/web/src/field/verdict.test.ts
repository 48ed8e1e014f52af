import { describe, expect, it } from 'vitest';
import { ApiError, NetworkError } from '../api/problem.js';
import { backoffMs, verdictOf } from './verdict.js';

const refusal = (status: number) => new ApiError(status, { type: 't', title: 'x', status, detail: 'no road near', errors: [{ path: 'lat', message: 'bad' }] });

describe('verdictOf', () => {
  it('retries what the network or a struggling server failed', () => {
    expect(verdictOf(new NetworkError(new TypeError('Failed to fetch')))).toEqual({ kind: 'retry' });
    for (const s of [408, 429, 500, 502, 503]) expect(verdictOf(refusal(s)).kind).toBe('retry');
  });

  it('stops on an ended session', () => {
    expect(verdictOf(refusal(401)).kind).toBe('signed-out');
  });

  it('shows a refusal with the fields the server named', () => {
    expect(verdictOf(refusal(422))).toEqual({ kind: 'refused', problem: 'no road near — lat: bad' });
    expect(verdictOf(refusal(409)).kind).toBe('refused');
    expect(verdictOf(refusal(403)).kind).toBe('refused');
  });

  it("shows a victim refused at a closed worksite with the server's reason, and one whose worksite never opened", () => {
    const closed = new ApiError(409, { type: 't', title: 'Conflict', status: 409, detail: 'Worksite A-2 is closed; a victim found there now belongs on a new or reopened worksite' });
    expect(verdictOf(closed)).toEqual({ kind: 'refused', problem: closed.problem.detail });
    expect(verdictOf(new ApiError(404, { type: 't', title: 'Not Found', status: 404, detail: 'worksite 01J not found' }))).toEqual({ kind: 'refused', problem: 'worksite 01J not found' });
  });

  it('backs off to a minute', () => {
    expect([1, 2, 3, 7, 20].map(backoffMs)).toEqual([1000, 2000, 4000, 60_000, 60_000]);
  });
});
