import { once } from 'node:events';
import { readFileSync } from 'node:fs';
import { open, type FileHandle } from 'node:fs/promises';
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { futureMonthIssues, parseProfile } from '../../knowledge/contracts/profile';
import type { OrientationResult } from '../../knowledge/contracts/result';
import { LOCALES, type Locale } from '../../knowledge/contracts/vocabulary';
import type { Engine } from '../../knowledge/orient';
import type { BodyErrorBody, InvalidInput } from '../api/schemas';
import { clockOf, loadConfig } from '../config';
import { createDefaultEngine } from '../engine';

const HELP = `usage: npm run --silent orient -- --profile <file> [--locale <lng>] [--batch]

  --profile <file.json>   one profile (a JSON object, DOMAIN.md §3): prints its result JSON.
  --profile <file.jsonl>  JSON Lines, one profile a line (e.g. a spreadsheet export): prints one JSON a line,
                          {"line":n,"result":{…}} or {"line":n,"error":"invalid_json"|"invalid_profile",…},
                          n being the line of the file it answers (counted from 1); blank lines are skipped.
  --batch                 read the file as JSON Lines whatever its name.
  --locale <lng>          answer in ${LOCALES.join(', ')} (default: each profile's locale, else fr).
  -h, --help              print this help.

Exit code: 0 when every profile got its result; 1 when some lines of a JSON Lines file failed (the others
are answered); 2 for bad arguments, a file that cannot be read or an invalid single profile (nothing on stdout).
stderr gets one "field: message" line per problem of a single profile, only a count for JSON Lines, and never
any profile data.`;

type Orient = (input: unknown) => OrientationResult | InvalidInput;
type LineAnswer = { line: number } & ({ result: OrientationResult } | InvalidInput | BodyErrorBody);

function fail(lines: string[]): never {
  process.stderr.write(lines.map((l) => `${l}\n`).join(''));
  process.exit(2);
}

/** A read error names the file and the error code, never the content. */
const cannotRead = (file: string, e: unknown) => `cannot read ${file}: ${(e as NodeJS.ErrnoException).code}`;

/** One profile: the result pretty-printed, or exit 2 with one line per problem. */
function single(file: string, orient: Orient): void {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    fail([cannotRead(file, e)]);
  }
  let input: unknown;
  try {
    input = JSON.parse(text);
  } catch {
    // JSON.parse's message quotes the text: it stays out of stderr.
    fail([`${file} is not valid JSON`]);
  }
  const answer = orient(input);
  if ('error' in answer) fail(answer.issues.map((i) => `${i.path}: ${i.message}`));
  process.stdout.write(`${JSON.stringify(answer, null, 2)}\n`);
}

function answerLine(line: number, text: string, orient: Orient): LineAnswer {
  let input: unknown;
  try {
    input = JSON.parse(text);
  } catch {
    return { line, error: 'invalid_json', message: 'the line is not valid JSON' };
  }
  const answer = orient(input);
  return 'error' in answer ? { line, ...answer } : { line, result: answer };
}

/**
 * JSON Lines, streamed: each non-blank line is answered on its own output line, in order, naming its line
 * number so a spreadsheet can join the two; a bad line gets its error object and the others go on.
 */
async function batch(file: string, orient: Orient): Promise<void> {
  let handle: FileHandle;
  try {
    handle = await open(file);
  } catch (e) {
    fail([cannotRead(file, e)]);
  }
  const lines = createInterface({ input: handle.createReadStream({ encoding: 'utf8' }), crlfDelay: Infinity });
  let line = 0;
  let answered = 0;
  let failed = 0;
  try {
    for await (const text of lines) {
      line++;
      // Spreadsheets often save UTF-8 with a byte-order mark.
      const json = line === 1 ? text.replace(/^\uFEFF/, '') : text;
      if (json.trim() === '') continue;
      const answer = answerLine(line, json, orient);
      if ('error' in answer) failed++;
      else answered++;
      // Respect the pipe's backpressure: a large export must not pile up in memory.
      if (!process.stdout.write(`${JSON.stringify(answer)}\n`)) await once(process.stdout, 'drain');
    }
  } catch (e) {
    // A read error (EISDIR, EIO…) has a code; anything else is a bug and must not pass for one.
    if (!(e as NodeJS.ErrnoException).code) throw e;
    fail([cannotRead(file, e)]);
  }
  if (failed > 0) {
    process.stderr.write(`${failed} of ${answered + failed} lines failed: see their "error" objects on stdout\n`);
    process.exitCode = 1;
  }
}

function loadEngine(): Engine {
  const config = loadConfig();
  return createDefaultEngine({ dataDir: config.DATA_DIR, today: clockOf(config) });
}

async function main(): Promise<void> {
  let values: { profile?: string; locale?: string; batch?: boolean; help?: boolean };
  try {
    ({ values } = parseArgs({
      options: { profile: { type: 'string' }, locale: { type: 'string' }, batch: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } },
      strict: true,
    }));
  } catch (e) {
    fail([`${(e as Error).message}`, HELP]);
  }
  if (values.help) return void process.stdout.write(`${HELP}\n`);
  if (!values.profile) fail(['--profile <file> is required', HELP]);
  const locale = values.locale as Locale | undefined;
  if (locale !== undefined && !LOCALES.includes(locale)) fail([`locale: must be one of: ${LOCALES.join(', ')}`]);

  // The engine (catalog, indexes) is loaded at the first valid profile: bad input fails at once.
  let engine: Engine | undefined;
  const orient: Orient = (input) => {
    const parsed = parseProfile(input);
    if (!parsed.ok) return { error: 'invalid_profile', issues: parsed.issues };
    engine ??= loadEngine();
    const future = futureMonthIssues(parsed.profile, engine.today());
    if (future.length) return { error: 'invalid_profile', issues: future };
    return engine.orient(parsed.profile, locale);
  };
  if (values.batch || values.profile.toLowerCase().endsWith('.jsonl')) await batch(values.profile, orient);
  else single(values.profile, orient);
}

void main();
