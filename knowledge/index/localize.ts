import { localizeRefugiesInfoUrl } from '../catalog/refugies-info-url';
import type { Recommendation } from '../contracts/result';
import type { Locale, Theme } from '../contracts/vocabulary';
import type { LocalizedText, Resource } from '../catalog/schema';

/** The text in the asked locale, French otherwise (French is required in every resource). */
export function pick(text: LocalizedText, locale: Locale): string {
  return text[locale] ?? text.fr;
}

export function localizedRefugiesInfo(resource: Resource, locale: Locale): Resource['refugiesInfo'] {
  if (!resource.refugiesInfo) return undefined;
  return { ...resource.refugiesInfo, url: localizeRefugiesInfoUrl(resource.refugiesInfo.url, locale) };
}

/** A resource as a recommendation for one need, in the person's locale. */
export function toRecommendation(
  r: Resource,
  { need, locale, why, score, distanceKm }: { need: Theme; locale: Locale; why: string[]; score: number; distanceKm?: number },
): Recommendation {
  const refugiesInfo = localizedRefugiesInfo(r, locale);
  return {
    id: r.id,
    kind: r.kind,
    title: pick(r.title, locale),
    summary: pick(r.summary, locale),
    theme: need,
    themes: r.themes,
    programs: r.programs,
    scope: r.geography.scope,
    why,
    ...(r.contact.url ? { url: r.contact.url } : {}),
    ...(r.contact.phone ? { phone: r.contact.phone } : {}),
    ...(r.contact.address ? { address: r.contact.address } : {}),
    ...(refugiesInfo ? { refugiesInfo } : {}),
    ...(distanceKm !== undefined ? { distanceKm: Math.round(distanceKm * 10) / 10 } : {}),
    ...(r.hours && Object.keys(r.hours).length ? { hours: r.hours } : {}),
    score,
    source: r.source,
    verifiedOn: r.verifiedOn,
  };
}
