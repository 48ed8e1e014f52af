// Generated place and street names in English transliteration and Arabic script. Each syllable carries
// both spellings, so a neighbourhood's name:en and name:ar say the same thing; the result sounds like a
// Levantine city without naming any real place.
import type { Prng } from './prng.js';

const SYLLABLES: readonly (readonly [string, string])[] = [
  ['ba', 'با'], ['bi', 'بي'], ['da', 'دا'], ['di', 'دي'], ['fa', 'فا'], ['ha', 'حا'], ['hu', 'حو'],
  ['ja', 'جا'], ['ka', 'كا'], ['kha', 'خا'], ['la', 'لا'], ['lu', 'لو'], ['ma', 'ما'], ['mi', 'مي'],
  ['mu', 'مو'], ['na', 'نا'], ['nu', 'نو'], ['qa', 'قا'], ['ra', 'را'], ['ri', 'ري'], ['sa', 'سا'],
  ['sha', 'شا'], ['su', 'سو'], ['ta', 'تا'], ['wa', 'وا'], ['ya', 'يا'], ['za', 'زا'], ['zi', 'زي'],
  ['dar', 'دار'], ['jab', 'جاب'], ['mar', 'مار'], ['nas', 'ناص'], ['sal', 'سال'], ['kar', 'كار'],
  ['tal', 'تل'], ['bad', 'باد'], ['sur', 'سور'], ['hal', 'حال'], ['rim', 'ريم'], ['nur', 'نور'],
];

const OLD_TOWN_PREFIXES: readonly (readonly [string, string])[] = [
  ['Bab ', 'باب '], ['Suq al-', 'سوق ال'], ['Harat al-', 'حارة ال'], ['Jami al-', 'جامع ال'],
];

const DISTRICT_PREFIXES: readonly (readonly [string, string])[] = [
  ['Hayy al-', 'حي ال'], ['Jabal ', 'جبل '], ['Karm al-', 'كرم ال'], ['Ard al-', 'أرض ال'],
  ['Dahiyat al-', 'ضاحية ال'], ['Tal ', 'تل '], ['al-', 'ال'], ['', ''], ['', ''],
];

export interface PlaceName {
  en: string;
  ar: string;
}

function stem(rng: Prng, min = 2, max = 3): [string, string] {
  const n = rng.int(min, max);
  let en = '';
  let ar = '';
  for (let i = 0; i < n; i++) {
    const [l, a] = rng.pick(SYLLABLES);
    en += l;
    ar += a;
  }
  return [en[0]!.toUpperCase() + en.slice(1), ar];
}

/** A neighbourhood name not yet in `used` (which it joins). Precondition: none. */
export function neighbourhoodName(rng: Prng, oldTown: boolean, used: Set<string>): PlaceName {
  for (;;) {
    const [pe, pa] = rng.pick(oldTown ? OLD_TOWN_PREFIXES : DISTRICT_PREFIXES);
    const [se, sa] = stem(rng);
    const en = pe + se;
    if (used.has(en)) continue;
    used.add(en);
    return { en, ar: pa + sa };
  }
}

/** A street name such as "Marnasa Street", unique among `used` when possible. Precondition: none. */
export function streetName(rng: Prng, kind: string, used: Set<string>): string {
  for (let tries = 0; ; tries++) {
    const [se] = stem(rng, 2, tries > 20 ? 4 : 3);
    const name = `${se} ${kind}`;
    if (!used.has(name) || tries > 50) {
      used.add(name);
      return name;
    }
  }
}

/** A bridge or river name in both scripts. Precondition: none. */
export function landmarkName(rng: Prng, en: string, ar: string): PlaceName {
  const [se, sa] = stem(rng, 2, 2);
  return { en: `${se} ${en}`, ar: `${ar} ${sa}` };
}
