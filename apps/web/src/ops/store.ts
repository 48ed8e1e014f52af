// What the operations room knows: loaded from the API, then kept current by the event stream. An event
// is a trigger, not a copy: the record it names is read again, so the screen always shows what the server
// holds, whatever the event's shape.
import { api } from '../api/client.js';
import { ApiError } from '../api/problem.js';
import { tracksOf, zoneWindows, type AlertInForce, type LiveTrack } from './air.js';
import { FieldFeed } from './field-feed.js';

export interface Incident {
  id: string;
  kind: string;
  lat: number;
  lon: number;
  occurred_at: string;
  severity: number;
  status: string;
  reporter: string | null;
  description: string | null;
}

export interface Unit {
  id: string;
  name: string;
  kind: string;
  lat: number;
  lon: number;
  status: string;
  incident_id: string | null;
}

export interface Closure {
  id: string;
  kind: string;
  reason: string;
  until?: string | null;
  target: { circle?: { lat: number; lon: number; radius_m: number }; polygon?: [number, number][]; street?: string; way_id?: number; edge?: number };
}

export interface Zone {
  id: string;
  name_en: string;
  name_ar: string;
  rings: [number, number][][];
}

/** The first answer of GET /api/v1/map/roads (the streets come by box: road-tiles.ts). */
export interface Roads {
  bounds: [number, number, number, number];
  scale: number;
  classes: { class: number; segments: number[] }[];
}

/** A centre or a hospital (field hospital, morgue): a fixed place on the map. */
export interface Place {
  id: string;
  name: string;
  lat: number;
  lon: number;
  kind: string;
}

export interface Stock {
  centre_id: string;
  item: string;
  quantity: number;
  days_left: number | null;
  level: 'ok' | 'low' | 'out';
}

export interface StreamEvent {
  seq: number;
  type: string;
  subject_type: string;
  subject_id: string;
  at: string;
  data: Record<string, unknown>;
}

/** A worksite as the room shows it (GET /api/v1/incidents/:id/worksites). */
export interface Worksite {
  id: string;
  incident_id: string;
  code: string;
  address: string;
  lat: number | null;
  lon: number | null;
  triage_category: string | null;
  status: string;
  victims: { alive: number; dead: number };
}

/** A double-tap advisory: hold back from a strike site while an aircraft may return. */
export interface Advisory {
  incident_id: string;
  until: string;
  radius_m: number;
}

export class Store {
  incidents = new Map<string, Incident>();
  units = new Map<string, Unit>();
  closures: Closure[] = [];
  /** The roads each closure covers, by closure id: flat [lon1, lat1, lon2, lat2, ...] in degrees. */
  closureLines = new Map<string, number[]>();
  zones: Zone[] = [];
  /** Zone ids warned by alerts in force. */
  warned = new Set<string>();
  alerts: AlertInForce[] = [];
  /** The window each warned zone is warned for. */
  windows = new Map<string, { earliest: string; latest: string }>();
  /** Live aircraft with their forecast cones. */
  tracks: LiveTrack[] = [];
  /** Worksites by incident id (open incidents, and any incident whose worksites changed). */
  worksites = new Map<string, Worksite[]>();
  advisories = new Map<string, Advisory>();
  roads: Roads | null = null;
  centres: Place[] = [];
  hospitals: Place[] = [];
  /** Stocks at low or out, worst first. */
  lowStock: Stock[] = [];
  /** Victims of the selected incident and open supply requests. */
  readonly field = new FieldFeed((path) => this.optional(path));
  private readonly listeners = new Set<() => void>();

  /** Calls fn after every change. Precondition: none. */
  onChange(fn: () => void): void {
    this.listeners.add(fn);
  }

  private changed(): void {
    for (const l of this.listeners) l();
  }

  /** Loads everything the room shows. Throws ApiError/NetworkError. Precondition: signed in. */
  async load(): Promise<void> {
    const [roads, incidents, units] = await Promise.all([
      // The whole city's arterials and its bounds: the map's frame, and what it draws while its tiles load.
      api<Roads>('/api/v1/map/roads?zoom=10'),
      api<{ items: Incident[] }>('/api/v1/incidents?limit=500'),
      api<{ items: Unit[] }>('/api/v1/units'),
    ]);
    this.roads = roads;
    this.incidents = new Map(incidents.items.map((i) => [i.id, i]));
    this.units = new Map(units.items.map((u) => [u.id, u]));
    await Promise.all([this.loadClosures(), this.loadZones(), this.loadAlerts(), this.loadTracks(), this.loadPlaces(), this.loadSupplies(), this.field.loadRequests()]);
    this.changed();
    // One request per open incident: the map is drawn first, the worksites follow.
    await this.loadWorksites();
    this.changed();
  }

  /** Shows the victims of this incident (none for null). Precondition: signed in. */
  async showVictimsOf(incidentId: string | null): Promise<void> {
    await this.field.showIncident(incidentId);
    this.changed();
  }

  /** Reads the live tracks again (their forecasts move with time). Precondition: signed in. */
  async refreshTracks(): Promise<void> {
    await this.loadTracks();
    this.changed();
  }

  private async loadTracks(): Promise<void> {
    const fc = await this.optional<Parameters<typeof tracksOf>[0]>('/api/v1/warning/tracks');
    this.tracks = fc ? tracksOf(fc) : [];
  }

  private async loadWorksites(): Promise<void> {
    await Promise.all([...this.incidents.values()].filter((i) => i.status !== 'closed').map((i) => this.loadWorksitesOf(i.id)));
  }

  private async loadWorksitesOf(incidentId: string): Promise<void> {
    const r = await this.optional<{ items: Worksite[] }>(`/api/v1/incidents/${incidentId}/worksites`);
    if (r) this.worksites.set(incidentId, r.items);
  }

  /** A worksite or victim changed: read its incident's worksites again. */
  private async refetchWorksite(worksiteId: string): Promise<void> {
    const ws = await this.optional<Worksite>(`/api/v1/worksites/${worksiteId}`);
    if (ws) await this.loadWorksitesOf(ws.incident_id);
  }

  private async loadClosures(): Promise<void> {
    const [list, lines] = await Promise.all([
      api<{ items: Closure[] }>('/api/v1/closures?limit=1000'),
      this.optional<{ scale: number; items: { id: string; segments: number[] }[] }>('/api/v1/map/closures'),
    ]);
    this.closures = list.items;
    this.closureLines = new Map((lines?.items ?? []).map((i) => [i.id, i.segments.map((c) => c / lines!.scale)]));
  }

  // Zones and alerts come from the early-warning routes; without them the map simply has none.
  private async loadZones(): Promise<void> {
    try {
      const fc = await api<{ features: { id: string; properties: { name_en: string; name_ar: string }; geometry: { coordinates: [number, number][][][] } }[] }>('/api/v1/zones');
      this.zones = fc.features.map((f) => ({ id: f.id, name_en: f.properties.name_en, name_ar: f.properties.name_ar, rings: f.geometry.coordinates.flat() }));
    } catch (err) {
      if (!(err instanceof ApiError && err.status === 404)) throw err;
    }
  }

  private async loadAlerts(): Promise<void> {
    try {
      this.alerts = (await api<{ items: AlertInForce[] }>('/api/v1/alerts')).items;
      this.warned = new Set(this.alerts.flatMap((a) => a.zones.map((z) => z.id)));
      this.windows = zoneWindows(this.alerts);
    } catch (err) {
      if (!(err instanceof ApiError && err.status === 404)) throw err;
    }
  }

  /** An optional area: null when the route is missing or the role may not read it (a viewer and supplies). */
  private async optional<T>(path: string): Promise<T | null> {
    try {
      return await api<T>(path);
    } catch (err) {
      if (err instanceof ApiError && (err.status === 403 || err.status === 404)) return null;
      throw err;
    }
  }

  private async loadPlaces(): Promise<void> {
    const [centres, hospitals] = await Promise.all([
      this.optional<{ items: Omit<Place, 'kind'>[] }>('/api/v1/centres'),
      this.optional<{ items: Place[] }>('/api/v1/hospitals'),
    ]);
    this.centres = (centres?.items ?? []).map((c) => ({ ...c, kind: 'centre' }));
    this.hospitals = hospitals?.items ?? [];
  }

  private async loadSupplies(): Promise<void> {
    const r = await this.optional<{ items: Stock[] }>('/api/v1/supplies');
    this.lowStock = (r?.items ?? []).filter((s) => s.level !== 'ok').sort((a, b) => Number(b.level === 'out') - Number(a.level === 'out') || (a.days_left ?? 0) - (b.days_left ?? 0));
  }

  private async refetchIncident(id: string): Promise<void> {
    this.incidents.set(id, await api<Incident>(`/api/v1/incidents/${id}`));
  }

  private async refetchUnit(id: string): Promise<void> {
    this.units.set(id, await api<Unit>(`/api/v1/units/${id}`));
  }

  /** Brings the store up to date with one event of the live stream. Precondition: load() done. */
  async apply(e: StreamEvent): Promise<void> {
    const ids = (key: string) => (typeof e.data[key] === 'string' ? [e.data[key] as string] : []);
    const work: Promise<void>[] = [];
    if (e.subject_type === 'incident') work.push(this.refetchIncident(e.subject_id));
    if (e.subject_type === 'unit') work.push(this.refetchUnit(e.subject_id));
    if (e.type.startsWith('assignment.') || e.type === 'unit.status-changed') {
      for (const id of ids('unit_id')) if (e.subject_type !== 'unit') work.push(this.refetchUnit(id));
      for (const id of ids('incident_id')) if (e.subject_type !== 'incident') work.push(this.refetchIncident(id));
    }
    if (e.subject_type === 'closure') work.push(this.loadClosures());
    if (e.type.startsWith('alert.')) work.push(this.loadAlerts());
    if (e.type.startsWith('alert.') || e.type === 'sighting.reported' || e.type === 'incident.reported') work.push(this.loadTracks());
    if (e.subject_type === 'worksite') work.push(this.refetchWorksite(e.subject_id));
    else if (e.type === 'incident.reported') work.push(this.loadWorksitesOf(e.subject_id));
    for (const id of ids('worksite_id')) if (e.subject_type !== 'worksite') work.push(this.refetchWorksite(id));
    if (e.type.startsWith('supply.')) work.push(this.loadSupplies());
    work.push(this.field.apply(e));
    if (e.type.startsWith('hospital.') || e.type.startsWith('centre.')) work.push(this.loadPlaces());
    if (e.type === 'advisory.double-tap') {
      const d = e.data as unknown as Advisory;
      this.advisories.set(d.incident_id, d);
    }
    await Promise.all(work);
    this.changed();
  }
}
