import { ActionTypes, CardFactory, MessageFactory, type Activity, type CardAction } from 'botbuilder';
import type { OrientationResult, Recommendation } from '../knowledge/contracts/result';
import { HELP_NUMBERS } from '../knowledge/plan/help';
import { relevantPrograms } from '../knowledge/plan/relevance';
import type { Theme } from '../knowledge/contracts/vocabulary';
import type { Texts } from './i18n';

/**
 * The plan as messages: rights in plain words, the next steps in order, then one card per place to go
 * (why it applies, where, the Refugies.info fiche). Short lines, one idea each, for small screens.
 */
function rightsText(result: OrientationResult, needs: readonly Theme[], { t }: Texts): string {
  const relevant = relevantPrograms(needs);
  const line = (e: OrientationResult['eligibility'][number]) => `- ${t('plan.line', { program: t(`program.${e.program}`), reason: e.reasons[0]?.text ?? '' })}`;
  const yes = result.eligibility.filter((e) => e.status === 'eligible' || e.status === 'done').map(line);
  const check = result.eligibility.filter((e) => e.status === 'maybe' && relevant.has(e.program)).map(line);
  return [
    t('plan.intro'),
    ...(yes.length ? ['', t('plan.rights'), ...yes] : []),
    ...(check.length ? ['', t('plan.toCheck'), ...check] : []),
  ].join('\n');
}

function card(r: Recommendation, { t }: Texts) {
  const where = [t(`card.scope.${r.scope}`), r.distanceKm !== undefined ? t('card.distance', { km: Math.round(r.distanceKm) }) : '']
    .filter(Boolean)
    .join(' · ');
  const buttons: CardAction[] = [];
  if (r.url) buttons.push({ type: ActionTypes.OpenUrl, title: t('card.website'), value: r.url });
  if (r.phone) buttons.push({ type: ActionTypes.Call, title: t('card.call', { phone: r.phone }), value: `tel:${r.phone.replace(/\s/g, '')}` });
  if (r.refugiesInfo) buttons.push({ type: ActionTypes.OpenUrl, title: t('card.fiche'), value: r.refugiesInfo.url });
  const text = [r.summary, '', t('card.why'), ...r.why.slice(1).map((w) => `- ${w}`), ...(r.address ? ['', r.address] : [])].join('\n');
  return CardFactory.heroCard(r.title, text, undefined, buttons, { subtitle: where });
}

export function planMessages(result: OrientationResult, needs: readonly Theme[], texts: Texts): Partial<Activity>[] {
  const { t } = texts;
  const steps = result.nextSteps.map((s) => `${s.order}. ${s.text}`);
  const messages: Partial<Activity>[] = [MessageFactory.text(rightsText(result, needs, texts))];
  if (steps.length) messages.push(MessageFactory.text([t('plan.steps'), ...steps].join('\n')));
  if (result.recommendations.length) {
    messages.push(MessageFactory.text(t('plan.resources')));
    messages.push(MessageFactory.carousel(result.recommendations.map((r) => card(r, texts))));
  } else {
    messages.push(MessageFactory.text(t('plan.noResources')));
  }
  messages.push(MessageFactory.text(t('plan.emergency')));
  return messages;
}

export function helpMessage({ t, engine }: Texts): Partial<Activity> {
  return MessageFactory.text([t('help.intro'), ...HELP_NUMBERS.map((h) => `- ${h.phone}: ${engine(h.code)}`)].join('\n'));
}

