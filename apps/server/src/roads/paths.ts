// Where the road network lives in the data folder: one graph file per profile, and the demo city's zones.
import { join } from 'node:path';
import type { Profile } from '@civdef/router';

/** The folder holding the graph files. Precondition: none. */
export const roadsDir = (dataDir: string): string => join(dataDir, 'roads');

/** The graph file of a profile, e.g. <dataDir>/roads/vehicle.graph. Precondition: none. */
export const graphPath = (dataDir: string, profile: Profile): string => join(roadsDir(dataDir), `${profile}.graph`);

/** The demo city's neighbourhoods as GeoJSON. Precondition: none. */
export const zonesPath = (dataDir: string): string => join(roadsDir(dataDir), 'zones.geojson');

export const PROFILES: readonly Profile[] = ['vehicle', 'foot'];
