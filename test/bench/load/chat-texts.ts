import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from './server-process';

/**
 * The bot's own texts (`locales/<lng>/chat.json`, French where a key is missing, as the bot does), so a
 * persona recognises questions and buttons in any language by what they say, not by their position.
 */
export type ChatTexts = ReadonlyMap<string, string>;

const cache = new Map<string, ChatTexts>();

function flatten(value: unknown, prefix: string, into: Map<string, string>): void {
  if (typeof value === 'string') into.set(prefix, value);
  else if (value && typeof value === 'object' && !Array.isArray(value)) {
    for (const [key, child] of Object.entries(value)) flatten(child, prefix ? `${prefix}.${key}` : key, into);
  }
}

function load(locale: string): Map<string, string> {
  const texts = new Map<string, string>();
  flatten(JSON.parse(readFileSync(join(ROOT, 'locales', locale, 'chat.json'), 'utf8')) as unknown, '', texts);
  return texts;
}

export function chatTexts(locale: string): ChatTexts {
  let texts = cache.get(locale);
  if (!texts) {
    const merged = load('fr');
    if (locale !== 'fr') for (const [key, text] of load(locale)) merged.set(key, text);
    cache.set(locale, (texts = merged));
  }
  return texts;
}

/** A text by key; a missing key is a bug in the persona, not a load error. */
export function text(texts: ChatTexts, key: string): string {
  const value = texts.get(key);
  if (value === undefined) throw new Error(`no chat text "${key}"`);
  return value;
}
