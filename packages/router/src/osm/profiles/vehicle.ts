// The emergency-vehicle profile: an ambulance or rescue truck, allowed where emergency=yes says so.
import { type Tags } from '../visitor.js';
import { accessFor, emergencyAccess, MOTOR_KEYS } from './access.js';
import { parseMaxspeed } from './maxspeed.js';
import { onewayOf } from './oneway.js';
import type { RoutingProfile, WayRule } from './profile.js';
import { VEHICLE_KMH, VEHICLE_PEDESTRIAN_STREET_KMH } from './speeds.js';

/** Barriers a vehicle can pass unless access tags on the node say otherwise (gates open, grids roll). */
const PASSABLE_BARRIERS: ReadonlySet<string> = new Set([
  'gate',
  'lift_gate',
  'swing_gate',
  'sliding_gate',
  'cattle_grid',
  'toll_booth',
  'border_control',
  'entrance',
  'sally_port',
  'height_restrictor',
  'kerb',
  'no',
]);

function wayRule(tags: Tags): WayRule | null {
  const highway = tags.get('highway');
  if (highway === undefined) return null;
  // A route=ferry way is a crossing, not a road; areas (area=yes) are outlines of squares, not lanes.
  if (tags.get('route') === 'ferry' || tags.get('area') === 'yes') return null;
  if (tags.get('smoothness') === 'impassable') return null;
  const access = emergencyAccess(tags);
  if (access === 'denied') return null;
  let kmh = VEHICLE_KMH[highway];
  // A pedestrian street is closed to vehicles unless it says an emergency or motor vehicle may enter.
  if (kmh === undefined && highway === 'pedestrian' && access === 'allowed') kmh = VEHICLE_PEDESTRIAN_STREET_KMH;
  // Everything else (footway, path, steps, cycleway, construction, proposed, platform...) is not a road.
  if (kmh === undefined) return null;
  const oneway = onewayOf(tags);
  if (oneway === 'closed') return null;
  const cap = (key: string): number => {
    const limit = parseMaxspeed(tags.get(key)) ?? parseMaxspeed(tags.get('maxspeed'));
    return limit !== null && limit < kmh ? limit : kmh;
  };
  return {
    forwardKmh: oneway === 'backward' ? 0 : cap('maxspeed:forward'),
    backwardKmh: oneway === 'forward' ? 0 : cap('maxspeed:backward'),
  };
}

function nodeBlocks(tags: Tags): boolean {
  const barrier = tags.get('barrier');
  if (barrier === undefined) return false;
  const emergency = tags.get('emergency');
  if (emergency === 'yes' || emergency === 'designated') return false;
  if (PASSABLE_BARRIERS.has(barrier)) return emergencyAccess(tags) === 'denied';
  // Bollards, blocks, chains, debris...: closed unless the node explicitly admits motor vehicles.
  return accessFor(tags, MOTOR_KEYS) !== 'allowed';
}

export const vehicleProfile: RoutingProfile = { name: 'vehicle', way: wayRule, nodeBlocks };
