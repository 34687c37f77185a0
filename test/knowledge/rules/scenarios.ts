import type { ProfileInput } from '../../../knowledge/contracts/profile';
import type { EligibilityStatus, OfiiTrack, Program } from '../../../knowledge/contracts/vocabulary';

/**
 * Scenario table for `orient`: a profile, the day it is asked, and what each named program must decide.
 * `source` says where the expectation comes from (seed file or the notes' official page).
 */
export interface Expectation {
  status: EligibilityStatus;
  track?: OfiiTrack;
  /** Reason codes that must be present. */
  codes?: string[];
  ask?: string[];
}
export interface Scenario {
  name: string;
  source: string;
  today?: string;
  profile: ProfileInput;
  expect: Partial<Record<Program, EligibilityStatus | Expectation>>;
  steps?: string[];
  noSteps?: string[];
}

const S002 = '002_d7fa1d1e28d3bdd7.txt';
const S003 = '003_212a6d9f86037104.txt';
const S004 = '004_eeb3defcad75d417.txt';
const DOMAIN = 'DOMAIN.md §2';
const A2 = 'domain-and-peers.md A2 (AGIR)';
const A4 = 'domain-and-peers.md A4 (ages)';
const A5 = 'domain-and-peers.md A5 (licence)';
const A3 = 'domain-and-peers.md A3 (asylum)';

const bpi = (extra: ProfileInput = {}): ProfileInput => ({ status: 'bpi', protection: 'refugee', ...extra });
const newcomer = (extra: ProfileInput = {}): ProfileInput => ({ status: 'newcomer', ...extra });

export const SCENARIOS: Scenario[] = [
  // --- CIR (002 §1.1)
  { name: 'BPI who signed the CIR', source: `${S002} §1.1`, profile: bpi({ cir: 'signed' }), expect: { cir: 'done' }, noSteps: ['step.sign_cir'] },
  { name: 'BPI who has not signed', source: `${S002} §1.1`, profile: bpi({ cir: 'not_signed' }), expect: { cir: { status: 'eligible', codes: ['cir.sign_at_ofii'] } }, steps: ['step.sign_cir'] },
  { name: 'BPI, CIR unknown → still to sign', source: `${S002} §1.1`, profile: bpi({ cir: 'unknown' }), expect: { cir: 'eligible' } },
  { name: 'newcomer who signed', source: `${S002} §1.1`, profile: newcomer({ cir: 'signed' }), expect: { cir: 'done' } },
  { name: 'newcomer who has not signed', source: `${S002} §1.1`, profile: newcomer({ cir: 'not_signed' }), expect: { cir: 'eligible' } },
  { name: 'asylum seeker cannot sign the CIR', source: 'domain-and-peers.md A1', profile: { status: 'asylum_seeker' }, expect: { cir: { status: 'not_eligible', codes: ['cir.statusIn'] } }, noSteps: ['step.sign_cir'] },
  { name: 'temporary protection is not concerned', source: DOMAIN, profile: { status: 'temporary_protection' }, expect: { cir: 'not_eligible' } },
  { name: 'other status is not concerned', source: DOMAIN, profile: { status: 'other' }, expect: { cir: 'not_eligible' } },
  { name: 'unknown status → maybe, ask status', source: DOMAIN, profile: { status: 'unknown' }, expect: { cir: { status: 'maybe', ask: ['status'] } }, steps: ['step.tell_status'] },
  { name: 'empty profile → maybe everywhere status matters', source: DOMAIN, profile: {}, expect: { cir: 'maybe', agir: 'maybe', ofii_language: 'maybe', asylum_support: 'maybe' } },

  // --- OFII language tracks (002 §3.5)
  { name: 'non-reader below A1 → 600 h classroom track', source: `${S002} §3.5`, profile: bpi({ frenchLevel: 'none', readsWrites: false }), expect: { ofii_language: { status: 'eligible', track: 'A1_alpha' } }, steps: ['step.ofii_language.A1_alpha'] },
  { name: 'reader below A1 → A1 online', source: `${S002} §3.5`, profile: bpi({ frenchLevel: 'none', readsWrites: true }), expect: { ofii_language: { status: 'eligible', track: 'A1', codes: ['ofii_language.online_since_2025'] } } },
  { name: 'below A1, literacy unknown → A1', source: `${S002} §3.5`, profile: newcomer({ frenchLevel: 'none' }), expect: { ofii_language: { status: 'eligible', track: 'A1' } } },
  { name: 'A1 → A2 track', source: `${S002} §3.5`, profile: newcomer({ frenchLevel: 'A1' }), expect: { ofii_language: { status: 'eligible', track: 'A2' } } },
  { name: 'A2 → B1 track', source: `${S002} §3.5`, profile: bpi({ frenchLevel: 'A2' }), expect: { ofii_language: { status: 'eligible', track: 'B1' } } },
  { name: 'B1 → beyond OFII', source: `${S002} §3.5`, profile: bpi({ frenchLevel: 'B1', needs: ['language'] }), expect: { ofii_language: { status: 'not_eligible', codes: ['ofii_language.beyond_ofii'] } }, steps: ['step.language_beyond_ofii'] },
  { name: 'B2 → beyond OFII', source: `${S002} §3.5`, profile: newcomer({ frenchLevel: 'B2' }), expect: { ofii_language: 'not_eligible' } },
  { name: 'level unknown → OFII positions at signature', source: `${S002} §3.5`, profile: bpi({ frenchLevel: 'unknown' }), expect: { ofii_language: { status: 'maybe', codes: ['ofii_language.level_set_at_signature'] } }, steps: ['step.ofii_language.positioning'] },
  { name: 'asylum seeker → no OFII CIR course', source: 'domain-and-peers.md A3', profile: { status: 'asylum_seeker', frenchLevel: 'none' }, expect: { ofii_language: { status: 'not_eligible', codes: ['ofii_language.statusIn'] } } },
  { name: 'temporary protection → no OFII CIR course', source: DOMAIN, profile: { status: 'temporary_protection', frenchLevel: 'A1' }, expect: { ofii_language: 'not_eligible' } },

  // --- Residence-card language rule (law of 26 Jan 2024, since 1 Jan 2026)
  { name: 'newcomer below A2 → A2 needed for the multi-year card', source: 'domain-and-peers.md A1 (law 2024-42)', profile: newcomer({ frenchLevel: 'A1' }), expect: {}, steps: ['step.residence_card_a2'] },
  { name: 'newcomer with no French → A2 rule', source: 'domain-and-peers.md A1 (law 2024-42)', profile: newcomer({ frenchLevel: 'none' }), expect: {}, steps: ['step.residence_card_a2'] },
  { name: 'newcomer at A2 → B1 for the 10-year card', source: 'domain-and-peers.md A1 (law 2024-42)', profile: newcomer({ frenchLevel: 'A2' }), expect: {}, steps: ['step.resident_card_b1'], noSteps: ['step.residence_card_a2'] },
  { name: 'BPI below A2 → no residence-card language step (exempt)', source: 'domain-and-peers.md A1 (BPI exempt)', profile: bpi({ frenchLevel: 'none' }), expect: {}, noSteps: ['step.residence_card_a2'] },

  // --- AGIR: current or previous calendar year (002 §3.4, A2)
  { name: 'BPI protected this year', source: A2, profile: bpi({ statusSince: '2026-03' }), expect: { agir: { status: 'eligible', codes: ['agir.recent_bpi', 'agir.confirm_with_ofii', 'agir.criteria_tightened_2024'] } }, steps: ['step.agir'] },
  { name: 'BPI protected in January of the previous year', source: A2, profile: bpi({ statusSince: '2025-01' }), expect: { agir: 'eligible' } },
  { name: 'BPI protected in December two years ago → out', source: A2, profile: bpi({ statusSince: '2024-12' }), expect: { agir: { status: 'not_eligible', codes: ['agir.sinceStatus'] } } },
  { name: 'AGIR on 2 January: December of last year still counts', source: A2, today: '2027-01-02', profile: bpi({ statusSince: '2026-12' }), expect: { agir: 'eligible' } },
  { name: 'AGIR on 2 January: two calendar years back is out', source: A2, today: '2027-01-02', profile: bpi({ statusSince: '2025-12' }), expect: { agir: 'not_eligible' } },
  { name: 'AGIR without date → maybe, ask statusSince', source: A2, profile: bpi(), expect: { agir: { status: 'maybe', ask: ['statusSince'] } } },
  { name: 'AGIR in Corse-du-Sud → maybe', source: A2, profile: bpi({ statusSince: '2026-01', location: { department: '2A' } }), expect: { agir: { status: 'maybe', codes: ['agir.departmentNotIn'] } } },
  { name: 'AGIR in Haute-Corse → maybe', source: A2, profile: bpi({ statusSince: '2026-01', location: { department: '2B' } }), expect: { agir: 'maybe' } },
  { name: 'AGIR in La Réunion → maybe', source: A2, profile: bpi({ statusSince: '2026-01', location: { postcode: '97400' } }), expect: { agir: 'maybe' } },
  { name: 'AGIR in Guyane → maybe', source: A2, profile: bpi({ statusSince: '2026-01', location: { department: '973' } }), expect: { agir: 'maybe' } },
  { name: 'AGIR in Limoges → eligible', source: A2, profile: bpi({ statusSince: '2026-01', location: { postcode: '87000' } }), expect: { agir: 'eligible' } },
  { name: 'AGIR not for newcomers', source: A2, profile: newcomer({ statusSince: '2026-01' }), expect: { agir: { status: 'not_eligible', codes: ['agir.statusIn'] } } },
  { name: 'AGIR not for temporary protection', source: A2, profile: { status: 'temporary_protection', statusSince: '2026-01' }, expect: { agir: 'not_eligible' } },
  { name: 'AGIR not for asylum seekers', source: A2, profile: { status: 'asylum_seeker', statusSince: '2026-01' }, expect: { agir: 'not_eligible' } },

  // --- Integration actions: first five years (002 §1.1)
  { name: '59 months → within five years', source: `${S002} §1.1`, profile: bpi({ statusSince: '2021-12' }), expect: { integration_actions: 'eligible' } },
  { name: '60 months → the limit month, maybe (exact day decides)', source: `${S002} §1.1`, profile: newcomer({ statusSince: '2021-11' }), expect: { integration_actions: { status: 'maybe', codes: ['ask.status_date_exact'] } } },
  { name: '61 months → past five years', source: `${S002} §1.1`, profile: newcomer({ statusSince: '2021-10' }), expect: { integration_actions: { status: 'not_eligible', codes: ['integration_actions.sinceStatus'] } } },
  { name: 'integration actions not for asylum seekers', source: `${S002} §1.1`, profile: { status: 'asylum_seeker', statusSince: '2026-01' }, expect: { integration_actions: 'not_eligible' } },
  { name: 'a date in the future is not believed → maybe', source: DOMAIN, profile: bpi({ statusSince: '2027-05' }), expect: { integration_actions: { status: 'maybe', ask: ['statusSince'] } } },

  // --- OEPRE (004, 002 §3.3)
  { name: 'newcomer parent of a pupil → OEPRE', source: S004, profile: newcomer({ statusSince: '2025-06', children: { schoolAge: true } }), expect: { oepre: { status: 'eligible', codes: ['oepre.ask_school_or_casnav'] }, school_enrolment: 'eligible' }, steps: ['step.oepre', 'step.school_enrolment'] },
  { name: 'BPI parent, no date → OEPRE maybe', source: S004, profile: bpi({ children: { schoolAge: true } }), expect: { oepre: { status: 'maybe', ask: ['statusSince'] } } },
  { name: 'no school-age child → no OEPRE', source: S004, profile: bpi({ statusSince: '2025-06', children: { schoolAge: false, under3: true } }), expect: { oepre: 'not_eligible', school_enrolment: 'not_eligible' } },
  { name: 'children not asked yet → ask', source: S004, profile: bpi({ statusSince: '2025-06' }), expect: { oepre: { status: 'maybe', ask: ['children.schoolAge'] }, school_enrolment: { status: 'maybe', ask: ['children.schoolAge'] } } },
  { name: 'asylum-seeking parent → school yes, OEPRE no', source: `${S003} §L'accès à la scolarisation`, profile: { status: 'asylum_seeker', children: { schoolAge: true } }, expect: { school_enrolment: 'eligible', oepre: 'not_eligible' } },
  { name: 'parent after six years → school yes, OEPRE no', source: S004, profile: newcomer({ statusSince: '2020-01', children: { schoolAge: true } }), expect: { school_enrolment: 'eligible', oepre: 'not_eligible' } },

  // --- Mission locale: 16–25, under 30 with disability (A4)
  { name: 'age 15 → too young for mission locale', source: A4, profile: bpi({ age: 15 }), expect: { mission_locale: { status: 'not_eligible', codes: ['mission_locale.ageBetween'] }, volontr: 'not_eligible' } },
  { name: 'age 16 → mission locale', source: A4, profile: bpi({ age: 16, needs: ['employment'] }), expect: { mission_locale: 'eligible', volontr: 'eligible' }, steps: ['step.mission_locale'] },
  { name: 'age 25 → mission locale', source: A4, profile: { status: 'temporary_protection', age: 25 }, expect: { mission_locale: 'eligible', volontr: 'not_eligible' } },
  { name: 'age 26, no disability → out', source: A4, profile: newcomer({ age: 26, disability: false }), expect: { mission_locale: 'not_eligible', volontr: 'not_eligible' } },
  { name: 'age 26, disability → in', source: A4, profile: newcomer({ age: 26, disability: true }), expect: { mission_locale: 'eligible', volontr: 'eligible' } },
  { name: 'age 26, disability unknown → ask', source: A4, profile: newcomer({ age: 26 }), expect: { mission_locale: { status: 'maybe', ask: ['disability'] } } },
  { name: 'age 29, disability → mission locale in', source: A4, profile: bpi({ age: 29, disability: true }), expect: { mission_locale: 'eligible', volontr: 'eligible' } },
  { name: 'age 29, no disability → out', source: A4, profile: bpi({ age: 29, disability: false }), expect: { mission_locale: 'not_eligible' } },
  { name: 'age 30, disability → Volont\'R only', source: A4, profile: bpi({ age: 30, disability: true }), expect: { mission_locale: 'not_eligible', volontr: 'eligible' } },
  { name: 'age 31, disability → both out', source: A4, profile: bpi({ age: 31, disability: true }), expect: { mission_locale: 'not_eligible', volontr: 'not_eligible' } },
  { name: 'age unknown → ask age', source: A4, profile: bpi(), expect: { mission_locale: { status: 'maybe', ask: ['age'] } } },
  { name: 'young asylum seeker → no mission locale', source: A4, profile: { status: 'asylum_seeker', age: 20 }, expect: { mission_locale: 'not_eligible', volontr: 'not_eligible' } },

  // --- France Travail (A3)
  { name: 'BPI → France Travail', source: A3, profile: bpi({ needs: ['employment'] }), expect: { france_travail: 'eligible' }, steps: ['step.france_travail'] },
  { name: 'temporary protection → France Travail', source: A3, profile: { status: 'temporary_protection' }, expect: { france_travail: 'eligible' } },
  { name: 'asylum seeker → work only after 6 months with authorisation', source: A3, profile: { status: 'asylum_seeker', needs: ['employment'] }, expect: { france_travail: { status: 'maybe', codes: ['france_travail.work_authorisation_after_6_months'] } }, steps: ['step.work_after_6_months'] },
  { name: 'other status → not France Travail by this rule', source: A3, profile: { status: 'other' }, expect: { france_travail: 'not_eligible' } },

  // --- Driving licence exchange: one year (A5)
  { name: 'licence, protected 11 months ago → exchange', source: A5, profile: bpi({ foreignLicence: true, statusSince: '2025-12' }), expect: { driving_licence_exchange: { status: 'eligible', codes: ['driving_licence_exchange.agreement_country'] } }, steps: ['step.licence_exchange'] },
  { name: 'licence, 12 months → the limit month, maybe', source: A5, profile: bpi({ foreignLicence: true, statusSince: '2025-11' }), expect: { driving_licence_exchange: { status: 'maybe', codes: ['ask.status_date_exact'] } } },
  { name: 'licence, 13 months → too late', source: A5, profile: newcomer({ foreignLicence: true, statusSince: '2025-10', needs: ['mobility'] }), expect: { driving_licence_exchange: { status: 'not_eligible', codes: ['driving_licence_exchange.take_french_licence', 'driving_licence_exchange.sinceStatus'] } }, steps: ['step.french_licence'] },
  { name: 'no foreign licence → French licence', source: `${S003} §La mobilité`, profile: bpi({ foreignLicence: false, statusSince: '2026-05', needs: ['mobility'] }), expect: { driving_licence_exchange: 'not_eligible' }, steps: ['step.french_licence'] },
  { name: 'licence not asked → maybe', source: A5, profile: bpi({ statusSince: '2026-05' }), expect: { driving_licence_exchange: { status: 'maybe', ask: ['foreignLicence'] } } },
  { name: 'asylum seeker → no exchange', source: A5, profile: { status: 'asylum_seeker', foreignLicence: true }, expect: { driving_licence_exchange: 'not_eligible' } },

  // --- Asylum support (A3)
  { name: 'asylum seeker → SPADA first', source: A3, profile: { status: 'asylum_seeker' }, expect: { asylum_support: 'eligible' }, steps: ['step.spada'] },
  { name: 'BPI → no SPADA', source: A3, profile: bpi(), expect: { asylum_support: 'not_eligible' }, noSteps: ['step.spada'] },

  // --- Health coverage (A3)
  { name: 'BPI → PUMa', source: A3, profile: bpi(), expect: { health_coverage: 'eligible' }, steps: ['step.health_coverage'] },
  { name: 'asylum seeker for 5 months → PUMa', source: A3, profile: { status: 'asylum_seeker', statusSince: '2026-06' }, expect: { health_coverage: 'eligible' } },
  { name: 'asylum seeker for 2 months → PASS', source: A3, profile: { status: 'asylum_seeker', statusSince: '2026-09' }, expect: { health_coverage: { status: 'not_eligible', codes: ['health_coverage.pass_until_3_months'] } }, steps: ['step.pass_clinic'] },
  { name: 'asylum seeker, 3 months → limit month, maybe', source: A3, profile: { status: 'asylum_seeker', statusSince: '2026-08' }, expect: { health_coverage: 'maybe' } },
  { name: 'asylum seeker, no date → maybe, not no', source: A3, profile: { status: 'asylum_seeker' }, expect: { health_coverage: { status: 'maybe', ask: ['statusSince'] } } },
  { name: 'other status → check regular residence', source: A3, profile: { status: 'other' }, expect: { health_coverage: { status: 'maybe', codes: ['health_coverage.check_regular_residence'] } } },
];
