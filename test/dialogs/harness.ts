import { ActivityTypes, MemoryStorage, TestAdapter, type Activity, type Storage } from 'botbuilder';
import { createBot } from '../../bot/chat/create-bot';
import { TEST_TODAY, testEngine } from '../support/engine';

/** A conversation with the real bot through botbuilder's TestAdapter, collecting every reply. */
export class Conversation {
  readonly adapter: TestAdapter;
  readonly replies: Partial<Activity>[] = [];
  readonly errors: string[] = [];
  private cursor = 0;

  constructor(
    readonly storage: Storage = new MemoryStorage(),
    readonly userId = 'user-1',
    conversationId = 'conv-1',
    locale = 'fr-FR',
  ) {
    const { bot, onTurnError } = createBot({ storage, engine: testEngine(), today: TEST_TODAY, logError: (m) => this.errors.push(m) });
    this.adapter = new TestAdapter(async (context) => bot.run(context), {
      channelId: 'test',
      locale,
      from: { id: userId, name: 'user' },
      recipient: { id: 'bot', name: 'Boussole', role: 'bot' },
      conversation: { id: conversationId, isGroup: false, conversationType: 'personal', name: 'c' },
    });
    this.adapter.onTurnError = onTurnError;
  }

  /** Sends the join event (what Web Chat's Direct Line start triggers) and returns the new replies. */
  async join(): Promise<Partial<Activity>[]> {
    await this.adapter.processActivity({
      type: ActivityTypes.ConversationUpdate,
      membersAdded: [{ id: this.userId, name: 'user' }, { id: 'bot', name: 'Boussole' }],
    });
    return this.drain();
  }

  async say(text: string): Promise<Partial<Activity>[]> {
    await this.adapter.send(text);
    return this.drain();
  }

  /** What Web Chat sends when an Adaptive Card's Action.Submit is pressed: a message with a value, no text. */
  async submit(value: Record<string, unknown>): Promise<Partial<Activity>[]> {
    await this.adapter.send({ type: ActivityTypes.Message, value });
    return this.drain();
  }

  private drain(): Partial<Activity>[] {
    while (this.adapter.activeQueue.length > 0) this.replies.push(this.adapter.activeQueue.shift()!);
    const fresh = this.replies.slice(this.cursor);
    this.cursor = this.replies.length;
    return fresh;
  }
}

export const textOf = (replies: Partial<Activity>[]) => replies.map((r) => r.text ?? '').join('\n');
export const buttonsOf = (replies: Partial<Activity>[]) => replies.at(-1)?.suggestedActions?.actions.map((a) => a.title) ?? [];
