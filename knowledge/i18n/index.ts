import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import i18next, { type i18n, type Resource as I18nResources } from 'i18next';
import { LOCALES, type Locale } from '../contracts/vocabulary';

/** The `locales/` folder at the project root: one folder per language, one JSON file per namespace. */
export const LOCALES_DIR = join(__dirname, '..', '..', 'locales');

export type Params = Record<string, string | number | boolean>;
export type Translate = (code: string, params?: Params) => string;

function readResources(dir: string): I18nResources {
  const resources: I18nResources = {};
  for (const lng of LOCALES) {
    const folder = join(dir, lng);
    if (!existsSync(folder)) continue;
    resources[lng] = Object.fromEntries(
      readdirSync(folder)
        .filter((f) => f.endsWith('.json'))
        .map((f) => [f.replace(/\.json$/, ''), JSON.parse(readFileSync(join(folder, f), 'utf8'))]),
    );
  }
  return resources;
}

let shared: i18n | undefined;

/** One i18next instance for the whole process; French is the fallback of every locale. */
export function getI18n(): i18n {
  if (!shared) {
    const resources = readResources(LOCALES_DIR);
    shared = i18next.createInstance();
    void shared.init({
      resources,
      initAsync: false,
      lng: 'fr',
      fallbackLng: 'fr',
      supportedLngs: [...LOCALES],
      ns: Object.keys(resources.fr ?? {}),
      defaultNS: 'engine',
      interpolation: { escapeValue: false },
      returnNull: false,
    });
  }
  return shared;
}

const templates = new Map<string, Map<string, string>>();

/** The text of a key in a locale, French otherwise, the key itself when nobody wrote it. */
function template(locale: Locale, ns: string, code: string): string {
  const i18n = getI18n();
  const value: unknown = i18n.getResource(locale, ns, code) ?? i18n.getResource('fr', ns, code);
  return typeof value === 'string' ? value : code;
}

/**
 * Each text is read from i18next once per locale; `{{name}}` placeholders are then filled here. Our texts
 * use nothing else of i18next's interpolation, and a plan fills a hundred of them: doing it directly keeps
 * a turn light (i18next's general path allocates a great deal per call).
 */
export function translator(locale: Locale, ns = 'engine'): Translate {
  let cache = templates.get(`${locale}:${ns}`);
  if (!cache) templates.set(`${locale}:${ns}`, (cache = new Map()));
  const texts = cache;
  return (code, params) => {
    let text = texts.get(code);
    if (text === undefined) texts.set(code, (text = template(locale, ns, code)));
    if (!params) return text;
    return text.replace(/\{\{\s*(\w+)\s*\}\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
  };
}

/** True when the key exists in that exact locale, without fallback (used by completeness checks). */
export function hasKey(locale: Locale, code: string, ns = 'engine'): boolean {
  return getI18n().exists(code, { lng: locale, ns, fallbackLng: false });
}
