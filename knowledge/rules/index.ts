import type { Program } from '../contracts/vocabulary';
import agir from './programs/agir';
import asylumSupport from './programs/asylum-support';
import cafBenefits from './programs/caf-benefits';
import childProtection from './programs/child-protection';
import cir from './programs/cir';
import complementaryHealth from './programs/complementary-health';
import drivingLicenceExchange from './programs/driving-licence-exchange';
import familyReunification from './programs/family-reunification';
import franceTravail from './programs/france-travail';
import healthCoverage from './programs/health-coverage';
import integrationActions from './programs/integration-actions';
import missionLocale from './programs/mission-locale';
import oepre from './programs/oepre';
import ofiiLanguage from './programs/ofii-language';
import residencePermit from './programs/residence-permit';
import schoolEnrolment from './programs/school-enrolment';
import socialHousing from './programs/social-housing';
import trainingObligation from './programs/training-obligation';
import volontr from './programs/volontr';
import type { Rule } from './schema';

/** Every program of DOMAIN.md §1, in the order the plan presents them. */
export const RULES: readonly Rule[] = [
  childProtection,
  asylumSupport,
  residencePermit,
  cir,
  ofiiLanguage,
  agir,
  integrationActions,
  healthCoverage,
  complementaryHealth,
  cafBenefits,
  socialHousing,
  schoolEnrolment,
  trainingObligation,
  oepre,
  franceTravail,
  missionLocale,
  volontr,
  drivingLicenceExchange,
  familyReunification,
];

export const RULE_BY_PROGRAM = new Map<Program, Rule>(RULES.map((r) => [r.program, r]));
