import type { Profile } from '../contracts/profile';
import type { LocationResult } from '../contracts/result';
import type { EligibilityStatus, Program, Theme } from '../contracts/vocabulary';
import type { Decision } from '../rules/evaluate';
import { PROTECTED_MINOR_PROGRAMS } from './relevance';

/**
 * The plan's ordered steps, read from the decisions: most urgent first (asylum reception, the CIR, deadlines),
 * then the programs, then what is missing to say more. Each entry is one line of data.
 */
interface Context {
  status(program: Program): EligibilityStatus;
  decision(program: Program): Decision | undefined;
  profile: Profile;
  location: LocationResult;
}

interface StepRule {
  code: string;
  program?: Program;
  applies(ctx: Context): boolean;
}

const needs = (ctx: Context, ...themes: Theme[]) =>
  ctx.profile.needs.length === 0 || themes.some((t) => ctx.profile.needs.includes(t));
const is = (ctx: Context, program: Program, ...statuses: EligibilityStatus[]) => statuses.includes(ctx.status(program));
/** The decision's first reason: where a program has several routes (CPAM, CGSS, CSSM, AME) it names the door. */
const because = (ctx: Context, program: Program, code: string) => ctx.decision(program)?.reasons[0]?.code === `${program}.${code}`;
const belowA2 = (ctx: Context) => ctx.profile.frenchLevel === 'none' || ctx.profile.frenchLevel === 'A1';
/** A young person alone in France: the ASE shelters them and, with their guardian, does the adults' paperwork. */
const protectedMinor = (ctx: Context) => is(ctx, 'child_protection', 'eligible');

const STEPS: StepRule[] = [
  // A child alone comes first: the département must shelter and protect them before anything else (CASF L221-2-4).
  { code: 'step.child_protection', program: 'child_protection', applies: protectedMinor },
  { code: 'step.asylum_minor', program: 'asylum_support', applies: (c) => because(c, 'asylum_support', 'unaccompanied_minor_ad_hoc') },
  // The asylum door depends on the place and on whether the claim is registered yet.
  { code: 'step.asylum_ofii_phone', program: 'asylum_support', applies: (c) => because(c, 'asylum_support', 'idf_ofii_phone_first') },
  { code: 'step.spada', program: 'asylum_support', applies: (c) => because(c, 'asylum_support', 'spada_first') },
  { code: 'step.asylum_follow_claim', program: 'asylum_support', applies: (c) => because(c, 'asylum_support', 'registered_follow_claim') },
  { code: 'step.tell_status', applies: (c) => !c.profile.status || c.profile.status === 'unknown' },
  // After protection the préfecture's card comes first: it proves the right to stay and to work.
  { code: 'step.residence_permit', program: 'residence_permit', applies: (c) => is(c, 'residence_permit', 'eligible') },
  { code: 'step.sign_cir', program: 'cir', applies: (c) => is(c, 'cir', 'eligible') },
  // A form to send back, then letters by post: after the two offices a new refugee must go to.
  {
    code: 'step.ofpra_civil_status',
    program: 'residence_permit',
    applies: (c) => c.profile.status === 'bpi' && is(c, 'residence_permit', 'eligible'),
  },
  { code: 'step.cir_ask_ofii', program: 'cir', applies: (c) => because(c, 'cir', 'sign_later_on_request') && c.profile.cir === 'not_signed' },
  // Under 18, school or training is an obligation, whatever the need asked about (Code de l'éducation L131-1, L114-1).
  { code: 'step.school_until_16', program: 'training_obligation', applies: (c) => because(c, 'training_obligation', 'school_until_16') },
  { code: 'step.training_until_18', program: 'training_obligation', applies: (c) => because(c, 'training_obligation', 'training_until_18') },
  {
    code: 'step.licence_exchange',
    program: 'driving_licence_exchange',
    applies: (c) => is(c, 'driving_licence_exchange', 'eligible', 'maybe') && c.profile.foreignLicence === true,
  },
  { code: 'step.ofii_language.A1_alpha', program: 'ofii_language', applies: (c) => c.decision('ofii_language')?.track === 'A1_alpha' },
  { code: 'step.ofii_language.A1', program: 'ofii_language', applies: (c) => c.decision('ofii_language')?.track === 'A1' },
  { code: 'step.ofii_language.A2', program: 'ofii_language', applies: (c) => c.decision('ofii_language')?.track === 'A2' },
  { code: 'step.ofii_language.positioning', program: 'ofii_language', applies: (c) => is(c, 'ofii_language', 'maybe') },
  { code: 'step.residence_card_a2', applies: (c) => c.profile.status === 'newcomer' && belowA2(c) },
  { code: 'step.resident_card_b1', applies: (c) => c.profile.status === 'newcomer' && c.profile.frenchLevel === 'A2' },
  { code: 'step.language_beyond_ofii', applies: (c) => is(c, 'ofii_language', 'not_eligible') && needs(c, 'language') },
  { code: 'step.agir', program: 'agir', applies: (c) => is(c, 'agir', 'eligible', 'maybe') },
  {
    code: 'step.health_coverage',
    program: 'health_coverage',
    applies: (c) =>
      because(c, 'health_coverage', 'regular_resident') ||
      because(c, 'health_coverage', 'asylum_after_3_months') ||
      because(c, 'health_coverage', 'asylum_minor_at_once'),
  },
  { code: 'step.health_coverage_cgss', program: 'health_coverage', applies: (c) => because(c, 'health_coverage', 'regular_resident_cgss') },
  { code: 'step.health_coverage_cssm', program: 'health_coverage', applies: (c) => because(c, 'health_coverage', 'mayotte_cssm') },
  { code: 'step.ame', program: 'health_coverage', applies: (c) => because(c, 'health_coverage', 'ame_after_3_months') },
  { code: 'step.ame_minor', program: 'health_coverage', applies: (c) => because(c, 'health_coverage', 'ame_minor_at_once') },
  {
    code: 'step.pass_clinic',
    program: 'health_coverage',
    applies: (c) =>
      (c.profile.status === 'asylum_seeker' || c.profile.status === 'no_right_to_stay') &&
      is(c, 'health_coverage', 'not_eligible', 'maybe'),
  },
  {
    code: 'step.complementary_health',
    program: 'complementary_health',
    applies: (c) => is(c, 'complementary_health', 'eligible') && needs(c, 'health', 'mental_health', 'rights'),
  },
  { code: 'step.caf', program: 'caf_benefits', applies: (c) => is(c, 'caf_benefits', 'eligible') && needs(c, 'rights', 'housing', 'employment') },
  { code: 'step.social_housing', program: 'social_housing', applies: (c) => is(c, 'social_housing', 'eligible') && needs(c, 'housing') },
  {
    code: 'step.asylum_housing',
    program: 'social_housing',
    applies: (c) => because(c, 'social_housing', 'asylum_route_ofii') && needs(c, 'housing'),
  },
  {
    code: 'step.emergency_shelter',
    program: 'social_housing',
    applies: (c) => because(c, 'social_housing', 'emergency_115') && needs(c, 'housing'),
  },
  // No address, no rights: without a stable address the CCAS or an approved association gives one (not asylum seekers: the SPADA does).
  {
    code: 'step.domiciliation',
    applies: (c) =>
      c.profile.needs.includes('housing') &&
      c.profile.status !== undefined &&
      c.profile.status !== 'asylum_seeker' &&
      c.profile.status !== 'unknown',
  },
  { code: 'step.school_enrolment', program: 'school_enrolment', applies: (c) => is(c, 'school_enrolment', 'eligible') },
  { code: 'step.oepre', program: 'oepre', applies: (c) => is(c, 'oepre', 'eligible') },
  {
    code: 'step.mission_locale',
    program: 'mission_locale',
    applies: (c) => is(c, 'mission_locale', 'eligible') && needs(c, 'employment', 'training', 'studies'),
  },
  {
    code: 'step.france_travail',
    program: 'france_travail',
    applies: (c) => is(c, 'france_travail', 'eligible') && needs(c, 'employment', 'training'),
  },
  {
    code: 'step.work_after_6_months',
    program: 'france_travail',
    applies: (c) => c.profile.status === 'asylum_seeker' && needs(c, 'employment', 'training') && !is(c, 'france_travail', 'not_eligible'),
  },
  { code: 'step.volontr', program: 'volontr', applies: (c) => is(c, 'volontr', 'eligible') && needs(c, 'social', 'employment', 'training') },
  {
    code: 'step.french_licence',
    program: 'driving_licence_exchange',
    applies: (c) => is(c, 'driving_licence_exchange', 'not_eligible') && needs(c, 'mobility') && c.profile.status !== 'asylum_seeker',
  },
  {
    code: 'step.family_reunification',
    program: 'family_reunification',
    applies: (c) => is(c, 'family_reunification', 'eligible') && needs(c, 'rights', 'social'),
  },
  { code: 'step.give_place', applies: (c) => c.location.status !== 'resolved' },
];

export const STEP_CODES = STEPS.map((s) => s.code);

export function planSteps(
  decisions: Decision[],
  profile: Profile,
  location: LocationResult,
): { order: number; code: string; program?: Program }[] {
  const byProgram = new Map(decisions.map((d) => [d.program, d]));
  const ctx: Context = {
    decision: (p) => byProgram.get(p),
    status: (p) => byProgram.get(p)?.status ?? 'maybe',
    profile,
    location,
  };
  // A minor alone: only the steps of their own programs, and where they are (PROTECTED_MINOR_PROGRAMS says why).
  const forThem = (s: StepRule) => !protectedMinor(ctx) || (s.program ? PROTECTED_MINOR_PROGRAMS.has(s.program) : s.code === 'step.give_place');
  return STEPS.filter((s) => forThem(s) && s.applies(ctx)).map((s, i) => ({
    order: i + 1,
    code: s.code,
    ...(s.program ? { program: s.program } : {}),
  }));
}
