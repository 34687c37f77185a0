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

const fixedTexts = new Map<string, Map<string, string>>();

/** Texts without parameters never change once loaded: each is looked up in i18next once per locale. */
export function translator(locale: Locale, ns = 'engine'): Translate {
  const t = getI18n().getFixedT(locale, ns);
  let cache = fixedTexts.get(`${locale}:${ns}`);
  if (!cache) fixedTexts.set(`${locale}:${ns}`, (cache = new Map()));
  const texts = cache;
  return (code, params) => {
    if (params) return t(code, params);
    let text = texts.get(code);
    if (text === undefined) texts.set(code, (text = t(code)));
    return text;
  };
}

/** True when the key exists in that exact locale, without fallback (used by completeness checks). */
export function hasKey(locale: Locale, code: string, ns = 'engine'): boolean {
  return getI18n().exists(code, { lng: locale, ns, fallbackLng: false });
}
