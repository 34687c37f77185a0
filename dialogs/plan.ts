import { ActivityTypes, type Activity } from 'botbuilder';
import { parseProfile, type Profile } from '../knowledge/contracts/profile';
import type { OrientationResult } from '../knowledge/contracts/result';
import { handOver } from './advisor/call';
import { startOver } from './draft';
import { planDetails, planMessages } from './plan-messages';
import type { Turn } from './turn';

/** The plan of the answers, computed again each time (the engine is deterministic and fast); none while they do not validate. */
export function planOf({ draft, engine, texts }: Turn): { profile: Profile; result: OrientationResult } | undefined {
  const parsed = parseProfile(draft.profile);
  return parsed.ok ? { profile: parsed.profile, result: engine.orient(parsed.profile, texts.locale) } : undefined;
}

/** The plan at the end of the questions; on a call, the advisor's hand-over instead. */
export async function showPlan(turn: Turn): Promise<void> {
  const { draft, context, today } = turn;
  const plan = planOf(turn);
  // A draft from an older version that no longer validates: start its questions again.
  if (!plan) return startOver(draft);
  if (draft.advisor) await context.sendActivities([...handOver(turn, plan.profile, plan.result), SUMMARY_EVENT]);
  else await context.sendActivities(planMessages(plan.result, plan.profile.needs, turn.texts));
  draft.planAt = today.toISOString().slice(0, 10);
  delete draft.detailsShown;
}

/**
 * Tells the page it can open the printable summary of the plan. The event carries nothing: the page asks
 * for the answers itself with its conversation token (bot/chat/summary-profile.ts), so they are not copied
 * into the conversation's log. Other channels ignore events.
 */
export const SUMMARY_EVENT: Partial<Activity> = { type: ActivityTypes.Event, name: 'boussole/summary' };

/** "Printable summary": once there is a plan, the page's button opens it. */
export async function offerSummary({ draft, context, texts }: Turn): Promise<void> {
  if (!draft.planAt) {
    await context.sendActivity(texts.t('summary.noPlan'));
    return;
  }
  await context.sendActivities([{ type: ActivityTypes.Message, text: texts.t('summary.ready') }, SUMMARY_EVENT]);
}

/** The rest of the plan. */
export async function showDetails(turn: Turn): Promise<void> {
  const plan = planOf(turn);
  if (!plan) return;
  await turn.context.sendActivities(planDetails(plan.result, plan.profile.needs, turn.texts));
  turn.draft.detailsShown = true;
}
