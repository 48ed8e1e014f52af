// The walking profile: a team on foot, 5 km/h, both directions of every walkable way (oneway binds
// traffic, not pedestrians).
import { type Tags } from '../visitor.js';
import { accessFor, FOOT_KEYS } from './access.js';
import type { RoutingProfile, WayRule } from './profile.js';
import { FOOT_HIGHWAYS, FOOT_KMH } from './speeds.js';

/** Barriers that stop a walker even when mapped on a path (usually a missing gate, but we cannot tell). */
const FOOT_BLOCKING: ReadonlySet<string> = new Set(['wall', 'fence', 'hedge', 'retaining_wall', 'city_wall']);

const BOTH: WayRule = { forwardKmh: FOOT_KMH, backwardKmh: FOOT_KMH };

function wayRule(tags: Tags): WayRule | null {
  const highway = tags.get('highway');
  if (highway === undefined || tags.get('route') === 'ferry') return null;
  const access = accessFor(tags, FOOT_KEYS);
  if (access === 'denied') return null;
  if (FOOT_HIGHWAYS.has(highway)) return BOTH;
  // A trunk road is walkable only where it says so (foot=yes, usually a sidewalk); a motorway never.
  if ((highway === 'trunk' || highway === 'trunk_link') && tags.has('foot') && access === 'allowed') return BOTH;
  return null;
}

function nodeBlocks(tags: Tags): boolean {
  const barrier = tags.get('barrier');
  if (barrier === undefined) return false;
  const access = accessFor(tags, FOOT_KEYS);
  if (access === 'denied') return true;
  return FOOT_BLOCKING.has(barrier) && access !== 'allowed';
}

export const footProfile: RoutingProfile = { name: 'foot', way: wayRule, nodeBlocks };
