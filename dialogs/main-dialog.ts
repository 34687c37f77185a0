import { ActivityTypes, MessageFactory, type Activity, type StatePropertyAccessor, type TurnContext } from 'botbuilder';
import {
  ComponentDialog,
  DialogTurnStatus,
  WaterfallDialog,
  type DialogContext,
  type DialogTurnResult,
  type WaterfallStepContext,
} from 'botbuilder-dialogs';
import { parseProfile, type Profile } from '../knowledge/contracts/profile';
import type { OrientationResult } from '../knowledge/contracts/result';
import { LOCALES, type Locale } from '../knowledge/contracts/vocabulary';
import { communesBySound, resolveLocation, type GeoResolution } from '../knowledge/geo';
import type { Engine } from '../knowledge/orient';
import { ADVISOR_TEXTS, advisorQuestion, callerSms, caseNote, languageName, smsCountLine } from './advisor/script';
import { applyAnswer } from './apply-answer';
import { QUICK_CHECK, missingLines, quickCheckCard, readQuickCheck } from './quick-check-card';
import { AskDialog, type AskResult } from './ask-dialog';
import { recognizeCommand, type Command } from './commands';
import { emptyDraft, forget, answer, type Draft, type Field } from './draft';
import { textsFor, type Texts } from './i18n';
import { nextQuestion } from './next-question';
import { helpMessage, planDetails, planMessages } from './plan-messages';
import { questionOptions, type PlaceCandidate, type QuestionId } from './questions';
import { detectLanguage } from './understanding/detect-language';
import { asciiDigits } from './understanding/normalize';
import { locationQueryOf, placeFromSentence, withoutLocative } from './understanding/place-text';

export interface MainDialogDeps {
  engine: Engine;
  drafts: StatePropertyAccessor<Draft>;
  today: () => Date;
  /** Deletes everything stored about this user and conversation (state and transcript). */
  erase(context: TurnContext): Promise<void>;
}

interface FlowOptions {
  welcome?: boolean;
  mode?: QuestionId;
  candidates?: PlaceCandidate[];
  /** Said before the question (e.g. "this place was not found"). */
  notice?: string;
}

const FLOW = 'flow';

/** Questions whose typed answers are said back (language and place say it their own way). */
const NOTED: ReadonlySet<QuestionId> = new Set<QuestionId>(['status', 'statusSince', 'cir', 'frenchLevel', 'readsWrites', 'needs', 'moreNeeds', 'foreignLicence', 'children.schoolAge', 'age', 'disability']);

/** Events to the page: the person chose a language; everything about them was erased. */
export const LANGUAGE_EVENT = 'boussole/language';
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

  private async askStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const options = (step.options ?? {}) as FlowOptions;
    const draft = await this.draftOf(step.context);
    const texts = this.texts(draft, step.context);
    if (options.welcome) {
      // A new conversation opened in another language (the page's picker) is the person's choice.
      const fromPage = this.pageLocale(step.context);
      if (draft.locale && fromPage && fromPage !== draft.locale) {
        draft.locale = fromPage;
        await this.deps.drafts.set(step.context, draft);
      }
      await step.context.sendActivity(`${texts.t('welcome.hello')}\n\n${texts.t('welcome.privacy')}`);
      if (draft.planAt) return this.ask(step, 'returning', draft, texts);
    }
    if (options.notice) await step.context.sendActivity(options.notice);
    const id = options.mode ?? nextQuestion(draft, this.deps.engine);
    if (id === 'plan') {
      await this.sendPlan(step.context, draft);
      return this.ask(step, 'planMenu', draft, texts);
    }
    return this.ask(step, id, draft, texts, options.candidates);
  }

  private ask(step: WaterfallStepContext, id: QuestionId, draft: Draft, texts: Texts, candidates?: PlaceCandidate[]) {
    Object.assign(step.values, { id, candidates } satisfies StepValues);
    const guessedLocale = this.guess(step.context);
    const options = questionOptions(id, { draft, texts, ...(guessedLocale ? { guessedLocale } : {}), ...(candidates ? { candidates } : {}) });
    return step.beginDialog(AskDialog.ID, draft.advisor ? advisorQuestion(options, id, draft.answered.length + 1) : options);
  }

  private async applyStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const { id, candidates } = step.values as StepValues;
    const result = step.result as AskResult;
    const draft = await this.draftOf(step.context);
    const value = result.kind === 'choice' ? result.value : undefined;
    let next: FlowOptions = {};
    // A typed answer is said back as understood, so a misreading shows at once (buttons need no echo).
    if (result.understood && NOTED.has(id)) await step.context.sendActivity(this.texts(draft, step.context).t('noted', { answer: result.understood }));

    switch (id) {
      case 'language':
        if (draft.advisor) {
          // The advisor's texts stay French; the caller's language is for their SMS.
          draft.advisor.caller = value as Locale;
          answer(draft, 'language');
          await step.context.sendActivity(ADVISOR_TEXTS.callerLanguage.replace('{{language}}', languageName(value as Locale)));
          break;
        }
        draft.locale = value as Locale;
        answer(draft, 'language');
        await step.context.sendActivity(textsFor(draft.locale).t('language.set'));
        // The page follows (direction, its own texts); other channels ignore events.
        await step.context.sendActivity({ type: ActivityTypes.Event, name: LANGUAGE_EVENT, value: draft.locale });
        break;
      case 'eraseConfirm':
        if (value === 'erase') return this.erase(step, draft);
        await step.context.sendActivity(this.texts(draft, step.context).t('erase.kept'));
        next = this.backToWhereItWas(draft);
        break;
      case 'returning':
        if (value === 'restart') this.reset(draft);
        break;
      case 'planMenu':
        if (value === 'more') {
          await this.sendDetails(step.context, draft);
          next = { mode: 'planMenu' };
          break;
        }
        if (value === 'menu') return step.replaceDialog(FLOW, { mode: 'menu' });
        return this.runCommand(step, 'help', draft);
      case 'menu':
        return this.onMenu(step, draft, value);
      case 'changeWhich':
        if (value) forget(draft, value as Field);
        break;
      case 'location':
        next = await this.applyPlace(step.context, draft, result);
        break;
      case 'placeChoice': {
        const chosen = candidates?.find((c) => c.inseeCode === value);
        answer(draft, 'location');
        if (chosen) {
          draft.profile.location = { inseeCode: chosen.inseeCode };
          await step.context.sendActivity(this.texts(draft, step.context).t('place.found', { place: `${chosen.name} (${chosen.department})` }));
        }
        break;
      }
      case 'moreNeeds':
        applyAnswer(draft, 'needs', result, this.deps.today());
        break;
      default:
        applyAnswer(draft, id, result, this.deps.today());
    }
    await this.deps.drafts.set(step.context, draft);
    return step.replaceDialog(FLOW, next);
  }

  /** Resolves a typed place; ambiguous names become buttons, unknown ones are asked again. */
  private async applyPlace(context: TurnContext, draft: Draft, result: AskResult): Promise<FlowOptions> {
    const texts = this.texts(draft, context);
    if (result.kind !== 'text') {
      answer(draft, 'location');
      await context.sendActivity(texts.t('place.skipped'));
      return {};
    }
    const { location } = findPlace(asciiDigits(result.text));
    if (location.status === 'ambiguous') {
      // The person's likely department first: mainland before overseas, then the largest town.
      const overseas = (d: string) => (d.startsWith('97') ? 1 : 0);
      const ranked = [...location.candidates].sort((a, b) => overseas(a.department) - overseas(b.department));
      const candidates = ranked.slice(0, 6).map((c) => ({ inseeCode: c.inseeCode, name: c.name, department: c.department }));
      return { mode: 'placeChoice', candidates };
    }
    if (location.status !== 'resolved') return { mode: 'location', notice: texts.t('place.notFound') };
    draft.profile.location = location.inseeCode ? { inseeCode: location.inseeCode } : location.postcode ? { postcode: location.postcode } : { department: location.department };
    answer(draft, 'location');
    const place = location.commune ? `${location.commune} (${location.department})` : (location.postcode ?? location.department);
    await context.sendActivity(texts.t('place.found', { place }));
    return {};
  }

  private async onMenu(step: WaterfallStepContext, draft: Draft, value: string | undefined): Promise<DialogTurnResult> {
    if (value === 'showPlan') return step.replaceDialog(FLOW, { mode: undefined });
    return this.runCommand(step, (value ?? 'help') as Command, draft);
  }

  private reset(draft: Draft): void {
    const locale = draft.locale;
    Object.assign(draft, emptyDraft(locale));
    if (locale) answer(draft, 'language');
  }

  private async sendPlan(context: TurnContext, draft: Draft): Promise<void> {
    const texts = this.texts(draft, context);
    const parsed = parseProfile(draft.profile);
    if (!parsed.ok) {
      // A draft from an older version that no longer validates: start its questions again.
      this.reset(draft);
      await this.deps.drafts.set(context, draft);
      return;
    }
    const result = this.deps.engine.orient(parsed.profile, texts.locale);
    if (draft.advisor) await context.sendActivities(this.handOver(parsed.profile, result, draft.advisor.caller ?? 'fr', texts));
    else await context.sendActivities(planMessages(result, parsed.profile.needs, texts));
    draft.planAt = this.deps.today().toISOString().slice(0, 10);
    await this.deps.drafts.set(context, draft);
  }

  /** End of an advisor's call: the case note to copy, and the caller's SMS in their language with its length. */
  private handOver(profile: Profile, result: OrientationResult, caller: Locale, fr: Texts): Partial<Activity>[] {
    const sms = callerSms(caller === fr.locale ? result : this.deps.engine.orient(profile, caller), textsFor(caller));
    return [
      MessageFactory.text(`${ADVISOR_TEXTS.note}\n\n\`\`\`\n${caseNote(profile, result, caller, fr, this.deps.today())}\n\`\`\``),
      MessageFactory.text(`${ADVISOR_TEXTS.sms.replace('{{language}}', languageName(caller))}\n\n\`\`\`\n${sms}\n\`\`\`\n\n${smsCountLine(sms)}`),
    ];
  }

  /** The rest of the plan, computed again from the answers (the engine is deterministic and fast). */
  private async sendDetails(context: TurnContext, draft: Draft): Promise<void> {
    const texts = this.texts(draft, context);
    const parsed = parseProfile(draft.profile);
    if (!parsed.ok) return;
    const result = this.deps.engine.orient(parsed.profile, texts.locale);
    await context.sendActivities(planDetails(result, parsed.profile.needs, texts));
  }

  /** Global commands first: the current question is asked again afterwards, its answers kept. */
  protected override async onContinueDialog(innerDc: DialogContext): Promise<DialogTurnResult> {
    const activity = innerDc.context.activity;
    const card = activity.value as Record<string, unknown> | undefined;
    if (activity.type === ActivityTypes.Message && card && typeof card === 'object' && card.boussole === QUICK_CHECK) {
      return this.onQuickCheck(innerDc, await this.draftOf(innerDc.context), card);
    }
    if (activity.type === ActivityTypes.Message && activity.text) {
      const draft = await this.draftOf(innerDc.context);
      const question = AskDialog.pending(innerDc);
      // On a call, 0 is "back" (numbers pick options everywhere else).
      if (draft.advisor && activity.text.trim() === '0') return this.runCommand(innerDc, 'back', draft);
      const command = recognizeCommand(activity.text, draft.locale ?? this.guess(innerDc.context) ?? 'fr', {
        answers: question?.choices,
        freeText: question?.expect === 'text',
      });
      if (command) return this.runCommand(innerDc, command, draft);
    }
    return super.onContinueDialog(innerDc);
  }

  private async runCommand(dc: DialogContext, command: Command, draft: Draft): Promise<DialogTurnResult> {
    const texts = this.texts(draft, dc.context);
    const again = async (options: FlowOptions = {}) => {
      await this.deps.drafts.set(dc.context, draft);
      await dc.cancelAllDialogs();
      return dc.beginDialog(FLOW, options);
    };
    switch (command) {
      case 'help':
      case 'human':
        await dc.context.sendActivity(command === 'help' ? helpMessage(texts) : MessageFactory.text(texts.t('human.text')));
        return again(this.backToWhereItWas(draft));
      case 'restart':
        this.reset(draft);
        await dc.context.sendActivity(texts.t('restarted'));
        return again();
      case 'language':
        forget(draft, 'language');
        return again();
      case 'back': {
        // The caller's language is an answer like the others on a call; in the chat it is changed apart.
        const last = [...draft.answered].reverse().find((f) => f !== 'language' || draft.advisor);
        if (last) forget(draft, last);
        else if (draft.profile.needs?.length) draft.profile.needs = [];
        await dc.context.sendActivity(texts.t('back'));
        return again();
      }
      case 'change':
        if (!draft.answered.some((f) => f !== 'language')) {
          await dc.context.sendActivity(texts.t('nothingToChange'));
          return again();
        }
        return again({ mode: 'changeWhich' });
      case 'erase':
        return again({ mode: 'eraseConfirm' });
      case 'check':
        await dc.context.sendActivity(MessageFactory.attachment(quickCheckCard(texts, draft)));
        return again(this.backToWhereItWas(draft));
      case 'advisor':
        // A new call: nothing of the previous caller is kept.
        Object.assign(draft, emptyDraft('fr'), { advisor: {} });
        delete draft.planAt;
        await dc.context.sendActivity(ADVISOR_TEXTS.start);
        return again();
    }
  }

  /** A submitted quick-check card: its answers join the draft; the plan comes at once, with what is missing. */
  private async onQuickCheck(dc: DialogContext, draft: Draft, card: Record<string, unknown>): Promise<DialogTurnResult> {
    const texts = this.texts(draft, dc.context);
    const { profile, answered: settled, invalid } = readQuickCheck(card, this.deps.today());
    draft.profile = { ...draft.profile, ...profile, needs: profile.needs?.length ? profile.needs : (draft.profile.needs ?? []) };
    for (const field of settled) answer(draft, field);
    if (!draft.locale) draft.locale = texts.locale;
    answer(draft, 'language');
    const again = async (options: FlowOptions) => {
      await this.deps.drafts.set(dc.context, draft);
      await dc.cancelAllDialogs();
      return dc.beginDialog(FLOW, options);
    };
    if (invalid.length) {
      // Said plainly, and the card again with what was right kept.
      await dc.context.sendActivity(texts.t('check.invalid', { fields: invalid.map((f) => texts.t(`choice.field.${f}`)).join(', ') }));
      await dc.context.sendActivity(MessageFactory.attachment(quickCheckCard(texts, draft)));
      return again(this.backToWhereItWas(draft));
    }
    const parsed = parseProfile(draft.profile);
    if (!parsed.ok) return again({});
    const result = this.deps.engine.orient(parsed.profile, texts.locale);
    await dc.context.sendActivities(planMessages(result, parsed.profile.needs, texts));
    const missing = missingLines(result, texts);
    if (missing.length) await dc.context.sendActivity([texts.t('check.missing'), ...missing].join('\n'));
    draft.planAt = this.deps.today().toISOString().slice(0, 10);
    return again({ mode: 'planMenu' });
  }

  /** Back to the same question; once the plan is shown, back to the menu rather than the plan again. */
  private backToWhereItWas(draft: Draft): FlowOptions {
    return nextQuestion(draft, this.deps.engine) === 'plan' ? { mode: 'planMenu' } : {};
  }

  /** Confirmed: state and transcripts go; the page clears itself and offers a new start (its texts come along). */
  private async erase(dc: DialogContext, draft: Draft): Promise<DialogTurnResult> {
    const texts = this.texts(draft, dc.context);
    await dc.cancelAllDialogs();
    await this.deps.erase(dc.context);
    await dc.context.sendActivity(texts.t('erased'));
    await dc.context.sendActivity({ type: ActivityTypes.Event, name: ERASED_EVENT, value: { text: texts.t('erased'), startAgain: texts.t('choice.startAgain') } });
    return { status: DialogTurnStatus.complete };
  }
}


/**
 * A typed place: a postcode, a department number, or a town's name, also inside a sentence ("j'habite à
 * Saint-Denis"), in a Russian or Ukrainian case ("в Ліоні"), or written in another script ("ليون").
 */
function findPlace(text: string): GeoResolution {
  const said = text.trim();
  const written = locationQueryOf(said);
  if (written.commune === undefined) return resolveLocation(written);
  const place = placeFromSentence(said).slice(0, 100) || said.slice(0, 100);
  const postcode = /\b(\d{5})\b/.exec(place)?.[1];
  if (postcode) return resolveLocation({ postcode });
  for (const name of [place, withoutLocative(place)]) {
    if (!name) continue;
    const found = resolveLocation({ commune: name });
    if (found.location.status !== 'not_found') return found;
    const sounding = communesBySound(name).slice(0, 4);
    // One town, or one far larger than the others that sound alike (Lyon, not Laon): that one.
    const [first, second] = sounding;
    if (first && (!second || (first.population ?? 0) >= 4 * (second.population ?? 0))) return resolveLocation({ inseeCode: first.inseeCode });
    if (sounding.length > 1) {
      return { location: { status: 'ambiguous', query: name, candidates: sounding.map((c) => ({ inseeCode: c.inseeCode, name: c.name, department: c.department, postcodes: c.postcodes })) } };
    }
  }
  return resolveLocation({ commune: place });
}
