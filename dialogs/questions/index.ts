import { age } from './age';
import { frenchLevel } from './french-level';
import { language } from './language';
import { changeWhich, eraseConfirm, menu, planMenu, returning } from './menus';
import { moreNeeds, needs } from './needs';
import { location, placeChoice } from './place';
import type { Question, QuestionId } from './question';
import { inFranceSince, statusSince } from './since';
import { status } from './status';
import { YES_NO_QUESTIONS } from './yes-no';

/** Every question by its id: the flow asks them and hands each answer back to its own question. */
export const QUESTIONS: Record<QuestionId, Question> = {
  language,
  status,
  statusSince,
  inFranceSince,
  ...YES_NO_QUESTIONS,
  frenchLevel,
  location,
  placeChoice,
  needs,
  moreNeeds,
  age,
  returning,
  planMenu,
  menu,
  changeWhich,
  eraseConfirm,
};
