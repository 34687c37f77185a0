import type { Audience, ResourceInput } from '../catalog/schema';
import type { Status, Theme } from '../contracts/vocabulary';
import { coordinates, firstText, fold, importedId, isIsoDate, isObject, markdownToText, normalisePhone, parseJson, shorten, unique, type Json } from './common';
import { commune, communesOfPostcode, departmentsOfRegion, epciMembers, normaliseDepartment } from './geo';
import { ImportParseError, type Candidate, type MapContext } from './types';

/**
 * data·inclusion schema v1 services (`schemas/v1/service.json`): each becomes one `service` resource. Only the
 * fields present in a record are mapped; the v0 fields still found in older exports are read too (`profils` as
 * `publics`, `presentation_*` as `description`, `zone_diffusion_*` as `zone_eligibilite`).
 */

/** Thématiques whose meaning is more precise than their category. */
const THEMATIQUE_LEAVES: Record<string, Theme[]> = {
  'lecture-ecriture-calcul--maitriser-le-francais': ['language'],
  'lecture-ecriture-calcul--maitriser-le-calcul': ['training'],
  'logement-hebergement--rechercher-une-solution-dhebergement-temporaire': ['housing', 'emergency'],
  'logement-hebergement--mal-loges-sans-logis': ['housing', 'emergency'],
  'sante--sante-mentale': ['mental_health'],
  'sante--bien-etre-psychologique': ['mental_health'],
  'sante--accompagner-les-traumatismes': ['mental_health'],
  'famille--garde-denfants': ['childcare'],
  'famille--soutien-a-la-parentalite-et-a-leducation': ['schooling', 'social'],
  'illettrisme--accompagner-scolarite': ['schooling'],
  'illettrisme--utiliser-numerique': ['digital'],
  'illettrisme--permis-conduire': ['mobility'],
  'equipement-et-alimentation--acces-a-du-materiel-informatique': ['digital'],
  'equipement-et-alimentation--acces-a-un-telephone-et-un-abonnement': ['digital'],
  'gestion-financiere--obtenir-une-aide-alimentaire': ['emergency'],
  'accompagnement-social-et-professionnel-personnalise--decrochage-scolaire': ['schooling'],
  'se-former--utiliser-le-numerique': ['digital'],
};

/** Thématique categories (the part before `--`) → our themes. */
const THEMATIQUE_CATEGORIES: Record<string, Theme> = {
  'lecture-ecriture-calcul': 'language',
  'apprendre-francais': 'language',
  illettrisme: 'language',
  'logement-hebergement': 'housing',
  sante: 'health',
  mobilite: 'mobility',
  numerique: 'digital',
  'trouver-un-emploi': 'employment',
  'preparer-sa-candidature': 'employment',
  'choisir-un-metier': 'employment',
  'creer-une-entreprise': 'employment',
  'creation-activite': 'employment',
  'souvrir-a-linternational': 'employment',
  'accompagnement-social-et-professionnel-personnalise': 'employment',
  'se-former': 'training',
  famille: 'social',
  remobilisation: 'social',
  'difficultes-administratives-ou-juridiques': 'rights',
  'acces-aux-droits-et-citoyennete': 'rights',
  'difficultes-financieres': 'rights',
  'gestion-financiere': 'rights',
  handicap: 'rights',
  'equipement-et-alimentation': 'emergency',
};

/** Our themes for one thématique (v1, and the v0 categories still found in older exports); [] when unknown. */
export function themesOfThematique(thematique: string): Theme[] {
  const category = THEMATIQUE_CATEGORIES[thematique.split('--')[0] ?? ''];
  return THEMATIQUE_LEAVES[thematique] ?? (category ? [category] : []);
}

/** Statuses meant by `personnes-exilees` ("réfugiés, demandeurs d'asile, personnes immigrées"). */
const EXILE_STATUSES: Status[] = ['bpi', 'temporary_protection', 'newcomer', 'asylum_seeker'];
/** Publics (v1, and v0 profils) that describe exiled people. */
const EXILE_PUBLICS = new Set(['personnes-exilees', 'personnes-de-nationalite-etrangere', 'public-langues-etrangeres']);
/** Publics that narrow a service when they are the only ones listed (publics are alternatives). */
const NARROWING_PUBLICS = new Set([...EXILE_PUBLICS, 'femmes', 'jeunes', 'familles', 'personnes-en-situation-illettrisme']);

/**
 * A record whose `date_maj` is older than this is not imported: a year is also how long the catalog trusts a
 * rule's check (`checkedOn`), and services and sessions change at least yearly.
 */
const STALE_AFTER_MONTHS = 12;

/** Provenance of a record without `lien_source`: the published schema. */
export const DATA_INCLUSION_SCHEMA_URL = 'https://schema.data.gouv.fr/gip-inclusion/data-inclusion-schema/';

const str = (v: unknown): string | undefined => (typeof v === 'string' && v.trim() ? v.trim() : typeof v === 'number' ? String(v) : undefined);
const strings = (v: unknown): string[] => (Array.isArray(v) ? v.map(str).filter((s): s is string => !!s) : []);

/**
 * Parses the file: an array of services, `{"items": [...]}` (API pages) or `{"services": [...]}`. The search
 * endpoint's items are `{service, distance}`: the service is taken, the distance (from the searched place) dropped.
 */
export function parseDataInclusion(content: string | Buffer): Json[] {
  let doc = parseJson('data-inclusion', content);
  if (isObject(doc)) doc = doc.items ?? doc.services ?? (doc.id !== undefined ? [doc] : undefined);
  if (!Array.isArray(doc)) throw new ImportParseError('data-inclusion', 'expected an array of services, or {"items": [...]}');
  return doc.map((d) => (isObject(d) ? (isObject(d.service) ? d.service : d) : {}));
}

function audienceOf(service: Json): Audience {
  const publics = unique([...strings(service.publics), ...strings(service.profils)]);
  const audience: Audience = {};
  // A general public next to them ("demandeurs-emploi", "tous-publics"…) opens the service to everyone: no
  // restriction. Otherwise the narrowing publics describe one group ("femmes" + "personnes-exilees": exiled women).
  if (!publics.length || !publics.every((p) => NARROWING_PUBLICS.has(p))) return audience;
  if (publics.some((p) => EXILE_PUBLICS.has(p))) audience.statuses = [...EXILE_STATUSES];
  if (publics.includes('femmes')) audience.women = true;
  if (publics.includes('jeunes')) audience.youth = true;
  if (publics.includes('familles')) audience.parents = true;
  if (publics.includes('personnes-en-situation-illettrisme')) audience.literacy = 'non_readers';
  return audience;
}

/** The zone as v1 codes: `zone_eligibilite`, else v0 `zone_diffusion_type`/`_code` (a region: its departments). */
function zoneCodes(service: Json): { codes: string[]; error?: string } {
  const zone = strings(service.zone_eligibilite);
  const type = str(service.zone_diffusion_type);
  const code = str(service.zone_diffusion_code);
  if (zone.length || !type) return { codes: zone };
  if (type === 'pays') return { codes: [code ?? 'france'] };
  if (!code) return { codes: [], error: `zone_diffusion_type "${type}" without zone_diffusion_code` };
  if (type !== 'region') return { codes: [code] };
  const departments = departmentsOfRegion(code);
  return departments.length ? { codes: departments } : { codes: [], error: `zone_diffusion_code: unknown region "${code}"` };
}

/** The zone's codes (COG codes: commune, département, EPCI, `france`/`99100`) → geography. */
function zoneOf(service: Json): { geography?: ResourceInput['geography']; error?: string } {
  const { codes: zone, error } = zoneCodes(service);
  if (error) return { error };
  if (!zone.length) return {};
  if (zone.some((z) => fold(z) === 'france' || z === '99100')) return { geography: { scope: 'national' } };
  const communes: string[] = [];
  const departments: string[] = [];
  for (const code of zone) {
    if (/^\d{9}$/.test(code)) {
      const members = epciMembers(code);
      if (!members) return { error: `zone_eligibilite: unknown EPCI "${code}"` };
      communes.push(...members);
    } else if (/^99\d{3}$/.test(code)) {
      return { error: `zone_eligibilite: "${code}" is a foreign country` };
    } else if (/^(\d{5}|2[AB]\d{3})$/i.test(code)) {
      const info = commune(code);
      if (!info) return { error: `zone_eligibilite: unknown commune "${code}"` };
      communes.push(info.code);
    } else {
      const dept = /^\w{2,3}$/.test(code) ? normaliseDepartment(code) : undefined;
      if (!dept) return { error: `zone_eligibilite: unknown department "${code}"` };
      departments.push(dept);
    }
  }
  const communeDepts = communes.map((c) => commune(c)?.department).filter((d): d is string => !!d);
  if (departments.length) {
    return { geography: { scope: 'departmental', departments: unique([...departments, ...communeDepts]), ...(communes.length ? { communes: unique(communes) } : {}) } };
  }
  return { geography: { scope: 'local', communes: unique(communes), departments: unique(communeDepts) } };
}

/** The commune where the service receives people: its code_insee, else its postcode's only commune, else its structure's. */
function placeOf(service: Json): { place?: { code: string; department: string }; error?: string } {
  const insee = str(service.code_insee);
  if (insee) {
    const info = commune(insee);
    return info ? { place: info } : { error: `code_insee "${insee}" is not a known commune` };
  }
  const byPostcode = communesOfPostcode(str(service.code_postal) ?? '');
  const code = byPostcode.length === 1 ? byPostcode[0] : isObject(service.structure) ? str(service.structure.code_insee) : undefined;
  const info = code ? commune(code) : undefined;
  return info ? { place: info } : {};
}

function geographyOf(service: Json): ResourceInput['geography'] | { error: string } {
  const coords = coordinates(service.latitude, service.longitude);
  if (coords.error) return { error: coords.error };
  const { place, error } = placeOf(service);
  if (error) return { error };
  const zone = zoneOf(service);
  if (zone.error) return { error: zone.error };
  const modes = strings(service.modes_accueil);
  const remoteOnly = modes.length > 0 && modes.every((m) => m === 'a-distance');
  const inPersonOnly = modes.includes('en-presentiel') && !modes.includes('a-distance');
  const local = place && { scope: 'local' as const, communes: [place.code], departments: [place.department] };
  let geography = zone.geography;
  if (geography?.scope === 'national' && remoteOnly) geography = { scope: 'online' };
  // The zone says who may come, not where the service is: one received only in person, eligible beyond one
  // department (a region is listed as its departments), is local to its commune, not shown 300 km away.
  const wide = geography?.scope === 'national' || (geography?.departments?.length ?? 0) > 1;
  if (inPersonOnly && local && wide) geography = local;
  if (!geography) {
    if (remoteOnly) geography = { scope: 'online' };
    else if (local) geography = local;
    else return { error: 'no zone_eligibilite, code_insee or remote reception (modes_accueil) to locate the service' };
  }
  if (coords.value && geography.scope !== 'online' && geography.scope !== 'national') geography.coordinates = coords.value;
  return geography;
}

function contactOf(service: Json): NonNullable<ResourceInput['contact']> {
  const contact: NonNullable<ResourceInput['contact']> = {};
  const url = str(service.lien_mobilisation) ?? str(service.lien_source);
  if (url) contact.url = url;
  const phone = str(service.telephone);
  if (phone) contact.phone = normalisePhone(phone);
  const email = str(service.courriel);
  if (email) contact.email = email;
  const street = [str(service.adresse), str(service.complement_adresse)].filter(Boolean).join(', ');
  const city = [str(service.code_postal), str(service.commune)].filter(Boolean).join(' ');
  const address = [street, city].filter(Boolean).join(', ');
  if (street && address.length >= 5) contact.address = address;
  return contact;
}

/** The ISO day `months` months before `day` (clamped to the month's last day). */
function monthsBefore(day: string, months: number): string {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  const first = new Date(Date.UTC(y, m - 1 - months, 1));
  const last = new Date(Date.UTC(first.getUTCFullYear(), first.getUTCMonth() + 1, 0)).getUTCDate();
  first.setUTCDate(Math.min(d, last));
  return first.toISOString().slice(0, 10);
}

export function readDataInclusion(content: string | Buffer, ctx: MapContext & { sourceUrl?: string }): Candidate[] {
  return parseDataInclusion(content).map((service, i) => {
    const ref = str(service.id) ?? `#${i + 1}`;
    try {
      return mapService(service, ref, ctx);
    } catch (e) {
      return { ref, reason: `unexpected error: ${(e as Error).message}` };
    }
  });
}

function mapService(service: Json, ref: string, ctx: MapContext & { sourceUrl?: string }): Candidate {
  if (!str(service.id)) return { ref, reason: 'missing id' };
  const title = firstText(str(service.nom));
  if (!title) return { ref, reason: 'missing nom (title)' };
  const description = firstText(...[service.description, service.presentation_resume, service.presentation_detail].map((d) => markdownToText(str(d) ?? '')));
  if (!description) return { ref, reason: 'missing description (summary)' };
  if (!isIsoDate(service.date_maj)) {
    return { ref, reason: service.date_maj === undefined ? 'missing date_maj' : `date_maj "${String(service.date_maj)}" is not a date YYYY-MM-DD` };
  }
  const staleBefore = monthsBefore(ctx.today, STALE_AFTER_MONTHS);
  if (service.date_maj < staleBefore) {
    return { ref, reason: `date_maj ${service.date_maj} is more than ${STALE_AFTER_MONTHS} months before ${ctx.today}: the service may have changed or closed since` };
  }

  const thematiques = unique([...strings(service.thematiques)]);
  const themes = unique(thematiques.flatMap(themesOfThematique));
  if (!themes.length) return { ref, reason: thematiques.length ? `no thematique maps to a theme (${thematiques.join(', ')})` : 'no thematiques' };

  const geography = geographyOf(service);
  if ('error' in geography) return { ref, reason: geography.error };

  const sourceLink = str(service.lien_source);
  const resource: ResourceInput = {
    id: importedId('data-inclusion', ref),
    kind: 'service',
    title: { fr: title },
    summary: { fr: shorten(description, 400) },
    themes,
    audience: audienceOf(service),
    geography,
    contact: contactOf(service),
    source: sourceLink && /^https?:\/\//i.test(sourceLink) ? sourceLink : (ctx.sourceUrl ?? DATA_INCLUSION_SCHEMA_URL),
    // The producer's last update is when the record was last checked; a date in the future is read as today.
    verifiedOn: service.date_maj < ctx.today ? service.date_maj : ctx.today,
    provenance: { format: 'data-inclusion', ref, importedOn: ctx.today },
  };
  return { ref, resource };
}
