import type { Locale } from '../knowledge/contracts/vocabulary';
import { getI18n, translator, type Translate } from '../knowledge/i18n';

/** The conversation's texts (`locales/<lng>/chat.json`) and the engine's (`engine.json`), French fallback. */
export interface Texts {
  t: Translate;
  engine: Translate;
  locale: Locale;
  list(key: string): string[];
}

/** Word lists (synonyms, commands) read once per locale: a turn asks for dozens of them. */
const lists = new Map<string, readonly string[]>();

function list(locale: Locale, key: string): string[] {
  let words = lists.get(`${locale}:${key}`);
  if (!words) {
    const value: unknown = getI18n().getFixedT(locale, 'chat')(key, { returnObjects: true });
    words = Array.isArray(value) ? value.map(String) : [];
    lists.set(`${locale}:${key}`, words);
  }
  return [...words];
}

export function textsFor(locale: Locale): Texts {
  return {
    t: translator(locale, 'chat'),
    engine: translator(locale, 'engine'),
    locale,
    list: (key) => list(locale, key),
  };
}
