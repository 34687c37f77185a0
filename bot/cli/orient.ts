import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { parseProfile } from '../../knowledge/contracts/profile';
import { LOCALES, type Locale } from '../../knowledge/contracts/vocabulary';
import { clockOf, loadConfig } from '../config';
import { createDefaultEngine } from '../engine';

/**
 * `npm run --silent orient -- --profile <file.json> [--locale <lng>]`: the result JSON on stdout.
 * Invalid input: exit code 2, nothing on stdout, one line per problem on stderr.
 */
function fail(lines: string[]): never {
  process.stderr.write(lines.map((l) => `${l}\n`).join(''));
  process.exit(2);
}

function main(): void {
  let values: { profile?: string; locale?: string };
  try {
    ({ values } = parseArgs({ options: { profile: { type: 'string' }, locale: { type: 'string' } }, strict: true }));
  } catch (e) {
    fail([`${(e as Error).message}`, 'usage: npm run --silent orient -- --profile <file.json> [--locale <lng>]']);
  }
  if (!values.profile) fail(['--profile <file.json> is required']);
  if (values.locale !== undefined && !LOCALES.includes(values.locale as Locale)) {
    fail([`locale: must be one of: ${LOCALES.join(', ')}`]);
  }
  let input: unknown;
  try {
    input = JSON.parse(readFileSync(values.profile, 'utf8'));
  } catch (e) {
    const err = e as NodeJS.ErrnoException;
    fail([err.code ? `cannot read ${values.profile}: ${err.code}` : `${values.profile} is not valid JSON: ${err.message}`]);
  }
  const parsed = parseProfile(input);
  if (!parsed.ok) fail(parsed.issues.map((i) => `${i.path}: ${i.message}`));
  const config = loadConfig();
  const engine = createDefaultEngine({ dataDir: config.DATA_DIR, today: clockOf(config) });
  process.stdout.write(`${JSON.stringify(engine.orient(parsed.profile, values.locale as Locale | undefined), null, 2)}\n`);
}

main();
