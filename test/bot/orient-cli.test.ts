import { execFileSync, spawn } from 'node:child_process';
import { once } from 'node:events';
import { createWriteStream, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ResultSchema } from '../../knowledge/contracts/result';
import { ROOT, runScript } from '../support/process';

const dir = mkdtempSync(join(tmpdir(), 'orient-cli-'));
function profileFile(name: string, content: string): string {
  const file = join(dir, name);
  writeFileSync(file, content);
  return file;
}
const env = { BOUSSOLE_TODAY: '2026-11-23', DATA_DIR: join(dir, 'data') };

describe('orient CLI (real process)', () => {
  it('prints the result JSON for a valid profile, in the requested locale', async () => {
    const file = profileFile('ok.json', JSON.stringify({ status: 'bpi', statusSince: '2026-03', frenchLevel: 'none', readsWrites: false, location: { postcode: '87000' }, needs: ['language'] }));
    const ran = await runScript('bot/cli/orient.ts', ['--profile', file, '--locale', 'en'], env);
    expect(ran.code).toBe(0);
    expect(ran.stderr).toBe('');
    const result = ResultSchema.parse(JSON.parse(ran.stdout));
    expect(result.locale).toBe('en');
    expect(result.location).toMatchObject({ status: 'resolved', inseeCode: '87085', department: '87' });
    expect(result.eligibility.find((e) => e.program === 'ofii_language')).toMatchObject({ status: 'eligible', track: 'A1_alpha' });
    // No CIR answer: AGIR is settled at its signature (issue 9).
    expect(result.eligibility.find((e) => e.program === 'agir')).toMatchObject({ status: 'maybe', ask: ['cir'] });
    // A new refugee's first step is the préfecture card; signing the CIR comes among the next (issue 9).
    expect(result.nextSteps[0]).toMatchObject({ order: 1, code: 'step.residence_permit' });
    expect(result.nextSteps.map((s) => s.code)).toContain('step.sign_cir');
  });

  it('uses the profile locale when no --locale is given, French otherwise', async () => {
    const file = profileFile('fr.json', JSON.stringify({ status: 'asylum_seeker' }));
    const ran = await runScript('bot/cli/orient.ts', ['--profile', file], env);
    expect(JSON.parse(ran.stdout).nextSteps[0].text).toMatch(/SPADA/);
    expect(JSON.parse(ran.stdout).locale).toBe('fr');
  });

  it('exits 2 with one message per problem and nothing on stdout for an invalid profile', async () => {
    const file = profileFile('bad.json', JSON.stringify({ status: 'refugee', frenchLevel: 'C2', agee: 30 }));
    const ran = await runScript('bot/cli/orient.ts', ['--profile', file], env);
    expect(ran.code).toBe(2);
    expect(ran.stdout).toBe('');
    const lines = ran.stderr.trim().split('\n');
    expect(lines).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^status: must be one of: .*"bpi"/),
        expect.stringMatching(/^frenchLevel: must be one of: .*"B2"/),
        'agee: unknown field "agee"',
      ]),
    );
  });

  it.each([
    ['a file that is not JSON', ['--profile', 'NOTJSON'], /not valid JSON/],
    ['a missing file', ['--profile', '/nonexistent/profile.json'], /cannot read/],
    ['a missing JSON Lines file', ['--profile', '/nonexistent/profiles.jsonl'], /cannot read .*ENOENT/],
    ['a folder read as JSON Lines', ['--profile', '/tmp', '--batch'], /cannot read .*EISDIR/],
    ['no --profile', [], /--profile/],
    ['an unknown locale', ['--profile', 'OK', '--locale', 'de'], /locale: must be one of/],
    ['an unknown option', ['--profile', 'OK', '--verbose'], /Unknown option/],
  ])('exits 2 for %s', async (_label, args, message) => {
    const withFiles = args.map((a) => (a === 'NOTJSON' ? profileFile('x.json', '{ nope') : a === 'OK' ? profileFile('y.json', '{}') : a));
    const ran = await runScript('bot/cli/orient.ts', withFiles, env);
    expect(ran.code).toBe(2);
    expect(ran.stdout).toBe('');
    expect(ran.stderr).toMatch(message);
  });

  it('never quotes the profile on stderr, even when it is not JSON', async () => {
    const ran = await runScript('bot/cli/orient.ts', ['--profile', profileFile('quoted.json', '{"location": {"commune": "Secretville"')], env);
    expect(ran.code).toBe(2);
    expect(ran.stderr).toMatch(/is not valid JSON/);
    expect(ran.stderr).not.toMatch(/Secretville/);
  });

  it('--help says how to choose the batch mode and what the exit codes mean', async () => {
    const ran = await runScript('bot/cli/orient.ts', ['--help'], env);
    expect(ran.code).toBe(0);
    expect(ran.stderr).toBe('');
    expect(ran.stdout).toMatch(/--profile <file\.jsonl>/);
    expect(ran.stdout).toMatch(/--batch/);
    expect(ran.stdout).toMatch(/"line":n/);
    expect(ran.stdout).toMatch(/Exit code: 0 .* 1 .* 2 /s);
  });
});

describe('orient CLI, JSON Lines (real process)', () => {
  const FIXTURE = join(ROOT, 'test/fixtures/cli/team-export.jsonl');
  const parseLines = (stdout: string) => stdout.trimEnd().split('\n').map((l) => JSON.parse(l));

  it('answers each line on its own line, naming it; bad lines get their error and the others go on (exit 1)', async () => {
    const ran = await runScript('bot/cli/orient.ts', ['--profile', FIXTURE], env);
    expect(ran.code).toBe(1);
    const out = parseLines(ran.stdout);
    // Line 3 is blank: skipped, yet the numbering stays that of the file.
    expect(out.map((o) => o.line)).toEqual([1, 2, 4, 5, 6, 7]);
    const results = out.filter((o) => 'result' in o);
    expect(results.map((o) => o.line)).toEqual([1, 2, 7]);
    for (const o of results) {
      expect(Object.keys(o).sort()).toEqual(['line', 'result']);
      ResultSchema.parse(o.result);
    }
    expect(results.map((o) => o.result.locale)).toEqual(['fr', 'ar', 'fr']);
    expect(results[1].result.location).toMatchObject({ status: 'resolved', inseeCode: '15014' });
    expect(out[2]).toEqual({ line: 4, error: 'invalid_json', message: 'the line is not valid JSON' });
    expect(out[3]).toMatchObject({ line: 5, error: 'invalid_profile' });
    expect(out[3].issues.map((i: { path: string }) => i.path).sort()).toEqual(['agee', 'frenchLevel', 'status']);
    expect(out[4]).toEqual({ line: 6, error: 'invalid_profile', issues: [{ path: '(root)', message: 'must be an object' }] });
    // Counts only: nothing of any profile reaches stderr.
    expect(ran.stderr).toBe('3 of 6 lines failed: see their "error" objects on stdout\n');
  });

  it('gives a line the same result as the profile alone', async () => {
    const first = readFileSync(FIXTURE, 'utf8').split('\n')[0]!;
    const [batch, single] = await Promise.all([
      runScript('bot/cli/orient.ts', ['--profile', profileFile('one.jsonl', `${first}\n`)], env),
      runScript('bot/cli/orient.ts', ['--profile', profileFile('one.json', first)], env),
    ]);
    expect(batch.code).toBe(0);
    expect(parseLines(batch.stdout)).toEqual([{ line: 1, result: JSON.parse(single.stdout) }]);
  });

  it('--batch reads any file name as JSON Lines: a spreadsheet export with a byte-order mark and CRLF, all valid (exit 0)', async () => {
    const file = profileFile('export.txt', '\uFEFF{"status":"bpi"}\r\n\r\n{"status":"asylum_seeker","locale":"ar"}\r\n');
    const ran = await runScript('bot/cli/orient.ts', ['--profile', file, '--batch', '--locale', 'en'], env);
    expect(ran.code).toBe(0);
    expect(ran.stderr).toBe('');
    const out = parseLines(ran.stdout);
    expect(out.map((o) => [o.line, o.result.locale])).toEqual([[1, 'en'], [3, 'en']]);
  });

  it('streams: a line is answered before the rest of the file exists', async () => {
    const fifo = join(dir, 'stream.jsonl');
    execFileSync('mkfifo', [fifo]);
    const child = spawn(join(ROOT, 'node_modules/.bin/tsx'), [join(ROOT, 'bot/cli/orient.ts'), '--profile', fifo], { cwd: ROOT, env: { ...process.env, ...env } });
    let stdout = '';
    const firstLine = new Promise<string>((resolve) =>
      child.stdout.on('data', (d: Buffer) => {
        stdout += d.toString();
        if (stdout.includes('\n')) resolve(stdout.slice(0, stdout.indexOf('\n')));
      }),
    );
    const writer = createWriteStream(fifo);
    writer.write('{"status":"bpi"}\n');
    expect(JSON.parse(await firstLine)).toMatchObject({ line: 1, result: { version: 1 } });
    writer.end('{"status":"asylum_seeker"}\n');
    const [code] = await once(child, 'close');
    expect(code).toBe(0);
    expect(parseLines(stdout).map((o) => o.line)).toEqual([1, 2]);
  });
});
