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
const AMELI_ASYLUM = 'https://www.ameli.fr/assure/droits-demarches/europe-international/protection-sociale-france/demandeur-d-asile (2026-11-27)';
const SOCIAL_HOUSING = 'https://www.service-public.fr/particuliers/vosdroits/F869; DNA (OFII), 115 (2026-11-27)';
const AME = 'https://www.service-public.fr/particuliers/vosdroits/F3079 (2026-11-27)';
const CIR_L413 = 'CESEDA L413-2, L413-4, R413-4 (legifrance, 2026-11-27)';
const MAYOTTE = 'https://welcometofrance.com/fiche/le-regime-de-securite-sociale-a-mayotte (2026-11-27)';
const CGSS = 'http://www.cgss.gf/assures/les-prestations-assurance-maladie/vos-droits-a-la-securite-sociale/ (2026-11-27)';
const AGIR_FR = 'https://forumrefugies.org/nos-actions/en-france/refugies/programmes-d-integration (2026-11-27)';
const FT_OTHER = 'DOMAIN.md §2 france_travail; https://www.service-public.fr/particuliers/vosdroits/F12136 (2026-11-27)';
const LICENCE_ART11 = 'arrêté du 12 janvier 2012 art. 11, version since 18 May 2022, https://www.legifrance.gouv.fr/loda/article_lc/LEGIARTI000045807221; reciprocity for BPI since the arrêté of 9 April 2019 (2026-11-27)';
const ASYLUM_IDF = 'https://gisti.org/spip.php?article6271 (OFII 01 42 500 900 for 75, 77, 78, 91–95) (2026-11-27)';
const FRANCE_ASILE = 'Forum réfugiés, "premiers retours sur le dispositif pilote France asile": Cergy replaced the GUDA on 19 May 2025 (2026-11-27)';
const OFII_2025 = 'https://questions.assemblee-nationale.fr/q17/17-7550QE.htm: 100/200/400 h tracks removed, 600 h kept for non-readers (2026-11-27)';
const CAF_RSA = 'https://www.service-public.fr/particuliers/vosdroits/F15553 (CASF L262-4: no 5-year condition for refugees, stateless, subsidiary protection) (2026-11-27)';
const CARD_REFUGEE = 'CESEDA L424-1, L424-3 (https://www.legifrance.gouv.fr/codes/id/LEGIARTI000042776581/2021-05-01/), R424-1 (3 months); L413-7 as of 2026 does not list them (2026-11-27)';
const CARD_SUBSIDIARY = 'CESEDA L424-9 "carte pluriannuelle … d\'une durée maximale de quatre ans", from the first admission (https://legal.tricoteuses.fr/articles/JORFARTI000042755718) (2026-11-27)';
const CARD_STATELESS = 'CESEDA L424-18, L424-19 (https://circulaires.legifrance.gouv.fr/codes/article_lc/LEGIARTI000042776540); refugies.info fiche 5eb91481c2622f004e5fa686 (2026-11-27)';
const OFPRA_CIVIL = 'https://ofpra.gouv.fr./faq/i-am-protected-ofpra (since 2 Jan 2025 a form attached to the decision, answers by post) (2026-11-27)';
const C2S = 'https://www.ameli.fr/assure/droits-demarches/difficultes-acces-droits-soins/complementaire-sante/complementaire-sante-beneficiaires; asylum seekers after 3 months, children at once (gisti.org article5156) (2026-11-27)';
const C2S_MAYOTTE = 'https://complementaire-sante-solidaire.gouv.fr/node/185 (C2S at the CSSM since 1 Jan 2024) (2026-11-27)';
const DOMICILIATION = 'CASF L264-1, L264-2 (CCAS/CIAS or approved body; asylum seekers through the SPADA); https://guide.comede.org/10-4-domiciliation (secondary) (2026-11-27)';
const REUNIFICATION = 'https://ofpra.gouv.fr/reunification-familiale (no condition of stay, income or housing; visa at the embassy; union after the claim → OFII regroupement familial) (2026-11-27)';
const VOLONTR_STAY = 'https://www.service-civique.gouv.fr/accueillir-un-volontaire/etape03-trouver-des-volontaires/accueillir-un-volontaire-de-nationalite-etrangere (2026-11-27)';
const ASE = 'CASF L221-2-4, R221-11 (accueil provisoire d\'urgence, evaluation of minority and isolation); https://justice.gouv.fr/justice-france/justice-mineurs/mineurs-non-accompagnes-mise-labri-evaluation-orientation; Code civil art. 375 (2026-11-27)';
const AD_HOC = 'CESEDA L521-9, L521-12, https://www.legifrance.gouv.fr/codes/section_lc/LEGITEXT000006070158/LEGISCTA000042772216/ (2026-11-27)';
const TRAINING_18 = 'Code de l\'éducation L114-1 (loi 2019-791 art. 15); https://www.education.gouv.fr/l-obligation-de-formation-306954; CIO with the CASNAV: circulaire 2012-141, casnav.ac-lille.fr (2026-11-27)';
const SCHOOL_16 = 'Code de l\'éducation L131-1 (3 to 16); Onisep, "L\'accueil des élèves nouveaux arrivants en France" (CASNAV assessment, UPE2A) (2026-11-27)';
const MINOR_HEALTH = 'https://www.gisti.org/spip.php?article5156 (asylum seekers under 18 insured at once); AME without the 3 months for minors: CE 7 June 2006 n° 285576, https://www.cgss-guyane.fr/assures/mes-demarches/ame/ (2026-11-27)';
const NO_WORK_16 = 'Code du travail L4153-1: no employment under 16, apprenticeship from 15 (2026-11-27)';

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
  { name: 'A1 → online platform towards A2, no hour package', source: OFII_2025, profile: newcomer({ frenchLevel: 'A1' }), expect: { ofii_language: { status: 'eligible', track: 'A2', codes: ['ofii_language.track_a2', 'ofii_language.online_since_2025'] } }, steps: ['step.ofii_language.A2'] },
  { name: 'A2 → beyond OFII: no 100 h B1 package since July 2025', source: OFII_2025, profile: bpi({ frenchLevel: 'A2' }), expect: { ofii_language: { status: 'not_eligible', codes: ['ofii_language.beyond_ofii'] } }, steps: ['step.language_beyond_ofii'] },
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
  { name: 'BPI protected this year, CIR signed', source: A2, profile: bpi({ statusSince: '2026-03', cir: 'signed' }), expect: { agir: { status: 'eligible', codes: ['agir.recent_bpi', 'agir.confirm_with_ofii', 'agir.criteria_tightened_2024'] } }, steps: ['step.agir'] },
  { name: 'BPI protected in January of the previous year', source: A2, profile: bpi({ statusSince: '2025-01', cir: 'signed' }), expect: { agir: 'eligible' } },
  { name: 'BPI protected in December two years ago → out', source: A2, profile: bpi({ statusSince: '2024-12' }), expect: { agir: { status: 'not_eligible', codes: ['agir.sinceStatus'] } } },
  { name: 'AGIR on 2 January: December of last year still counts', source: A2, today: '2027-01-02', profile: bpi({ statusSince: '2026-12', cir: 'signed' }), expect: { agir: 'eligible' } },
  { name: 'AGIR on 2 January: two calendar years back is out', source: A2, today: '2027-01-02', profile: bpi({ statusSince: '2025-12' }), expect: { agir: 'not_eligible' } },
  { name: 'AGIR without date → maybe, ask statusSince', source: A2, profile: bpi(), expect: { agir: { status: 'maybe', ask: ['statusSince'] } } },
  { name: 'AGIR in Corse-du-Sud → maybe', source: A2, profile: bpi({ statusSince: '2026-01', location: { department: '2A' } }), expect: { agir: { status: 'maybe', codes: ['agir.departmentNotIn'] } } },
  { name: 'AGIR in Haute-Corse → maybe', source: A2, profile: bpi({ statusSince: '2026-01', location: { department: '2B' } }), expect: { agir: 'maybe' } },
  { name: 'AGIR in La Réunion → maybe', source: A2, profile: bpi({ statusSince: '2026-01', location: { postcode: '97400' } }), expect: { agir: 'maybe' } },
  { name: 'AGIR in Guyane → maybe', source: A2, profile: bpi({ statusSince: '2026-01', location: { department: '973' } }), expect: { agir: 'maybe' } },
  { name: 'AGIR in Limoges → eligible', source: A2, profile: bpi({ statusSince: '2026-01', cir: 'signed', location: { postcode: '87000' } }), expect: { agir: 'eligible' } },
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
  { name: 'age 26, disability → in', source: A4, profile: newcomer({ age: 26, disability: true, statusSince: '2025-06' }), expect: { mission_locale: 'eligible', volontr: 'eligible' } },
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
  { name: 'other status (EU citizen, resident, student) → France Travail', source: FT_OTHER, profile: { status: 'other', needs: ['employment'] }, expect: { france_travail: { status: 'eligible', codes: ['france_travail.other_if_work_allowed'] } }, steps: ['step.france_travail'] },
  { name: 'no right to stay → no France Travail registration', source: FT_OTHER, profile: { status: 'no_right_to_stay' }, expect: { france_travail: 'not_eligible' } },

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
  { name: 'asylum seeker in France for 2 months → urgent care and PASS', source: AMELI_ASYLUM, profile: { status: 'asylum_seeker', statusSince: '2026-10', inFranceSince: '2026-09' }, expect: { health_coverage: { status: 'not_eligible', codes: ['health_coverage.urgent_care_first_3_months'] } }, steps: ['step.pass_clinic'], noSteps: ['step.health_coverage'] },
  { name: 'asylum seeker, 3 months → limit month, maybe', source: A3, profile: { status: 'asylum_seeker', statusSince: '2026-08' }, expect: { health_coverage: 'maybe' } },
  { name: 'asylum seeker, no date → maybe, ask the arrival', source: AMELI_ASYLUM, profile: { status: 'asylum_seeker' }, expect: { health_coverage: { status: 'maybe', ask: ['inFranceSince'] } } },
  { name: 'other status → check regular residence', source: A3, profile: { status: 'other' }, expect: { health_coverage: { status: 'maybe', codes: ['health_coverage.check_regular_residence'] } } },
  // --- Issue 9, point 1: an asylum certificate does not open social housing; OFII's DNA or the 115 does
  { name: 'asylum seeker needing housing → not social housing, OFII route', source: SOCIAL_HOUSING, profile: { status: 'asylum_seeker', needs: ['housing'] }, expect: { social_housing: { status: 'not_eligible', codes: ['social_housing.asylum_route_ofii'] } }, steps: ['step.asylum_housing'], noSteps: ['step.social_housing'] },
  { name: 'BPI needing housing → social housing application', source: SOCIAL_HOUSING, profile: bpi({ needs: ['housing'] }), expect: { social_housing: { status: 'eligible', codes: ['social_housing.regular_stay'] } }, steps: ['step.social_housing'] },
  { name: 'no right to stay needing housing → 115', source: SOCIAL_HOUSING, profile: { status: 'no_right_to_stay', needs: ['housing'] }, expect: { social_housing: { status: 'not_eligible', codes: ['social_housing.emergency_115'] } }, steps: ['step.emergency_shelter'] },
  { name: 'temporary protection → social housing depends on the document', source: SOCIAL_HOUSING, profile: { status: 'temporary_protection' }, expect: { social_housing: { status: 'maybe', codes: ['social_housing.check_document'] } } },

  // --- Point 2: `other` (EU citizen, resident, student) keeps the mission locale
  { name: 'other status, 20 → mission locale', source: DOMAIN, profile: { status: 'other', age: 20, needs: ['employment'] }, expect: { mission_locale: 'eligible' }, steps: ['step.mission_locale'] },
  { name: 'no right to stay, 20 → no mission locale', source: DOMAIN, profile: { status: 'no_right_to_stay', age: 20 }, expect: { mission_locale: 'not_eligible' } },

  // --- Point 7: asylum seekers' 3 months count from arrival in France, not from the claim
  { name: 'claim last month, arrived 5 months ago → PUMa now', source: AMELI_ASYLUM, profile: { status: 'asylum_seeker', statusSince: '2026-10', inFranceSince: '2026-06' }, expect: { health_coverage: { status: 'eligible', codes: ['health_coverage.asylum_after_3_months'] } }, steps: ['step.health_coverage'], noSteps: ['step.pass_clinic'] },
  { name: 'claim last month, arrival not said → maybe, ask the arrival', source: AMELI_ASYLUM, profile: { status: 'asylum_seeker', statusSince: '2026-10' }, expect: { health_coverage: { status: 'maybe', ask: ['inFranceSince'] } }, steps: ['step.pass_clinic'] },
  { name: 'claim 5 months ago → PUMa (arrival is earlier still)', source: AMELI_ASYLUM, profile: { status: 'asylum_seeker', statusSince: '2026-06' }, expect: { health_coverage: 'eligible' } },
  { name: 'arrived 3 months ago → the limit month, maybe', source: AMELI_ASYLUM, profile: { status: 'asylum_seeker', inFranceSince: '2026-08' }, expect: { health_coverage: { status: 'maybe', codes: ['ask.status_date_exact'] } } },
  { name: 'no right to stay, 4 months in France → AME', source: AME, profile: { status: 'no_right_to_stay', inFranceSince: '2026-07' }, expect: { health_coverage: { status: 'eligible', codes: ['health_coverage.ame_after_3_months', 'health_coverage.ame_resources'] } }, steps: ['step.ame'], noSteps: ['step.health_coverage'] },
  { name: 'no right to stay, 1 month in France → urgent care', source: AME, profile: { status: 'no_right_to_stay', inFranceSince: '2026-10' }, expect: { health_coverage: { status: 'not_eligible', codes: ['health_coverage.urgent_care_first_3_months'] } }, steps: ['step.pass_clinic'] },

  // --- Point 6: the CIR is signed at the first admission; later, on request
  { name: 'refugee protected in 2017, CIR not signed → may ask, not "must sign"', source: CIR_L413, profile: bpi({ statusSince: '2017-05', cir: 'not_signed' }), expect: { cir: { status: 'maybe', codes: ['cir.sign_later_on_request'] } }, steps: ['step.cir_ask_ofii'], noSteps: ['step.sign_cir'] },
  { name: 'refugee protected 8 months ago, CIR not signed → sign at OFII', source: CIR_L413, profile: bpi({ statusSince: '2026-03', cir: 'not_signed' }), expect: { cir: { status: 'eligible', codes: ['cir.sign_at_ofii'] } }, steps: ['step.sign_cir'] },
  { name: 'refugee protected in 2017, CIR unknown → maybe, no "must sign"', source: CIR_L413, profile: bpi({ statusSince: '2017-05' }), expect: { cir: 'maybe' }, noSteps: ['step.sign_cir', 'step.cir_ask_ofii'] },
  { name: 'family member of a BPI, just arrived → signs the CIR', source: CIR_L413, profile: { status: 'bpi_family', statusSince: '2026-09', cir: 'not_signed' }, expect: { cir: 'eligible' } },

  // --- Point 3: overseas health insurers
  { name: 'BPI in Mayotte → CSSM, not PUMa', source: MAYOTTE, profile: bpi({ location: { department: '976' } }), expect: { health_coverage: { status: 'eligible', codes: ['health_coverage.mayotte_cssm'] } }, steps: ['step.health_coverage_cssm'], noSteps: ['step.health_coverage'] },
  { name: 'newcomer in La Réunion → CGSS, not CPAM', source: CGSS, profile: newcomer({ location: { postcode: '97400' } }), expect: { health_coverage: { status: 'eligible', codes: ['health_coverage.regular_resident_cgss'] } }, steps: ['step.health_coverage_cgss'], noSteps: ['step.health_coverage'] },
  { name: 'asylum seeker in Mayotte → no PUMa, no AME', source: MAYOTTE, profile: { status: 'asylum_seeker', statusSince: '2026-01', location: { department: '976' } }, expect: { health_coverage: { status: 'maybe', codes: ['health_coverage.mayotte_no_puma_no_ame'] } }, noSteps: ['step.health_coverage', 'step.ame'] },
  { name: 'no right to stay in Mayotte → no AME', source: MAYOTTE, profile: { status: 'no_right_to_stay', inFranceSince: '2025-01', location: { department: '976' } }, expect: { health_coverage: { status: 'maybe', codes: ['health_coverage.mayotte_no_puma_no_ame'] } }, noSteps: ['step.ame'] },
  { name: 'BPI in Limoges → CPAM', source: A3, profile: bpi({ location: { postcode: '87000' } }), expect: { health_coverage: { status: 'eligible', codes: ['health_coverage.regular_resident'] } }, steps: ['step.health_coverage'] },

  // --- Point 13: AGIR is offered at the CIR signature; family members of a BPI are in
  { name: 'recent BPI who changed "CIR signed" to "no" → AGIR maybe, at the signature', source: AGIR_FR, profile: bpi({ statusSince: '2026-03', cir: 'not_signed' }), expect: { agir: { status: 'maybe', codes: ['agir.at_cir_signature'] } } },
  { name: 'recent BPI, CIR not asked → AGIR maybe, ask the CIR', source: AGIR_FR, profile: bpi({ statusSince: '2026-03' }), expect: { agir: { status: 'maybe', ask: ['cir'] } } },
  { name: 'spouse joining a BPI, CIR signed → AGIR', source: AGIR_FR, profile: { status: 'bpi_family', statusSince: '2026-05', cir: 'signed' }, expect: { agir: 'eligible' } },

  // --- Point 14: reciprocity applies to BPI since 2019; art. 11 keeps the year from the receipt and waives validity
  { name: 'refugee with a licence, protected 5 months ago → exchange; agreement country needed, expired licence accepted', source: LICENCE_ART11, profile: bpi({ foreignLicence: true, statusSince: '2026-06' }), expect: { driving_licence_exchange: { status: 'eligible', codes: ['driving_licence_exchange.within_one_year_of_protection', 'driving_licence_exchange.bpi_validity_not_required', 'driving_licence_exchange.agreement_country'] } }, steps: ['step.licence_exchange'] },
  { name: 'spouse joining a refugee, permit 4 months ago → exchange within the year of the permit', source: LICENCE_ART11, profile: { status: 'bpi_family', foreignLicence: true, statusSince: '2026-07' }, expect: { driving_licence_exchange: { status: 'eligible', codes: ['driving_licence_exchange.within_one_year', 'driving_licence_exchange.agreement_country'] } } },

  // --- Point 8: the asylum door depends on the place and on the registration
  { name: 'asylum seeker in Paris, claim not registered → OFII phone platform first', source: ASYLUM_IDF, profile: { status: 'asylum_seeker', location: { postcode: '75019' } }, expect: { asylum_support: { status: 'eligible', codes: ['asylum_support.idf_ofii_phone_first'] } }, steps: ['step.asylum_ofii_phone'], noSteps: ['step.spada'] },
  { name: 'asylum seeker in the Val-d\'Oise → OFII phone, then Espace France Asile instead of the GUDA', source: FRANCE_ASILE, profile: { status: 'asylum_seeker', location: { department: '95' } }, expect: { asylum_support: { status: 'eligible', codes: ['asylum_support.idf_ofii_phone_first', 'asylum_support.france_asile_val_d_oise'] } }, steps: ['step.asylum_ofii_phone'] },
  { name: 'asylum seeker in Limoges, not registered → SPADA first', source: A3, profile: { status: 'asylum_seeker', location: { postcode: '87000' } }, expect: { asylum_support: { status: 'eligible', codes: ['asylum_support.spada_first'] } }, steps: ['step.spada'], noSteps: ['step.asylum_ofii_phone'] },
  { name: 'asylum claim registered two months ago → follow the claim, not "go first to the SPADA"', source: A3, profile: { status: 'asylum_seeker', statusSince: '2026-09', location: { commune: 'Aurillac' } }, expect: { asylum_support: { status: 'eligible', codes: ['asylum_support.registered_follow_claim'] } }, steps: ['step.asylum_follow_claim'], noSteps: ['step.spada', 'step.asylum_ofii_phone'] },
  { name: 'asylum claim registered in Paris → no phone platform any more', source: ASYLUM_IDF, profile: { status: 'asylum_seeker', statusSince: '2026-05', location: { postcode: '75019' } }, expect: { asylum_support: { status: 'eligible', codes: ['asylum_support.registered_follow_claim'] } }, noSteps: ['step.asylum_ofii_phone', 'step.spada'] },

  // --- Point 9: Volont'R needs more than one year of regular stay from a non-BPI
  { name: 'newcomer of 20 with a permit for 8 months → not yet Volont\'R', source: VOLONTR_STAY, profile: newcomer({ age: 20, statusSince: '2026-03' }), expect: { volontr: { status: 'not_eligible', codes: ['volontr.one_year_of_stay'] } }, noSteps: ['step.volontr'] },
  { name: 'newcomer of 20 with a permit for 20 months → Volont\'R', source: VOLONTR_STAY, profile: newcomer({ age: 20, statusSince: '2025-03', needs: ['social'] }), expect: { volontr: 'eligible' }, steps: ['step.volontr'] },
  { name: 'newcomer whose permit is 12 months old → the limit month, maybe', source: VOLONTR_STAY, profile: newcomer({ age: 20, statusSince: '2025-11' }), expect: { volontr: { status: 'maybe', codes: ['ask.status_date_exact'] } } },
  { name: 'refugee of 20 protected 2 months ago → Volont\'R without waiting', source: VOLONTR_STAY, profile: bpi({ age: 20, statusSince: '2026-09' }), expect: { volontr: 'eligible' } },
  { name: 'newcomer of 20, permit date unknown → ask it', source: VOLONTR_STAY, profile: newcomer({ age: 20 }), expect: { volontr: { status: 'maybe', ask: ['statusSince'] } } },

  // --- Missing rights: the CAF (RSA for BPI with no 5-year condition, housing and family benefits)
  { name: 'refugee protected 3 months ago → CAF now, RSA without the 5-year wait', source: CAF_RSA, profile: bpi({ statusSince: '2026-08', needs: ['housing'] }), expect: { caf_benefits: { status: 'eligible', codes: ['caf_benefits.bpi_no_five_year_wait', 'caf_benefits.resources_and_age'] } }, steps: ['step.caf'] },
  { name: 'newcomer → CAF housing and family benefits; the RSA depends on the permit', source: CAF_RSA, profile: newcomer({ statusSince: '2026-01' }), expect: { caf_benefits: { status: 'eligible', codes: ['caf_benefits.housing_and_family', 'caf_benefits.rsa_depends_on_permit'] } }, steps: ['step.caf'] },
  { name: 'asylum seeker → no CAF, the ADA comes from OFII', source: CAF_RSA, profile: { status: 'asylum_seeker', needs: ['rights'] }, expect: { caf_benefits: { status: 'not_eligible', codes: ['caf_benefits.asylum_ada_ofii'] } }, noSteps: ['step.caf'] },
  { name: 'temporary protection → ask the CAF what the document opens', source: CAF_RSA, profile: { status: 'temporary_protection' }, expect: { caf_benefits: { status: 'maybe', codes: ['caf_benefits.check_document'] } } },

  // --- Missing rights (issue 9): the préfecture step after protection, with OFPRA's civil-status papers
  { name: 'refugee protected 2 months ago → 10-year resident card, no French level, OFPRA papers', source: CARD_REFUGEE, profile: bpi({ statusSince: '2026-09' }), expect: { residence_permit: { status: 'eligible', codes: ['residence_permit.refugee_resident_card', 'residence_permit.no_language_condition', 'residence_permit.travel_document'] } }, steps: ['step.residence_permit', 'step.ofpra_civil_status'] },
  { name: 'subsidiary protection 5 months ago → 4-year multi-year card', source: CARD_SUBSIDIARY, profile: { status: 'bpi', protection: 'subsidiary', statusSince: '2026-06' }, expect: { residence_permit: { status: 'eligible', codes: ['residence_permit.subsidiary_multi_year_card'] } }, steps: ['step.residence_permit', 'step.ofpra_civil_status'] },
  { name: 'stateless person recognised last month → 4-year card at the préfecture', source: CARD_STATELESS, profile: { status: 'bpi', protection: 'stateless', statusSince: '2026-10' }, expect: { residence_permit: { status: 'eligible', codes: ['residence_permit.stateless_multi_year_card'] } }, steps: ['step.residence_permit'] },
  { name: 'protected person, protection not said (the conversation) → both cards named, step kept', source: CARD_REFUGEE, profile: { status: 'bpi', statusSince: '2026-07' }, expect: { residence_permit: { status: 'eligible', codes: ['residence_permit.card_by_protection'] } }, steps: ['step.residence_permit', 'step.ofpra_civil_status'] },
  { name: 'refugee protected in 2019 → card already due: renew it, no first-card step', source: CARD_REFUGEE, profile: bpi({ statusSince: '2019-04' }), expect: { residence_permit: { status: 'maybe', codes: ['residence_permit.renew_before_end'] } }, noSteps: ['step.residence_permit', 'step.ofpra_civil_status'] },
  { name: 'newcomer → no protection card, no OFPRA papers', source: OFPRA_CIVIL, profile: newcomer({ statusSince: '2026-05' }), expect: { residence_permit: { status: 'not_eligible', codes: ['residence_permit.statusIn'] } }, noSteps: ['step.residence_permit', 'step.ofpra_civil_status'] },
  // A BPI's family: the same card, AGIR, and neither A2 nor the civic exam (the part of issue 9 to check)
  { name: 'spouse joining a refugee, no French, CIR signed → same card, AGIR, no A2 or B1 step', source: `${CARD_REFUGEE}; ${AGIR_FR}`, profile: { status: 'bpi_family', statusSince: '2026-08', cir: 'signed', frenchLevel: 'none' }, expect: { residence_permit: { status: 'eligible', codes: ['residence_permit.family_same_card', 'residence_permit.no_language_condition'] }, agir: 'eligible' }, steps: ['step.residence_permit', 'step.agir'], noSteps: ['step.residence_card_a2', 'step.resident_card_b1', 'step.ofpra_civil_status'] },
  { name: 'child joining a refugee at A2 → no B1 step for the resident card', source: CARD_REFUGEE, profile: { status: 'bpi_family', statusSince: '2026-08', frenchLevel: 'A2' }, expect: { residence_permit: 'eligible' }, noSteps: ['step.resident_card_b1'] },

  // --- The Complémentaire santé solidaire (C2S, ex-CSS)
  { name: 'refugee needing health → C2S, free or under 1 € a day, by income', source: C2S, profile: bpi({ needs: ['health'] }), expect: { complementary_health: { status: 'eligible', codes: ['complementary_health.insured_low_income', 'complementary_health.income_ceiling'] } }, steps: ['step.complementary_health'] },
  { name: 'asylum seeker in France for 5 months → C2S with the PUMa', source: C2S, profile: { status: 'asylum_seeker', inFranceSince: '2026-06', needs: ['health'] }, expect: { complementary_health: { status: 'eligible', codes: ['complementary_health.asylum_after_3_months'] } }, steps: ['step.complementary_health'] },
  { name: 'asylum seeker in France for 1 month → not yet; children at once', source: C2S, profile: { status: 'asylum_seeker', inFranceSince: '2026-10', needs: ['health'] }, expect: { complementary_health: { status: 'not_eligible', codes: ['complementary_health.children_at_once_adults_after_3_months'] } }, noSteps: ['step.complementary_health'] },
  { name: 'no right to stay → no C2S, the AME', source: C2S, profile: { status: 'no_right_to_stay', inFranceSince: '2025-01', needs: ['health'] }, expect: { complementary_health: { status: 'not_eligible', codes: ['complementary_health.ame_instead'] } }, steps: ['step.ame'], noSteps: ['step.complementary_health'] },
  { name: 'asylum seeker in Mayotte → no PUMa, so no C2S', source: C2S_MAYOTTE, profile: { status: 'asylum_seeker', inFranceSince: '2025-01', location: { department: '976' } }, expect: { complementary_health: { status: 'not_eligible', codes: ['complementary_health.departmentNotIn'] } } },
  { name: 'refugee in Mayotte → C2S at the CSSM since 2024', source: C2S_MAYOTTE, profile: bpi({ location: { department: '976' } }), expect: { complementary_health: 'eligible' } },

  // --- Domiciliation: no address, no rights (the SPADA for asylum seekers)
  { name: 'refugee needing housing → domiciliation at the CCAS', source: DOMICILIATION, profile: bpi({ needs: ['housing'] }), expect: {}, steps: ['step.domiciliation'] },
  { name: 'asylum seeker needing housing → no CCAS domiciliation (the SPADA\'s)', source: DOMICILIATION, profile: { status: 'asylum_seeker', needs: ['housing'] }, expect: {}, noSteps: ['step.domiciliation'] },

  // --- Family reunification
  { name: 'refugee → family abroad may join, no income or housing condition', source: REUNIFICATION, profile: bpi({ needs: ['rights'] }), expect: { family_reunification: { status: 'eligible', codes: ['family_reunification.family_abroad', 'family_reunification.declared_to_ofpra'] } }, steps: ['step.family_reunification'] },
  { name: 'newcomer → not reunification: OFII\'s regroupement familial', source: REUNIFICATION, profile: newcomer({ needs: ['rights'] }), expect: { family_reunification: { status: 'not_eligible', codes: ['family_reunification.statusIn'] } }, noSteps: ['step.family_reunification'] },

  // --- Missing right (issue 9): minors. Unaccompanied minors → the ASE first; under 18, school or training.
  {
    name: 'unaccompanied asylum seeker of 16 in Paris → ASE first, an administrateur ad hoc, health cover at once, the CIO',
    source: `${ASE}; ${AD_HOC}; ${MINOR_HEALTH}; ${TRAINING_18}`,
    profile: { status: 'asylum_seeker', age: 16, unaccompanied: true, location: { postcode: '75019' }, needs: ['housing', 'schooling', 'health'] },
    expect: {
      child_protection: { status: 'eligible', codes: ['child_protection.ase_unaccompanied_minor', 'child_protection.evaluation', 'child_protection.juge_des_enfants'] },
      asylum_support: { status: 'eligible', codes: ['asylum_support.unaccompanied_minor_ad_hoc'] },
      health_coverage: { status: 'eligible', codes: ['health_coverage.asylum_minor_at_once'] },
      complementary_health: { status: 'eligible', codes: ['complementary_health.asylum_minor_at_once'] },
      training_obligation: { status: 'eligible', codes: ['training_obligation.training_until_18', 'training_obligation.mission_locale_if_no_solution'] },
    },
    steps: ['step.child_protection', 'step.asylum_minor', 'step.training_until_18', 'step.health_coverage'],
    noSteps: ['step.asylum_ofii_phone', 'step.spada', 'step.asylum_housing', 'step.emergency_shelter', 'step.pass_clinic'],
  },
  {
    name: '17-year-old living with her parents → school or training until 18 at the CIO, no ASE',
    source: `${TRAINING_18}; ${ASE}`,
    profile: newcomer({ statusSince: '2026-05', age: 17, unaccompanied: false, needs: ['schooling'] }),
    expect: {
      child_protection: { status: 'not_eligible', codes: ['child_protection.not_unaccompanied'] },
      training_obligation: { status: 'eligible', codes: ['training_obligation.training_until_18'] },
    },
    steps: ['step.training_until_18'],
    noSteps: ['step.child_protection', 'step.school_until_16'],
  },
  {
    name: '15-year-old asylum seeker with his family → school is compulsory, no work before 16, health cover at once',
    source: `${SCHOOL_16}; ${NO_WORK_16}; ${MINOR_HEALTH}`,
    profile: { status: 'asylum_seeker', age: 15, unaccompanied: false, inFranceSince: '2026-10', needs: ['employment', 'schooling'] },
    expect: {
      training_obligation: { status: 'eligible', codes: ['training_obligation.school_until_16'] },
      france_travail: { status: 'not_eligible', codes: ['france_travail.under_16'] },
      mission_locale: 'not_eligible',
      health_coverage: { status: 'eligible', codes: ['health_coverage.asylum_minor_at_once'] },
    },
    steps: ['step.school_until_16'],
    noSteps: ['step.work_after_6_months', 'step.training_until_18', 'step.pass_clinic', 'step.child_protection'],
  },
  {
    name: '19-year-old refugee → neither the ASE nor the training obligation, and nothing asked about it',
    source: `${ASE}; ${TRAINING_18}`,
    profile: bpi({ age: 19, needs: ['schooling', 'housing'] }),
    expect: {
      child_protection: { status: 'not_eligible', codes: ['child_protection.adult'] },
      training_obligation: { status: 'not_eligible', codes: ['training_obligation.out_of_age'] },
    },
    noSteps: ['step.child_protection', 'step.training_until_18', 'step.school_until_16'],
  },
  {
    name: 'age and company not said → ask whether under 18 and alone; the training obligation asks the age',
    source: `${ASE}; ${TRAINING_18}`,
    profile: { status: 'asylum_seeker', needs: ['housing', 'schooling'] },
    expect: { child_protection: { status: 'maybe', ask: ['unaccompanied'] }, training_obligation: { status: 'maybe', ask: ['age'] } },
    noSteps: ['step.child_protection'],
  },
  { name: '16-year-old who has not said whether alone → ask it', source: ASE, profile: bpi({ age: 16 }), expect: { child_protection: { status: 'maybe', ask: ['unaccompanied'] } } },
  {
    name: 'alone in France, age not given, status unknown → the ASE (the answer itself means under 18)',
    source: ASE,
    profile: { status: 'unknown', unaccompanied: true, needs: ['housing'] },
    expect: { child_protection: 'eligible' },
    steps: ['step.child_protection'],
    // Their papers are done with the ASE and their guardian: no "tell us your status", no CIR or card step.
    noSteps: ['step.tell_status', 'step.sign_cir', 'step.residence_permit', 'step.agir'],
  },
  { name: 'said "alone" but aged 30 → the stated age wins, no ASE', source: ASE, profile: bpi({ age: 30, unaccompanied: true }), expect: { child_protection: { status: 'not_eligible', codes: ['child_protection.adult'] } }, noSteps: ['step.child_protection'] },
  {
    name: 'unaccompanied refugee of 17 needing a roof and work → the ASE, not social housing, the 115, a domiciliation or France Travail',
    source: `${ASE}; ${TRAINING_18}`,
    profile: bpi({ statusSince: '2026-06', age: 17, unaccompanied: true, needs: ['housing', 'employment'] }),
    expect: { child_protection: 'eligible', training_obligation: 'eligible' },
    steps: ['step.child_protection', 'step.training_until_18'],
    noSteps: ['step.social_housing', 'step.domiciliation', 'step.emergency_shelter', 'step.france_travail'],
  },
  {
    name: 'child of 14 without papers, arrived last month → AME at once, not after 3 months',
    source: MINOR_HEALTH,
    profile: { status: 'no_right_to_stay', age: 14, inFranceSince: '2026-10', needs: ['health'] },
    expect: { health_coverage: { status: 'eligible', codes: ['health_coverage.ame_minor_at_once'] } },
    steps: ['step.ame_minor'],
    noSteps: ['step.ame', 'step.pass_clinic'],
  },
  {
    name: 'adult asylum seeker of 30 in France for 1 month → still urgent care first (only minors at once)',
    source: AMELI_ASYLUM,
    profile: { status: 'asylum_seeker', age: 30, inFranceSince: '2026-10' },
    expect: { health_coverage: { status: 'not_eligible', codes: ['health_coverage.urgent_care_first_3_months'] }, complementary_health: 'not_eligible', france_travail: 'maybe' },
    steps: ['step.pass_clinic'],
  },
];
