import { mkdtempSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createChat } from '../../bot/chat/chat';
import { loadConfig } from '../../bot/config';
import { openStateStore } from '../../bot/storage';
import { TEST_TODAY, testEngine } from '../support/engine';

const DAY = 24 * 3600 * 1000;

describe('retention', () => {
  it('deletes state and conversations idle for longer than RETENTION_DAYS and keeps the rest', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'retention-'));
    let clock = new Date(Date.now() - 31 * DAY);
    const state = await openStateStore({ dataDir, now: () => clock });
    try {
      await state.storage.write({ 'directline/users/old/': { draft: {} } });
      const old = await state.conversations.create('old');
      clock = new Date(Date.now() - 29 * DAY);
      await state.storage.write({ 'directline/users/recent/': { draft: {} } });
      const recent = await state.conversations.create('recent');

      const chat = createChat(loadConfig({ DATA_DIR: dataDir, RETENTION_DAYS: '30' }), testEngine(), TEST_TODAY, state);
      await chat.purgeExpired();

      const items = await state.storage.read(['directline/users/old/', 'directline/users/recent/']);
      expect(Object.keys(items)).toEqual(['directline/users/recent/']);
      expect(await state.conversations.get(old.id)).toBeUndefined();
      expect(await state.conversations.get(recent.id)).toMatchObject({ userId: 'recent' });
    } finally {
      await state.close();
      await rm(dataDir, { recursive: true, force: true });
    }
  });
});
