// "Victim found" as the API calls it becomes: the victim at a worksite, and, when the incident has no
// worksite the rescuer can use yet, the worksite opened first (queued before the victim, so the sender's
// order makes it exist when the victim arrives). Pure: ids, clock and position are given.
import type { OutboxItem } from './outbox.js';
import type { Position } from './actions.js';

type NewItem = Omit<OutboxItem, 'seq' | 'state' | 'attempts'>;

export type Condition = 'alive' | 'dead';
export type StartColour = 'red' | 'yellow' | 'green' | 'black';

export interface VictimInput {
  worksite: { id: string; code: string };
  condition: Condition;
  colour: StartColour;
  /** What a family could recognise: clothing, marks, what was carried. No name, no face photo. */
  description: string;
}

export interface NewSite {
  incidentId: string;
  code: string;
  /** Street or local name; empty: the position stands in for it. */
  address: string;
  teamId: string | null;
}

const round7 = (x: number): number => Math.round(x * 1e7) / 1e7;

/** The colour the API will accept: the dead are START black whatever was tapped. Precondition: none. */
export function colourFor(condition: Condition, colour: StartColour): StartColour {
  return condition === 'dead' ? 'black' : colour;
}

/** The victim record for POST /worksites/:id/victims. Precondition: id a fresh ULID; description not blank. */
export function victimFound(id: string, now: Date, v: VictimInput): NewItem {
  const colour = colourFor(v.condition, v.colour);
  return {
    id,
    label: { key: 'action.victim', vars: { site: v.worksite.code, condition: v.condition, colour } },
    created_at: now.toISOString(),
    payload: {
      type: 'request',
      method: 'POST',
      url: `/api/v1/worksites/${v.worksite.id}/victims`,
      body: { id, condition: v.condition, start_colour: colour, found_at: now.toISOString(), description: v.description.trim() },
    },
  };
}

/**
 * A worksite opened from the field with what a rescuer knows at a glance; the rest (construction, collapse,
 * floors) is "unknown" until someone fills it in from the operations room. Precondition: id a fresh ULID.
 */
export function openWorksite(id: string, now: Date, site: NewSite, at: Position | null): NewItem {
  const place = at ? `${round7(at.lat)}, ${round7(at.lon)}` : 'not given';
  const body: Record<string, unknown> = {
    id,
    code: site.code,
    address: site.address.trim() || `near ${place} (from the field app)`,
    building_use: 'other',
    construction: 'unknown',
    floors: 0,
    collapse_type: 'unknown',
  };
  if (at) Object.assign(body, { lat: round7(at.lat), lon: round7(at.lon) });
  if (site.teamId) body.team_id = site.teamId;
  return {
    id,
    label: { key: 'action.worksite', vars: { code: site.code } },
    created_at: now.toISOString(),
    payload: { type: 'request', method: 'POST', url: `/api/v1/incidents/${site.incidentId}/worksites`, body },
  };
}
