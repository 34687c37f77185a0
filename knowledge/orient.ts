import type { Profile } from './contracts/profile';
import type { Eligibility, LocationResult, OrientationResult, Recommendation } from './contracts/result';
import type { Locale } from './contracts/vocabulary';
import { resolveLocation, type GeoResolution } from './geo';
import { refugiesInfoUrl } from './catalog/refugies-info-url';
import { translator, type Translate } from './i18n';
import { HELP_NUMBERS } from './plan/help';
import { openToday } from './plan/open-today';
import { planSteps } from './plan/next-steps';
import { evaluate, type Decision } from './rules/evaluate';
import { buildFacts } from './rules/facts';
import { RULE_BY_PROGRAM, RULES } from './rules';

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
  /** The engine's clock: what "this month" is for the faces checking an answer. */
  today(): Date;
}

const NO_PLACE: GeoResolution = { location: { status: 'unknown' } };

/** The program's Refugies.info fiche, its page in the locale, when its rule names one. */
function ficheOf(d: Decision, locale: Locale): Eligibility['refugiesInfo'] {
  const fiche = RULE_BY_PROGRAM.get(d.program)?.refugiesInfo;
  return fiche && { id: fiche.id, url: refugiesInfoUrl(fiche.id, fiche.type, locale) };
}

function localizeDecision(d: Decision, t: Translate, locale: Locale): Eligibility {
  const refugiesInfo = ficheOf(d, locale);
  return {
    program: d.program,
    status: d.status,
    ...(d.track ? { track: d.track } : {}),
    reasons: d.reasons.map((r) => ({ code: r.code, text: t(r.code, r.params) })),
    ask: d.ask,
    sources: d.sources,
    checkedOn: d.checkedOn,
    ...(refugiesInfo ? { refugiesInfo } : {}),
  };
}

/** Each place with published hours says what they are on the plan's day, at the place. */
function withOpenToday(recommendations: Recommendation[], now: Date, geo: GeoResolution): Recommendation[] {
  const department = geo.location.status === 'resolved' ? geo.location.department : undefined;
  return recommendations.map((r) => {
    const periods = openToday(r.hours, now, department);
    return periods ? { ...r, openToday: periods } : r;
  });
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
    today,
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
        eligibility: decisions.map((d) => localizeDecision(d, t, locale)),
        recommendations: withOpenToday(options.recommend?.({ profile, decisions, geo, locale, t }) ?? [], today(), geo),
        nextSteps: planSteps(decisions, profile, location).map((s) => ({ ...s, text: t(s.code) })),
        help: HELP_NUMBERS.map((h) => ({ code: h.code, label: t(h.code), phone: h.phone })),
      };
    },
  };
}
