/**
 * Deterministic synthetic data for the knowledge-base benchmark (`npm run bench:kb`): a catalog of valid
 * resources spread over the 101 departments, with real communes of the official geography, plus the
 * profiles and search queries the benchmark asks. Everything comes from one seeded generator, so two runs
 * with the same seed produce the same data, byte for byte.
 */
import type { Resource } from '../../knowledge/catalog/schema';
import type { ProfileInput } from '../../knowledge/contracts/profile';
import type { FrenchLevel, Locale, Program, Scope, Status, Theme } from '../../knowledge/contracts/vocabulary';
import { communePoint, regionOfDepartment } from '../../knowledge/geo';
import { communeIndex, type Commune } from '../../knowledge/geo/communes';
import { allDepartmentCodes } from '../../knowledge/geo/territory';
import type { SearchQuery } from '../../knowledge/index/search';

// ---------------------------------------------------------------------------------------------------------
// Seeded randomness

export type Rng = () => number;

/** mulberry32: small, fast, good enough for test data; same seed → same sequence on every platform. */
export function rng(seed: number): Rng {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const int = (r: Rng, min: number, max: number): number => min + Math.floor(r() * (max - min + 1));
const chance = (r: Rng, p: number): boolean => r() < p;
function oneOf<T>(r: Rng, list: readonly T[]): T {
  const v = list[Math.floor(r() * list.length)];
  if (v === undefined) throw new Error('oneOf: empty list');
  return v;
}
function weighted<T extends string>(r: Rng, table: Readonly<Record<T, number>>): T {
  const entries = Object.entries(table) as [T, number][];
  const sum = entries.reduce((s, [, w]) => s + w, 0);
  let x = r() * sum;
  for (const [k, w] of entries) {
    x -= w;
    if (x < 0) return k;
  }
  return entries[entries.length - 1]![0];
}
/** Up to `n` distinct items, in list order. */
function some<T>(r: Rng, list: readonly T[], n: number): T[] {
  const picked = new Set<T>();
  for (let i = 0; i < n * 3 && picked.size < n; i++) picked.add(oneOf(r, list));
  return list.filter((x) => picked.has(x));
}

/** Cumulative weights, for repeated weighted draws over a long list. */
class Sampler<T> {
  private readonly cumulative: number[] = [];
  constructor(
    readonly items: readonly T[],
    weight: (item: T) => number,
  ) {
    let sum = 0;
    for (const item of items) this.cumulative.push((sum += Math.max(weight(item), 1e-9)));
  }
  draw(r: Rng): T {
    const x = r() * this.cumulative[this.cumulative.length - 1]!;
    let lo = 0;
    let hi = this.cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.cumulative[mid]! > x) hi = mid;
      else lo = mid + 1;
    }
    return this.items[lo]!;
  }
}

// ---------------------------------------------------------------------------------------------------------
// Word lists: small on purpose, so searches find many resources and typos have near neighbours.

type Phrases = Partial<Record<Locale, readonly string[]>> & { fr: readonly string[]; en: readonly string[]; ar: readonly string[] };

export const THEME_WORDS: Record<Theme, Phrases> = {
  language: {
    fr: ['cours de français', 'atelier de conversation', 'alphabétisation', 'français langue étrangère'],
    en: ['French classes', 'conversation workshop', 'literacy course', 'French as a foreign language'],
    ar: ['دروس اللغة الفرنسية', 'ورشة محادثة', 'محو الأمية'],
    fa: ['کلاس زبان فرانسوی'],
    ru: ['курсы французского'],
    uk: ['курси французької'],
  },
  employment: {
    fr: ['recherche d’emploi', 'accompagnement vers l’emploi', 'atelier CV', 'insertion professionnelle'],
    en: ['job search', 'employment support', 'CV workshop', 'work integration'],
    ar: ['البحث عن عمل', 'دعم التوظيف', 'ورشة السيرة الذاتية'],
    fa: ['جستجوی کار'],
    ru: ['поиск работы'],
    uk: ['пошук роботи'],
  },
  training: {
    fr: ['formation professionnelle', 'apprentissage', 'formation qualifiante'],
    en: ['vocational training', 'apprenticeship', 'qualifying training'],
    ar: ['تدريب مهني', 'تكوين مؤهل'],
    ru: ['профессиональное обучение'],
    uk: ['професійне навчання'],
  },
  studies: {
    fr: ['études supérieures', 'reprise d’études à l’université', 'reconnaissance des diplômes'],
    en: ['higher education', 'university studies', 'diploma recognition'],
    ar: ['الدراسة الجامعية', 'معادلة الشهادات'],
    uk: ['навчання в університеті'],
  },
  housing: {
    fr: ['logement', 'hébergement', 'aide au loyer', 'recherche de logement'],
    en: ['housing', 'accommodation', 'rent support', 'finding a home'],
    ar: ['السكن', 'الإيواء', 'مساعدة الإيجار'],
    fa: ['مسکن'],
    ru: ['жильё'],
    uk: ['житло'],
  },
  mobility: {
    fr: ['permis de conduire', 'transport solidaire', 'location de vélo', 'auto-école sociale'],
    en: ['driving licence', 'community transport', 'bike rental', 'driving school'],
    ar: ['رخصة القيادة', 'النقل التضامني', 'دراجة'],
    ru: ['водительские права'],
    uk: ['посвідчення водія'],
  },
  health: {
    fr: ['centre de santé', 'consultation médicale', 'couverture maladie', 'médecin généraliste'],
    en: ['health centre', 'medical consultation', 'health insurance', 'family doctor'],
    ar: ['مركز صحي', 'استشارة طبية', 'التأمين الصحي', 'طبيب'],
    fa: ['مرکز بهداشت'],
    ru: ['медицинский центр'],
    uk: ['медичний центр'],
  },
  mental_health: {
    fr: ['soutien psychologique', 'écoute et parole', 'psychotraumatisme'],
    en: ['psychological support', 'listening service', 'trauma care'],
    ar: ['الدعم النفسي', 'الاستماع', 'علاج الصدمات'],
    fa: ['حمایت روانی'],
    uk: ['психологічна підтримка'],
  },
  schooling: {
    fr: ['inscription à l’école', 'soutien scolaire', 'scolarisation des enfants'],
    en: ['school enrolment', 'homework help', 'schooling for children'],
    ar: ['التسجيل في المدرسة', 'الدعم المدرسي'],
    uk: ['запис до школи'],
  },
  childcare: {
    fr: ['garde d’enfants', 'crèche', 'assistante maternelle'],
    en: ['childcare', 'nursery', 'childminder'],
    ar: ['رعاية الأطفال', 'حضانة'],
  },
  digital: {
    fr: ['accès au numérique', 'démarches en ligne', 'atelier informatique', 'ordinateur et internet'],
    en: ['digital skills', 'online procedures', 'computer workshop', 'internet access'],
    ar: ['المهارات الرقمية', 'الإجراءات عبر الإنترنت', 'الحاسوب'],
    ru: ['цифровые навыки'],
  },
  rights: {
    fr: ['accès aux droits', 'titre de séjour', 'permanence juridique', 'demande d’asile'],
    en: ['access to rights', 'residence permit', 'legal advice', 'asylum application'],
    ar: ['الحقوق', 'بطاقة الإقامة', 'استشارة قانونية', 'طلب اللجوء'],
    fa: ['مشاوره حقوقی'],
    ru: ['юридическая помощь'],
    uk: ['юридична допомога'],
  },
  social: {
    fr: ['accompagnement social', 'aide alimentaire', 'épicerie solidaire', 'vestiaire solidaire'],
    en: ['social support', 'food aid', 'community grocery', 'clothes bank'],
    ar: ['المرافقة الاجتماعية', 'مساعدة غذائية', 'بقالة تضامنية'],
    uk: ['соціальна підтримка'],
  },
  emergency: {
    fr: ['mise à l’abri', 'hébergement d’urgence', 'violences conjugales', 'urgence sociale'],
    en: ['emergency shelter', 'emergency accommodation', 'domestic violence', 'social emergency'],
    ar: ['مأوى طارئ', 'العنف الأسري', 'الطوارئ'],
    ru: ['экстренное жильё'],
  },
};

const ORGANISATIONS = [
  'Association Horizons',
  'Centre social',
  'Maison de quartier',
  'CCAS',
  'Croix-Rouge',
  'Secours populaire',
  'Emmaüs',
  'France Services',
  'Mission locale',
  'Cimade',
  'Restos du Cœur',
  'Maison des solidarités',
  'Espace Accueil',
  'Point Info Famille',
] as const;

const STREETS = ['de la République', 'Victor Hugo', 'Jean Jaurès', 'de la Gare', 'Pasteur', 'du Marché', 'des Écoles', 'Gambetta'] as const;

const PLACE_WORD: Record<'fr' | 'en' | 'ar', (place: string) => string> = {
  fr: (p) => `à ${p}`,
  en: (p) => `in ${p}`,
  ar: (p) => `في ${p}`,
};
const SUMMARY_TAIL: Record<'fr' | 'en' | 'ar', readonly string[]> = {
  fr: ['Sans rendez-vous le mardi.', 'Sur rendez-vous.', 'Gratuit, avec interprète.', 'Accueil des familles et des personnes seules.'],
  en: ['Walk-in on Tuesdays.', 'By appointment.', 'Free, with an interpreter.', 'Families and single people welcome.'],
  ar: ['بدون موعد يوم الثلاثاء.', 'بموعد مسبق.', 'مجاني مع مترجم.'],
};
const GENERIC: Partial<Record<Locale, string>> = { fa: 'کمک', ps: 'مرسته', ti: 'ሓገዝ', ru: 'помощь', uk: 'допомога' };

// ---------------------------------------------------------------------------------------------------------
// Geography: the 101 departments and their communes, from @etalab/decoupage-administratif (knowledge/geo).

/** Metropolitan departments (2A/2B included) and the five overseas departments: 101. */
const DEPARTMENT_CODE = /^(\d{2}|2[AB]|97[1-46])$/;

interface DepartmentData {
  code: string;
  region: string;
  population: number;
  communes: Sampler<Commune>;
}

let geoCache: { departments: DepartmentData[]; byWeight: Sampler<DepartmentData>; regions: string[] } | undefined;

/** Departments weighted by population^0.8 (Paris has more services than Lozère, but not 30× more). */
function geoData() {
  if (geoCache) return geoCache;
  const byDepartment = communeIndex().byDepartment;
  const departments = allDepartmentCodes()
    .filter((code) => DEPARTMENT_CODE.test(code))
    .sort()
    .map((code): DepartmentData => {
      const communes = byDepartment.get(code) ?? [];
      // The 300 largest communes (the list is sorted by population), weighted by population^0.6.
      const top = communes.slice(0, 300);
      return {
        code,
        region: regionOfDepartment(code) ?? '',
        population: communes.reduce((s, c) => s + (c.population ?? 0), 0),
        communes: new Sampler(top, (c) => Math.pow(c.population ?? 100, 0.6)),
      };
    });
  if (departments.length !== 101) throw new Error(`expected 101 departments, got ${departments.length}`);
  const byWeight = new Sampler(departments, (d) => Math.pow(d.population, 0.8));
  const regions = [...new Set(departments.map((d) => d.region))].sort();
  geoCache = { departments, byWeight, regions };
  return geoCache;
}

export function benchDepartments(): string[] {
  return geoData().departments.map((d) => d.code);
}

// ---------------------------------------------------------------------------------------------------------
// Resources

export const SCOPE_MIX: Readonly<Record<Scope, number>> = { local: 0.7, departmental: 0.2, regional: 0.08, national: 0.015, online: 0.005 };

const THEME_MIX: Readonly<Record<Theme, number>> = {
  language: 14,
  employment: 12,
  training: 8,
  studies: 3,
  housing: 10,
  mobility: 5,
  health: 10,
  mental_health: 4,
  schooling: 5,
  childcare: 4,
  digital: 7,
  rights: 9,
  social: 8,
  emergency: 3,
};

const PROGRAMS_BY_THEME: Partial<Record<Theme, readonly Program[]>> = {
  language: ['ofii_language', 'oepre', 'integration_actions'],
  employment: ['france_travail', 'mission_locale', 'agir'],
  training: ['integration_actions', 'volontr', 'mission_locale'],
  housing: ['agir'],
  mobility: ['driving_licence_exchange'],
  health: ['health_coverage'],
  rights: ['cir', 'asylum_support'],
  schooling: ['school_enrolment', 'oepre'],
  social: ['asylum_support'],
};

const KINDS_BY_SCOPE: Record<Scope, Readonly<Record<Resource['kind'], number>>> = {
  local: { service: 6, training: 3, locator: 1, program: 0, fiche: 0, helpline: 0 },
  departmental: { service: 4, program: 3, locator: 2, training: 1, fiche: 0, helpline: 0 },
  regional: { program: 4, training: 3, locator: 2, service: 1, fiche: 0, helpline: 0 },
  national: { program: 4, fiche: 3, helpline: 2, locator: 1, service: 0, training: 0 },
  online: { fiche: 3, locator: 2, training: 2, helpline: 1, program: 0, service: 0 },
};

const KIND_LABEL: Record<Resource['kind'], Record<'fr' | 'en' | 'ar', string>> = {
  program: { fr: 'Dispositif', en: 'Scheme', ar: 'برنامج' },
  service: { fr: 'Permanence', en: 'Drop-in service', ar: 'خدمة' },
  training: { fr: 'Formation', en: 'Course', ar: 'تكوين' },
  fiche: { fr: 'Fiche pratique', en: 'Practical guide', ar: 'دليل عملي' },
  helpline: { fr: 'Ligne d’écoute', en: 'Helpline', ar: 'خط هاتفي' },
  locator: { fr: 'Annuaire', en: 'Directory', ar: 'دليل العناوين' },
};

const STATUSES_KNOWN: readonly Exclude<Status, 'unknown'>[] = ['bpi', 'temporary_protection', 'newcomer', 'asylum_seeker', 'other'];
const LEVELS: readonly Exclude<FrenchLevel, 'unknown'>[] = ['none', 'A1', 'A2', 'B1', 'B2'];

const cap = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1);
const pad = (n: number, width: number): string => String(n).padStart(width, '0');
const hex = (r: Rng, n: number): string => Array.from({ length: n }, () => '0123456789abcdef'[int(r, 0, 15)]).join('');

export interface CatalogOptions {
  count: number;
  seed?: number;
}

/** Themes of one resource: a main theme, sometimes one or two related ones. */
function themesFor(r: Rng): Theme[] {
  const main = weighted(r, THEME_MIX);
  const out = [main];
  const extra = chance(r, 0.45) ? (chance(r, 0.3) ? 2 : 1) : 0;
  for (let i = 0; i < extra; i++) {
    const t = weighted(r, THEME_MIX);
    if (!out.includes(t)) out.push(t);
  }
  return out;
}

function audienceFor(r: Rng, themes: Theme[], programs: Program[]): Resource['audience'] {
  const a: Resource['audience'] = {};
  if (chance(r, 0.2)) a.statuses = some(r, STATUSES_KNOWN, int(r, 1, 2));
  if (themes[0] === 'language' && chance(r, 0.6)) {
    const from = int(r, 0, LEVELS.length - 2);
    a.levels = LEVELS.slice(from, from + int(r, 1, 2));
    if (from === 0 && chance(r, 0.4)) a.literacy = 'non_readers';
  } else if (chance(r, 0.05)) a.literacy = 'readers';
  if (programs.includes('mission_locale') || chance(r, 0.04)) {
    a.youth = true;
    a.minAge = 16;
    a.maxAge = 25;
    a.maxAgeWithDisability = 30;
  } else if (chance(r, 0.1)) a.minAge = 18;
  if (themes.includes('childcare') || themes.includes('schooling') || programs.includes('oepre')) a.parents = true;
  if (chance(r, 0.04)) a.women = true;
  return a;
}

function texts(r: Rng, themes: Theme[], kind: Resource['kind'], place: string | undefined, org: string) {
  const main = THEME_WORDS[themes[0]!];
  const second = themes[1] ? THEME_WORDS[themes[1]] : undefined;
  const idx = int(r, 0, 3);
  const phrase = (l: 'fr' | 'en' | 'ar'): string => main[l][idx % main[l].length]!;
  const title: Resource['title'] = { fr: `${cap(phrase('fr'))} – ${org}${place ? ` ${PLACE_WORD.fr(place)}` : ''}` };
  const summary: Resource['summary'] = {
    fr: `${KIND_LABEL[kind].fr} ${org} : ${phrase('fr')}${second ? `, ${oneOf(r, second.fr)}` : ''}${place ? ` ${PLACE_WORD.fr(place)}` : ''}. ${oneOf(r, SUMMARY_TAIL.fr)}`,
  };
  const keywords: NonNullable<Resource['keywords']> = { fr: some(r, [...main.fr, ...(second?.fr ?? [])], int(r, 2, 4)) };
  const hasEn = chance(r, 0.75);
  const hasAr = chance(r, 0.45);
  if (hasEn) {
    title.en = `${cap(phrase('en'))} – ${org}${place ? ` ${PLACE_WORD.en(place)}` : ''}`;
    summary.en = `${KIND_LABEL[kind].en} ${org}: ${phrase('en')}${second ? `, ${oneOf(r, second.en)}` : ''}${place ? ` ${PLACE_WORD.en(place)}` : ''}. ${oneOf(r, SUMMARY_TAIL.en)}`;
    keywords.en = some(r, [...main.en, ...(second?.en ?? [])], int(r, 1, 3));
  }
  if (hasAr) {
    title.ar = `${phrase('ar')} – ${org}${place ? ` ${PLACE_WORD.ar(place)}` : ''}`;
    summary.ar = `${KIND_LABEL[kind].ar} ${org}: ${phrase('ar')}${second ? `، ${oneOf(r, second.ar)}` : ''}. ${oneOf(r, SUMMARY_TAIL.ar)}`;
    keywords.ar = some(r, main.ar, int(r, 1, 2));
  }
  for (const l of ['fa', 'ps', 'ti', 'ru', 'uk'] as const) {
    if (!hasEn || !chance(r, 0.12)) continue;
    const own = main[l];
    const text = own ? oneOf(r, own) : `${GENERIC[l]} – ${phrase('fr')}`;
    title[l] = `${text} – ${org}${place ? ` ${place}` : ''}`;
    summary[l] = `${text}. ${org}${place ? `, ${place}` : ''}.`;
    if (own) keywords[l] = [...own];
  }
  return { title, summary, keywords };
}

/** One resource, numbered `n`. `department` forces the department (the first 101×k resources cover them all). */
function makeResource(r: Rng, n: number, department: DepartmentData | undefined): Resource {
  const geo = geoData();
  const scope = weighted(r, SCOPE_MIX);
  const dep = department ?? geo.byWeight.draw(r);
  const themes = themesFor(r);
  const kind = weighted(r, KINDS_BY_SCOPE[scope]);
  const candidates = PROGRAMS_BY_THEME[themes[0]!] ?? [];
  const programs = candidates.length > 0 && chance(r, scope === 'local' ? 0.2 : 0.45) ? [oneOf(r, candidates)] : [];
  const org = oneOf(r, ORGANISATIONS);

  let geography: Resource['geography'];
  let commune: Commune | undefined;
  let place: string | undefined;
  switch (scope) {
    case 'local': {
      commune = dep.communes.draw(r);
      place = commune.name;
      if (chance(r, 0.04)) {
        // A local place known only by its department (some imports lack the commune).
        geography = { scope, departments: [dep.code] };
      } else {
        geography = { scope, communes: [commune.inseeCode], departments: [dep.code] };
        if (chance(r, 0.25)) {
          const p = communePoint(commune.inseeCode);
          if (p) geography.coordinates = [round(p[0] + (r() - 0.5) * 0.04), round(p[1] + (r() - 0.5) * 0.04)];
        }
      }
      break;
    }
    case 'departmental': {
      const neighbours = geo.departments.filter((d) => d.region === dep.region && d.code !== dep.code);
      const more = neighbours.length > 0 && chance(r, 0.1) ? [oneOf(r, neighbours).code] : [];
      geography = { scope, departments: [dep.code, ...more] };
      place = dep.communes.items[0]?.name;
      break;
    }
    case 'regional':
      geography = { scope, regions: [dep.region] };
      break;
    default:
      geography = { scope };
  }

  const id = `${themes[0]!.replace(/_/g, '-')}-${scope === 'national' || scope === 'online' ? scope : dep.code.toLowerCase()}-${kind}-${pad(n, 6)}`;
  const { title, summary, keywords } = texts(r, themes, kind, place, org);
  const contact: Resource['contact'] = { url: `https://example.org/boussole-bench/${id}` };
  if (chance(r, 0.7)) contact.phone = `0${int(r, 1, 9)} ${pad(int(r, 0, 99), 2)} ${pad(int(r, 0, 99), 2)} ${pad(int(r, 0, 99), 2)} ${pad(int(r, 0, 99), 2)}`;
  if (chance(r, 0.3)) contact.email = `contact${n}@example.org`;
  if (commune && chance(r, 0.8)) contact.address = `${int(r, 1, 120)} rue ${oneOf(r, STREETS)}, ${commune.postcodes[0] ?? ''} ${commune.name}`.replace(/ {2,}/g, ' ');

  const resource: Resource = {
    id,
    kind,
    title,
    summary,
    keywords,
    themes,
    programs,
    audience: audienceFor(r, themes, programs),
    geography,
    contact,
    source: `https://example.org/boussole-bench/sources/${pad(n % 977, 3)}`,
    verifiedOn: `2026-${pad(int(r, 1, 10), 2)}-${pad(int(r, 1, 28), 2)}`,
    reviewedLocales: ['fr'],
  };
  if (kind === 'fiche' && chance(r, 0.5)) {
    const ri = hex(r, 24);
    resource.refugiesInfo = { id: ri, url: `https://refugies.info/fr/dispositif/${ri}` };
  }
  if (scope === 'local' && chance(r, 0.5)) {
    resource.provenance = { format: 'data-inclusion', ref: `di-${pad(n, 7)}`, importedOn: '2026-10-01' };
  }
  return resource;
}

const round = (x: number): number => Math.round(x * 1e5) / 1e5;

/**
 * `count` resources, deterministic for a given seed. The first 101×3 cover every department with a local,
 * a departmental or a regional resource whatever the draw; the rest follow the population weights.
 */
export function generateCatalog({ count, seed = 20261123 }: CatalogOptions): Resource[] {
  const r = rng(seed);
  const { departments } = geoData();
  const out: Resource[] = [];
  for (let n = 0; n < count; n++) out.push(makeResource(r, n, n < departments.length * 3 ? departments[n % departments.length] : undefined));
  return out;
}

// ---------------------------------------------------------------------------------------------------------
// Profiles

export interface BenchProfile {
  profile: ProfileInput;
  /** How the place was given: postcode, commune name, INSEE code, department, or nothing. */
  place: 'postcode' | 'commune' | 'commune_typo' | 'postcode_commune' | 'insee' | 'department' | 'none';
}

/** A one-letter typo (swap, drop or double) in the middle of a word of 5+ letters. */
export function typo(r: Rng, word: string): string {
  const chars = [...word];
  if (chars.length < 5) return word;
  const i = int(r, 1, chars.length - 3);
  switch (int(r, 0, 2)) {
    case 0:
      [chars[i], chars[i + 1]] = [chars[i + 1]!, chars[i]!];
      break;
    case 1:
      chars.splice(i, 1);
      break;
    default:
      chars.splice(i, 0, chars[i]!);
  }
  return chars.join('');
}

const PLACE_MIX = { postcode: 40, commune: 20, commune_typo: 7, postcode_commune: 8, insee: 10, department: 10, none: 5 } as const;
const STATUS_MIX: Readonly<Record<Status, number>> = { bpi: 35, temporary_protection: 15, newcomer: 20, asylum_seeker: 15, bpi_family: 3, no_right_to_stay: 2, other: 5, unknown: 10 };
const LEVEL_MIX: Readonly<Record<FrenchLevel, number>> = { none: 15, A1: 25, A2: 20, B1: 15, B2: 10, unknown: 15 };
const LOCALE_MIX: Readonly<Record<Locale, number>> = { fr: 30, en: 20, ar: 20, fa: 8, ps: 5, ti: 5, ru: 4, uk: 8 };

export function generateProfiles(count: number, seed = 42): BenchProfile[] {
  const r = rng(seed);
  const geo = geoData();
  const out: BenchProfile[] = [];
  for (let i = 0; i < count; i++) {
    const dep = geo.byWeight.draw(r);
    const commune = dep.communes.draw(r);
    const place = weighted(r, PLACE_MIX);
    let location: ProfileInput['location'];
    switch (place) {
      case 'postcode':
        location = { postcode: commune.postcodes[0] ?? '75001' };
        break;
      case 'commune':
        location = chance(r, 0.3) ? { commune: commune.name, department: dep.code } : { commune: commune.name };
        break;
      case 'commune_typo':
        location = { commune: typo(r, commune.name) };
        break;
      case 'postcode_commune':
        location = { postcode: commune.postcodes[0] ?? '75001', commune: commune.name };
        break;
      case 'insee':
        location = { inseeCode: commune.inseeCode };
        break;
      case 'department':
        location = { department: dep.code };
        break;
      case 'none':
        location = undefined;
    }
    const status = weighted(r, STATUS_MIX);
    const needs: Theme[] = [];
    const wanted = int(r, 1, 3);
    while (needs.length < wanted) {
      const t = weighted(r, THEME_MIX);
      if (!needs.includes(t)) needs.push(t);
    }
    const profile: ProfileInput = {
      status,
      frenchLevel: weighted(r, LEVEL_MIX),
      needs,
      locale: weighted(r, LOCALE_MIX),
      ...(location ? { location } : {}),
    };
    if (status === 'bpi') {
      profile.protection = oneOf(r, ['refugee', 'subsidiary', 'stateless'] as const);
      profile.statusSince = `${int(r, 2019, 2026)}-${pad(int(r, 1, 10), 2)}`;
      profile.cir = oneOf(r, ['signed', 'not_signed', 'unknown'] as const);
    } else if (status === 'temporary_protection' || status === 'newcomer') {
      profile.statusSince = `${int(r, 2021, 2026)}-${pad(int(r, 1, 10), 2)}`;
    }
    if (chance(r, 0.8)) profile.age = int(r, 16, 65);
    if (chance(r, 0.6)) profile.readsWrites = chance(r, 0.85);
    if (chance(r, 0.4)) profile.children = { schoolAge: chance(r, 0.5), under3: chance(r, 0.3) };
    if (needs.includes('mobility')) profile.foreignLicence = chance(r, 0.7);
    if (chance(r, 0.05)) profile.disability = true;
    out.push({ profile, place });
  }
  return out;
}

// ---------------------------------------------------------------------------------------------------------
// Search queries

export interface BenchQuery {
  query: SearchQuery;
  kind: 'fr' | 'en' | 'ar' | 'typo' | 'place' | 'unknown_word';
}

const UNKNOWN_WORDS = ['zzyzx', 'quokka', 'blorptastic', 'xylophone'];

export function generateQueries(count: number, seed = 7): BenchQuery[] {
  const r = rng(seed);
  const geo = geoData();
  const out: BenchQuery[] = [];
  for (let i = 0; i < count; i++) {
    const theme = weighted(r, THEME_MIX);
    const words = THEME_WORDS[theme];
    const kind = weighted(r, { fr: 35, en: 20, ar: 15, typo: 15, place: 10, unknown_word: 5 } as const);
    const dep = geo.byWeight.draw(r);
    let text: string;
    switch (kind) {
      case 'fr':
      case 'en':
      case 'ar':
        text = oneOf(r, words[kind]);
        break;
      case 'typo': {
        const phrase = oneOf(r, chance(r, 0.6) ? words.fr : words.en);
        // Misspell the longest word of the phrase.
        const longest = phrase.split(' ').reduce((a, b) => (b.length > a.length ? b : a));
        text = phrase.replace(longest, typo(r, longest));
        break;
      }
      case 'place':
        text = `${oneOf(r, words.fr)} ${dep.communes.draw(r).name}`;
        break;
      default:
        text = `${oneOf(r, UNKNOWN_WORDS)} ${oneOf(r, words.en)}`;
    }
    const withDepartment = kind === 'place' || chance(r, 0.6);
    const withTheme = chance(r, 0.35);
    const query: SearchQuery = {
      text,
      ...(withDepartment ? { department: dep.code } : {}),
      ...(withTheme ? { theme } : {}),
      locale: kind === 'en' ? 'en' : kind === 'ar' ? 'ar' : 'fr',
      limit: 10,
    };
    out.push({ query, kind });
  }
  return out;
}
