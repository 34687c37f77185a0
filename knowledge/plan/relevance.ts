import type { Program, Theme } from '../contracts/vocabulary';

/**
 * Which programs matter for which need: the conversation asks a follow-up question only when a program
 * relevant to the person's needs is undecided for lack of that answer. The core programs always matter.
 */
export const CORE_PROGRAMS: readonly Program[] = ['cir', 'asylum_support', 'ofii_language', 'health_coverage', 'residence_permit'];

export const PROGRAMS_BY_THEME: Readonly<Record<Theme, readonly Program[]>> = {
  language: ['ofii_language', 'integration_actions'],
  employment: ['france_travail', 'mission_locale', 'volontr'],
  training: ['france_travail', 'mission_locale'],
  studies: ['mission_locale'],
  housing: ['social_housing', 'caf_benefits', 'agir'],
  mobility: ['driving_licence_exchange'],
  health: ['health_coverage', 'complementary_health'],
  mental_health: ['health_coverage', 'complementary_health'],
  schooling: ['school_enrolment', 'oepre'],
  childcare: ['school_enrolment'],
  digital: [],
  rights: ['residence_permit', 'agir', 'cir', 'caf_benefits', 'complementary_health', 'family_reunification'],
  social: ['volontr'],
  emergency: [],
};

export function relevantPrograms(needs: readonly Theme[]): Set<Program> {
  return new Set([...CORE_PROGRAMS, ...needs.flatMap((n) => PROGRAMS_BY_THEME[n])]);
}
