// How well a person found (a victim) fits a person reported missing. A score in [0, 1] from four clues,
// each in [0, 1]: name, age, place and time. A clue unknown on either side counts as 0.5 (it neither helps
// nor hurts), so an unidentified victim can still be proposed on age, place and time. Two clues rule a
// candidate out: a different sex, and being found well before the person was last seen.

import { haversineMeters } from '../geo/distance.js';

export interface MissingPersonClues {
  name: string | null;
  age: number | null;
  sex: 'female' | 'male' | null;
  lat: number | null;
  lon: number | null;
  /** When the person was last seen (ISO), if known. */
  lastSeenAt: string | null;
}

export interface FoundPersonClues {
  name: string | null;
  age: number | null;
  sex: 'female' | 'male' | null;
  /** Where the victim was found (the worksite, else the incident). */
  lat: number;
  lon: number;
  foundAt: string;
}

export interface MatchScore {
  score: number;
  /** Each clue's part, or null where it was unknown. */
  parts: { name: number | null; age: number | null; place: number | null; time: number | null };
  /** Why the candidate is ruled out, if it is. */
  excluded: string | null;
}

const WEIGHTS = { name: 0.5, age: 0.2, place: 0.2, time: 0.1 } as const;
/** Ages in the field are guesses: 15 years apart is no match at all. */
const AGE_SPAN_YEARS = 15;
/** Distance at which the place clue has fallen to 1/e: a neighbourhood. */
const PLACE_SCALE_M = 2_000;
/** Time after last seen at which the time clue has fallen to 1/e: three days of digging. */
const TIME_SCALE_H = 72;
/** A clock or a memory off by this much is forgiven before "found before last seen" rules a candidate out. */
const TIME_SLACK_MS = 2 * 3_600_000;

/**
 * Folds a name for comparison: Unicode compatibility form, no diacritics or Arabic vowel marks, one spelling of
 * alef, yeh and teh marbuta, no tatweel or punctuation, lower case, single spaces, and no definite article
 * (al-Hassan, الحسن and Hassan are one family name as people write it). Precondition: none.
 */
export function foldName(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f\u064b-\u065f\u0670\u0640]/g, '')
    .replace(/[\u0622\u0623\u0625\u0671]/g, '\u0627')
    .replace(/\u0649/g, '\u064a')
    .replace(/\u0629/g, '\u0647')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .split(' ')
    .filter((w) => w !== 'al' && w !== 'el')
    .map((w) => (w.length > 3 && w.startsWith('\u0627\u0644') ? w.slice(2) : w))
    .join(' ')
    .trim();
}

/** Jaro-Winkler similarity of two strings, 1 for equal, 0 for nothing in common. Precondition: none. */
export function jaroWinkler(a: string, b: string): number {
  if (a === b) return 1;
  if (!a.length || !b.length) return 0;
  const window = Math.max(0, Math.floor(Math.max(a.length, b.length) / 2) - 1);
  const usedB = new Array<boolean>(b.length).fill(false);
  const matchedA: string[] = [];
  for (let i = 0; i < a.length; i++) {
    for (let j = Math.max(0, i - window); j <= Math.min(b.length - 1, i + window); j++) {
      if (!usedB[j] && a[i] === b[j]) {
        usedB[j] = true;
        matchedA.push(a[i]!);
        break;
      }
    }
  }
  const m = matchedA.length;
  if (!m) return 0;
  const matchedB = [...b].filter((_, j) => usedB[j]);
  const transpositions = matchedA.filter((c, k) => c !== matchedB[k]).length / 2;
  const jaro = (m / a.length + m / b.length + (m - transpositions) / m) / 3;
  let prefix = 0;
  while (prefix < 4 && prefix < a.length && prefix < b.length && a[prefix] === b[prefix]) prefix++;
  return jaro + prefix * 0.1 * (1 - jaro);
}

/** Two unrelated words still score about 0.5 by Jaro-Winkler: below this a word counts as no likeness at all. */
const WORD_FLOOR = 0.6;

/**
 * Name likeness in [0, 1]: each word of the shorter name against its best partner in the other, averaged, so
 * "Ahmad Hasan" fits "Ahmed al Hassan" and word order does not matter. Null when either name is empty.
 */
export function nameSimilarity(a: string, b: string): number | null {
  const wa = foldName(a).split(' ').filter(Boolean);
  const wb = foldName(b).split(' ').filter(Boolean);
  if (!wa.length || !wb.length) return null;
  const [short, long] = wa.length <= wb.length ? [wa, wb] : [wb, wa];
  const best = short.map((w) => Math.max(...long.map((v) => Math.max(0, (jaroWinkler(w, v) - WORD_FLOOR) / (1 - WORD_FLOOR)))));
  return best.reduce((s, x) => s + x, 0) / best.length;
}

/** Scores a found person against a missing one. Precondition: times are valid ISO strings, coordinates valid degrees. */
export function matchScore(missing: MissingPersonClues, found: FoundPersonClues): MatchScore {
  const name = missing.name && found.name ? nameSimilarity(missing.name, found.name) : null;
  const age = missing.age !== null && found.age !== null ? Math.max(0, 1 - Math.abs(missing.age - found.age) / AGE_SPAN_YEARS) : null;
  const place = missing.lat !== null && missing.lon !== null ? Math.exp(-haversineMeters(missing.lat, missing.lon, found.lat, found.lon) / PLACE_SCALE_M) : null;
  let time: number | null = null;
  let excluded: string | null = null;
  if (missing.sex && found.sex && missing.sex !== found.sex) excluded = 'sex differs';
  if (missing.lastSeenAt) {
    const afterMs = Date.parse(found.foundAt) - Date.parse(missing.lastSeenAt);
    if (afterMs < -TIME_SLACK_MS) excluded ??= 'found before last seen';
    time = Math.exp(-Math.max(0, afterMs) / 3_600_000 / TIME_SCALE_H);
  }
  const parts = { name, age, place, time };
  const score = excluded
    ? 0
    : (Object.keys(WEIGHTS) as (keyof typeof WEIGHTS)[]).reduce((s, k) => s + WEIGHTS[k] * (parts[k] ?? 0.5), 0);
  return { score: Math.round(score * 1000) / 1000, parts, excluded };
}
