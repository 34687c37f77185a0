import { ActionTypes, CardFactory, MessageFactory, type Activity, type CardAction } from 'botbuilder';
import type { NextStep, OrientationResult, Recommendation } from '../knowledge/contracts/result';
import { RTL_LOCALES, type Locale, type Program, type Theme } from '../knowledge/contracts/vocabulary';
import { HELP_NUMBERS } from '../knowledge/plan/help';
import { PROGRAMS_BY_THEME, PROTECTED_MINOR_PROGRAMS, relevantPrograms } from '../knowledge/plan/relevance';
import type { Texts } from './i18n';

/**
 * The plan as messages, for people who read little: first the three things to do now, each with its
 * place, and those places as cards (address, distance, a call button); the rights and why, the other
 * steps and places come on one tap ("more"). Short lines, one idea each, an icon per theme.
 */
const NOW = 3;

const ICONS: Readonly<Record<Theme, string>> = {
  language: '🗣️',
  employment: '💼',
  training: '🛠️',
  studies: '🎓',
  housing: '🏠',
  mobility: '🚌',
  health: '🩺',
  mental_health: '💬',
  schooling: '🏫',
  childcare: '🧸',
  digital: '💻',
  rights: '📄',
  social: '🤝',
  emergency: '🆘',
};

function iconOfProgram(program: Program | undefined): string {
  const theme = program && (Object.keys(PROGRAMS_BY_THEME) as Theme[]).find((t) => PROGRAMS_BY_THEME[t].includes(program));
  return theme ? ICONS[theme] : ICONS.rights;
}

/** Left-to-right text kept whole inside a right-to-left line ("5 rue …, 87100 Limoges" keeps its number first). */
const ltr = (text: string, locale: Locale) => (RTL_LOCALES.includes(locale) ? `\u2066${text}\u2069` : text);

/**
 * Right-to-left text: phone numbers isolated left-to-right (else "01 42 500 900" shows as "900 500 42 01"),
 * and each line opened with a right-to-left mark (after its list marker, which Markdown must still see),
 * so a channel that takes the direction from the first letter does not flip a line starting with a Latin name.
 */
export function directed(text: string, locale: Locale): string {
  if (!RTL_LOCALES.includes(locale)) return text;
  return text
    // The targets of Markdown links stay as they are: an isolate inside an address would break it.
    .split(/(\]\(https:\/\/[^)\s]+\))/)
    .map((part, i) => (i % 2 ? part : part.replace(/\+?\d[\d .]{1,16}\d/g, (phone) => ltr(phone, locale))))
    .join('')
    .split('\n')
    .map((line) => (line.trim() ? line.replace(/^(\s*(?:\d+\.|-)\s+)?/, (marker) => `${marker}\u200f`) : line))
    .join('\n');
}

/** A right and why, with the program's own Refugies.info fiche, in the person's language, where there is one. */
function rightLine(e: OrientationResult['eligibility'][number], { t }: Texts): string {
  const line = `- ${t('plan.line', { program: t(`program.${e.program}`), reason: e.reasons[0]?.text ?? '' })}`;
  return e.refugiesInfo ? `${line} → [${t('card.fiche')}](${e.refugiesInfo.url})` : line;
}

function rightsText(result: OrientationResult, needs: readonly Theme[], texts: Texts): string {
  const { t } = texts;
  const relevant = relevantPrograms(needs);
  const line = (e: OrientationResult['eligibility'][number]) => rightLine(e, texts);
  // A minor alone hears of their own rights only: the adults' paperwork is the ASE's and their guardian's.
  const protectedMinor = result.eligibility.some((e) => e.program === 'child_protection' && e.status === 'eligible');
  const theirs = result.eligibility.filter((e) => !protectedMinor || PROTECTED_MINOR_PROGRAMS.has(e.program));
  const yes = theirs.filter((e) => e.status === 'eligible' || e.status === 'done').map(line);
  // Their papers are not asked about (the "under 18, alone" answer stands for them): no "what is your status?" to check.
  const check = theirs.filter((e) => e.status === 'maybe' && relevant.has(e.program) && !(protectedMinor && e.ask.includes('status'))).map(line);
  return [...(yes.length ? [t('plan.rights'), ...yes] : []), ...(check.length ? ['', t('plan.toCheck'), ...check] : [])].join('\n');
}

function where(r: Recommendation, { t }: Texts): string {
  return [t(`card.scope.${r.scope}`), r.distanceKm !== undefined ? t('card.distance', { km: Math.round(r.distanceKm) }) : ''].filter(Boolean).join(' · ');
}

/** "Open today: 09:00-12:00, 13:30-17:00" or "Closed today", where the place publishes its hours. */
function todayLine(r: Recommendation, { t, locale }: Texts): string[] {
  if (!r.openToday) return [];
  return [r.openToday.length ? `🕘 ${t('card.openToday', { hours: ltr(r.openToday.join(', '), locale) })}` : `🕘 ${t('card.closedToday')}`];
}

function card(r: Recommendation, texts: Texts) {
  const { t, locale } = texts;
  const buttons: CardAction[] = [];
  if (r.phone) buttons.push({ type: ActionTypes.Call, title: directed(t('card.call', { phone: r.phone }), locale), value: `tel:${r.phone.replace(/\s/g, '')}` });
  if (r.url) buttons.push({ type: ActionTypes.OpenUrl, title: t('card.website'), value: r.url });
  if (r.refugiesInfo) buttons.push({ type: ActionTypes.OpenUrl, title: t('card.fiche'), value: r.refugiesInfo.url });
  // The first reason ("you asked about…") is the step's own; a door with no other reason has no "why" heading.
  const why = r.why.slice(1).map((w) => `- ${w}`);
  const text = [r.summary, ...(r.address ? ['', `📍 ${ltr(r.address, locale)}`] : []), ...todayLine(r, texts), ...(why.length ? ['', t('card.why'), ...why] : [])].join('\n');
  return CardFactory.heroCard(`${ICONS[r.theme]} ${r.title}`, directed(text, locale), undefined, buttons, { subtitle: where(r, texts) });
}

/** A step's first clause ("Demandez votre carte de séjour"): what to do; how comes one tap away, or in the plan. */
export function headline(text: string): string {
  const cut = text.search(/[:.;](\s|$)/u);
  return (cut >= 12 ? text.slice(0, cut) : text).trim();
}

/** The place that goes with a step: the first recommended one tied to its program. */
function placeFor(step: NextStep, recommendations: readonly Recommendation[]): Recommendation | undefined {
  return step.program ? recommendations.find((r) => r.programs.includes(step.program!)) : undefined;
}

/**
 * The places shown first: those of the first steps, then the best ranked. With a place known, one of them is
 * a door to walk through (the nearest with an address: France services at least), not only web sites.
 */
function firstPlaces(result: OrientationResult): Recommendation[] {
  const linked = result.nextSteps
    .slice(0, NOW)
    .map((s) => placeFor(s, result.recommendations))
    .filter((r): r is Recommendation => r !== undefined);
  const first = [...new Set([...linked, ...result.recommendations])].slice(0, NOW);
  const doors = result.recommendations.filter((r) => r.address).sort((a, b) => (a.distanceKm ?? Infinity) - (b.distanceKm ?? Infinity));
  if (doors[0] && !first.some((r) => r.address)) first.splice(NOW - 1, 1, doors[0]);
  return first;
}

/** The first screen: three things to do now, each with its place, and those places as cards. */
export function planMessages(result: OrientationResult, _needs: readonly Theme[], texts: Texts): Partial<Activity>[] {
  const { t, locale } = texts;
  const now = result.nextSteps.slice(0, NOW).map((s, i) => {
    const place = placeFor(s, result.recommendations);
    return `${i + 1}. ${iconOfProgram(s.program)} ${headline(s.text)}${place ? ` → ${place.title}` : ''}`;
  });
  const places = firstPlaces(result);
  const messages: Partial<Activity>[] = [MessageFactory.text(directed([t('plan.intro'), ...(now.length ? ['', t('plan.now'), ...now] : [])].join('\n'), locale))];
  if (places.length) messages.push(MessageFactory.carousel(places.map((r) => card(r, texts))));
  else messages.push(MessageFactory.text(t('plan.noResources')));
  return messages;
}

/** "More": the rights and why, every step and how to do it, the other places, the emergency numbers. */
export function planDetails(result: OrientationResult, needs: readonly Theme[], texts: Texts): Partial<Activity>[] {
  const { t, locale } = texts;
  const messages: Partial<Activity>[] = [];
  const rights = rightsText(result, needs, texts);
  if (rights) messages.push(MessageFactory.text(directed(rights, locale)));
  const how = result.nextSteps.map((s) => `${s.order}. ${iconOfProgram(s.program)} ${s.text}`);
  if (how.length) messages.push(MessageFactory.text(directed([t('plan.how'), ...how].join('\n'), locale)));
  const shown = new Set(firstPlaces(result));
  const others = result.recommendations.filter((r) => !shown.has(r));
  if (others.length) {
    messages.push(MessageFactory.text(t('plan.morePlaces')));
    messages.push(MessageFactory.carousel(others.map((r) => card(r, texts))));
  }
  messages.push(MessageFactory.text(directed(t('plan.emergency'), locale)));
  return messages;
}

export function helpMessage({ t, engine, locale }: Texts): Partial<Activity> {
  // "112 : Urgence" in French typography, "112: Emergency" elsewhere.
  return MessageFactory.text(directed([t('help.intro'), ...HELP_NUMBERS.map((h) => `- ${t('help.line', { phone: h.phone, label: engine(h.code) })}`)].join('\n'), locale));
}
