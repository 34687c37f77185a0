import { Culture, recognizeDateTime } from '@microsoft/recognizers-text-suite';

/**
 * The recognizers-text call, and nothing else: it is slow (tens of milliseconds for a short French
 * sentence, seconds for its first call or for long repetitive text), so it runs in a worker thread
 * (recognizer-pool.ts), never on the thread that serves everyone.
 */
export const CULTURES = { fr: Culture.French, en: Culture.English } as const;
export type CultureLocale = keyof typeof CULTURES;

/** The first year-month ("YYYY-MM") the culture's date model finds, relative to `todayIso`. */
export function monthOf(text: string, locale: CultureLocale, todayIso: string): string | undefined {
  for (const found of recognizeDateTime(text, CULTURES[locale], undefined, new Date(todayIso))) {
    for (const v of (found.resolution?.values ?? []) as { timex?: string }[]) {
      const month = /^(\d{4})-(\d{2})/.exec(v.timex ?? '');
      if (month) return `${month[1]}-${month[2]}`;
    }
  }
  return undefined;
}
