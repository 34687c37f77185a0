import type { Profile } from '../../knowledge/contracts/profile';
import type { OrientationResult } from '../../knowledge/contracts/result';
import type { Locale } from '../../knowledge/contracts/vocabulary';
import type { AskOptions } from '../ask-dialog';
import type { Texts } from '../i18n';
import { headline } from '../plan-messages';
import type { QuestionId } from '../questions/question';
import { countSms } from './sms';

/**
 * The phone advisor's script, in French (the advisors' language): the same questions as the chat, each
 * with the words to read aloud, its options numbered for the number keys, and a hint for the hard cases;
 * at the end a case note to copy and a short SMS for the caller in their language. It only renders: the
 * questions, their answers and the plan are the conversation's and the engine's.
 */
const HINTS: Partial<Record<QuestionId, string>> = {
  language: "La langue dans laquelle l'appelant recevra le SMS de fin d'appel.",
  status:
    "Demandez quel document la personne a. Carte ou récépissé « réfugié » (10 ans) ou « protection subsidiaire » (4 ans) : Asile accordé. Attestation de demande d'asile : Demandeur d'asile. « Protection temporaire » (Ukraine) : Protection (Ukraine). Aucun document valable : Sans titre de séjour.",
  statusSince: "La date est sur la décision de l'OFPRA ou de la CNDA, ou sur le premier récépissé. Le mois suffit : tapez-le (03/2025) ou choisissez.",
  cir: "Le CIR se signe à l'OFII, au premier rendez-vous après le premier titre de séjour. Indices : une attestation de l'OFII, une formation civique suivie. Dans le doute : « Je ne sais pas ».",
  frenchLevel: "Posez une question simple en français. Répond sans aide : A2 ou plus. Ne lit ni n'écrit aucune langue : « Ne lit pas ».",
  location: 'Tapez le code postal (5 chiffres), à défaut la ville, ou le numéro du département.',
  needs: 'Plusieurs réponses possibles : un numéro à la fois, puis celui de « C’est tout ».',
  moreNeeds: 'Un autre numéro, ou celui de « C’est tout ».',
  inFranceSince: "N'importe quelle preuve de présence compte (pas seulement la date de la demande d'asile).",
};

export const ADVISOR_TEXTS = {
  start: '**Mode conseiller.** Lisez les phrases entre guillemets. Répondez avec le numéro de l’option, puis Entrée. « 0 » revient à la question précédente, « changer » modifie une réponse, « recommencer » ouvre un nouvel appel.',
  language: "Dans quelle langue parle l'appelant ?",
  callerLanguage: "Langue de l'appelant : {{language}}.",
  note: '**Note de dossier** (à copier) :',
  sms: '**SMS pour l’appelant** ({{language}}) :',
  count: '{{length}} caractères · {{encoding}} · {{segments}} SMS',
} as const;

/** A question as the advisor sees it: step number, words to read aloud, numbered options, hint. */
export function advisorQuestion(options: AskOptions, id: QuestionId, step: number): AskOptions {
  const choices = options.choices.map((c, i) => ({ ...c, title: `${i + 1} · ${c.title}`, terms: [`${i + 1} · ${c.title}`, ...c.terms] }));
  const prompt = [
    `**Étape ${step}** — À lire : « ${id === 'language' ? ADVISOR_TEXTS.language : options.prompt} »`,
    ...options.choices.map((c, i) => `${i + 1}. ${c.title}`),
    ...(HINTS[id] ? ['', `💡 ${HINTS[id]}`] : []),
  ].join('\n');
  return { ...options, prompt, choices };
}

/** A language's name in French ("pachto", "tigrigna"), from the runtime's CLDR data. */
export function languageName(locale: Locale): string {
  return new Intl.DisplayNames('fr', { type: 'language' }).of(locale) ?? locale;
}

const yesNo = (v: boolean | 'unknown' | undefined) => (v === true ? 'oui' : v === false ? 'non' : v === 'unknown' ? 'ne sait pas' : undefined);

function frenchLevelOf(profile: Profile, t: Texts['t']): string | undefined {
  const level = profile.frenchLevel;
  if (!level) return undefined;
  if (level === 'unknown') return t('choice.dontKnow');
  const button = level === 'none' && profile.readsWrites === false ? 'alpha' : level;
  return level === 'none' ? t(`choice.level.${button}`) : `${t(`choice.level.${button}`)} (${level})`;
}

/** One field a line, values from the conversation's own French words: nothing typed freely. */
export function caseNote(profile: Profile, result: OrientationResult, caller: Locale, fr: Texts, today: Date): string {
  const { t } = fr;
  const place = result.location.status === 'resolved' ? [result.location.commune, `(${result.location.department})`].filter(Boolean).join(' ') : undefined;
  const decided = (wanted: string[]) => result.eligibility.filter((e) => wanted.includes(e.status)).map((e) => t(`program.${e.program}`));
  const fields: Array<[string, string | undefined]> = [
    ['Date', today.toISOString().slice(0, 10)],
    ['Langue', languageName(caller)],
    ['Statut', profile.status ? t(profile.status === 'unknown' ? 'choice.dontKnow' : `choice.status.${profile.status}`) : undefined],
    ['Depuis', profile.statusSince],
    ['En France depuis', profile.inFranceSince],
    ['CIR', profile.cir === 'signed' ? 'signé' : profile.cir === 'not_signed' ? 'non signé' : profile.cir === 'unknown' ? 'ne sait pas' : undefined],
    // The button the advisor read out ("Quelques mots (A1)"), never the code; "none" is "Je ne lis pas" when the caller cannot read.
    ['Français', frenchLevelOf(profile, t)],
    ['Lit et écrit', yesNo(profile.readsWrites)],
    ['Lieu', place],
    ['Besoins', profile.needs.map((n) => t(`choice.need.${n}`)).join(', ') || undefined],
    ['Âge', profile.age !== undefined ? String(profile.age) : undefined],
    ['Handicap', yesNo(profile.disability)],
    ['Permis étranger', yesNo(profile.foreignLicence)],
    ['Enfants en âge scolaire', yesNo(profile.children?.schoolAge)],
    ['Droits', decided(['eligible', 'done']).join(', ') || undefined],
    ['À vérifier', decided(['maybe']).join(', ') || undefined],
    ...result.nextSteps.slice(0, 5).map((s): [string, string] => [`Étape ${s.order}`, s.text]),
  ];
  return fields.filter((f): f is [string, string] => f[1] !== undefined).map(([k, v]) => `${k} : ${v}`).join('\n');
}

/** The caller's SMS: the first steps in their language, in short, and one link to read more in it. */
export function callerSms(result: OrientationResult, caller: Texts): string {
  const link = result.recommendations.find((r) => r.refugiesInfo)?.refugiesInfo?.url ?? result.recommendations.find((r) => r.url)?.url;
  return [caller.t('sms.intro'), ...result.nextSteps.slice(0, 3).map((s, i) => `${i + 1}. ${headline(s.text)}`), ...(link ? [link] : [])].join('\n');
}

export function smsCountLine(sms: string): string {
  const { length, encoding, segments } = countSms(sms);
  return ADVISOR_TEXTS.count.replace('{{length}}', String(length)).replace('{{encoding}}', encoding).replace('{{segments}}', String(segments));
}
