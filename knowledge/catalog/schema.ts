import { z } from 'zod';
import { FRENCH_LEVELS, LOCALES, PROGRAMS, SCOPES, STATUSES, THEMES } from '../contracts/vocabulary';

/**
 * A resource of the catalog: a national scheme, a local service, a training session, a Refugies.info
 * fiche, a helpline or a locator page. Curated files and importers produce exactly this shape.
 */

export const RESOURCE_KINDS = ['program', 'service', 'training', 'fiche', 'helpline', 'locator'] as const;
export type ResourceKind = (typeof RESOURCE_KINDS)[number];

/**
 * Public offices a plan can send people to in person (issue 9): France services sites, and the offices of
 * DILA's Annuaire de l'administration that newcomers need. A resource with `office` is a `service` whose door
 * is at its address.
 */
export const OFFICE_TYPES = ['france_services', 'ofii', 'prefecture', 'caf', 'cpam', 'mission_locale', 'ccas', 'france_travail', 'conseil_departemental'] as const;
export type OfficeType = (typeof OFFICE_TYPES)[number];

export const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export type Weekday = (typeof WEEKDAYS)[number];
/** "09:00-12:00": one opening period of a day, 24-hour clock. */
const PERIOD = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d-([01]\d|2[0-3]):[0-5]\d$/, 'must be a period "HH:MM-HH:MM"');
/** Opening periods by weekday, in order; a day left out is closed or not known (the source did not say). */
export const HoursSchema = z.strictObject(
  Object.fromEntries(WEEKDAYS.map((d) => [d, z.array(PERIOD).min(1).optional()])) as Record<Weekday, z.ZodOptional<z.ZodArray<typeof PERIOD>>>,
);
export type Hours = z.infer<typeof HoursSchema>;

const localeShape = Object.fromEntries(LOCALES.map((l) => [l, z.string().trim().min(1).optional()])) as Record<
  (typeof LOCALES)[number],
  z.ZodOptional<z.ZodString>
>;
/** French is required: it is the fallback of every other locale. */
export const LocalizedText = z.strictObject({ ...localeShape, fr: z.string().trim().min(1) });
export type LocalizedText = z.infer<typeof LocalizedText>;

const keywordShape = Object.fromEntries(LOCALES.map((l) => [l, z.array(z.string().min(1)).optional()])) as Record<
  (typeof LOCALES)[number],
  z.ZodOptional<z.ZodArray<z.ZodString>>
>;
export const LocalizedKeywords = z.strictObject(keywordShape);

const DEPARTMENT = z.string().regex(/^(\d{2}|2[AB]|97[1-6])$/, 'must be a department code such as "15", "2A" or "974"');
const REGION = z.string().regex(/^\d{2}$/, 'must be a 2-digit INSEE region code such as "84"');
const COMMUNE = z.string().regex(/^(\d{5}|2[AB]\d{3})$/, 'must be a 5-character INSEE commune code such as "15014"');
const ISO_DATE = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date YYYY-MM-DD');
const HTTPS_URL = z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' });

export const AudienceSchema = z.strictObject({
  /** Empty or absent: open to every status. */
  statuses: z.array(z.enum(STATUSES)).optional(),
  /** French levels the resource is meant for. */
  levels: z.array(z.enum(FRENCH_LEVELS)).optional(),
  /** `non_readers`: literacy courses; `readers`: needs reading and writing. */
  literacy: z.enum(['non_readers', 'readers']).optional(),
  minAge: z.number().int().min(0).max(120).optional(),
  maxAge: z.number().int().min(0).max(120).optional(),
  /** Age limit when the person has a recognised disability (youth schemes). */
  maxAgeWithDisability: z.number().int().min(0).max(120).optional(),
  parents: z.boolean().optional(),
  women: z.boolean().optional(),
  youth: z.boolean().optional(),
  /** Only for people who said they have a recognised disability (Cap emploi…). */
  disability: z.literal(true).optional(),
  /** Only for people who said they have a job (Action Logement…). */
  employed: z.literal(true).optional(),
  /**
   * true: only for people who said they are under 18 and in France without a parent or guardian (ASE,
   * administrateur ad hoc); false: never for them (adult schemes their protection replaces, e.g. OFII's housing).
   */
  unaccompanied: z.boolean().optional(),
  /**
   * Only for people who gave their age (within minAge–maxAge): a minor's own school or training is noise to an adult
   * who was never asked the age, where an unanswered age otherwise keeps a card.
   */
  ageStated: z.literal(true).optional(),
});
export type Audience = z.infer<typeof AudienceSchema>;

export const GeographySchema = z
  .strictObject({
    scope: z.enum(SCOPES),
    regions: z.array(REGION).optional(),
    departments: z.array(DEPARTMENT).optional(),
    communes: z.array(COMMUNE).optional(),
    /** Departments where the resource does not apply (a national scheme with an overseas exception). */
    excludeDepartments: z.array(DEPARTMENT).optional(),
    /** Made for rural, low-density places: left out in a large town. */
    rural: z.boolean().optional(),
    /** [longitude, latitude] of the place where people go, when sourced. */
    coordinates: z.tuple([z.number().min(-180).max(180), z.number().min(-90).max(90)]).optional(),
  })
  .superRefine((g, ctx) => {
    const need = { regional: g.regions, departmental: g.departments, local: g.communes ?? g.departments } as const;
    if (g.scope in need && !need[g.scope as keyof typeof need]?.length) {
      ctx.addIssue({ code: 'custom', message: `a ${g.scope} resource needs its ${g.scope === 'regional' ? 'regions' : 'departments or communes'}` });
    }
  });
export type Geography = z.infer<typeof GeographySchema>;

export const ContactSchema = z.strictObject({
  url: HTTPS_URL.optional(),
  phone: z.string().regex(/^[0-9 +]{2,20}$/, 'must be digits and spaces, e.g. "0 800 858 858"').optional(),
  email: z.email().optional(),
  address: z.string().min(5).optional(),
});

export const ResourceSchema = z.strictObject({
  id: z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*(?:\/[a-z0-9-]+)?$/, 'must be a kebab-case slug'),
  kind: z.enum(RESOURCE_KINDS),
  title: LocalizedText,
  summary: LocalizedText,
  keywords: LocalizedKeywords.optional(),
  themes: z.array(z.enum(THEMES)).min(1),
  programs: z.array(z.enum(PROGRAMS)).default([]),
  audience: AudienceSchema.default({}),
  geography: GeographySchema,
  contact: ContactSchema.default({}),
  refugiesInfo: z.strictObject({ id: z.string().regex(/^[0-9a-f]{24}$/).optional(), url: HTTPS_URL }).optional(),
  /** A seed file name (with its section) or an official page. */
  source: z.string().refine((s) => /^(00\d_[0-9a-f]{16}\.txt)/.test(s) || /^https?:\/\//.test(s), {
    message: 'must start with a seed file name (e.g. "003_212a6d9f86037104.txt §mobility") or an http(s) URL',
  }),
  verifiedOn: ISO_DATE,
  /** Locales whose text a native speaker has reviewed; the others are marked as machine-assisted. */
  reviewedLocales: z.array(z.enum(LOCALES)).default(['fr']),
  /** Offices: which kind of office, and its opening hours as published (dated by `verifiedOn`). */
  office: z.enum(OFFICE_TYPES).optional(),
  hours: HoursSchema.optional(),
  /** Where an importer produced it: format and external reference. */
  provenance: z.strictObject({ format: z.string(), ref: z.string(), importedOn: ISO_DATE }).optional(),
});
export type Resource = z.infer<typeof ResourceSchema>;
export type ResourceInput = z.input<typeof ResourceSchema>;
