import { ActivityTypes, type StatePropertyAccessor, type TurnContext } from 'botbuilder';
import {
  ComponentDialog,
  DialogTurnStatus,
  WaterfallDialog,
  type DialogContext,
  type DialogTurnResult,
  type WaterfallStepContext,
} from 'botbuilder-dialogs';
import { LOCALES, type Locale } from '../knowledge/contracts/vocabulary';
import type { Engine } from '../knowledge/orient';
import { callCommand, callStep } from './advisor/call';
import { advisorQuestion } from './advisor/script';
import { AskDialog, type AskResult } from './ask-dialog';
import { recognizeCommand, runCommand } from './commands';
import { emptyDraft, type Draft } from './draft';
import { textsFor, type Texts } from './i18n';
import { nextQuestion } from './next-question';
import { showPlan } from './plan';
import { QUESTIONS } from './questions';
import type { PlaceCandidate } from './questions/place';
import type { QuestionId } from './questions/question';
import { submitQuickCheck, submittedCard } from './quick-check/submit';
import type { FlowOptions, Turn } from './turn';
import { detectLanguage } from './understanding/detect-language';

export interface MainDialogDeps {
  engine: Engine;
  drafts: StatePropertyAccessor<Draft>;
  today: () => Date;
  /** Deletes everything stored about this user and conversation (state and transcript). */
  erase(context: TurnContext): Promise<void>;
}

/** The bot begins the flow with `welcome` when the person joins. */
type StartOptions = FlowOptions & { welcome?: boolean };

const FLOW = 'flow';

/** Event to the page: everything about the person was erased. */
export const ERASED_EVENT = 'boussole/erased';

interface StepValues {
  id: QuestionId;
  candidates?: PlaceCandidate[];
}

/**
 * The conversation: one question at a time until the plan, then a menu. Answers are slots in the draft,
 * so "go back", "change one answer", a restart of the server or a new visit simply resume where the
 * draft stands. Global commands are handled before any question sees the message.
 */
export class MainDialog extends ComponentDialog {
  static readonly ID = 'main';

  constructor(private readonly deps: MainDialogDeps) {
    super(MainDialog.ID);
    this.addDialog(new AskDialog(deps.today));
    this.addDialog(new WaterfallDialog(FLOW, [this.askStep.bind(this), this.applyStep.bind(this)]));
    this.initialDialogId = FLOW;
  }

  private async draftOf(context: TurnContext): Promise<Draft> {
    return this.deps.drafts.get(context, emptyDraft());
  }

  /** The locale the client sent (Web Chat's picker), when it is one of ours. */
  private pageLocale(context: TurnContext): Locale | undefined {
    const locale = context.activity.locale?.slice(0, 2).toLowerCase() as Locale | undefined;
    return locale && LOCALES.includes(locale) ? locale : undefined;
  }

  /** The language to greet in before the person has chosen: their first words, else the page's locale. */
  private guess(context: TurnContext): Locale | undefined {
    const a = context.activity;
    const fromText = a.type === ActivityTypes.Message && a.text ? detectLanguage(a.text) : undefined;
    return fromText ?? this.pageLocale(context);
  }

  private texts(draft: Draft, context: TurnContext): Texts {
    return textsFor(draft.locale ?? this.guess(context) ?? 'fr');
  }

  /** What an answer, a command or a card is handled with, this turn. */
  private async turn(context: TurnContext): Promise<Turn> {
    const draft = await this.draftOf(context);
    return { context, draft, texts: this.texts(draft, context), engine: this.deps.engine, today: this.deps.today() };
  }

  private async askStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const options = (step.options ?? {}) as StartOptions;
    const draft = await this.draftOf(step.context);
    // A new conversation opened in another language (the page's picker) is the person's choice, from its welcome on.
    const fromPage = options.welcome ? this.pageLocale(step.context) : undefined;
    if (draft.locale && fromPage && fromPage !== draft.locale) {
      draft.locale = fromPage;
      await this.deps.drafts.set(step.context, draft);
    }
    const texts = this.texts(draft, step.context);
    if (options.welcome) {
      await step.context.sendActivity(`${texts.t('welcome.hello')}\n\n${texts.t('welcome.privacy')}`);
      if (draft.planAt) return this.ask(step, 'returning', draft, texts);
    }
    if (options.notice) await step.context.sendActivity(options.notice);
    const id = options.mode ?? nextQuestion(draft, this.deps.engine);
    if (id === 'plan') {
      await showPlan(await this.turn(step.context));
      await this.deps.drafts.set(step.context, draft);
      return this.ask(step, 'planMenu', draft, texts);
    }
    return this.ask(step, id, draft, texts, options.candidates);
  }

  private async ask(step: WaterfallStepContext, id: QuestionId, draft: Draft, texts: Texts, candidates?: PlaceCandidate[]) {
    Object.assign(step.values, { id, candidates } satisfies StepValues);
    const guessedLocale = this.guess(step.context);
    const options = QUESTIONS[id].options({ draft, texts, ...(guessedLocale ? { guessedLocale } : {}), ...(candidates ? { candidates } : {}) });
    if (!draft.advisor) return step.beginDialog(AskDialog.ID, options);
    const number = callStep(draft, id);
    await this.deps.drafts.set(step.context, draft);
    return step.beginDialog(AskDialog.ID, advisorQuestion(options, id, number));
  }

  /** The answer goes to its question, which says where the conversation goes next. */
  private async applyStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const { id, candidates } = step.values as StepValues;
    const result = step.result as AskResult;
    const turn = await this.turn(step.context);
    const question = QUESTIONS[id];
    if (result.understood && question.echo) await step.context.sendActivity(turn.texts.t('noted', { answer: result.understood }));
    const value = result.kind === 'choice' ? result.value : undefined;
    const next = (await question.apply({ ...turn, result, value, candidates })) ?? {};
    if ('command' in next) return this.again(step, turn.draft, await runCommand(next.command, turn));
    if ('erase' in next) return this.erase(step, turn.texts);
    await this.deps.drafts.set(step.context, turn.draft);
    return step.replaceDialog(FLOW, next);
  }

  /** A submitted card and global commands first: the current question is asked again afterwards, its answers kept. */
  protected override async onContinueDialog(innerDc: DialogContext): Promise<DialogTurnResult> {
    const activity = innerDc.context.activity;
    const card = submittedCard(activity);
    if (card) {
      const turn = await this.turn(innerDc.context);
      return this.again(innerDc, turn.draft, await submitQuickCheck(turn, card));
    }
    const text = activity.type === ActivityTypes.Message ? activity.text : undefined;
    if (text) {
      const turn = await this.turn(innerDc.context);
      const question = AskDialog.pending(innerDc);
      const command = callCommand(turn.draft, text) ?? recognizeCommand(text, turn.texts.locale, { answers: question?.choices, freeText: question?.expect === 'text' });
      if (command) return this.again(innerDc, turn.draft, await runCommand(command, turn));
    }
    return super.onContinueDialog(innerDc);
  }

  /** A command or a card interrupts the question: the flow starts again from the draft, where they say. */
  private async again(dc: DialogContext, draft: Draft, options: FlowOptions): Promise<DialogTurnResult> {
    await this.deps.drafts.set(dc.context, draft);
    await dc.cancelAllDialogs();
    return dc.beginDialog(FLOW, options);
  }

  /** Confirmed: state and transcripts go; the page clears itself and offers a new start (its texts come along). */
  private async erase(dc: DialogContext, texts: Texts): Promise<DialogTurnResult> {
    await dc.cancelAllDialogs();
    await this.deps.erase(dc.context);
    await dc.context.sendActivity(texts.t('erased'));
    await dc.context.sendActivity({ type: ActivityTypes.Event, name: ERASED_EVENT, value: { text: texts.t('erased'), startAgain: texts.t('choice.startAgain') } });
    return { status: DialogTurnStatus.complete };
  }
}

