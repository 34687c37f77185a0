import type { Locale } from '../../knowledge/contracts/vocabulary';
import type { AskChoice, AskOptions, AskResult } from '../ask-dialog';
import type { Command } from '../commands';
import type { Draft, Field } from '../draft';
import type { Texts } from '../i18n';
import type { FlowOptions, Turn } from '../turn';
import type { PlaceCandidate } from './place';

/**
 * A question of the conversation: what it asks (text key, buttons as value → title key, what typed answer
 * it also takes) beside what its answer does. The flow decides which one comes next; nothing here decides rights.
 */
export type QuestionId = Field | 'returning' | 'planMenu' | 'menu' | 'changeWhich' | 'placeChoice' | 'moreNeeds' | 'eraseConfirm';

export interface QuestionContext {
  draft: Draft;
  texts: Texts;
  /** The language guessed from the first message or the page, offered first. */
  guessedLocale?: Locale;
  candidates?: PlaceCandidate[];
}

export interface Answer extends Turn {
  result: AskResult;
  /** The button chosen (tapped, typed or numbered), if one was. */
  value?: string;
  /** The places this question offered. */
  candidates?: PlaceCandidate[];
}

/** After an answer: on to a question (the next one by default), or a command, or the confirmed erasure. */
export type Next = FlowOptions | { command: Command } | { erase: true };

export interface Question {
  options(context: QuestionContext): AskOptions;
  /** Records the answer in the draft; nothing returned goes on to the next question. */
  apply(answer: Answer): Next | void | Promise<Next | void>;
  /** A typed answer is said back as understood, so a misreading shows at once (buttons need no echo). */
  echo?: boolean;
}

export function choice(texts: Texts, value: string, titleKey: string, synonymsKey?: string): AskChoice {
  const title = texts.t(titleKey);
  return { value, title, terms: [title, ...(synonymsKey ? texts.list(synonymsKey) : [])] };
}

export const dontKnow = (texts: Texts, value = 'dontKnow') => choice(texts, value, 'choice.dontKnow', 'synonyms.dontKnow');

/** A question's options; every question says "not understood" the same way. */
export function asking(texts: Texts, prompt: string, choices: AskChoice[], expect?: AskOptions['expect']): AskOptions {
  return { locale: texts.locale, notUnderstood: texts.t('reprompt.first'), buttonsOnly: texts.t('reprompt.buttons'), prompt, choices, ...(expect ? { expect } : {}) };
}
