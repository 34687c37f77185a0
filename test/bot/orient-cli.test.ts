import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ResultSchema } from '../../knowledge/contracts/result';
import { runScript } from '../support/process';

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
    expect(result.nextSteps[0]).toMatchObject({ order: 1, code: 'step.sign_cir' });
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
});
