import type { Locale } from '../../knowledge/contracts/vocabulary';

/**
 * Guesses the language of a first message from its script and letters (ARCHITECTURE.md): Ethiopic →
 * Tigrinya; Cyrillic with і/ї/є/ґ → Ukrainian, else Russian; Arabic script with Pashto letters → Pashto,
 * with Persian letters → Persian, else Arabic; Latin → French or English by common words. The guess is
 * only a default: the person confirms it with one tap.
 */
const PASHTO = /[ټډړږښګڼېۍځڅ]/;
const PERSIAN = /[پچژگکی]/;
const FRENCH = /\b(bonjour|salut|je|suis|besoin|aide|oui|merci|le|la|les|des|une?|et|pour|avec|logement|travail|français)\b|[éèêàçù]/i;
const ENGLISH = /\b(hello|hi|i|am|need|help|yes|thanks|the|and|for|with|housing|work|english)\b/i;

export function detectLanguage(text: string): Locale | undefined {
  if (/[\u1200-\u137F]/.test(text)) return 'ti';
  if (/[\u0400-\u04FF]/.test(text)) return /[іїєґІЇЄҐ]/.test(text) ? 'uk' : 'ru';
  if (/[\u0600-\u06FF]/.test(text)) {
    if (PASHTO.test(text)) return 'ps';
    return PERSIAN.test(text) ? 'fa' : 'ar';
  }
  const fr = FRENCH.test(text);
  const en = ENGLISH.test(text);
  if (fr && !en) return 'fr';
  if (en && !fr) return 'en';
  return undefined;
}
