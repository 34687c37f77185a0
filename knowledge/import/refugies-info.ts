import { refugiesInfoUrl } from '../catalog/refugies-info-url';
import type { Audience, ResourceInput } from '../catalog/schema';
import { LOCALES, type FrenchLevel, type Locale, type Status, type Theme } from '../contracts/vocabulary';
import { coordinates, firstText, fold, importedId, isObject, normalisePhone, parseJson, shorten, unique, type Json } from './common';
import { departmentOfName, normaliseDepartment } from './geo';
import { ImportParseError, type Candidate, type MapContext } from './types';

/**
 * Réfugiés.info fiches, in the `SimpleDispositif` list shape (`GET /dispositifs`, texts at the root in one
 * locale) and the full shape (`GET /dispositifs/{id}`, or the stored model with `translations.<ln>.content`).
 * Each becomes one `fiche` resource.
 */

export type ContentType = 'dispositif' | 'demarche';
export { refugiesInfoUrl };

/** Theme ids of Réfugiés.info (collection `themes`) → our themes. */
export const RI_THEME_IDS: Record<string, Theme> = {
  '63286a015d31b2c0cad9960b': 'rights', // Faire mes papiers / Administratif
  '63286a015d31b2c0cad9960a': 'language', // Apprendre le français
  '63286a015d31b2c0cad9960c': 'housing', // Trouver un logement
  '63286a015d31b2c0cad9960f': 'health', // Santé
  '63286a015d31b2c0cad99610': 'training', // Apprendre un métier / Formation
  '63286a015d31b2c0cad9960e': 'employment', // Trouver un travail
  '63286a015d31b2c0cad9960d': 'mobility', // Transport / Mobilité
  '63450dd43e23cd7181ba0b26': 'social', // Famille (refined by its needs)
  '63286a015d31b2c0cad99611': 'studies', // Faire des études
  '63286a015d31b2c0cad99615': 'social', // Activités & culture
  '63286a015d31b2c0cad99614': 'social', // Loisir (legacy)
};

/** Theme names (`name.fr`, `short.fr`, image slug), accent-free lower case → our themes. */
const RI_THEME_NAMES: Record<string, Theme> = {
  'faire mes papiers': 'rights', 'gerer mes papiers': 'rights', administratif: 'rights', papiers: 'rights',
  'apprendre le francais': 'language', francais: 'language',
  'trouver un logement': 'housing', 'me loger': 'housing', logement: 'housing',
  sante: 'health', 'me soigner': 'health',
  'apprendre un metier': 'training', formation: 'training', 'formation pro': 'training',
  'trouver un travail': 'employment', travail: 'employment', 'insertion pro': 'employment',
  transport: 'mobility', 'me deplacer': 'mobility', mobilite: 'mobility',
  famille: 'social',
  'faire des etudes': 'studies', etudes: 'studies',
  'activites & culture': 'social', 'activites et culture': 'social', loisirs: 'social', loisir: 'social',
};

/** Needs that point to a theme more precise than their parent theme. */
export const RI_NEED_IDS: Record<string, Theme> = {
  '613721a409c5190dfa70d06e': 'mental_health', // Avoir une aide psychologique
  '63450e61f14a373d5af284b2': 'mental_health', // Famille: Aide psychologique
  '63450ea0f14a373d5af284ea': 'childcare', // Faire garder mes enfants
  '63450e8ef14a373d5af284dc': 'schooling', // Soutien scolaire pour les enfants
  '613721a409c5190dfa70d079': 'digital', // Apprendre à utiliser un ordinateur
  '614d9d7b95b9b700142ef970': 'digital', // Apprendre à faire mes démarches sur internet
  '613721a409c5190dfa70d083': 'digital', // Avoir un ordinateur ou un téléphone pas cher
  '613721a409c5190dfa70d073': 'emergency', // Trouver un hébergement (courte durée)
  '613721a409c5190dfa70d074': 'emergency', // Trouver un endroit pour me reposer
};

/** `metadatas.publicStatus` → our statuses. `french` (French citizens) → `other`. */
export const RI_PUBLIC_STATUS: Record<string, Status> = {
  asile: 'asylum_seeker',
  refugie: 'bpi',
  subsidiaire: 'bpi',
  apatride: 'bpi',
  temporaire: 'temporary_protection',
  french: 'other',
};

/** Every `publicStatus` of a foreigner (`publicStatusType`): a fiche listing them all is open to every status. */
const EVERY_FOREIGN_STATUS = ['asile', 'refugie', 'subsidiaire', 'temporaire', 'apatride'];

/** `metadatas.frenchLevel` → our levels (`alpha` → `none`; C1/C2 → `B2`, which means "B2 or more"). */
export const RI_FRENCH_LEVEL: Record<string, FrenchLevel> = { alpha: 'none', A1: 'A1', A2: 'A2', B1: 'B1', B2: 'B2', C1: 'B2', C2: 'B2' };


const str = (v: unknown): string | undefined => (typeof v === 'string' && v.trim() ? v.trim() : undefined);

/** Parses the file: an array of fiches, one fiche, or the API envelope `{text, data}`. */
export function parseRefugiesInfo(content: string | Buffer): Json[] {
  let doc = parseJson('refugies-info', content);
  if (isObject(doc) && 'data' in doc && !('_id' in doc)) doc = doc.data;
  if (isObject(doc)) doc = [doc];
  if (!Array.isArray(doc)) throw new ImportParseError('refugies-info', 'expected an array of fiches, a fiche, or {"data": [...]}');
  return doc.map((d) => (isObject(d) ? d : {}));
}

interface Texts {
  title?: string;
  summary?: string;
  brand?: string;
}

function textsOf(content: unknown): Texts {
  if (!isObject(content)) return {};
  const what = firstText(str(content.what), str(content.markdown));
  return {
    title: firstText(str(content.titreInformatif)),
    summary: firstText(str(content.abstract)) ?? (what ? shorten(what, 300) : undefined),
    brand: firstText(str(content.titreMarque)),
  };
}

/** Locales written in a script other than the Latin one. */
const SCRIPTS: { letters: RegExp; locales: Locale[] }[] = [
  { letters: /[\u1200-\u137F]/, locales: ['ti'] },
  { letters: /[\u0400-\u04FF]/, locales: ['ru', 'uk'] },
  { letters: /[\u0600-\u06FF]/, locales: ['ar', 'fa', 'ps'] },
];

/**
 * The locales the root texts may be in: `locale` when the answer says it (`ContentForApp`), else French, unless they
 * are written in another script (`GET /dispositifs?locale=ar` puts the translation at the root and says nothing):
 * then the locales of that script among `availableLanguages`.
 */
function rootLocales(fiche: Json, root: Texts): Locale[] {
  if ((LOCALES as readonly string[]).includes(String(fiche.locale))) return [fiche.locale as Locale];
  const script = SCRIPTS.find((s) => s.letters.test(`${root.title ?? ''} ${root.summary ?? ''}`));
  if (!script) return ['fr'];
  const available = Array.isArray(fiche.availableLanguages) ? fiche.availableLanguages.map(String) : [];
  const candidates = script.locales.filter((l) => available.includes(l));
  return candidates.length ? candidates : script.locales;
}

/**
 * Per-locale texts: `translations.<ln>.content` when present, and the root fields in their locale when it can be
 * told; `rootLocales` are the locales the root fields may be in ([] without root fields).
 */
function localisedTexts(fiche: Json): { texts: Partial<Record<Locale, Texts>>; rootLocales: Locale[] } {
  const out: Partial<Record<Locale, Texts>> = {};
  if (isObject(fiche.translations)) {
    for (const [ln, tr] of Object.entries(fiche.translations)) {
      if (!(LOCALES as readonly string[]).includes(ln) || !isObject(tr)) continue;
      out[ln as Locale] = textsOf(isObject(tr.content) ? tr.content : tr);
    }
  }
  const root = textsOf(fiche);
  if (!root.title && !root.summary) return { texts: out, rootLocales: [] };
  const locales = rootLocales(fiche, root);
  const [locale] = locales;
  if (locale && locales.length === 1) out[locale] = { ...root, ...(out[locale] ?? {}) };
  return { texts: out, rootLocales: locales };
}

function idOf(v: unknown): string | undefined {
  return str(v) ?? (isObject(v) ? str(v._id) : undefined);
}

function themeOf(v: unknown): Theme | undefined {
  const id = idOf(v);
  if (id && RI_THEME_IDS[id]) return RI_THEME_IDS[id];
  const names = isObject(v) ? [v.name, v.short].flatMap((n) => (isObject(n) ? [str(n.fr)] : [str(n)])) : [id];
  for (const name of names) if (name && RI_THEME_NAMES[fold(name)]) return RI_THEME_NAMES[fold(name)];
  return undefined;
}

function geographyOf(location: unknown): ResourceInput['geography'] | { error: string } {
  if (location === undefined || location === null) return { scope: 'national' };
  const entries = Array.isArray(location) ? location : [location];
  if (!entries.length) return { scope: 'national' };
  const labels = entries.map((e) => (typeof e === 'string' ? e.trim() : String(e)));
  if (labels.some((l) => /^(france|all)$/i.test(l))) return { scope: 'national' };
  if (labels.every((l) => /^online$/i.test(l))) return { scope: 'online' };
  const departments: string[] = [];
  for (const label of labels) {
    if (/^online$/i.test(label)) continue;
    // "63 - Puy-de-Dôme" as the site writes it, or a bare name ("Puy-de-Dome") from older exports.
    const code = normaliseDepartment(label.split(' - ')[0] ?? '') ?? departmentOfName(label.split(' - ').pop() ?? '');
    if (!code) return { error: `metadatas.location: unknown department "${label}"` };
    departments.push(code);
  }
  return { scope: 'departmental', departments: unique(departments) };
}

function audienceOf(metadatas: Json): Audience | { error: string } {
  const audience: Audience = {};
  const publicStatus = Array.isArray(metadatas.publicStatus) ? metadatas.publicStatus.map(String) : [];
  const statuses = publicStatus.map((s) => RI_PUBLIC_STATUS[s]).filter((s): s is Status => !!s);
  // Every status ticked means no restriction, not "these statuses" (which would leave newcomers out).
  const everyStatus = EVERY_FOREIGN_STATUS.every((s) => publicStatus.includes(s));
  if (statuses.length && !everyStatus) audience.statuses = unique(statuses);
  const rawLevels = Array.isArray(metadatas.frenchLevel) ? metadatas.frenchLevel.map(String) : [];
  const levels = rawLevels.map((l) => RI_FRENCH_LEVEL[l]).filter((l): l is FrenchLevel => !!l);
  if (levels.length) audience.levels = unique(levels);
  if (rawLevels.length && rawLevels.every((l) => l === 'alpha')) audience.literacy = 'non_readers';
  const age = metadatas.age;
  if (isObject(age)) {
    const ages = Array.isArray(age.ages) ? age.ages : [];
    const ok = (n: unknown): n is number => typeof n === 'number' && Number.isInteger(n) && n >= 0 && n <= 120;
    const [a, b] = ages;
    if (age.type === 'lessThan' && ok(a)) audience.maxAge = a;
    else if (age.type === 'moreThan' && ok(a)) audience.minAge = a;
    else if (age.type === 'between' && ok(a) && ok(b) && a <= b) Object.assign(audience, { minAge: a, maxAge: b });
    else return { error: `metadatas.age ${JSON.stringify(age)} is not a valid age condition` };
  }
  const pub = Array.isArray(metadatas.public) ? metadatas.public.map(String) : [];
  if (pub.includes('family')) audience.parents = true;
  if (pub.includes('women')) audience.women = true;
  if (pub.includes('youths')) audience.youth = true;
  return audience;
}

function contactOf(fiche: Json, geography: ResourceInput['geography']): NonNullable<ResourceInput['contact']> {
  const contact: NonNullable<ResourceInput['contact']> = {};
  const link = str(fiche.externalLink);
  if (link && /^https?:\/\//i.test(link)) contact.url = link;
  const pois = Array.isArray(fiche.map) ? fiche.map.filter(isObject) : [];
  const poi = pois.length === 1 ? pois[0] : undefined;
  if (poi) {
    const phone = str(poi.phone);
    if (phone) contact.phone = normalisePhone(phone);
    const email = str(poi.email);
    if (email) contact.email = email;
    const address = [str(poi.address), str(poi.city)].filter(Boolean).join(', ');
    if (address.length >= 5) contact.address = address;
    const coords = coordinates(poi.lat, poi.lng);
    if (coords.value && geography.scope === 'departmental') geography.coordinates = coords.value;
  }
  return contact;
}

export function readRefugiesInfo(content: string | Buffer, ctx: MapContext): Candidate[] {
  return parseRefugiesInfo(content).map((fiche, i) => {
    const ref = str(fiche._id) ?? `#${i + 1}`;
    try {
      return mapFiche(fiche, ref, ctx);
    } catch (e) {
      return { ref, reason: `unexpected error: ${(e as Error).message}` };
    }
  });
}

function mapFiche(fiche: Json, ref: string, ctx: MapContext): Candidate {
  const id = str(fiche._id);
  if (!id) return { ref, reason: 'missing _id' };
  if (!/^[0-9a-f]{24}$/.test(id)) return { ref, reason: `_id "${id}" is not a 24-hex ObjectId` };
  const type = fiche.typeContenu;
  if (type !== 'dispositif' && type !== 'demarche') return { ref, reason: `typeContenu "${String(type)}" is not "dispositif" or "demarche"` };
  if (fiche.status !== undefined && fiche.status !== 'Actif') return { ref, reason: `status "${String(fiche.status)}" is not published ("Actif")` };

  const { texts, rootLocales: root } = localisedTexts(fiche);
  const fr = texts.fr;
  if (!fr?.title && root.length && !root.includes('fr')) {
    const locales = root.length > 1 ? `${root.slice(0, -1).join(', ')} or ${root.at(-1)}` : root[0];
    return { ref, reason: `titreInformatif and abstract are in ${locales} (a translated answer, e.g. ?locale=${root[0]}): import the French answer (locale=fr) or the full fiches` };
  }
  if (!fr?.title) return { ref, reason: 'missing titreInformatif (title) in French' };
  if (!fr.summary) return { ref, reason: 'missing abstract (summary) in French' };
  const title: Record<string, string> = {};
  const summary: Record<string, string> = {};
  for (const ln of LOCALES) {
    const t = texts[ln];
    if (t?.title) title[ln] = t.title;
    if (t?.summary) summary[ln] = t.summary;
  }

  const themes = unique(
    [themeOf(fiche.theme), ...(Array.isArray(fiche.secondaryThemes) ? fiche.secondaryThemes.map(themeOf) : []), ...(Array.isArray(fiche.needs) ? fiche.needs.map((n) => RI_NEED_IDS[idOf(n) ?? '']) : [])].filter((t): t is Theme => !!t),
  );
  if (!themes.length) return { ref, reason: `theme "${idOf(fiche.theme) ?? 'missing'}" is not a known Réfugiés.info theme` };

  const metadatas = isObject(fiche.metadatas) ? fiche.metadatas : {};
  const geography = geographyOf(metadatas.location);
  if ('error' in geography) return { ref, reason: geography.error };
  const audience = audienceOf(metadatas);
  if ('error' in audience) return { ref, reason: audience.error };

  const url = refugiesInfoUrl(id, type);
  const brands = unique(LOCALES.map((ln) => texts[ln]?.brand).filter((b): b is string => !!b));
  const reviewed = LOCALES.filter((ln) => title[ln] && isObject(fiche.translations) && ln in fiche.translations);
  const resource: ResourceInput = {
    id: importedId('refugies-info', id),
    kind: 'fiche',
    title: title as ResourceInput['title'],
    summary: summary as ResourceInput['summary'],
    themes,
    audience,
    geography,
    contact: contactOf(fiche, geography),
    refugiesInfo: { id, url },
    source: url,
    verifiedOn: ctx.today,
    // Réfugiés.info publishes only translations its translators validated.
    reviewedLocales: reviewed.length ? reviewed : ['fr'],
    provenance: { format: 'refugies-info', ref: id, importedOn: ctx.today },
  };
  if (brands.length) resource.keywords = { fr: brands };
  return { ref, resource };
}
