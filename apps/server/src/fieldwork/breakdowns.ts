// A vehicle's breakdown history read from its status timeline: each move to out-of-service, with the reason,
// until the next move back into service. The timeline is the one record; this is a view of it.

export interface StatusChangeLike {
  to_status: string;
  reason: string | null;
  note: string | null;
  incident_id: string | null;
  at: string;
}

export interface BreakdownPeriod {
  at: string;
  reason: string | null;
  note: string | null;
  incident_id: string | null;
  back_at: string | null;
  hours: number;
}

/** Out-of-service periods, oldest first; an open one runs until `now`. Precondition: changes sorted by time. */
export function breakdownsOf(changes: readonly StatusChangeLike[], now: Date): BreakdownPeriod[] {
  const out: BreakdownPeriod[] = [];
  let open: BreakdownPeriod | null = null;
  for (const c of changes) {
    if (c.to_status === 'out-of-service') {
      if (open) continue; // already out: a second report of the same breakdown
      open = { at: c.at, reason: c.reason, note: c.note, incident_id: c.incident_id, back_at: null, hours: 0 };
      out.push(open);
    } else if (open) {
      open.back_at = c.at;
      open = null;
    }
  }
  for (const b of out) b.hours = Math.round(((Date.parse(b.back_at ?? now.toISOString()) - Date.parse(b.at)) / 3_600_000) * 10) / 10;
  return out;
}
