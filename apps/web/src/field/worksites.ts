// The worksites a rescuer can record a victim at: the unit's incident's open worksites as last fetched
// (kept in localStorage for offline starts), plus those this phone opened and the server has not listed
// yet (read back from the outbox, so there is no second copy to keep in step).
import { parseWorksiteCode } from '@civdef/core';
import type { OutboxItem, RequestPayload } from './outbox.js';

export interface SiteSummary {
  id: string;
  code: string;
  status: 'open' | 'closed';
  address: string;
}

const key = (incidentId: string): string => `civdef.worksites.${incidentId}`;
const OPENS = /^\/api\/v1\/incidents\/([0-9A-Z]{26})\/worksites$/;

/** The incident's worksites as last fetched; [] if never. Precondition: none. */
export function cachedSites(incidentId: string): SiteSummary[] {
  try {
    return JSON.parse(localStorage.getItem(key(incidentId)) ?? '[]') as SiteSummary[];
  } catch {
    return [];
  }
}

/** Keeps the server's list for offline use. Precondition: items came from GET /incidents/:id/worksites. */
export function storeSites(incidentId: string, items: readonly SiteSummary[]): void {
  const slim = items.map(({ id, code, status, address }) => ({ id, code, status, address }));
  localStorage.setItem(key(incidentId), JSON.stringify(slim));
}

/** Worksites this phone opened on the incident, not refused. Precondition: none. */
export function openedHere(items: readonly OutboxItem[], incidentId: string): SiteSummary[] {
  return items.flatMap((i) => {
    if (i.state === 'refused' || i.payload.type !== 'request') return [];
    const p: RequestPayload = i.payload;
    if (p.method !== 'POST' || OPENS.exec(p.url)?.[1] !== incidentId) return [];
    const b = p.body as { id: string; code: string; address: string };
    return [{ id: b.id, code: b.code, status: 'open' as const, address: b.address }];
  });
}

/** Where a victim can be recorded now: open sites, the server's first, by code. Precondition: none. */
export function siteChoices(fetched: readonly SiteSummary[], opened: readonly SiteSummary[]): SiteSummary[] {
  const known = new Set(fetched.map((s) => s.id));
  return [...fetched, ...opened.filter((s) => !known.has(s.id))]
    .filter((s) => s.status === 'open')
    .sort((a, b) => a.code.localeCompare(b.code, 'en', { numeric: true }));
}

/**
 * The next worksite id for a new site: the next number in the sector most sites use (A when none), counting
 * closed sites and sub-sites' parents too, since a used id cannot be reused. Precondition: none.
 */
export function nextSiteCode(codes: readonly string[]): string {
  const parsed = codes.map(parseWorksiteCode).filter((c) => c !== null);
  const bySector = new Map<string, number>();
  for (const c of parsed) bySector.set(c.sector, (bySector.get(c.sector) ?? 0) + 1);
  const sector = [...bySector.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0]?.[0] ?? 'A';
  const top = Math.max(0, ...parsed.filter((c) => c.sector === sector).map((c) => c.number));
  return `${sector}-${top + 1}`;
}
