import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runScript, ROOT } from '../support/process';

const fixture = (name: string) => join(ROOT, 'test', 'fixtures', 'import', name);
const freshEnv = () => ({ DATA_DIR: mkdtempSync(join(tmpdir(), 'kb-')), BOUSSOLE_TODAY: '2026-11-23' });
const kb = (args: string[], env: Record<string, string>) => runScript('bot/cli/kb.ts', args, env);

describe('kb CLI (real process)', () => {
  it('validate: the shipped catalog is valid', async () => {
    const ran = await kb(['validate'], freshEnv());
    expect(ran.code).toBe(0);
    expect(JSON.parse(ran.stdout)).toMatchObject({ valid: true, problems: [] });
  });

  it('validate: an invalid record fails with file, id and field', async () => {
    const env = freshEnv();
    mkdirSync(join(env.DATA_DIR, 'catalog'));
    writeFileSync(join(env.DATA_DIR, 'catalog', 'lheo.json'), JSON.stringify([{ id: 'bad-one', kind: 'service', title: { en: 'x' } }]));
    const ran = await kb(['validate'], env);
    expect(ran.code).toBe(1);
    const out = JSON.parse(ran.stdout);
    expect(out.valid).toBe(false);
    expect(out.problems).toEqual(expect.arrayContaining([expect.objectContaining({ file: 'catalog/lheo.json', id: 'bad-one', field: 'title.fr' })]));
  });

  it('stats: totals by theme, scope, kind and locale; every theme available nationwide', async () => {
    const ran = await kb(['stats'], freshEnv());
    const stats = JSON.parse(ran.stdout);
    expect(Object.keys(stats)).toEqual(expect.arrayContaining(['total', 'byTheme', 'byScope', 'byKind', 'byLocale']));
    expect(stats.total).toBeGreaterThan(150);
    for (const [theme, n] of Object.entries(stats.nationalByTheme)) expect([theme, n]).toEqual([theme, expect.any(Number)]);
    expect(Object.values(stats.nationalByTheme).every((n) => (n as number) > 0)).toBe(true);
    expect(stats.byDepartment['15']).toContain('mobility-cantal-mouv');
    expect(stats.withoutSource).toEqual([]);
  });

  it('search: best first, filtered by department and theme, in the asked locale', async () => {
    const ran = await kb(['search', 'permis', '--department', '15', '--theme', 'mobility', '--locale', 'en', '--limit', '3'], freshEnv());
    expect(ran.code).toBe(0);
    const hits = JSON.parse(ran.stdout);
    expect(hits).toHaveLength(3);
    expect(hits[0]).toEqual({ id: expect.any(String), title: expect.any(String), theme: 'mobility', scope: expect.any(String), score: expect.any(Number) });
  });

  it.each([
    [['search'], /give the text/],
    [['search', 'x', '--theme', 'food'], /--theme: must be one of/],
    [['search', 'x', '--limit', '0'], /--limit/],
    [['frobnicate'], /unknown command/],
    [['import', '--format', 'csv', 'x'], /--format: must be one of/],
  ])('exits 2 on bad usage %j', async (args, message) => {
    const ran = await kb(args, freshEnv());
    expect(ran.code).toBe(2);
    expect(ran.stdout).toBe('');
    expect(ran.stderr).toMatch(message);
  });

  it('import: imports good records, reports bad ones, is idempotent, and the engine then sees them', async () => {
    const env = freshEnv();
    const first = await kb(['import', '--format', 'lheo', fixture('lheo-2.3-good.xml')], env);
    expect(first.code).toBe(0);
    const result = JSON.parse(first.stdout);
    expect(result).toMatchObject({ format: 'lheo', rejected: [] });
    expect(result.imported).toBeGreaterThan(0);
    const stored = readFileSync(join(env.DATA_DIR, 'catalog', 'lheo.json'), 'utf8');
    const again = await kb(['import', '--format', 'lheo', fixture('lheo-2.3-good.xml')], env);
    expect(JSON.parse(again.stdout).imported).toBe(result.imported);
    expect(readFileSync(join(env.DATA_DIR, 'catalog', 'lheo.json'), 'utf8')).toBe(stored);
    const validate = await kb(['validate'], env);
    expect(JSON.parse(validate.stdout).valid).toBe(true);
    const profile = join(env.DATA_DIR, 'profile.json');
    writeFileSync(profile, JSON.stringify({ status: 'bpi', frenchLevel: 'A1', location: { postcode: '87000' }, needs: ['language'] }));
    const oriented = JSON.parse((await runScript('bot/cli/orient.ts', ['--profile', profile], env)).stdout);
    expect(oriented.recommendations.some((r: { id: string }) => r.id.startsWith('lheo/'))).toBe(true);

    const broken = await kb(['import', '--format', 'data-inclusion', fixture('data-inclusion-broken.json')], env);
    const report = JSON.parse(broken.stdout);
    expect(report.rejected.length).toBeGreaterThan(0);
    expect(report.rejected[0]).toEqual({ ref: expect.any(String), reason: expect.any(String) });
  });

  it('import: a malformed file exits 2 and changes nothing; --dry-run writes nothing', async () => {
    const env = freshEnv();
    const bad = await kb(['import', '--format', 'refugies-info', fixture('refugies-info-malformed.json')], env);
    expect(bad.code).toBe(2);
    expect(bad.stdout).toBe('');
    expect(existsSync(join(env.DATA_DIR, 'catalog', 'refugies-info.json'))).toBe(false);
    const dry = await kb(['import', '--format', 'refugies-info', fixture('refugies-info-list.json'), '--dry-run'], env);
    expect(dry.code).toBe(0);
    expect(JSON.parse(dry.stdout).imported).toBeGreaterThan(0);
    expect(existsSync(join(env.DATA_DIR, 'catalog', 'refugies-info.json'))).toBe(false);
  });
});
