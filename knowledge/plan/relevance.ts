import type { Program, Theme } from '../contracts/vocabulary';

/**
 * Which programs matter for which need: the conversation asks a follow-up question only when a program
 * relevant to the person's needs is undecided for lack of that answer. The core programs always matter.
 */
export const CORE_PROGRAMS: readonly Program[] = ['cir', 'asylum_support', 'ofii_language', 'health_coverage', 'residence_permit'];

/**
 * A young person alone in France is sheltered by the ASE, not by the 115 or social housing: wherever that changes the
 * door (a roof, papers, help, school, an emergency), `child_protection` matters. A minor's own school or training
 * (`training_obligation`) matters for school, training, studies and work.
 */
export const PROGRAMS_BY_THEME: Readonly<Record<Theme, readonly Program[]>> = {
  language: ['ofii_language', 'integration_actions'],
  employment: ['france_travail', 'mission_locale', 'volontr', 'training_obligation'],
  training: ['france_travail', 'mission_locale', 'training_obligation'],
  studies: ['mission_locale', 'training_obligation'],
  housing: ['social_housing', 'caf_benefits', 'agir', 'child_protection'],
  mobility: ['driving_licence_exchange'],
  health: ['health_coverage', 'complementary_health'],
  mental_health: ['health_coverage', 'complementary_health'],
  schooling: ['school_enrolment', 'oepre', 'training_obligation', 'child_protection'],
  childcare: ['school_enrolment'],
  digital: [],
  rights: ['residence_permit', 'agir', 'cir', 'caf_benefits', 'complementary_health', 'family_reunification', 'child_protection'],
  social: ['volontr', 'child_protection'],
  emergency: ['child_protection'],
};

/**
 * What a minor alone is told about: their protection, school or training, care, and an asylum claim made with
 * their guardian. The adults' paperwork (CIR, cards, OFII's courses, AGIR, benefits) is done with the ASE and the
 * guardian, so it is neither a step of theirs nor something for them "to check".
 */
export const PROTECTED_MINOR_PROGRAMS: ReadonlySet<Program> = new Set<Program>([
  'child_protection',
  'asylum_support',
  'training_obligation',
  'school_enrolment',
  'mission_locale',
  'health_coverage',
  'complementary_health',
]);

export function relevantPrograms(needs: readonly Theme[]): Set<Program> {
  return new Set([...CORE_PROGRAMS, ...needs.flatMap((n) => PROGRAMS_BY_THEME[n])]);
}
