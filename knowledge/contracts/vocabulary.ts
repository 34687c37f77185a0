/** The stable keys of DOMAIN.md §1. Labels live in `locales/`; these never change with the locale. */

export const LOCALES = ['fr', 'en', 'ar', 'fa', 'ps', 'ti', 'ru', 'uk'] as const;
export type Locale = (typeof LOCALES)[number];
export const RTL_LOCALES: readonly Locale[] = ['ar', 'fa', 'ps'];

/**
 * `bpi_family`: family member joining a beneficiary of international protection (family reunification);
 * `no_right_to_stay`: no residence document (claim rejected, permit expired…). Both were folded into
 * `other` before; `other` now means a right to stay by another route (EU citizen, resident, student).
 */
export const STATUSES = [
  'bpi',
  'temporary_protection',
  'newcomer',
  'asylum_seeker',
  'other',
  'unknown',
  'bpi_family',
  'no_right_to_stay',
] as const;
export type Status = (typeof STATUSES)[number];

export const PROTECTIONS = ['refugee', 'subsidiary', 'stateless'] as const;
export type Protection = (typeof PROTECTIONS)[number];

export const FRENCH_LEVELS = ['none', 'A1', 'A2', 'B1', 'B2', 'unknown'] as const;
export type FrenchLevel = (typeof FRENCH_LEVELS)[number];

export const CIR_STATES = ['signed', 'not_signed', 'unknown'] as const;
export type CirState = (typeof CIR_STATES)[number];

export const THEMES = [
  'language',
  'employment',
  'training',
  'studies',
  'housing',
  'mobility',
  'health',
  'mental_health',
  'schooling',
  'childcare',
  'digital',
  'rights',
  'social',
  'emergency',
] as const;
export type Theme = (typeof THEMES)[number];

export const PROGRAMS = [
  'cir',
  'ofii_language',
  'agir',
  'integration_actions',
  'oepre',
  'school_enrolment',
  'mission_locale',
  'volontr',
  'france_travail',
  'driving_licence_exchange',
  'asylum_support',
  'health_coverage',
  'social_housing',
  'caf_benefits',
  'residence_permit',
  'complementary_health',
  'family_reunification',
  'child_protection',
  'training_obligation',
] as const;
export type Program = (typeof PROGRAMS)[number];

export const ELIGIBILITY_STATUSES = ['eligible', 'not_eligible', 'maybe', 'done'] as const;
export type EligibilityStatus = (typeof ELIGIBILITY_STATUSES)[number];

export const OFII_TRACKS = ['A1_alpha', 'A1', 'A2', 'B1'] as const;
export type OfiiTrack = (typeof OFII_TRACKS)[number];

export const SCOPES = ['local', 'departmental', 'regional', 'national', 'online'] as const;
export type Scope = (typeof SCOPES)[number];

export const LOCATION_STATUSES = ['resolved', 'ambiguous', 'not_found', 'unknown'] as const;
export type LocationStatus = (typeof LOCATION_STATUSES)[number];

export const ZONES = ['metro', 'corsica', 'overseas'] as const;
export type Zone = (typeof ZONES)[number];
