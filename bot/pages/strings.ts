import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { LOCALES, type Locale } from '../../knowledge/contracts/vocabulary';

/**
 * Labels of the quick check and the hand-over summary in one language: `locales/<lng>/pages.json` (section
 * titles, field names, program names…) plus the engine's own names of statuses, French levels and needs
 * (`engine.json`), so a status reads the same in the plan, the chat and the summary.
 */

const LOCALES_DIR = join(__dirname, '..', '..', 'locales');

const Labels = z.record(z.string(), z.string().min(1));
export const PageStringsSchema = z.strictObject({
  page: Labels,
  section: Labels,
  field: Labels,
  value: Labels,
  eligibility: Labels,
  program: Labels,
  place: Labels,
});
export type PageStrings = z.infer<typeof PageStringsSchema>;

const EngineNamesSchema = z.object({ status: Labels, level: Labels, theme: Labels });

export function readPageStrings(lng: Locale): PageStrings {
  return PageStringsSchema.parse(JSON.parse(readFileSync(join(LOCALES_DIR, lng, 'pages.json'), 'utf8')));
}

/** The JSON each page loads for `lng`: its labels and the engine's status, level and need names. */
export function loadPageStrings(): Map<Locale, string> {
  const out = new Map<Locale, string>();
  for (const lng of LOCALES) {
    const engine = EngineNamesSchema.parse(JSON.parse(readFileSync(join(LOCALES_DIR, lng, 'engine.json'), 'utf8')));
    out.set(lng, JSON.stringify({ ...readPageStrings(lng), status: engine.status, level: engine.level, theme: engine.theme }));
  }
  return out;
}
