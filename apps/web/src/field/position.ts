// The phone's last known position, kept across reloads: a strike reported offline after a restart still
// needs a place, and the last fix is better than none (its accuracy is shown).
import type { Position } from './actions.js';

const KEY = 'civdef.position';

/** The last stored fix, or null. Precondition: none. */
export function lastPosition(): Position | null {
  try {
    const p = JSON.parse(localStorage.getItem(KEY) ?? 'null') as Position | null;
    return p && Number.isFinite(p.lat) && Number.isFinite(p.lon) ? p : null;
  } catch {
    return null;
  }
}

/** Follows the GPS, storing each fix and calling onFix. Precondition: none (no geolocation: never calls). */
export function watchPosition(onFix: (p: Position) => void): void {
  if (!('geolocation' in navigator)) return;
  navigator.geolocation.watchPosition(
    (g) => {
      const p = { lat: g.coords.latitude, lon: g.coords.longitude, accuracy_m: Math.round(g.coords.accuracy) };
      localStorage.setItem(KEY, JSON.stringify(p));
      onFix(p);
    },
    () => undefined,
    { enableHighAccuracy: true, maximumAge: 10_000 },
  );
}
