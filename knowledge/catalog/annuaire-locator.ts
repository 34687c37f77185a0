import { getDepartment } from '../geo/territory';
import { LOCALES, type Locale, type Program, type Theme } from '../contracts/vocabulary';
import type { Audience, LocalizedText, OfficeType, Resource } from './schema';

/**
 * Until a deployment loads DILA's Annuaire (`kb import --format dila-annuaire`), a plan cannot name the person's
 * préfecture, CPAM, mission locale, France Travail agency or CCAS. It then links the Annuaire's own page listing
 * those offices in the person's department — never an address of ours.
 *
 * The page address is the Annuaire's navigation pattern `/navigation/<region>/<department>/<type>`, as the site
 * publishes it (e.g. `/navigation/ile-de-france/val-d-oise/mairie`; records link
 * `/provence-alpes-cote-d-azur/bouches-du-rhone/<id>`): names lower-cased, accents dropped, other characters
 * turned into hyphens; `<type>` is the Annuaire's code of the office type (the `pivot` code of its export).
 */

export const ANNUAIRE_URL = 'https://lannuaire.service-public.fr';
const CHECKED_ON = '2026-11-27';

interface LocatorKind {
  /** The Annuaire's type code. */
  code: string;
  themes: Theme[];
  programs: Program[];
  audience?: Audience;
  /** Where the type does not apply (overseas, health insurance is the CGSS or, in Mayotte, the CSSM). */
  notIn?: RegExp;
}

/**
 * The conseil départemental's list, for a minor alone: its ASE shelters and assesses them whatever the need
 * (recommend.ts puts it first); `cg` is the Annuaire's code of the département's offices.
 */
export const MINORS_DOOR: OfficeType = 'conseil_departemental';

/** The offices a plan sends people to in person, by our office type. OFII has its own national locator. */
const KINDS: Partial<Record<OfficeType, LocatorKind>> = {
  prefecture: { code: 'prefecture', themes: ['rights'], programs: ['residence_permit'] },
  cpam: { code: 'cpam', themes: ['health', 'rights'], programs: ['health_coverage'], notIn: /^97/ },
  mission_locale: { code: 'mission_locale', themes: ['employment', 'training'], programs: ['mission_locale'], audience: { youth: true, minAge: 16, maxAge: 25, maxAgeWithDisability: 29 } },
  france_travail: { code: 'pole_emploi', themes: ['employment', 'training'], programs: ['france_travail'] },
  ccas: { code: 'ccas', themes: ['emergency', 'rights'], programs: [] },
  conseil_departemental: { code: 'cg', themes: ['emergency', 'social'], programs: ['child_protection'], audience: { unaccompanied: true, maxAge: 17 } },
};

/** Every office type with a department page, and those a plan links for a need (the minors' door comes apart). */
export const LOCATOR_OFFICES = Object.keys(KINDS) as OfficeType[];
export const NEED_LOCATORS = LOCATOR_OFFICES.filter((o) => o !== MINORS_DOOR);

interface Texts {
  office: Partial<Record<OfficeType, string>>;
  /** `{office}`, `{department}`. */
  title: string;
  summary: string;
}

/** Office names and the two sentences, per language (reviewed in French only). */
const TEXTS: Record<Locale, Texts> = {
  fr: {
    office: { prefecture: 'Préfecture', cpam: 'Assurance Maladie (CPAM)', mission_locale: 'Mission locale', france_travail: 'France Travail', ccas: 'CCAS (action sociale de la mairie)', conseil_departemental: "Conseil départemental (Aide sociale à l'enfance)" },
    title: '{office} — {department} : adresses et horaires',
    summary: "L'adresse, le téléphone et les horaires de chaque bureau du département {department} sont sur l'Annuaire officiel de l'administration (service-public.fr).",
  },
  en: {
    office: { prefecture: 'Préfecture', cpam: 'Health insurance (CPAM)', mission_locale: 'Mission locale (young people)', france_travail: 'France Travail (job centre)', ccas: 'CCAS (town hall social services)', conseil_departemental: 'Conseil départemental (child welfare, ASE)' },
    title: '{office} — {department}: addresses and opening hours',
    summary: 'The address, phone number and opening hours of each office in {department} are in the official directory of the administration (service-public.fr).',
  },
  ar: {
    office: { prefecture: 'المحافظة (Préfecture)', cpam: 'التأمين الصحي (CPAM)', mission_locale: 'البعثة المحلية للشباب (Mission locale)', france_travail: 'مكتب التشغيل (France Travail)', ccas: 'الخدمات الاجتماعية للبلدية (CCAS)', conseil_departemental: 'مجلس المقاطعة (رعاية الطفولة، ASE)' },
    title: '{office} — {department}: العناوين وساعات العمل',
    summary: 'عنوان كل مكتب في {department} ورقم هاتفه وساعات عمله موجودة في الدليل الرسمي للإدارة (service-public.fr).',
  },
  fa: {
    office: { prefecture: 'استانداری (Préfecture)', cpam: 'بیمهٔ درمانی (CPAM)', mission_locale: 'میسیون لوکال برای جوانان (Mission locale)', france_travail: 'ادارهٔ کار (France Travail)', ccas: 'خدمات اجتماعی شهرداری (CCAS)', conseil_departemental: 'شورای استان (حمایت از کودکان، ASE)' },
    title: '{office} — {department}: نشانی‌ها و ساعات کار',
    summary: 'نشانی، شماره تلفن و ساعات کار هر دفتر در {department} در راهنمای رسمی ادارات (service-public.fr) آمده است.',
  },
  ps: {
    office: { prefecture: 'ولایت (Préfecture)', cpam: 'روغتیايي بیمه (CPAM)', mission_locale: 'د ځوانانو لپاره Mission locale', france_travail: 'د کار دفتر (France Travail)', ccas: 'د ښاروالۍ ټولنیز خدمتونه (CCAS)', conseil_departemental: 'د ولایت شورا (د ماشومانو ساتنه، ASE)' },
    title: '{office} — {department}: پتې او د کار وختونه',
    summary: 'په {department} کې د هر دفتر پته، د تلیفون شمېره او د کار وختونه د ادارې په رسمي لارښود (service-public.fr) کې دي.',
  },
  ti: {
    office: { prefecture: 'ፕረፌክቱር (Préfecture)', cpam: 'መድሕን ሕማም (CPAM)', mission_locale: 'ንመንእሰያት Mission locale', france_travail: 'ቤት ጽሕፈት ስራሕ (France Travail)', ccas: 'ማሕበራዊ ኣገልግሎት ምምሕዳር ከተማ (CCAS)', conseil_departemental: 'ቤት ምኽሪ ኣውራጃ (ሓለዋ ህጻናት፡ ASE)' },
    title: '{office} — {department}: ኣድራሻታትን ሰዓታት ስራሕን',
    summary: 'ኣድራሻ፡ ቁጽሪ ተሌፎንን ሰዓታት ስራሕን ናይ ነፍሲ ወከፍ ቤት ጽሕፈት ኣብ {department} ኣብ ወግዓዊ መምርሒ ምምሕዳር (service-public.fr) ኣሎ።',
  },
  ru: {
    office: { prefecture: 'Префектура', cpam: 'Медицинское страхование (CPAM)', mission_locale: 'Mission locale (для молодёжи)', france_travail: 'France Travail (служба занятости)', ccas: 'CCAS (социальная служба мэрии)', conseil_departemental: 'Совет департамента (защита детей, ASE)' },
    title: '{office} — {department}: адреса и часы работы',
    summary: 'Адрес, телефон и часы работы каждого отделения в департаменте {department} — в официальном справочнике администрации (service-public.fr).',
  },
  uk: {
    office: { prefecture: 'Префектура', cpam: 'Медичне страхування (CPAM)', mission_locale: 'Mission locale (для молоді)', france_travail: 'France Travail (служба зайнятості)', ccas: 'CCAS (соціальна служба мерії)', conseil_departemental: 'Рада департаменту (захист дітей, ASE)' },
    title: '{office} — {department}: адреси та години роботи',
    summary: 'Адреса, телефон і години роботи кожного відділення в департаменті {department} — в офіційному довіднику адміністрації (service-public.fr).',
  },
};

/** "Provence-Alpes-Côte d'Azur" → "provence-alpes-cote-d-azur", as the Annuaire writes it in its addresses. */
export function annuaireSlug(name: string): string {
  return name
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
}

/** The Annuaire's list of one type of office in a department; undefined for a code that is not a department. */
export function annuaireNavigationUrl(department: string, office: OfficeType): string | undefined {
  const d = getDepartment(department);
  const kind = KINDS[office];
  if (!d?.regionName || !kind) return undefined;
  return `${ANNUAIRE_URL}/navigation/${annuaireSlug(d.regionName)}/${annuaireSlug(d.name)}/${kind.code}`;
}

const cache = new Map<string, Resource | null>();

/** The locator of one type of office for a department, as a catalog resource; undefined where it does not apply. */
export function annuaireLocator(department: string, office: OfficeType): Resource | undefined {
  const key = `${department}|${office}`;
  let resource = cache.get(key);
  if (resource === undefined) {
    resource = build(department, office) ?? null;
    cache.set(key, resource);
  }
  return resource ?? undefined;
}

function build(department: string, office: OfficeType): Resource | undefined {
  const kind = KINDS[office];
  const d = getDepartment(department);
  const url = annuaireNavigationUrl(department, office);
  if (!kind || !d || !url || kind.notIn?.test(d.code)) return undefined;
  const text = (template: (t: Texts) => string) =>
    Object.fromEntries(LOCALES.map((l) => [l, template(TEXTS[l]).replace('{office}', TEXTS[l].office[office]!).replace('{department}', d.name)])) as LocalizedText;
  return {
    id: `annuaire/${office.replace(/_/g, '-')}-${d.code.toLowerCase()}`,
    kind: 'locator',
    title: text((t) => t.title),
    summary: text((t) => t.summary),
    themes: kind.themes,
    programs: kind.programs,
    audience: kind.audience ?? {},
    geography: { scope: 'departmental', departments: [d.code] },
    contact: { url },
    source: ANNUAIRE_URL,
    verifiedOn: CHECKED_ON,
    reviewedLocales: ['fr'],
    office,
  };
}
