import { execFileSync } from 'node:child_process';
import type { Activity } from 'botbuilder';
import { Client } from 'pg';
import { MemoryStorage } from 'botbuilder';
import { newConversationId, stamp } from '../../../bot/channels/directline/conversationStore';
import { openStateStore } from '../../../bot/storage';
import { Conversation, buttonsOf } from '../../dialogs/harness';
import type { ScenarioEnv } from './scenarios';

const DAY = 24 * 3600 * 1000;

/** What one finished conversation leaves in the store: both states and the whole Direct Line log. */
interface Sample {
  userState: Record<string, unknown>;
  conversationState: Record<string, unknown>;
  /** User messages and bot replies in order, as the adapter would store them (before stamping). */
  activities: Array<Partial<Activity>>;
}

/**
 * A real conversation to a plan, held with the real bot (TestAdapter, French, tapping buttons), so that
 * the stored conversations have the size and shape of real ones: plan cards included.
 */
async function sampleConversation(): Promise<Sample> {
  const storage = new MemoryStorage();
  const talk = new Conversation(storage, 'sample-user', 'sample-conversation');
  const activities: Array<Partial<Activity>> = [];
  const bot = { id: 'boussole', name: 'Boussole', role: 'bot' };
  const user = { id: 'sample-user', name: '', role: 'user' };
  const keep = (replies: Array<Partial<Activity>>) => {
    for (const reply of replies) activities.push({ ...reply, channelId: 'directline', from: bot, recipient: user });
  };
  // Until the plan: its cards come as a carousel of hero cards.
  const planned = (replies: Array<Partial<Activity>>) => replies.some((a) => a.attachmentLayout === 'carousel');
  let replies = await talk.join();
  keep(replies);
  for (let turn = 0; turn < 30 && buttonsOf(replies).length > 0 && !planned(replies); turn++) {
    const text = buttonsOf(replies)[0]!;
    activities.push({ type: 'message', text, channelId: 'directline', from: user, recipient: bot, locale: 'fr-FR' });
    replies = await talk.say(text);
    keep(replies);
  }
  if (!planned(replies)) throw new Error('The sample conversation did not reach a plan.');
  const memory = (storage as unknown as { memory: Record<string, string> }).memory;
  const item = (prefix: string) => JSON.parse(Object.entries(memory).find(([key]) => key.startsWith(prefix))![1]) as Record<string, unknown>;
  return { userState: item('test/users/'), conversationState: item('test/conversations/'), activities };
}

/**
 * Scenario (c): `count` finished conversations written through the storage API (the same calls the
 * service makes: Storage.write and the conversation store's restore), spread over the retention
 * period so that none is purged at start. Writes run a few dozen at a time.
 */
export async function fillStore({ dataDir, env }: ScenarioEnv, count: number, log: (line: string) => void): Promise<void> {
  const sample = await sampleConversation();
  const state = await openStateStore({ dataDir, databaseUrl: env.DATABASE_URL });
  const started = Date.now();
  try {
    let next = 0;
    const worker = async () => {
      for (let i = next++; i < count; i = next++) {
        const id = newConversationId();
        const userId = `r_fill${i}`;
        const last = new Date(started - (i % 29) * DAY - (i % 1000) * 60_000);
        const { eTag: _u, ...userState } = sample.userState;
        const { eTag: _c, ...conversationState } = sample.conversationState;
        await state.storage.write({ [`directline/users/${userId}/`]: userState, [`directline/conversations/${id}/`]: conversationState });
        const at = last.toISOString();
        const stored = sample.activities.map((activity, n) =>
          stamp(id, n + 2, at, { ...activity, conversation: { id } as Activity['conversation'], recipient: activity.recipient?.role === 'user' ? { ...activity.recipient, id: userId } : activity.recipient, from: activity.from?.role === 'user' ? { ...activity.from, id: userId } : activity.from }),
        );
        await state.conversations.restore({ id, userId, locale: 'fr', createdAt: at, started: true, seq: stored.length + 1 }, stored, last);
        if ((i + 1) % 20_000 === 0) log(`  ${i + 1} conversations stored (${Math.round((Date.now() - started) / 1000)} s)`);
      }
    };
    await Promise.all(Array.from({ length: 32 }, worker));
  } finally {
    await state.close();
  }
  await settle(env.DATABASE_URL);
}

/**
 * A store that grew over weeks is at rest: what was just written in minutes is flushed to disk and,
 * in PostgreSQL, vacuumed and analysed, so the measurement does not take a bulk load's aftermath
 * (gigabytes of dirty pages, autovacuum, checkpoints) for the cost of serving.
 */
async function settle(databaseUrl: string | undefined): Promise<void> {
  if (databaseUrl) {
    const client = new Client({ connectionString: databaseUrl });
    await client.connect();
    try {
      await client.query('VACUUM ANALYZE');
      await client.query('CHECKPOINT');
    } finally {
      await client.end();
    }
  }
  execFileSync('sync');
}
