import { MessageFactory, type Activity } from 'botbuilder';
import type { Profile } from '../../knowledge/contracts/profile';
import type { OrientationResult } from '../../knowledge/contracts/result';
import type { Locale } from '../../knowledge/contracts/vocabulary';
import type { Command } from '../commands';
import { answer, emptyDraft, type Draft } from '../draft';
import { textsFor } from '../i18n';
import type { Turn } from '../turn';
import { ADVISOR_TEXTS, callerSms, caseNote, languageName, smsCountLine } from './script';

/**
 * A phone advisor's call, where it differs from the chat: the texts stay French, the language question
 * asks for the caller's (for their SMS), and the plan becomes a hand-over.
 */

/** A new call: nothing of the previous caller is kept. */
export async function startCall({ draft, context }: Turn): Promise<void> {
  Object.assign(draft, emptyDraft('fr'), { advisor: {} });
  delete draft.planAt;
  await context.sendActivity(ADVISOR_TEXTS.start);
}

/**
 * The step number read out: each question keeps its number through the call (asked again after "0", it shows
 * the same one), and one answer that settles two fields ("Je ne lis pas") leaves no gap.
 */
export function callStep(draft: Draft, question: string): number {
  const steps = (draft.advisor!.steps ??= []);
  if (!steps.includes(question)) steps.push(question);
  return steps.indexOf(question) + 1;
}

/** On a call, 0 is "back" (numbers pick options everywhere else). */
export const callCommand = (draft: Draft, text: string): Command | undefined => (draft.advisor && text.trim() === '0' ? 'back' : undefined);

/** The language question on a call: the advisor's texts stay French, the caller's language is for their SMS. */
export async function setCallerLanguage({ draft, context }: Turn, caller: Locale): Promise<void> {
  draft.advisor = { ...draft.advisor, caller };
  answer(draft, 'language');
  await context.sendActivity(ADVISOR_TEXTS.callerLanguage.replace('{{language}}', languageName(caller)));
}

/** End of the call: the case note to copy, and the caller's SMS in their language with its length. */
export function handOver({ draft, engine, texts, today }: Turn, profile: Profile, result: OrientationResult): Partial<Activity>[] {
  const caller = draft.advisor?.caller ?? 'fr';
  const sms = callerSms(caller === texts.locale ? result : engine.orient(profile, caller), textsFor(caller));
  return [
    MessageFactory.text(`${ADVISOR_TEXTS.note}\n\n\`\`\`\n${caseNote(profile, result, caller, texts, today)}\n\`\`\``),
    MessageFactory.text(`${ADVISOR_TEXTS.sms.replace('{{language}}', languageName(caller))}\n\n\`\`\`\n${sms}\n\`\`\`\n\n${smsCountLine(sms)}`),
  ];
}
