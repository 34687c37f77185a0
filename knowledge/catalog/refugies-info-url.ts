import type { Locale } from '../contracts/vocabulary';

/**
 * Public addresses of Refugies.info: French paths under `/fr` (`dispositif`, `demarche`, `recherche`),
 * translated paths under every other locale (`program`, `procedure`, `advanced-search`).
 */
const TRANSLATED_PATH = { dispositif: 'program', demarche: 'procedure', recherche: 'advanced-search' } as const;
export type RefugiesInfoPage = keyof typeof TRANSLATED_PATH;

/** The page of a fiche in a locale. */
export function refugiesInfoUrl(id: string, type: Exclude<RefugiesInfoPage, 'recherche'>, locale: Locale = 'fr'): string {
  return `https://refugies.info/${locale}/${locale === 'fr' ? type : TRANSLATED_PATH[type]}/${id}`;
}

/** The same page as a French Refugies.info address, in another locale; other addresses are left as they are. */
export function localizeRefugiesInfoUrl(url: string, locale: Locale): string {
  const m = /^https:\/\/refugies\.info\/fr\/(dispositif|demarche|recherche)(.*)$/.exec(url);
  if (!m || locale === 'fr') return url;
  return `https://refugies.info/${locale}/${TRANSLATED_PATH[m[1] as RefugiesInfoPage]}${m[2]}`;
}
