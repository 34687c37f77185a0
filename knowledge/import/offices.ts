import { WEEKDAYS, type Hours, type LocalizedText, type OfficeType, type Weekday } from '../catalog/schema';
import { LOCALES, type Locale, type Theme } from '../contracts/vocabulary';
import type { OfficeFormat } from './types';

/**
 * What the office importers (France services, DILA's Annuaire) share: ids, opening hours, and the short texts
 * written from a template per language. Names and addresses stay as published; nothing here is translated
 * from the source's free text.
 */

/** What each office helps with, main theme first. */
export const OFFICE_THEMES: Readonly<Record<OfficeType, Theme[]>> = {
  france_services: ['rights', 'digital'],
  ofii: ['rights', 'language'],
  prefecture: ['rights'],
  caf: ['rights', 'housing'],
  cpam: ['health', 'rights'],
  mission_locale: ['employment', 'training'],
  ccas: ['emergency', 'rights'],
  france_travail: ['employment', 'training'],
  // Its social services, and the ASE that shelters minors alone.
  conseil_departemental: ['social', 'emergency'],
};

/** `<format>/<ref>` for the plain references these directories use (a number, a UUID); undefined otherwise. */
export function officeId(format: OfficeFormat, ref: string): string | undefined {
  return /^[a-z0-9]+(-[a-z0-9]+)*$/i.test(ref) ? `${format}/${ref.toLowerCase()}` : undefined;
}

/** The same published name in every locale: a name is not translated, and every locale then has a title. */
export function publishedName(name: string): LocalizedText {
  const text = name.replace(/\s+/g, ' ').trim();
  return Object.fromEntries(LOCALES.map((l) => [l, text])) as LocalizedText;
}

const minutes = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

/**
 * Checks one day's periods ("HH:MM-HH:MM", in order): each opens before it closes and after the previous one
 * closed. Returns the reason when they do not.
 */
export function periodsError(periods: string[]): string | undefined {
  let closed = -1;
  for (const p of periods) {
    if (!/^([01]\d|2[0-3]):[0-5]\d-([01]\d|2[0-3]):[0-5]\d$/.test(p)) return `"${p}" is not a period HH:MM-HH:MM`;
    const open = minutes(p.slice(0, 5));
    const close = minutes(p.slice(6));
    if (close <= open) return `"${p}" closes before it opens`;
    if (open < closed) return `"${p}" overlaps the period before it`;
    closed = close;
  }
  return undefined;
}

/** A Monday: Intl names the weekdays in each locale from it (ICU has all eight), so no list is kept by hand. */
const MONDAY = Date.UTC(2024, 7, 5);
const DAY_MS = 24 * 3600 * 1000;

const dayNames = new Map<Locale, string[]>();
function dayName(locale: Locale, day: Weekday): string {
  let names = dayNames.get(locale);
  if (!names) {
    const format = new Intl.DateTimeFormat(locale, { weekday: 'short', timeZone: 'UTC' });
    names = WEEKDAYS.map((_, i) => format.format(new Date(MONDAY + i * DAY_MS)));
    dayNames.set(locale, names);
  }
  return names[WEEKDAYS.indexOf(day)]!;
}

const longDates = new Map<string, string>();
function longDate(locale: Locale, isoDate: string): string {
  const key = `${locale} ${isoDate}`;
  let text = longDates.get(key);
  if (text === undefined) {
    // Gregorian as every date of the plan: Pashto and Persian would default to the Solar Hijri ("د AP ۱۴۰۳ زمری ۱۱").
    text = new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeZone: 'UTC', calendar: 'gregory' }).format(new Date(`${isoDate}T00:00:00Z`));
    longDates.set(key, text);
  }
  return text;
}

interface Template {
  franceServices: string;
  dila: string;
  mobile: string;
  /** `{date}`: the data's date; `{list}`: the days and their periods. */
  hours: string;
  noHours: string;
  /** Between two days, and between a day's periods. */
  daySeparator: string;
  periodSeparator: string;
}

/** One template per language (reviewed in French only: `reviewedLocales` stays ["fr"]). */
const TEMPLATES: Record<Locale, Template> = {
  fr: {
    franceServices: 'France services : aide gratuite pour vos démarches administratives (CAF, Assurance maladie, France Travail, impôts…) et pour les services en ligne.',
    dila: "Service public de proximité inscrit à l'Annuaire de l'administration (DILA).",
    mobile: 'Service itinérant : appelez pour savoir où et quand il passe.',
    hours: 'Horaires (liste du {date}) : {list}.',
    noHours: 'Horaires non indiqués (liste du {date}) : appelez avant de venir.',
    daySeparator: ' ; ',
    periodSeparator: ', ',
  },
  en: {
    franceServices: 'France services: free help with administrative procedures (CAF, health insurance, France Travail, taxes…) and with online services.',
    dila: 'Local public office listed in the official directory of the administration (DILA).',
    mobile: 'A mobile service: call to know where and when it stops.',
    hours: 'Opening hours (list of {date}): {list}.',
    noHours: 'Opening hours not given (list of {date}): call before you go.',
    daySeparator: '; ',
    periodSeparator: ', ',
  },
  ar: {
    franceServices: 'فرانس سيرفيس: مساعدة مجانية في الإجراءات الإدارية (CAF، التأمين الصحي، France Travail، الضرائب…) وفي الخدمات عبر الإنترنت.',
    dila: 'مكتب خدمة عامة محلي مسجّل في الدليل الرسمي للإدارة (DILA).',
    mobile: 'خدمة متنقلة: اتصل لمعرفة مكان وموعد مرورها.',
    hours: 'ساعات العمل (قائمة {date}): {list}.',
    noHours: 'ساعات العمل غير مذكورة (قائمة {date}): اتصل قبل الذهاب.',
    daySeparator: '؛ ',
    periodSeparator: '، ',
  },
  fa: {
    franceServices: 'فرانس سرویس: کمک رایگان برای کارهای اداری (CAF، بیمهٔ درمانی، France Travail، مالیات…) و خدمات آنلاین.',
    dila: 'اداره خدمات عمومی محلی که در راهنمای رسمی ادارات (DILA) ثبت شده است.',
    mobile: 'خدمت سیار: تماس بگیرید تا بدانید کجا و کی می‌آید.',
    hours: 'ساعات کار (فهرست {date}): {list}.',
    noHours: 'ساعات کار ذکر نشده (فهرست {date}): پیش از رفتن تماس بگیرید.',
    daySeparator: '؛ ',
    periodSeparator: '، ',
  },
  ps: {
    franceServices: 'فرانس سروس: په اداري کارونو (CAF، روغتیا بیمه، France Travail، مالیات…) او آنلاین خدماتو کې وړیا مرسته.',
    dila: 'سیمه ییز عامه خدمت دفتر چې د ادارې په رسمي لارښود (DILA) کې ثبت دی.',
    mobile: 'ګرځنده خدمت: زنګ ووهئ چې پوه شئ چېرته او کله راځي.',
    hours: 'د کار وختونه (د {date} لیست): {list}.',
    noHours: 'د کار وختونه نه دي ښودل شوي (د {date} لیست): د تګ نه مخکې زنګ ووهئ.',
    daySeparator: '؛ ',
    periodSeparator: '، ',
  },
  ti: {
    franceServices: 'ፍራንስ ሰርቪስ: ንምምሕዳራዊ ጉዳያት (CAF፡ መድሕን ሕማም፡ France Travail፡ ግብሪ…) ከምኡ’ውን ንናይ ኢንተርነት ኣገልግሎታት ብነጻ ሓገዝ።',
    dila: 'ኣብ ወግዓዊ መምርሒ ምምሕዳር (DILA) ዝተመዝገበ ከባብያዊ ህዝባዊ ቤት ጽሕፈት።',
    mobile: 'ተንቀሳቓሲ ኣገልግሎት: ኣበይን መዓስን ከም ዝመጽእ ንምፍላጥ ደውሉ።',
    hours: 'ሰዓታት ስራሕ (ዝርዝር {date}): {list}።',
    noHours: 'ሰዓታት ስራሕ ኣይተገልጸን (ዝርዝር {date}): ቅድሚ ምኻድኩም ደውሉ።',
    daySeparator: '፤ ',
    periodSeparator: '፡ ',
  },
  ru: {
    franceServices: 'France services: бесплатная помощь с административными делами (CAF, медицинская страховка, France Travail, налоги…) и с онлайн-услугами.',
    dila: 'Местное государственное учреждение из официального справочника администрации (DILA).',
    mobile: 'Выездная служба: позвоните, чтобы узнать, где и когда она бывает.',
    hours: 'Часы работы (список от {date}): {list}.',
    noHours: 'Часы работы не указаны (список от {date}): позвоните перед визитом.',
    daySeparator: '; ',
    periodSeparator: ', ',
  },
  uk: {
    franceServices: 'France services: безкоштовна допомога з адміністративними справами (CAF, медичне страхування, France Travail, податки…) та з онлайн-послугами.',
    dila: 'Місцева державна установа з офіційного довідника адміністрації (DILA).',
    mobile: 'Виїзна служба: зателефонуйте, щоб дізнатися, де і коли вона буває.',
    hours: 'Години роботи (список від {date}): {list}.',
    noHours: 'Години роботи не вказані (список від {date}): зателефонуйте перед візитом.',
    daySeparator: '; ',
    periodSeparator: ', ',
  },
};

/** "lun.–ven. 09:00-12:00, 13:30-17:00 ; sam. 09:00-12:00": consecutive days with the same periods are grouped. */
export function hoursText(hours: Hours, locale: Locale): string {
  const t = TEMPLATES[locale];
  const runs: { first: Weekday; last: Weekday; periods: string[] }[] = [];
  let previous: Weekday | undefined;
  for (const day of WEEKDAYS) {
    const periods = hours[day];
    if (periods) {
      const run = runs[runs.length - 1];
      if (run && previous && run.last === previous && run.periods.join() === periods.join()) run.last = day;
      else runs.push({ first: day, last: day, periods });
    }
    previous = day;
  }
  return runs
    .map(({ first, last, periods }) => {
      const days = first === last ? dayName(locale, first) : `${dayName(locale, first)}–${dayName(locale, last)}`;
      return `${days} ${periods.join(t.periodSeparator)}`;
    })
    .join(t.daySeparator);
}

/** A publisher's free note as a sentence: its ASCII arrows ("… adresse --> lundi : …") become "→", spaces single. */
function plainNote(note: string | undefined): string {
  return (note ?? '').replace(/\s*-+>\s*/g, ' → ').replace(/\s+/g, ' ').trim();
}

/** The summary of an office in every locale: what it is, whether it moves, and its hours with the data's date. */
export function officeSummary(what: 'franceServices' | 'dila', hours: Hours | undefined, dataDate: string, options: { mobile?: boolean; frenchNote?: string } = {}): LocalizedText {
  const out = {} as Record<Locale, string>;
  for (const locale of LOCALES) {
    const t = TEMPLATES[locale];
    const date = longDate(locale, dataDate);
    const when = hours && Object.keys(hours).length ? t.hours.replace('{date}', date).replace('{list}', hoursText(hours, locale)) : t.noHours.replace('{date}', date);
    out[locale] = [t[what], options.mobile ? t.mobile : '', when, locale === 'fr' ? plainNote(options.frenchNote) : ''].filter(Boolean).join(' ');
  }
  return out as LocalizedText;
}
