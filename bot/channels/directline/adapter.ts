import { setTimeout as sleep } from 'node:timers/promises';
import {
  ActivityTypes,
  BotAdapter,
  TurnContext,
  type Activity,
  type ChannelAccount,
  type ConversationReference,
  type ResourceResponse,
} from 'botbuilder';
import type { ConversationStore, TurnLock } from './conversationStore';

/** What the facade needs from the bot: an ActivityHandler fits. */
export interface BotLogic {
  run(context: TurnContext): Promise<void>;
}

type TurnLogic = (context: TurnContext) => Promise<void>;

export interface DirectLineAdapterDeps {
  bot: BotLogic;
  store: ConversationStore;
  turns: TurnLock;
  botAccount: ChannelAccount;
  serviceUrl: () => string;
}

/**
 * In-process adapter for the local Direct Line: no HTTP hop to /api/messages and no connector
 * callback. Turns run through the middleware pipeline (so `onTurnError` and `use()` work as on
 * CloudAdapter); replies are stamped and appended to the conversation log that Web Chat polls.
 */
export class DirectLineAdapter extends BotAdapter {
  /** The replies of each conversation's turn in progress: appended together when the turn ends. */
  private readonly pending = new Map<string, Partial<Activity>[]>();

  constructor(private readonly deps: DirectLineAdapterDeps) {
    super();
  }

  /** Runs one bot turn for an incoming activity, after earlier turns of its conversation. */
  runTurn(activity: Activity): Promise<void> {
    return this.deps.turns.run(activity.conversation.id, () => this.turn(new TurnContext(this, activity), (context) => this.deps.bot.run(context)));
  }

  /**
   * A turn whose replies are kept and appended in one write when it ends (one commit on PostgreSQL, one
   * write(2) on lowdb): the client only reads them once its POST is answered, after the turn anyway.
   */
  private async turn(context: TurnContext, logic: TurnLogic): Promise<void> {
    const id = context.activity.conversation?.id ?? '';
    const replies: Partial<Activity>[] = [];
    this.pending.set(id, replies);
    try {
      await this.runMiddleware(context, logic);
    } finally {
      if (this.pending.get(id) === replies) this.pending.delete(id);
      await this.flush(id, replies);
    }
  }

  private async flush(conversationId: string, replies: Partial<Activity>[]): Promise<void> {
    if (replies.length === 0) return;
    const batch = replies.splice(0);
    if (!(await this.deps.store.appendMany(conversationId, batch))) throw new Error('Direct Line: cannot send to an unknown or purged conversation.');
  }

  /** "Erase my data" during a turn: what that turn said before the erasure is not written after it. */
  discardPending(conversationId: string): void {
    this.pending.get(conversationId)?.splice(0);
  }

  override async sendActivities(context: TurnContext, activities: Partial<Activity>[]): Promise<ResourceResponse[]> {
    const conversationId = context.activity.conversation?.id;
    if (!conversationId) throw new Error('Direct Line: cannot send to an unknown or purged conversation.');
    // Outside a turn of ours (none today), replies are written at once.
    const replies = this.pending.get(conversationId) ?? [];
    const responses: ResourceResponse[] = [];
    for (const activity of activities) {
      // 'delay' pauses between replies (TestAdapter and CloudAdapter honour it too); it is never shown:
      // what came before it is written first, so the pause is seen.
      if (activity.type === 'delay') {
        await this.flush(conversationId, replies);
        await sleep(typeof activity.value === 'number' ? activity.value : 1000);
        responses.push({ id: '' });
        continue;
      }
      // Traces are for the Emulator only (as on CloudAdapter); invoke responses have no HTTP caller here.
      if (activity.type === ActivityTypes.Trace || activity.type === ActivityTypes.InvokeResponse) {
        responses.push({ id: '' });
        continue;
      }
      // The turn's incoming activity comes from the user (routes set it from the token; proactive
      // turns from the reference), so the bot only ever writes to that conversation, to that user.
      const userId = context.activity.from?.id ?? '';
      // Copy through JSON: the log must not change when the bot later mutates its object.
      const copy = JSON.parse(JSON.stringify(activity)) as Partial<Activity>;
      replies.push({
        ...copy,
        channelId: 'directline',
        serviceUrl: this.deps.serviceUrl(),
        conversation: { id: conversationId } as Activity['conversation'],
        // Web Chat tells sides apart by from.id, so the bot always speaks as the bot account.
        from: { ...this.deps.botAccount, role: 'bot' },
        recipient: { id: userId, name: copy.recipient?.name ?? '', role: 'user' },
      });
      // Its id is given when the turn's replies are written (the log numbers them then).
      responses.push({ id: '' });
    }
    if (!this.pending.has(conversationId)) await this.flush(conversationId, replies);
    return responses;
  }

  // The Direct Line service cannot edit or delete what a client already received either.
  override updateActivity(): Promise<void> {
    return Promise.reject(new Error('Direct Line does not support updating activities.'));
  }

  override deleteActivity(): Promise<void> {
    return Promise.reject(new Error('Direct Line does not support deleting activities.'));
  }

  /** Proactive turn (e.g. a reminder); serialised with the user's turns of that conversation. */
  override continueConversation(reference: Partial<ConversationReference>, logic: TurnLogic): Promise<void> {
    const activity = TurnContext.applyConversationReference(
      { type: ActivityTypes.Event, name: 'continueConversation' },
      reference,
      true,
    ) as Activity;
    return this.deps.turns.run(activity.conversation.id, () => this.turn(new TurnContext(this, activity), logic));
  }

  /** CloudAdapter-style entry point; there is no authentication to check in-process. */
  override continueConversationAsync(
    _botAppIdOrClaimsIdentity: unknown,
    reference: Partial<ConversationReference>,
    logicOrAudience: TurnLogic | string,
    maybeLogic?: TurnLogic,
  ): Promise<void> {
    const logic = typeof logicOrAudience === 'function' ? logicOrAudience : maybeLogic;
    if (!logic) return Promise.reject(new TypeError('continueConversationAsync: logic is required.'));
    return this.continueConversation(reference, logic);
  }
}
