import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { LOCALES } from '../knowledge/contracts/vocabulary';

/** Every text exists in every language, placeholders survive translation, and buttons fit Web Chat. */
const DIR = join(__dirname, '..', 'locales');
type Tree = { [key: string]: string | string[] | Tree };

function flatten(tree: Tree, prefix = ''): Map<string, string | string[]> {
  const out = new Map<string, string | string[]>();
  for (const [k, v] of Object.entries(tree)) {
    if (typeof v === 'string' || Array.isArray(v)) out.set(prefix + k, v);
    else for (const [kk, vv] of flatten(v, `${prefix}${k}.`)) out.set(kk, vv);
  }
  return out;
}

const namespaces = readdirSync(join(DIR, 'fr')).filter((f) => f.endsWith('.json'));
const read = (lng: string, ns: string) => flatten(JSON.parse(readFileSync(join(DIR, lng, ns), 'utf8')) as Tree);
const placeholders = (s: string) => (s.match(/\{\{\w+\}\}/g) ?? []).sort();

describe.each(namespaces)('locales/*/%s', (ns) => {
  const reference = read('fr', ns);

  it.each(LOCALES.filter((l) => l !== 'fr'))('%s has every French key, the same shapes and placeholders', (lng) => {
    const other = read(lng, ns);
    expect([...reference.keys()].filter((k) => !other.has(k))).toEqual([]);
    expect([...other.keys()].filter((k) => !reference.has(k))).toEqual([]);
    const mismatched = [...reference].filter(([k, v]) => {
      const w = other.get(k);
      if (Array.isArray(v) !== Array.isArray(w)) return true;
      return typeof v === 'string' && typeof w === 'string' && placeholders(v).join() !== placeholders(w).join();
    });
    expect(mismatched.map(([k]) => k)).toEqual([]);
  });
});

describe('button titles', () => {
  it.each(LOCALES)('%s: every choice title has at most 20 characters', (lng) => {
    const tooLong = [...read(lng, 'chat.json')].filter(([k, v]) => (k.startsWith('choice.') || k === 'language.name') && typeof v === 'string' && v.length > 20);
    expect(tooLong).toEqual([]);
  });
});

/**
 * Web Chat's strings that our page can show or a screen reader can read there: text messages, hero cards in
 * carousels, suggested actions, the send box, typing, connectivity and activity status, the transcript's
 * labels, live region and keyboard help. Never on our page, so left out: upload and attachments typed in the
 * send box, speech, telephone keypad, files, receipt cards, citations and references, votes, toasts (the page
 * raises none), and the error boxes (development builds only).
 */
const WEBCHAT_KEYS = [
  'ACCESS_KEY_ALT',
  'ACCESS_KEY_FOR_MAC_ALT',
  'ACTIVITY_BOT_SAID_ALT',
  'ACTIVITY_YOU_SAID_ALT',
  'ACTIVITY_BOT_ATTACHED_ALT',
  'ACTIVITY_INTERACTIVE_FOOTNOTE_ALT',
  'ACTIVITY_INTERACTIVE_REASON_INTERACTIVE_CONTENT_ALT',
  'ACTIVITY_INTERACTIVE_REASON_LINK_ALT',
  'ACTIVITY_INTERACTIVE_REASON_SEND_FAILED_ALT',
  'ACTIVITY_NUM_ATTACHMENTS_ONE_ALT',
  'ACTIVITY_NUM_ATTACHMENTS_TWO_ALT',
  'ACTIVITY_NUM_ATTACHMENTS_FEW_ALT',
  'ACTIVITY_NUM_ATTACHMENTS_MANY_ALT',
  'ACTIVITY_NUM_ATTACHMENTS_OTHER_ALT',
  'ACTIVITY_STATUS_SEND_FAILED_RETRY',
  'ACTIVITY_STATUS_SEND_STATUS_ALT_SENDING',
  'ACTIVITY_STATUS_SEND_STATUS_ALT_SENT_AT',
  'ACTIVITY_STATUS_TIMESTAMP_JUST_NOW',
  'ACTIVITY_STATUS_TIMESTAMP_ONE_MINUTE_AGO',
  'ACTIVITY_STATUS_TIMESTAMP_ONE_HOUR_AGO',
  'ACTIVITY_STATUS_TIMESTAMP_TODAY',
  'ACTIVITY_STATUS_TIMESTAMP_YESTERDAY',
  'ATTACHMENT_CARD',
  'CAROUSEL_FLIPPER_NEXT_ALT',
  'CAROUSEL_FLIPPER_PREVIOUS_ALT',
  'CONNECTIVITY_STATUS_ALT',
  'CONNECTIVITY_STATUS_ALT_CONNECTED',
  'CONNECTIVITY_STATUS_ALT_CONNECTING',
  'CONNECTIVITY_STATUS_ALT_FATAL',
  'CONNECTIVITY_STATUS_ALT_RECONNECTING',
  'CONNECTIVITY_STATUS_ALT_RENDER_ERROR',
  'CONNECTIVITY_STATUS_ALT_SLOW_CONNECTION',
  'KEYBOARD_HELP_HEADER',
  'KEYBOARD_HELP_CLOSE_BUTTON_ALT',
  'KEYBOARD_HELP_CHAT_HISTORY_HEADER',
  'KEYBOARD_HELP_CHAT_HISTORY_ACCESS_ITEMS_IN_MESSAGE_HEADER',
  'KEYBOARD_HELP_CHAT_HISTORY_ACCESS_ITEMS_IN_MESSAGE_BODY',
  'KEYBOARD_HELP_CHAT_HISTORY_LEAVE_MESSAGE_HEADER',
  'KEYBOARD_HELP_CHAT_HISTORY_LEAVE_MESSAGE_BODY',
  'KEYBOARD_HELP_CHAT_HISTORY_MOVE_BETWEEN_ITEMS_HEADER',
  'KEYBOARD_HELP_CHAT_HISTORY_MOVE_BETWEEN_ITEMS_BODY',
  'KEYBOARD_HELP_CHAT_HISTORY_MOVE_BETWEEN_MESSAGES_HEADER',
  'KEYBOARD_HELP_CHAT_HISTORY_MOVE_BETWEEN_MESSAGES_BODY',
  'KEYBOARD_HELP_CHAT_WINDOW_HEADER',
  'KEYBOARD_HELP_CHAT_WINDOW_BODY_DO_ACTION_HEADER',
  'KEYBOARD_HELP_CHAT_WINDOW_BODY_DO_ACTION_BODY',
  'KEYBOARD_HELP_CHAT_WINDOW_BODY_MOVE_BETWEEN_ITEMS_HEADER',
  'KEYBOARD_HELP_CHAT_WINDOW_BODY_MOVE_BETWEEN_ITEMS_BODY',
  'MARKDOWN_EXTERNAL_LINK_ALT',
  'SEND_BOX_IS_EMPTY_TOOLTIP_ALT',
  'SUGGESTED_ACTIONS_LABEL_ALT',
  'SUGGESTED_ACTIONS_FLIPPER_NEXT_ALT',
  'SUGGESTED_ACTIONS_FLIPPER_PREVIOUS_ALT',
  'TEXT_INPUT_ALT',
  'TEXT_INPUT_PLACEHOLDER',
  'TEXT_INPUT_SEND_BUTTON_ALT',
  'TRANSCRIPT_ARIA_LABEL_ALT',
  'TRANSCRIPT_ARIA_ROLE_ALT',
  'TRANSCRIPT_LIVE_REGION_INTERACTIVE_LABEL_ALT',
  'TRANSCRIPT_LIVE_REGION_INTERACTIVE_WITH_LINKS_LABEL_ALT',
  'TRANSCRIPT_LIVE_REGION_SUGGESTED_ACTIONS_LABEL_ALT',
  'TRANSCRIPT_LIVE_REGION_SUGGESTED_ACTIONS_WITH_ACCESS_KEY_LABEL_ALT',
  'TRANSCRIPT_LIVE_REGION_SEND_FAILED_ALT',
  'TRANSCRIPT_MORE_MESSAGES',
  'TRANSCRIPT_NEW_MESSAGES',
  'TRANSCRIPT_TERMINATOR_TEXT',
  'TYPING_INDICATOR_ALT',
  'TYPING_INDICATOR_SINGLE_TEXT',
  'TYPING_INDICATOR_MULTIPLE_TEXT',
];

/** Web Chat's own English strings, the originals our translations override. */
const webchatEnglish = JSON.parse(
  readFileSync(join(__dirname, '..', 'node_modules', 'botframework-webchat-api', 'src', 'localization', 'en-US.json'), 'utf8'),
) as Record<string, string>;

/** What Web Chat fills in or parses: `$1`… arguments and Markdown link references such as `[Retry][RETRY]`. */
const webchatTokens = (s: string) =>
  [...(s.match(/\$\d/g) ?? []), ...[...s.matchAll(/\[[^\]]+\]\[([A-Z_]+)\]/g)].map((m) => `[…][${m[1]}]`)].sort().join(' ');

describe('Web Chat strings (locales/*/webchat.json, "webchat")', () => {
  it('lists keys that Web Chat really has', () => {
    expect(WEBCHAT_KEYS.filter((k) => typeof webchatEnglish[k] !== 'string')).toEqual([]);
  });

  it.each(LOCALES)('%s translates every key the page can show, with the English placeholders', (lng) => {
    const strings = (JSON.parse(readFileSync(join(DIR, lng, 'webchat.json'), 'utf8')) as { webchat: Record<string, unknown> }).webchat;
    // An empty override would silently fall back to Web Chat's English.
    expect(WEBCHAT_KEYS.filter((k) => typeof strings[k] !== 'string' || !strings[k].trim())).toEqual([]);
    expect(Object.keys(strings).filter((k) => !(k in webchatEnglish))).toEqual([]);
    const mismatched = WEBCHAT_KEYS.filter((k) => webchatTokens(String(strings[k])) !== webchatTokens(webchatEnglish[k]!));
    expect(mismatched.map((k) => `${k}: "${String(strings[k])}" has ${webchatTokens(String(strings[k])) || 'none'}, English ${webchatTokens(webchatEnglish[k]!) || 'none'}`)).toEqual([]);
  });
});
