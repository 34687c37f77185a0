import { LOCALES, THEMES } from '../../../knowledge/contracts/vocabulary';
import { chatTexts, text, type ChatTexts } from './chat-texts';
import type { WireActivity } from './directline-client';
import { pick, pickSome, seeded } from './random';
import type { Script, Step } from './script';

/**
 * A person answering Boussole's questions with the buttons, as on a phone: the persona is what they
 * would answer (status, since when, CIR, French level, place, needs...); the question is recognised by
 * its text in the person's language, and the button by its title. Typed answers only for the place.
 */
interface Persona {
  status: 'bpi' | 'temporary_protection' | 'newcomer' | 'asylum_seeker' | 'other' | 'unknown';
  since: string;
  cir: YesNo;
  level: 'alpha' | 'none' | 'A1' | 'A2' | 'B1' | 'B2' | 'unknown';
  readsWrites: YesNo;
  /** Typed as a person would: a postcode, a town (some ambiguous), or the skip button. */
  place: string | 'skip';
  needs: string[];
  age: 'under16' | '16to17' | '18to25' | '26to29' | '30plus';
  disability: YesNo;
  foreignLicence: YesNo;
  children: YesNo;
}
type YesNo = 'yes' | 'no' | 'dontKnow';

const PLACES = ['75011', '69003', '13001', '33000', '44000', 'Limoges', 'Lille', 'Toulouse', 'Saint-Denis', 'skip'] as const;
const NEEDS = THEMES.filter((t) => t !== 'emergency');
const HERO_CARD = 'application/vnd.microsoft.card.hero';

function personaOf(index: number): Persona {
  const r = seeded(0x5eed + index);
  const status = pick(r, ['bpi', 'bpi', 'asylum_seeker', 'asylum_seeker', 'newcomer', 'temporary_protection', 'other', 'unknown'] as const);
  const since = status === 'asylum_seeker' ? pick(r, ['lessThan3Months', 'moreThan3Months', 'dontKnow']) : pick(r, ['thisYear', 'lastYear', 'twoToFive', 'moreThanFive', 'dontKnow']);
  const yesNo = (): YesNo => pick(r, ['yes', 'no', 'no', 'dontKnow'] as const);
  return {
    status,
    since,
    cir: yesNo(),
    level: pick(r, ['alpha', 'none', 'A1', 'A2', 'B1', 'B2', 'unknown'] as const),
    readsWrites: pick(r, ['yes', 'yes', 'no'] as const),
    place: pick(r, PLACES),
    needs: pickSome(r, NEEDS, 1 + Math.floor(r() * 3)),
    age: pick(r, ['18to25', '26to29', '30plus', '30plus'] as const),
    disability: yesNo(),
    foreignLicence: yesNo(),
    children: yesNo(),
  };
}

/** Question prompts (`q.*`) → question id, longest first so a prompt containing another wins. */
function promptsOf(texts: ChatTexts): [string, string][] {
  return [...texts]
    .filter(([key]) => key.startsWith('q.'))
    .map(([key, prompt]): [string, string] => [key.startsWith('q.statusSince.') ? 'statusSince' : key.slice(2), prompt])
    .sort((a, b) => b[1].length - a[1].length);
}

/** Whether these replies are the plan: its opening line, or the carousel of places to go. */
export function isPlan(bot: readonly WireActivity[], texts: ChatTexts): boolean {
  const intro = text(texts, 'plan.intro');
  return bot.some((a) => a.text?.startsWith(intro) || (a.attachmentLayout === 'carousel' && a.attachments?.some((c) => c.contentType === HERO_CARD)));
}

export function boussolePersona(index: number): Script {
  const locale = LOCALES[index % LOCALES.length]!;
  const texts = chatTexts(locale);
  const prompts = promptsOf(texts);
  const persona = personaOf(index);
  const notes = { reprompts: 0, unknownQuestions: 0, missingButtons: 0, ambiguousPlaces: 0 };
  let lastQuestion: string | undefined;
  let needsSent = 0;

  const identify = (said: string): string | undefined => {
    const found = prompts.find(([, prompt]) => said.includes(prompt))?.[0];
    // "Just tap a button" after two misunderstandings repeats no prompt: it is the same question.
    return found ?? (said.includes(text(texts, 'reprompt.buttons')) ? lastQuestion : undefined);
  };

  /** The button title (or typed text) this persona gives to a question; undefined = first button. */
  const wanted = (question: string): string | undefined => {
    const t = (key: string) => text(texts, key);
    switch (question) {
      case 'language':
        return t('language.name');
      case 'returning':
        return t('choice.returning.restart');
      case 'status':
        return t(persona.status === 'unknown' ? 'choice.dontKnow' : `choice.status.${persona.status}`);
      case 'statusSince':
        return t(persona.since === 'dontKnow' ? 'choice.dontKnow' : `choice.since.${persona.since}`);
      case 'cir':
      case 'readsWrites':
      case 'disability':
      case 'foreignLicence':
        return t(`choice.${persona[question]}`);
      case 'children.schoolAge':
        return t(`choice.${persona.children}`);
      case 'frenchLevel':
        return t(persona.level === 'unknown' ? 'choice.dontKnow' : `choice.level.${persona.level}`);
      case 'location':
        return persona.place === 'skip' ? t('choice.skip') : persona.place;
      case 'placeChoice':
        notes.ambiguousPlaces += 1;
        return undefined;
      case 'needs':
      case 'moreNeeds': {
        const need = persona.needs[needsSent];
        needsSent += 1;
        return need ? t(`choice.need.${need}`) : t('choice.need.done');
      }
      case 'age':
        return t(`choice.age.${persona.age}`);
      default:
        return undefined;
    }
  };

  return {
    locale,
    // The greeting ends with the first question (the language, with its buttons).
    welcomed: (bot) => bot.some((a) => (a.suggestedActions?.actions?.length ?? 0) > 0),
    next(bot): Step {
      if (isPlan(bot, texts)) return { done: true };
      const question = bot.findLast((a) => (a.suggestedActions?.actions?.length ?? 0) > 0);
      if (!question) return { fail: 'no-question' };
      const said = question.text ?? '';
      if (said.startsWith(text(texts, 'reprompt.first')) || said.includes(text(texts, 'reprompt.buttons'))) notes.reprompts += 1;
      const id = identify(said);
      if (id === undefined) notes.unknownQuestions += 1;
      if (id === 'menu' || id === 'changeWhich') return { fail: `unexpected-question-${id}` };
      lastQuestion = id;
      const actions = question.suggestedActions?.actions ?? [];
      const answer = id === undefined ? undefined : wanted(id);
      // A typed place is not a button; anything else must be one of the buttons shown.
      if (answer !== undefined && id === 'location' && persona.place !== 'skip') return { send: answer };
      const button = actions.find((a) => a.title === answer) ?? actions[0];
      if (answer !== undefined && button?.title !== answer) notes.missingButtons += 1;
      const value = typeof button?.value === 'string' ? button.value : button?.title;
      return value ? { send: value } : { fail: 'no-button' };
    },
    notes: () => ({ ...notes }),
  };
}
