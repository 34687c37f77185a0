import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

/** ARCHITECTURE.md: bot → dialogs → knowledge, never back; the engine reads files only to load its data. */
const ROOT = join(__dirname, '..');

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? sources(path) : path.endsWith('.ts') ? [path] : [];
  });
}

const importsOf = (file: string) => [...readFileSync(file, 'utf8').matchAll(/from '([^']+)'|require\('([^']+)'\)/g)].map((m) => m[1] ?? m[2]!);

/** The engine's data loaders: the only files of knowledge/ that may touch the file system. */
const DATA_LOADERS = ['catalog/load.ts', 'i18n/index.ts', 'geo/sources.ts', 'geo/geonames.ts', 'import/store.ts'];

describe('layer boundaries', () => {
  it.each(sources(join(ROOT, 'knowledge')).map((f) => [relative(join(ROOT, 'knowledge'), f), f]))('knowledge/%s', (name, file) => {
    const imports = importsOf(file);
    expect(imports.filter((i) => /^(botbuilder|restify|botframework)/.test(i) || /\/(bot|dialogs)\//.test(i) || /^\.\.\/\.\.\/(bot|dialogs)/.test(i))).toEqual([]);
    const fileAccess = imports.filter((i) => /^(node:)?fs(\/promises)?$/.test(i));
    expect(DATA_LOADERS.includes(name) ? [] : fileAccess).toEqual([]);
  });

  it.each(sources(join(ROOT, 'dialogs')).map((f) => [relative(ROOT, f), f]))('%s never imports bot/', (_name, file) => {
    expect(importsOf(file).filter((i) => /(^|\/)bot\//.test(i) || i === 'restify')).toEqual([]);
  });
});

describe('the conversation (issue 11)', () => {
  it('dialogs/main-dialog.ts only routes: answers, commands and cards are handled by their own modules, none of which depends on it', () => {
    expect(readFileSync(join(ROOT, 'dialogs/main-dialog.ts'), 'utf8')).not.toMatch(/\bswitch\s*\(/);
    const dependents = sources(join(ROOT, 'dialogs')).filter((f) => importsOf(f).some((i) => i.endsWith('/main-dialog')));
    expect(dependents.map((f) => relative(ROOT, f))).toEqual([]);
  });
});
