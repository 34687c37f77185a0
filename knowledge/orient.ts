import type { Profile } from './contracts/profile';
import type { Eligibility, LocationResult, OrientationResult, Recommendation } from './contracts/result';
import type { Locale } from './contracts/vocabulary';
import { resolveLocation, type GeoResolution } from './geo';
import { translator, type Translate } from './i18n';
import { HELP_NUMBERS } from './plan/help';
import { planSteps } from './plan/next-steps';
import { evaluate, type Decision } from './rules/evaluate';
import { buildFacts } from './rules/facts';
import { RULES } from './rules';

/** What the recommendation step receives: everything already decided about the person. */
export interface RecommendInput {
  profile: Profile;
  decisions: Decision[];
  geo: GeoResolution;
  locale: Locale;
  t: Translate;
}
export type Recommend = (input: RecommendInput) => Recommendation[];

export interface EngineOptions {
  /** Injected clock: every "within N years" is computed against it. */
  today?: () => Date;
  recommend?: Recommend;
}

export interface Engine {
  orient(profile: Profile, locale?: Locale): OrientationResult;
  /** The decisions alone, without texts or recommendations: the conversation picks its next question from them. */
  decide(profile: Profile): Decision[];
}

const NO_PLACE: GeoResolution = { location: { status: 'unknown' } };

function localizeDecision(d: Decision, t: Translate): Eligibility {
  return {
    program: d.program,
    status: d.status,
    ...(d.track ? { track: d.track } : {}),
    reasons: d.reasons.map((r) => ({ code: r.code, text: t(r.code, r.params) })),
    ask: d.ask,
    sources: d.sources,
    checkedOn: d.checkedOn,
  };
}

export function createEngine(options: EngineOptions = {}): Engine {
  const today = options.today ?? (() => new Date());
  const decide = (profile: Profile, geo: GeoResolution) => {
    const department = geo.location.status === 'resolved' ? geo.location.department : undefined;
    return RULES.map((rule) => evaluate(rule, buildFacts(profile, department, today())));
  };
  const place = (profile: Profile) => (profile.location ? resolveLocation(profile.location) : NO_PLACE);
  return {
    decide: (profile) => decide(profile, place(profile)),
    orient(profile, requested) {
      const locale: Locale = requested ?? profile.locale ?? 'fr';
      const t = translator(locale);
      const geo = place(profile);
      const location: LocationResult = geo.location;
      const decisions = decide(profile, geo);
      return {
        version: 1,
        locale,
        location,
        eligibility: decisions.map((d) => localizeDecision(d, t)),
        recommendations: options.recommend?.({ profile, decisions, geo, locale, t }) ?? [],
        nextSteps: planSteps(decisions, profile, location).map((s) => ({ ...s, text: t(s.code) })),
        help: HELP_NUMBERS.map((h) => ({ code: h.code, label: t(h.code), phone: h.phone })),
      };
    },
  };
}
