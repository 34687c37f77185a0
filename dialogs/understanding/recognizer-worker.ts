import { parentPort, workerData } from 'node:worker_threads';
import { monthOf, type CultureLocale } from './culture-recognizers';

/** Runs in a worker thread of one culture: answers the pool's requests one at a time (see recognizer-pool.ts). */
export interface RecognizerRequest {
  id: number;
  text: string;
  todayIso: string;
}

const locale = (workerData as { locale: CultureLocale }).locale;

// One culture per worker: recognizers-text rebuilds its models (seconds) whenever the culture
// changes. Build them now, then say so.
// Text outside Latin script costs a first time too (~1 s): Persian digits and an RTL mark.
for (const text of [locale === 'fr' ? 'depuis mars 2025' : 'since March 2025', '۲۵ é \u200f 鱾']) monthOf(text, locale, new Date().toISOString());
parentPort?.postMessage({ ready: true });

parentPort?.on('message', (request: RecognizerRequest) => {
  let result: string | undefined;
  try {
    result = monthOf(request.text, locale, request.todayIso);
  } catch {
    result = undefined;
  }
  parentPort?.postMessage({ id: request.id, result });
});
