import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { foldName, jaroWinkler, matchScore, nameSimilarity, type FoundPersonClues, type MissingPersonClues } from './person-match.js';

const missing = (o: Partial<MissingPersonClues> = {}): MissingPersonClues => ({
  name: 'Ahmad Hasan',
  age: 34,
  sex: 'male',
  lat: 36.2,
  lon: 37.15,
  lastSeenAt: '2026-03-01T08:00:00Z',
  ...o,
});
const found = (o: Partial<FoundPersonClues> = {}): FoundPersonClues => ({
  name: 'Ahmed al-Hassan',
  age: 35,
  sex: 'male',
  lat: 36.201,
  lon: 37.151,
  foundAt: '2026-03-01T12:00:00Z',
  ...o,
});

describe('jaroWinkler', () => {
  // Published reference values (Winkler 1990): MARTHA/MARHTA 0.961, DWAYNE/DUANE 0.840, DIXON/DICKSONX 0.813.
  it.each([
    ['MARTHA', 'MARHTA', 0.961],
    ['DWAYNE', 'DUANE', 0.84],
    ['DIXON', 'DICKSONX', 0.813],
  ])('%s ~ %s = %d', (a, b, want) => {
    expect(jaroWinkler(a, b)).toBeCloseTo(want, 3);
  });

  it('is 1 for equal strings, 0 with nothing in common, symmetric and within [0, 1]', () => {
    expect(jaroWinkler('abc', 'abc')).toBe(1);
    expect(jaroWinkler('abc', 'xyz')).toBe(0);
    expect(jaroWinkler('', 'x')).toBe(0);
    fc.assert(
      fc.property(fc.string(), fc.string(), (a, b) => {
        const s = jaroWinkler(a, b);
        expect(s).toBeGreaterThanOrEqual(0);
        expect(s).toBeLessThanOrEqual(1 + 1e-12);
        expect(s).toBeCloseTo(jaroWinkler(b, a), 12);
      }),
    );
  });
});

describe('names', () => {
  it('folds Arabic spellings: hamza on alef, teh marbuta, alef maksura, vowel marks, tatweel', () => {
    expect(foldName('أحمد')).toBe(foldName('احمد'));
    expect(foldName('فاطمة')).toBe(foldName('فاطمه'));
    expect(foldName('مصطفى')).toBe(foldName('مصطفي'));
    expect(foldName('مُحَمَّد')).toBe(foldName('محمد'));
    expect(foldName('محـــمد')).toBe(foldName('محمد'));
    expect(foldName('  José   MARÍA-López ')).toBe('jose maria lopez');
    expect(foldName('الأحمد')).toBe(foldName('احمد'));
    expect(foldName('Omar al-Hassan')).toBe('omar hassan');
  });

  it('matches words in any order and tolerates spelling', () => {
    expect(nameSimilarity('Hasan Ahmad', 'Ahmad Hasan')).toBe(1);
    expect(nameSimilarity('Ahmad Hasan', 'Ahmed al-Hassan')!).toBeGreaterThan(0.8);
    expect(nameSimilarity('Ahmad Hasan', 'Layla Darwish')!).toBeLessThan(0.2);
    expect(nameSimilarity('', 'Layla')).toBeNull();
  });
});

describe('matchScore', () => {
  it('ranks the right person above a stranger found at the same place and time', () => {
    const right = matchScore(missing(), found());
    const stranger = matchScore(missing(), found({ name: 'Layla Darwish', age: 8 }));
    expect(right.score).toBeGreaterThan(0.85);
    expect(stranger.score).toBeLessThan(right.score - 0.3);
  });

  it('still proposes an unidentified victim on age, place and time', () => {
    const m = matchScore(missing(), found({ name: null }));
    expect(m.parts.name).toBeNull();
    expect(m.score).toBeGreaterThan(0.6);
  });

  it('rules out another sex and a body found before the person was last seen', () => {
    expect(matchScore(missing(), found({ sex: 'female' }))).toMatchObject({ score: 0, excluded: 'sex differs' });
    expect(matchScore(missing(), found({ foundAt: '2026-02-28T08:00:00Z' }))).toMatchObject({ score: 0, excluded: 'found before last seen' });
    // An hour of clock or memory error is forgiven.
    expect(matchScore(missing(), found({ foundAt: '2026-03-01T07:00:00Z' })).excluded).toBeNull();
  });

  it('falls with distance and with time since last seen', () => {
    expect(matchScore(missing(), found({ lat: 36.3 })).parts.place!).toBeLessThan(0.01);
    expect(matchScore(missing(), found({ foundAt: '2026-03-10T08:00:00Z' })).parts.time!).toBeLessThan(0.1);
  });

  it('always lies in [0, 1]', () => {
    const clue = fc.record({
      name: fc.option(fc.string(), { nil: null }),
      age: fc.option(fc.integer({ min: 0, max: 110 }), { nil: null }),
      sex: fc.constantFrom('female' as const, 'male' as const, null),
    });
    const time = fc.date({ min: new Date('2020-01-01'), max: new Date('2030-01-01'), noInvalidDate: true }).map((d) => d.toISOString());
    fc.assert(
      fc.property(clue, clue, time, time, fc.double({ min: 36, max: 36.4, noNaN: true }), (m, f, seen, at, lat) => {
        const s = matchScore({ ...m, lat, lon: 37.1, lastSeenAt: seen }, { ...f, lat: 36.2, lon: 37.15, foundAt: at }).score;
        expect(s).toBeGreaterThanOrEqual(0);
        expect(s).toBeLessThanOrEqual(1);
      }),
    );
  });
});
