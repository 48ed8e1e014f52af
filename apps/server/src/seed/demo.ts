import { newUlid, type Unit } from '@civdef/core';
import { centreSites } from '../roads/demo-sites.js';
import type { Actor, AppContext } from '../services/context.js';
import { createCentre, createTeam, createVolunteer, listCentres } from '../services/organisation.js';
import { createUnit } from '../services/units.js';

// A small made-up organisation on the loaded map: three centres on the map's centre sites (the demo city's
// own, when no map is imported), each unit parked at its centre, so every one of them is on a road.
const UNITS: { name: string; kind: Unit['kind']; centre: number; team: number; capabilities: Unit['capabilities'] }[] = [
  { name: 'Ambulance 1', kind: 'ambulance', centre: 0, team: 0, capabilities: ['medical'] },
  { name: 'Ambulance 2', kind: 'ambulance', centre: 1, team: 2, capabilities: ['medical'] },
  { name: 'Ambulance 3', kind: 'ambulance', centre: 2, team: 4, capabilities: ['medical'] },
  { name: 'Rescue 1', kind: 'rescue-truck', centre: 0, team: 1, capabilities: ['light-rescue', 'heavy-rescue'] },
  { name: 'Rescue 2', kind: 'rescue-truck', centre: 1, team: 3, capabilities: ['light-rescue', 'heavy-rescue', 'hazmat'] },
  { name: 'Fire 1', kind: 'fire-truck', centre: 1, team: 3, capabilities: ['firefighting', 'water'] },
  { name: 'Fire 2', kind: 'fire-truck', centre: 2, team: 5, capabilities: ['firefighting', 'water'] },
  { name: 'Tanker 1', kind: 'water-tanker', centre: 2, team: 5, capabilities: ['water'] },
  { name: 'Excavator 1', kind: 'excavator', centre: 0, team: 1, capabilities: ['excavation', 'heavy-rescue'] },
  { name: 'Foot Team 1', kind: 'foot-team', centre: 1, team: 2, capabilities: ['light-rescue', 'medical'] },
];

const VOLUNTEERS = [
  { name: 'Abu Omar', function: 'team-leader', team: 0 },
  { name: 'Khaled', function: 'rescuer', team: 1 },
  { name: 'Mahmoud', function: 'driver', team: 1 },
  { name: 'Ismail', function: 'documenter', team: 2 },
  { name: 'Subhi', function: 'rescuer', team: 3 },
  { name: 'Rana', function: 'medic', team: 4 },
  { name: 'Yusuf', function: 'spotter', team: 5 },
  { name: 'Hamza', function: 'medic', team: 2 },
] as const;

export interface DemoSummary {
  centres: number;
  teams: number;
  units: number;
  volunteers: number;
}

/** Seeds the demo organisation unless centres exist already. Returns what it made (all zero if skipped). Precondition: storage migrated. */
export async function seedDemo(ctx: AppContext, actor: Actor): Promise<DemoSummary> {
  if ((await listCentres(ctx)).length > 0) return { centres: 0, teams: 0, units: 0, volunteers: 0 };
  const centres = centreSites(await ctx.roads.ready()).map((c) => ({ ...c, id: newUlid() }));
  for (const c of centres) await createCentre(ctx, actor, c);
  const teams = Array.from({ length: 6 }, (_, i) => ({ id: newUlid(), name: `Team ${String.fromCharCode(65 + i)}`, centre_id: centres[Math.floor(i / 2)]!.id }));
  for (const t of teams) await createTeam(ctx, actor, t);
  for (const v of VOLUNTEERS) {
    const team = teams[v.team]!;
    await createVolunteer(ctx, actor, { id: newUlid(), name: v.name, function: v.function, centre_id: team.centre_id, team_id: team.id, status: 'on-duty' });
  }
  for (const u of UNITS) {
    const centre = centres[u.centre]!;
    await createUnit(ctx, actor, {
      id: newUlid(),
      name: u.name,
      kind: u.kind,
      centre_id: centre.id,
      team_id: teams[u.team]!.id,
      crew: [],
      capabilities: u.capabilities,
      lat: centre.lat,
      lon: centre.lon,
    });
  }
  return { centres: centres.length, teams: teams.length, units: UNITS.length, volunteers: VOLUNTEERS.length };
}
