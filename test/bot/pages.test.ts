import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { FRENCH_LEVELS, LOCALES, PROGRAMS, PROTECTIONS, STATUSES, THEMES, type CirState } from '../../knowledge/contracts/vocabulary';
import { loadPageStrings, readPageStrings, type PageStrings } from '../../bot/pages/strings';
import { ROOT } from '../support/process';

/** locales/<lng>/pages.json: the labels of /check and /summary, complete in all 8 languages. */

type Flat = Record<string, string>;
const flatten = (strings: PageStrings): Flat =>
  Object.fromEntries(Object.entries(strings).flatMap(([group, labels]) => Object.entries(labels).map(([key, text]) => [`${group}.${key}`, text])));
const placeholders = (text: string) => [...text.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]).sort();

const french = flatten(readPageStrings('fr'));

describe('page labels', () => {
  it.each(LOCALES.filter((l) => l !== 'fr'))('%s has every French key, no other, each non-empty with the same placeholders', (lng) => {
    const labels = flatten(readPageStrings(lng));
    expect(Object.keys(labels).sort()).toEqual(Object.keys(french).sort());
    for (const [key, text] of Object.entries(labels)) {
      expect([key, text.trim().length > 0]).toEqual([key, true]);
      expect([key, placeholders(text)]).toEqual([key, placeholders(french[key]!)]);
    }
  });

  it('names every program, protection and CIR answer the engine can give', () => {
    for (const program of PROGRAMS) expect([program, french[`program.${program}`]]).toEqual([program, expect.any(String)]);
    for (const protection of PROTECTIONS) expect([protection, french[`value.${protection}`]]).toEqual([protection, expect.any(String)]);
    // As plan-view.js and check.js name them.
    const cir: Record<CirState, string> = { signed: 'value.cirSigned', not_signed: 'value.cirNotSigned', unknown: 'value.unknown' };
    for (const key of Object.values(cir)) expect([key, french[key]]).toEqual([key, expect.any(String)]);
  });

  it('serves, for each language, the labels plus the engine’s names of every status, level and need', () => {
    const served = loadPageStrings();
    expect([...served.keys()].sort()).toEqual([...LOCALES].sort());
    for (const lng of LOCALES) {
      const body = JSON.parse(served.get(lng)!) as Record<string, Flat>;
      const engine = JSON.parse(readFileSync(join(ROOT, 'locales', lng, 'engine.json'), 'utf8')) as Record<string, Flat>;
      expect(Object.keys(body.status!).sort()).toEqual([...STATUSES].sort());
      expect(Object.keys(body.level!).sort()).toEqual([...FRENCH_LEVELS].sort());
      expect(Object.keys(body.theme!).sort()).toEqual([...THEMES].sort());
      expect(body.status!.bpi).toBe(engine.status!.bpi);
      expect(body.section).toEqual(readPageStrings(lng).section);
    }
  });
});
