// What an incident needs sent to it, from what is known of it: its kind, severity (1-5), people trapped and
// expected casualties. A rule of thumb written down so a dispatcher can read and argue with it, not a model:
// collapses and strikes on buildings need heavy rescue (jacks, cutters, a crane) and more of it as more
// people are trapped; fires need a fire truck and, when large, water; chemical attacks need hazmat;
// casualties need ambulances, about two patients each.
import type { Incident, Unit } from '@civdef/core';

export type Capability = Unit['capabilities'][number];

export interface NeedSpec {
  capability: Capability;
  count: number;
  reason: string;
}

/** What the rules read of an incident. */
export type NeedInput = Pick<Incident, 'kind' | 'severity' | 'people_trapped' | 'casualties'>;

/** Patients an ambulance carries at once (a stretcher and a seated patient). */
const PATIENTS_PER_AMBULANCE = 2;
/** People trapped one heavy-rescue crew can work on at a time, roughly one collapsed building's worth. */
const TRAPPED_PER_RESCUE_CREW = 5;
/** No rule sends more than this many units of one capability; the dispatcher adds more by hand. */
const MAX_PER_NEED = 4;

const clampCount = (n: number) => Math.max(1, Math.min(MAX_PER_NEED, n));

/** Casualties to plan for: the estimate when given, else one per severity step above 2. Precondition: severity 1-5. */
export function expectedCasualties(i: NeedInput): number {
  return i.casualties ?? Math.max(0, i.severity - 2);
}

function rescue(i: NeedInput, heavyFromSeverity: number): NeedSpec {
  const trapped = i.people_trapped ?? 0;
  const heavy = i.severity >= heavyFromSeverity || trapped > 0;
  if (!heavy) return { capability: 'light-rescue', count: 1, reason: `a ${i.kind} of severity ${i.severity}: search and light rescue` };
  const crews = clampCount(Math.ceil(trapped / TRAPPED_PER_RESCUE_CREW));
  return { capability: 'heavy-rescue', count: crews, reason: trapped > 0 ? `${trapped} people trapped` : `a ${i.kind} of severity ${i.severity}: collapsed structures likely` };
}

/** The capabilities an incident needs and how many units of each, most urgent first. Precondition: severity 1-5, counts >= 0. */
export function needsOf(i: NeedInput): NeedSpec[] {
  const out: NeedSpec[] = [];
  switch (i.kind) {
    case 'building-collapse':
      out.push(rescue(i, 1));
      if (i.severity >= 4) out.push({ capability: 'excavation', count: 1, reason: `a collapse of severity ${i.severity}: heavy slabs to lift` });
      break;
    case 'airstrike':
    case 'barrel-bomb':
      out.push(rescue(i, 3));
      if (i.severity >= 4) out.push({ capability: 'firefighting', count: 1, reason: `a ${i.kind} of severity ${i.severity}: fires likely` });
      break;
    case 'shelling':
      out.push(rescue(i, 4));
      break;
    case 'fire':
      out.push({ capability: 'firefighting', count: i.severity >= 4 ? 2 : 1, reason: `a fire of severity ${i.severity}` });
      if (i.severity >= 4) out.push({ capability: 'water', count: 1, reason: 'a large fire: a tanker to refill the trucks' });
      if ((i.people_trapped ?? 0) > 0) out.push(rescue(i, 1));
      break;
    case 'chemical-attack':
      out.push({ capability: 'hazmat', count: 1, reason: 'a chemical attack: decontamination' });
      break;
    case 'other':
      out.push(rescue(i, 5));
      break;
  }
  const casualties = expectedCasualties(i);
  if (casualties > 0) {
    out.push({
      capability: 'medical',
      count: clampCount(Math.ceil(casualties / PATIENTS_PER_AMBULANCE)),
      reason: i.casualties !== null ? `${casualties} casualties expected` : `severity ${i.severity}: about ${casualties} casualties`,
    });
  }
  return out;
}
