import type { TurnContext } from 'botbuilder';
import type { Engine } from '../knowledge/orient';
import type { Draft } from './draft';
import type { Texts } from './i18n';
import type { PlaceCandidate } from './questions/place';
import type { QuestionId } from './questions/question';

/** What handles a message (an answer, a command, a submitted card) works with. */
export interface Turn {
  context: TurnContext;
  draft: Draft;
  texts: Texts;
  engine: Engine;
  today: Date;
}

/** Where the conversation goes on: `mode`, else the question the answers call for; `notice` is said first. */
export interface FlowOptions {
  mode?: QuestionId;
  candidates?: PlaceCandidate[];
  /** Said before the question (e.g. "this place was not found"). */
  notice?: string;
}
