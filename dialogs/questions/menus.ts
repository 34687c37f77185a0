import type { Command } from '../commands';
import { forget, startOver, type Field } from '../draft';
import { backToWhereItWas } from '../next-question';
import { showDetails } from '../plan';
import { asking, choice, type Question } from './question';

/** The questions about the conversation itself: a returning visit, the menus, changing or erasing answers. */

/** The emergency numbers are a button under every plan already (and "help" is understood at every step). */
export const MENU_CHOICES = ['showPlan', 'summary', 'change', 'check', 'restart', 'language', 'human', 'erase'] as const;
/** Under the plan, three buttons only: the plan stays readable on a phone; the whole menu is one tap away. */
export const PLAN_MENU_CHOICES = ['more', 'help', 'menu'] as const;

export const returning: Question = {
  options: ({ texts }) =>
    asking(texts, `${texts.t('welcome.back')} ${texts.t('q.returning')}`, [
      choice(texts, 'showPlan', 'choice.returning.showPlan'),
      choice(texts, 'restart', 'choice.returning.restart'),
    ]),
  apply({ draft, value }) {
    if (value === 'restart') startOver(draft);
  },
};

export const planMenu: Question = {
  options: ({ draft, texts }) =>
    asking(texts, texts.t('q.planMenu'), [
      // Once the details are on the screen, "more" would only repeat them.
      ...PLAN_MENU_CHOICES.filter((m) => m !== 'more' || !draft.detailsShown).map((m) => choice(texts, m, m === 'help' ? 'choice.menu.help' : `choice.plan.${m}`)),
      // "No" to "anything else?" is understood, not a button.
      { ...choice(texts, 'nothing', 'choice.no', 'synonyms.no'), hidden: true },
    ]),
  async apply(turn) {
    if (turn.value === 'nothing') return { mode: 'planMenu', notice: turn.texts.t('plan.bye') };
    if (turn.value === 'more') {
      await showDetails(turn);
      return { mode: 'planMenu' };
    }
    return turn.value === 'menu' ? { mode: 'menu' } : { command: 'help' };
  },
};

export const menu: Question = {
  options: ({ texts }) => asking(texts, texts.t('q.menu'), MENU_CHOICES.map((m) => choice(texts, m, `choice.menu.${m}`))),
  apply({ value }) {
    // The plan is where the answers lead; every other item is the command of the same name.
    if (value !== 'showPlan') return { command: (value ?? 'help') as Command };
  },
};

export const changeWhich: Question = {
  options: ({ draft, texts }) =>
    asking(
      texts,
      texts.t('q.changeWhich'),
      draft.answered.filter((f) => f !== 'language').map((f) => choice(texts, f, `choice.field.${f}`)),
    ),
  apply({ draft, value }) {
    if (value) forget(draft, value as Field);
  },
};

export const eraseConfirm: Question = {
  options: ({ texts }) => asking(texts, texts.t('q.eraseConfirm'), [choice(texts, 'erase', 'choice.erase.confirm', 'synonyms.yes'), choice(texts, 'keep', 'choice.erase.keep', 'synonyms.no')]),
  async apply({ draft, value, texts, context, engine }) {
    if (value === 'erase') return { erase: true };
    await context.sendActivity(texts.t('erase.kept'));
    return backToWhereItWas(draft, engine);
  },
};
