import { readFile, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import type { Activity } from 'botbuilder';
import type { ConversationRecord } from '../../channels/directline/conversationStore';
import type { LowdbConversations } from './lowdbConversations';
import type { LowdbStorage } from './lowdbStorage';

/** What versions before the per-record store kept: every item in `state.json`, every conversation in `directline.json`. */
interface LegacyState {
  items?: Record<string, { value?: Record<string, unknown> }>;
}
interface LegacyConversations {
  conversations?: Array<ConversationRecord & { activities?: Activity[] }>;
}

/**
 * Moves the single-file data of earlier versions into per-record files at the first start after an
 * upgrade, so open conversations and answers survive it; the old files are then deleted (they hold
 * personal data that "erase my data" would no longer reach).
 */
export async function importLegacyFiles(dataDir: string, storage: LowdbStorage, conversations: LowdbConversations): Promise<void> {
  const state = await readLegacy<LegacyState>(join(dataDir, 'state.json'));
  if (state) {
    for (const [key, entry] of Object.entries(state.items ?? {})) {
      const item: Record<string, unknown> = {};
      Object.defineProperty(item, key, { value: entry.value ?? {}, enumerable: true }); // '__proto__' too
      await storage.write(item);
    }
    await unlink(join(dataDir, 'state.json'));
  }
  const log = await readLegacy<LegacyConversations>(join(dataDir, 'directline.json'));
  if (log) {
    for (const { activities, ...record } of log.conversations ?? []) await conversations.restore(record, activities ?? []);
    await unlink(join(dataDir, 'directline.json'));
  }
}

async function readLegacy<T>(file: string): Promise<T | undefined> {
  try {
    return JSON.parse(await readFile(file, 'utf8')) as T;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}
