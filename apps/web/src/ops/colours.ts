// Colours of the map and the panels, one table so the legend and the drawing agree.

export const KIND_COLOURS: Record<string, string> = {
  airstrike: '#e12d39',
  'barrel-bomb': '#ff6b00',
  shelling: '#f0b429',
  fire: '#ff922b',
  'building-collapse': '#c084fc',
  'chemical-attack': '#40c057',
  other: '#adb5bd',
};

export const STATUS_COLOURS: Record<string, string> = {
  available: '#3ebd93',
  dispatched: '#f0b429',
  'en-route': '#ff922b',
  'on-scene': '#e12d39',
  returning: '#4dabf7',
  'out-of-service': '#6c757d',
};

/** Opacity of an incident's mark by its age: fresh ones stand out, day-old ones fade. Precondition: none. */
export function ageAlpha(ageMs: number): number {
  const hours = Math.max(0, ageMs) / 3_600_000;
  return Math.max(0.35, 1 - hours / 12);
}
