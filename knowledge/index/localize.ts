import type { Locale } from '../contracts/vocabulary';
import type { LocalizedText, Resource } from '../catalog/schema';

/** The text in the asked locale, French otherwise (French is required in every resource). */
export function pick(text: LocalizedText, locale: Locale): string {
  return text[locale] ?? text.fr;
}

/**
 * Refugies.info serves French paths under /fr and translated paths elsewhere
 * (dispositif → program, demarche → procedure, recherche → advanced-search).
 */
const RI_PATHS: Record<string, string> = { dispositif: 'program', demarche: 'procedure', recherche: 'advanced-search' };

export function refugiesInfoUrl(url: string, locale: Locale): string {
  const m = /^https:\/\/refugies\.info\/fr\/(dispositif|demarche|recherche)(.*)$/.exec(url);
  if (!m || locale === 'fr') return url;
  return `https://refugies.info/${locale}/${RI_PATHS[m[1]!]}${m[2]}`;
}

export function localizedRefugiesInfo(resource: Resource, locale: Locale): Resource['refugiesInfo'] {
  if (!resource.refugiesInfo) return undefined;
  return { ...resource.refugiesInfo, url: refugiesInfoUrl(resource.refugiesInfo.url, locale) };
}
