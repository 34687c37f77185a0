import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createChat } from '../../bot/chat/chat';
import { loadConfig } from '../../bot/config';
import { TEST_TODAY, testEngine } from '../support/engine';

const DAY = 24 * 3600 * 1000;

describe('retention', () => {
  it('deletes state idle for longer than RETENTION_DAYS and keeps the rest', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'retention-'));
    const entry = (daysAgo: number) => ({ eTag: 'x', modified: new Date(Date.now() - daysAgo * DAY).toISOString(), value: { draft: {} } });
    writeFileSync(
      join(dataDir, 'state.json'),
      JSON.stringify({ version: 1, items: { 'directline/users/old/': entry(31), 'directline/users/recent/': entry(29) } }),
    );
    const chat = createChat(loadConfig({ DATA_DIR: dataDir, RETENTION_DAYS: '30' }), testEngine(), TEST_TODAY);
    await chat.purgeExpired();
    const items = Object.keys(JSON.parse(readFileSync(join(dataDir, 'state.json'), 'utf8')).items);
    expect(items).toEqual(['directline/users/recent/']);
  });
});
