import { ActivityTypes, MessageFactory, type Activity } from 'botbuilder';
import { answer } from '../draft';
import { backToWhereItWas } from '../next-question';
import { planOf } from '../plan';
import { planMessages } from '../plan-messages';
import type { FlowOptions, Turn } from '../turn';
import { QUICK_CHECK, missingLines, quickCheckCard, readQuickCheck } from './card';

/** The values of a submitted quick-check card, when the message is one. */
export function submittedCard(activity: Partial<Activity>): Record<string, unknown> | undefined {
  const card = activity.value as Record<string, unknown> | undefined;
  return activity.type === ActivityTypes.Message && card && typeof card === 'object' && card.boussole === QUICK_CHECK ? card : undefined;
}

/** A submitted card: its answers join the draft; the plan comes at once, with what is missing. */
export async function submitQuickCheck(turn: Turn, card: Record<string, unknown>): Promise<FlowOptions> {
  const { context, draft, texts, engine, today } = turn;
  const { profile, answered: settled, invalid } = readQuickCheck(card, today);
  draft.profile = { ...draft.profile, ...profile, needs: profile.needs?.length ? profile.needs : (draft.profile.needs ?? []) };
  for (const field of settled) answer(draft, field);
  if (!draft.locale) draft.locale = texts.locale;
  answer(draft, 'language');
  if (invalid.length) {
    // Said plainly, and the card again with what was right kept.
    await context.sendActivity(texts.t('check.invalid', { fields: invalid.map((f) => texts.t(`choice.field.${f}`)).join(', ') }));
    await context.sendActivity(MessageFactory.attachment(quickCheckCard(texts, draft)));
    return backToWhereItWas(draft, engine);
  }
  const plan = planOf(turn);
  if (!plan) return {};
  await context.sendActivities(planMessages(plan.result, plan.profile.needs, texts));
  const missing = missingLines(plan.result, texts);
  if (missing.length) await context.sendActivity([texts.t('check.missing'), ...missing].join('\n'));
  draft.planAt = today.toISOString().slice(0, 10);
  delete draft.detailsShown;
  return { mode: 'planMenu' };
}
