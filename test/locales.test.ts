import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { LOCALES } from '../knowledge/contracts/vocabulary';

/** Every text exists in every language, placeholders survive translation, and buttons fit Web Chat. */
const DIR = join(__dirname, '..', 'locales');
type Tree = { [key: string]: string | string[] | Tree };

function flatten(tree: Tree, prefix = ''): Map<string, string | string[]> {
  const out = new Map<string, string | string[]>();
  for (const [k, v] of Object.entries(tree)) {
    if (typeof v === 'string' || Array.isArray(v)) out.set(prefix + k, v);
    else for (const [kk, vv] of flatten(v, `${prefix}${k}.`)) out.set(kk, vv);
  }
  return out;
}

const namespaces = readdirSync(join(DIR, 'fr')).filter((f) => f.endsWith('.json'));
const read = (lng: string, ns: string) => flatten(JSON.parse(readFileSync(join(DIR, lng, ns), 'utf8')) as Tree);
const placeholders = (s: string) => (s.match(/\{\{\w+\}\}/g) ?? []).sort();

describe.each(namespaces)('locales/*/%s', (ns) => {
  const reference = read('fr', ns);

  it.each(LOCALES.filter((l) => l !== 'fr'))('%s has every French key, the same shapes and placeholders', (lng) => {
    const other = read(lng, ns);
    expect([...reference.keys()].filter((k) => !other.has(k))).toEqual([]);
    expect([...other.keys()].filter((k) => !reference.has(k))).toEqual([]);
    const mismatched = [...reference].filter(([k, v]) => {
      const w = other.get(k);
      if (Array.isArray(v) !== Array.isArray(w)) return true;
      return typeof v === 'string' && typeof w === 'string' && placeholders(v).join() !== placeholders(w).join();
    });
    expect(mismatched.map(([k]) => k)).toEqual([]);
  });
});

describe('button titles', () => {
  it.each(LOCALES)('%s: every choice title has at most 20 characters', (lng) => {
    const tooLong = [...read(lng, 'chat.json')].filter(([k, v]) => (k.startsWith('choice.') || k === 'language.name') && typeof v === 'string' && v.length > 20);
    expect(tooLong).toEqual([]);
  });
});
