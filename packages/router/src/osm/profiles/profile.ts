// A routing profile decides, from tags alone, which ways can be travelled, in which directions, how
// fast, and which nodes (barriers) cannot be passed. Pure functions: table-tested in profiles.test.ts.
import { type Profile } from '../../graph/graph.js';
import { type Tags } from '../visitor.js';
import { footProfile } from './foot.js';
import { vehicleProfile } from './vehicle.js';

/** Speeds per direction in km/h; 0 closes that direction. Forward follows the way's node order. */
export interface WayRule {
  readonly forwardKmh: number;
  readonly backwardKmh: number;
}

export interface RoutingProfile {
  readonly name: Profile;
  /** null when the way is not part of this profile's network. */
  way(tags: Tags): WayRule | null;
  /** True when the node stops travel through it (a bollard for a vehicle, a wall for a walker). */
  nodeBlocks(tags: Tags): boolean;
}

export const PROFILES: Readonly<Record<Profile, RoutingProfile>> = {
  vehicle: vehicleProfile,
  foot: footProfile,
};
