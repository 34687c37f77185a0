import { z } from 'zod';
import {
  ELIGIBILITY_STATUSES,
  LOCALES,
  LOCATION_STATUSES,
  OFII_TRACKS,
  PROGRAMS,
  SCOPES,
  THEMES,
  ZONES,
} from './vocabulary';

/** DOMAIN.md §4: the output of the engine, the API and the CLI. */

const Reason = z.strictObject({ code: z.string(), text: z.string() });

export const ResolvedLocationSchema = z.strictObject({
  status: z.literal('resolved'),
  inseeCode: z.string().optional(),
  commune: z.string().optional(),
  postcode: z.string().optional(),
  department: z.string(),
  region: z.string(),
  zone: z.enum(ZONES),
});

export const LocationResultSchema = z.union([
  ResolvedLocationSchema,
  z.strictObject({
    status: z.literal('ambiguous'),
    query: z.string(),
    candidates: z.array(
      z.strictObject({ inseeCode: z.string(), name: z.string(), department: z.string(), postcodes: z.array(z.string()) }),
    ),
  }),
  z.strictObject({ status: z.enum(LOCATION_STATUSES.filter((s) => s === 'not_found' || s === 'unknown') as ['not_found', 'unknown']), query: z.string().optional() }),
]);

export const EligibilitySchema = z.strictObject({
  program: z.enum(PROGRAMS),
  status: z.enum(ELIGIBILITY_STATUSES),
  track: z.enum(OFII_TRACKS).optional(),
  reasons: z.array(Reason),
  ask: z.array(z.string()),
  sources: z.array(z.string()).min(1),
  checkedOn: z.string(),
  /** The Refugies.info fiche of the program, its page in the result's locale; absent where none was verified. */
  refugiesInfo: z.strictObject({ id: z.string(), url: z.string() }).optional(),
});

export const RecommendationSchema = z.strictObject({
  id: z.string(),
  kind: z.string(),
  title: z.string(),
  summary: z.string(),
  theme: z.enum(THEMES),
  themes: z.array(z.enum(THEMES)),
  programs: z.array(z.enum(PROGRAMS)),
  scope: z.enum(SCOPES),
  why: z.array(z.string()).min(1),
  url: z.string().optional(),
  phone: z.string().optional(),
  address: z.string().optional(),
  refugiesInfo: z.strictObject({ id: z.string().optional(), url: z.string() }).optional(),
  distanceKm: z.number().optional(),
  /** Published opening periods by weekday ("09:00-12:00"), for offices whose directory gives them. */
  hours: z.partialRecord(z.enum(['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun']), z.array(z.string())).optional(),
  /** The periods of the plan's day at the place; empty: closed today. Only with `hours`. */
  openToday: z.array(z.string()).optional(),
  score: z.number(),
  source: z.string(),
  verifiedOn: z.string(),
});

export const NextStepSchema = z.strictObject({
  order: z.number().int().positive(),
  code: z.string(),
  text: z.string(),
  program: z.enum(PROGRAMS).optional(),
});

export const HelpSchema = z.strictObject({ code: z.string(), label: z.string(), phone: z.string() });

export const ResultSchema = z.strictObject({
  version: z.literal(1),
  locale: z.enum(LOCALES),
  location: LocationResultSchema,
  eligibility: z.array(EligibilitySchema),
  recommendations: z.array(RecommendationSchema),
  nextSteps: z.array(NextStepSchema),
  help: z.array(HelpSchema),
});

export type ResolvedLocation = z.infer<typeof ResolvedLocationSchema>;
export type LocationResult = z.infer<typeof LocationResultSchema>;
export type Eligibility = z.infer<typeof EligibilitySchema>;
export type Recommendation = z.infer<typeof RecommendationSchema>;
export type NextStep = z.infer<typeof NextStepSchema>;
export type Help = z.infer<typeof HelpSchema>;
export type OrientationResult = z.infer<typeof ResultSchema>;
