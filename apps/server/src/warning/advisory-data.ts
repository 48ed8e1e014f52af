import type { DoubleTapAdvisoryData } from '@civdef/core';
import type { DoubleTapAdvisory } from '@civdef/warning';

/** The data of an advisory.double-tap event. Precondition: the advisory came from a strike with an incident id. */
export function advisoryData(a: DoubleTapAdvisory, incidentId: string): DoubleTapAdvisoryData {
  return {
    incident_id: a.incidentId ?? incidentId,
    time: new Date(a.time).toISOString(),
    lat: a.lat,
    lon: a.lon,
    radius_m: a.radiusM,
    until: new Date(a.until).toISOString(),
    track_ids: a.trackIds,
  };
}
