import { byPopulation, communeIndex, type Commune } from './communes';

/**
 * French towns typed in another script: "Ліон", "ليون", "مارسيليا", "سان دوني", "ፓሪስ". Arabic and Persian
 * write few vowels and Tigrinya writes syllables, so names are compared by their consonants, as they sound:
 * each script's letters and the French spelling are reduced to the same consonant classes (p and b, which
 * Arabic does not tell apart; "ch" and ش; a French "ce" and س…), vowels and glides dropped, doubles merged.
 * Only towns of some size are known this way (a person writing in another script names a town people know),
 * largest first; a sound shared by several is for the person to pick.
 */
const MIN_POPULATION = 5_000;

const ARABIC: Record<string, string> = {
  ب: 'b', پ: 'b', ت: 't', ټ: 't', ط: 't', ث: 's', س: 's', ص: 's', څ: 's', ج: 'j', ژ: 'j', ږ: 'j', چ: 'x', ش: 'x', ښ: 'x',
  خ: 'k', ق: 'k', ك: 'k', ک: 'k', گ: 'g', ګ: 'g', غ: 'g', د: 'd', ډ: 'd', ض: 'd', ذ: 'z', ز: 'z', ظ: 'z', ځ: 'z',
  ر: 'r', ړ: 'r', ف: 'f', ل: 'l', م: 'm', ن: 'n', ڼ: 'n',
};
const CYRILLIC: Record<string, string> = {
  б: 'b', п: 'b', т: 't', д: 'd', с: 's', з: 'z', ж: 'j', ш: 'x', щ: 'x', ч: 'x', к: 'k', х: 'k', г: 'g', ґ: 'g',
  ф: 'f', л: 'l', м: 'm', н: 'n', р: 'r', ц: 'ts',
};
/** Ethiopic rows (8 vowel forms each, from the row's first code point) → consonant class. */
const ETHIOPIC_ROWS: Array<[number, string]> = [
  [0x1208, 'l'], [0x1218, 'm'], [0x1220, 's'], [0x1228, 'r'], [0x1230, 's'], [0x1238, 'x'], [0x1240, 'k'], [0x1250, 'k'],
  [0x1260, 'b'], [0x1268, 'f'], [0x1270, 't'], [0x1278, 'x'], [0x1290, 'n'], [0x1298, 'n'], [0x12a8, 'k'], [0x12b8, 'k'],
  [0x12d8, 'z'], [0x12e0, 'j'], [0x12f0, 'd'], [0x1300, 'j'], [0x1308, 'g'], [0x1320, 't'], [0x1328, 'x'], [0x1330, 'b'],
  [0x1338, 's'], [0x1340, 's'], [0x1348, 'f'], [0x1350, 'b'],
];

function ethiopic(code: number): string | undefined {
  const row = ETHIOPIC_ROWS.find(([start]) => code >= start && code < start + 8);
  return row?.[1];
}

/** The consonants of a name written in Arabic, Persian, Pashto, Cyrillic or Ethiopic script ('' for Latin). */
export function foreignSkeleton(text: string): string {
  let out = '';
  let foreign = false;
  for (const ch of text.toLowerCase()) {
    const code = ch.codePointAt(0)!;
    const mapped = ARABIC[ch] ?? CYRILLIC[ch] ?? (code >= 0x1200 && code <= 0x137f ? ethiopic(code) : undefined);
    if (/[\u0600-\u06ff\u0400-\u04ff\u1200-\u137f]/u.test(ch)) foreign = true;
    if (mapped) out += mapped;
  }
  return foreign ? merge(out) : '';
}

const merge = (s: string) => s.replace(/(.)\1+/g, '$1');

/** What French leaves unsaid at a word's end: none, a final "e"/"s", or also a consonant before it ("Saint-Denis"). */
const ENDINGS: Array<(word: string) => string> = [(w) => w, (w) => w.replace(/e?s?$/, ''), (w) => w.replace(/e?s?$/, '').replace(/[tdxz]$/, '')];

/** The French name's consonants as heard, once per way of reading its word endings. */
function frenchSkeletons(name: string): string[] {
  const words = name
    .toLowerCase()
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .split(/[^a-z]+/)
    .filter(Boolean)
    // Read before the silent ending goes: an s between vowels sounds z ("Toulouse", تولوز), "ge" j ("Limoges").
    .map((w) => w.replace(/(?<=[aeiouy])s(?=[aeiouy])/g, 'z').replace(/c(?=[eiy])/g, 's').replace(/g(?=[eiy])/g, 'j'));
  return ENDINGS.map((ending) =>
    merge(
      words
        .map(ending)
        .join('')
        .replace(/ch|sh/g, 'x')
        .replace(/ph/g, 'f')
        .replace(/th/g, 't')
        .replace(/qu/g, 'k')
        .replace(/gn/g, 'n')
        .replace(/[aeiouyhvw]/g, '')
        .replace(/p/g, 'b')
        .replace(/[cq]/g, 'k'),
    ),
  );
}

let index: Map<string, Commune[]> | undefined;

function soundIndex(): Map<string, Commune[]> {
  if (index) return index;
  index = new Map();
  for (const c of communeIndex().communes.values()) {
    if ((c.population ?? 0) < MIN_POPULATION) continue;
    for (const key of new Set(frenchSkeletons(c.name))) {
      if (key === '') continue;
      const list = index.get(key);
      if (list) list.push(c);
      else index.set(key, [c]);
    }
  }
  for (const list of index.values()) list.sort(byPopulation);
  return index;
}

/** Towns whose name sounds like this text written in another script, largest first (none for Latin text). */
export function communesBySound(text: string): Commune[] {
  const key = foreignSkeleton(text);
  return key ? [...(soundIndex().get(key) ?? [])] : [];
}
