// What the field sends up that the room answers: the victims found at the selected incident and the open
// supply requests, read again when the event stream says they changed. The room shows only the minimum
// of a victim (colour, condition, worksite, where they went): no name, description, photo or family.

/** A victim as the room shows it (fields of GET /api/v1/victims; personal ones are not read). */
export interface VictimRow {
  id: string;
  incident_id: string;
  worksite_id: string;
  worksite_code: string;
  condition: 'alive' | 'dead';
  start_colour: 'red' | 'yellow' | 'green' | 'black';
  found_at: string;
  extricated_at: string | null;
  hospital_id: string | null;
  handed_over_at: string | null;
}

/** An open supply request (GET /api/v1/supply-requests). */
export interface SupplyRequestRow {
  id: string;
  note: string;
  items: { item: string; quantity: number }[];
  unit_id: string | null;
  centre_id: string | null;
  incident_id: string | null;
  lat: number | null;
  lon: number | null;
  requested_at: string;
  status: 'open' | 'fulfilled' | 'refused';
}

export interface FeedEvent {
  type: string;
  subject_type: string;
  subject_id: string;
  data: Record<string, unknown>;
}

export const START_COLOURS: Record<VictimRow['start_colour'], string> = {
  red: '#e12d39',
  yellow: '#f0b429',
  green: '#3ebd93',
  black: '#adb5bd',
};
const START_ORDER = ['red', 'yellow', 'green', 'black'];

/** Where a victim is in their way out: handed over, extricated, or found (still in the rubble). Precondition: none. */
export function victimStage(v: Pick<VictimRow, 'extricated_at' | 'handed_over_at'>): 'handed-over' | 'extricated' | 'found' {
  return v.handed_over_at ? 'handed-over' : v.extricated_at ? 'extricated' : 'found';
}

/** Victims to act on first: not yet handed over, then by START colour (red first), then the longest waiting. Precondition: none. */
export function victimOrder(victims: readonly VictimRow[]): VictimRow[] {
  return [...victims].sort((a, b) =>
    Number(a.handed_over_at !== null) - Number(b.handed_over_at !== null)
    || START_ORDER.indexOf(a.start_colour) - START_ORDER.indexOf(b.start_colour)
    || a.found_at.localeCompare(b.found_at));
}

/** How many victims of each START colour, in START order, leaving out colours with none. Precondition: none. */
export function startCounts(victims: readonly VictimRow[]): { colour: VictimRow['start_colour']; n: number }[] {
  return START_ORDER.map((colour) => ({ colour: colour as VictimRow['start_colour'], n: victims.filter((v) => v.start_colour === colour).length })).filter((c) => c.n > 0);
}

/**
 * The body of POST /supply-requests/:id/fulfil the room sends: from the requesting unit's centre when the
 * request counts what it needs (the stock moves, or the server says what is missing), else a plain fulfilment.
 * Precondition: none.
 */
export function fulfilBody(r: Pick<SupplyRequestRow, 'centre_id' | 'items'>): Record<string, unknown> {
  return r.centre_id && r.items.length ? { centre_id: r.centre_id } : {};
}

/** Keeps the room's victims and open requests current. Precondition: read() answers null for a route the role may not use. */
export class FieldFeed {
  /** The incident whose victims are held, or null. */
  incident: string | null = null;
  victims: VictimRow[] = [];
  /** Open requests, newest first; null when this role may not read them. */
  requests: SupplyRequestRow[] | null = null;

  constructor(private readonly read: <T>(path: string) => Promise<T | null>) {}

  /** Reads the open supply requests. Precondition: signed in. */
  async loadRequests(): Promise<void> {
    const r = await this.read<{ items: SupplyRequestRow[] }>('/api/v1/supply-requests?status=open&limit=200');
    this.requests = r ? r.items : null;
  }

  /** Holds the victims of this incident (none for null). Precondition: signed in. */
  async showIncident(id: string | null): Promise<void> {
    this.incident = id;
    if (!id) {
      this.victims = [];
      return;
    }
    const r = await this.read<{ items: VictimRow[] }>(`/api/v1/victims?incident_id=${id}&limit=500`);
    // Another incident may have been selected while this one was read.
    if (this.incident === id) this.victims = r?.items ?? [];
  }

  /** Reads again what the event changed. Precondition: signed in. */
  async apply(e: FeedEvent): Promise<void> {
    if (e.subject_type === 'supply-request') await this.loadRequests();
    // A victim recorded names its incident; an update or hand-over names only the victim.
    const ours = e.data.incident_id === this.incident || this.victims.some((v) => v.id === e.subject_id);
    if (e.subject_type === 'victim' && this.incident !== null && ours) await this.showIncident(this.incident);
  }
}
