import { ActionTypes, ActivityTypes, MessageFactory, type CardAction } from 'botbuilder';
import { Dialog, type DialogContext, type DialogTurnResult } from 'botbuilder-dialogs';
import type { Locale } from '../knowledge/contracts/vocabulary';
import { detectLanguage } from './understanding/detect-language';
import { matchAll, matchChoice, recognizeInteger, recognizeMonth, type ChoiceOption } from './understanding/recognize';

/**
 * One question, one answer: sends the text with big buttons (suggested actions), understands a tap or a
 * typed answer, and after a failure says so kindly and offers the buttons again. Everything it shows is
 * already localized by the caller, so this dialog holds no text of its own.
 */
export interface AskChoice extends ChoiceOption {
  title: string;
  /** Understood when typed, never shown as a button ("no" to "anything else?"). */
  hidden?: boolean;
}

export interface AskOptions {
  locale: Locale;
  prompt: string;
  choices: AskChoice[];
  /** Besides the buttons, what typed answer to understand ('language': a sentence written in one of the choices). */
  expect?: 'month' | 'integer' | 'text' | 'several' | 'language';
  /** Said after the first failure (then the buttons message after the second). */
  notUnderstood: string;
  buttonsOnly: string;
}

export type AskResult = (
  | { kind: 'choice'; value: string }
  | { kind: 'several'; values: string[] }
  | { kind: 'month'; month: string }
  | { kind: 'integer'; value: number }
  | { kind: 'text'; text: string }
) & {
  /** What a typed answer (not a button) was understood as, in the person's words for it, to say back. */
  understood?: string;
};

interface AskState {
  options: AskOptions;
  attempts: number;
}

function buttons(choices: AskChoice[]): CardAction[] {
  return choices.filter((c) => !c.hidden).map((c) => ({ type: ActionTypes.ImBack, title: c.title, value: c.title }));
}

export class AskDialog extends Dialog<AskOptions> {
  static readonly ID = 'ask';

  constructor(private readonly today: () => Date) {
    super(AskDialog.ID);
  }

  /** The question waiting for an answer in this dialog context, if the active dialog is one. */
  static pending(dc: DialogContext): AskOptions | undefined {
    const active = dc.activeDialog;
    return active?.id === AskDialog.ID ? (active.state.ask as AskState | undefined)?.options : undefined;
  }

  override async beginDialog(dc: DialogContext, options?: AskOptions): Promise<DialogTurnResult> {
    if (!options) throw new Error('AskDialog needs its options');
    const state: AskState = { options, attempts: 0 };
    dc.activeDialog!.state.ask = state;
    await dc.context.sendActivity(MessageFactory.suggestedActions(buttons(options.choices), options.prompt));
    return Dialog.EndOfTurn;
  }

  override async continueDialog(dc: DialogContext): Promise<DialogTurnResult> {
    if (dc.context.activity.type !== ActivityTypes.Message) return Dialog.EndOfTurn;
    const state = dc.activeDialog!.state.ask as AskState;
    const text = dc.context.activity.text ?? '';
    const result = await this.recognize(text, state.options);
    if (!result) return this.retry(dc, state);
    const tapped = state.options.choices.some((c) => c.title === text.trim());
    const understood = tapped ? undefined : understoodAs(result, state.options);
    return dc.endDialog(understood ? { ...result, understood } : result);
  }

  override async repromptDialog(context: DialogContext['context'], instance: { state: Record<string, unknown> }): Promise<void> {
    const { options } = instance.state.ask as AskState;
    await context.sendActivity(MessageFactory.suggestedActions(buttons(options.choices), options.prompt));
  }

  private async retry(dc: DialogContext, state: AskState): Promise<DialogTurnResult> {
    state.attempts += 1;
    const { options } = state;
    const text = state.attempts >= 2 && options.choices.length > 0 ? options.buttonsOnly : `${options.notUnderstood}\n\n${options.prompt}`;
    await dc.context.sendActivity(MessageFactory.suggestedActions(buttons(options.choices), text));
    return Dialog.EndOfTurn;
  }

  private async recognize(text: string, options: AskOptions): Promise<AskResult | undefined> {
    if (!text.trim()) return undefined;
    if (options.expect === 'several') {
      const values = matchAll(text, options.choices);
      return values.length > 0 ? { kind: 'several', values } : undefined;
    }
    const choice = matchChoice(text, options.choices);
    if (choice !== undefined) return { kind: 'choice', value: choice };
    switch (options.expect) {
      case 'month': {
        const month = await recognizeMonth(text, options.locale, this.today());
        return month ? { kind: 'month', month } : undefined;
      }
      case 'integer': {
        const value = recognizeInteger(text, options.locale);
        return value !== undefined && value >= 0 && value <= 120 ? { kind: 'integer', value } : undefined;
      }
      case 'text':
        return { kind: 'text', text: text.trim() };
      case 'language': {
        // "j'ai besoin d'un travail" answers "which language?" as well as "Français" does.
        const written = detectLanguage(text);
        return written && options.choices.some((c) => c.value === written) ? { kind: 'choice', value: written } : undefined;
      }
      default:
        return undefined;
    }
  }
}

/** A recognised typed answer told back: button titles, a month in the person's language, a number. */
function understoodAs(result: AskResult, options: AskOptions): string | undefined {
  const title = (value: string) => options.choices.find((c) => c.value === value)?.title ?? value;
  switch (result.kind) {
    case 'choice':
      return title(result.value);
    case 'several':
      return result.values.map(title).join(', ');
    case 'month': {
      const [year, month] = result.month.split('-').map(Number);
      // Gregorian whatever the locale's default (fa would show the Solar Hijri date): the plan's dates are.
      return new Intl.DateTimeFormat(options.locale, { month: 'long', year: 'numeric', calendar: 'gregory', timeZone: 'UTC' }).format(Date.UTC(year!, month! - 1, 15));
    }
    case 'integer':
      return String(result.value);
    case 'text':
      return undefined;
  }
}
