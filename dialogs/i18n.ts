import type { Locale } from '../knowledge/contracts/vocabulary';
import { getI18n, translator, type Translate } from '../knowledge/i18n';

/** The conversation's texts (`locales/<lng>/chat.json`) and the engine's (`engine.json`), French fallback. */
export interface Texts {
  t: Translate;
  engine: Translate;
  locale: Locale;
  list(key: string): string[];
}

export function textsFor(locale: Locale): Texts {
  return {
    t: translator(locale, 'chat'),
    engine: translator(locale, 'engine'),
    locale,
    list: (key) => {
      const value: unknown = getI18n().getFixedT(locale, 'chat')(key, { returnObjects: true });
      return Array.isArray(value) ? value.map(String) : [];
    },
  };
}
