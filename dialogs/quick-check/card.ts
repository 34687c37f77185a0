import { CardFactory, type Attachment } from 'botbuilder';
import type { ProfileInput } from '../../knowledge/contracts/profile';
import { getCommune } from '../../knowledge/geo';
import type { OrientationResult } from '../../knowledge/contracts/result';
import type { Theme } from '../../knowledge/contracts/vocabulary';
import type { Draft, Field } from '../draft';
import type { Texts } from '../i18n';
import { LEVEL_CHOICES } from '../questions/french-level';
import { NEED_CHOICES } from '../questions/needs';
import { STATUS_CHOICES } from '../questions/status';
import { PROFILE_FLAGS, type ProfileFlag } from '../questions/yes-no';
import { locationQueryOf } from '../understanding/place-text';

/**
 * The quick check in the chat, for a social worker with the person in front of them: every question on
 * one Adaptive Card (schema 1.5, what Web Chat and Teams render), checked on the card as it is filled
 * (patterns, bounds) and again here; a partly filled card still gives the plan, with what is missing
 * and which rights it would decide. The card is filled with what the person already answered.
 */
export const QUICK_CHECK = 'boussole/check';

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;

type CardInput = Record<string, unknown>;

const choice = (title: string, value: string) => ({ title, value });

/** The yes/no follow-ups of the conversation, on the card too, in this order (a blank one is left undecided). */
const CARD_FLAGS: readonly ProfileFlag[] = ['unaccompanied', 'children.schoolAge', 'foreignLicence', 'disability'];

export function quickCheckCard({ t }: Texts, draft: Draft): Attachment {
  const p = draft.profile;
  const level = p.frenchLevel === 'none' ? (p.readsWrites === false ? 'alpha' : 'none') : p.frenchLevel;
  const cir = p.cir === 'signed' ? 'yes' : p.cir === 'not_signed' ? 'no' : p.cir === 'unknown' ? 'dontKnow' : undefined;
  // A town already resolved is kept by its INSEE code: shown as its (first) postcode, which the card reads back.
  const resolved = p.location?.inseeCode ? getCommune(p.location.inseeCode)?.postcodes[0] : undefined;
  const place = p.location?.postcode ?? p.location?.commune ?? resolved ?? p.location?.department ?? '';
  const inputs: CardInput[] = [
    { type: 'Input.ChoiceSet', id: 'status', label: t('choice.field.status'), style: 'compact', value: p.status ?? '', choices: STATUS_CHOICES.map((s) => choice(t(s === 'unknown' ? 'choice.dontKnow' : `choice.status.${s}`), s)) },
    { type: 'Input.Text', id: 'statusSince', label: t('choice.field.statusSince'), placeholder: t('check.monthExample'), value: p.statusSince ?? '', regex: MONTH.source, errorMessage: t('check.monthError') },
    { type: 'Input.ChoiceSet', id: 'cir', label: t('choice.field.cir'), style: 'compact', value: cir ?? '', choices: ['yes', 'no', 'dontKnow'].map((v) => choice(t(`choice.${v}`), v)) },
    { type: 'Input.ChoiceSet', id: 'frenchLevel', label: t('choice.field.frenchLevel'), style: 'compact', value: level ?? '', choices: LEVEL_CHOICES.map((l) => choice(t(`choice.level.${l}`), l)) },
    { type: 'Input.Text', id: 'place', label: t('choice.field.location'), placeholder: t('check.placeExample'), value: place, maxLength: 100 },
    { type: 'Input.ChoiceSet', id: 'needs', label: t('choice.field.needs'), isMultiSelect: true, value: (p.needs ?? []).join(','), choices: NEED_CHOICES.map((n) => choice(t(`choice.need.${n}`), n)) },
    // No min/max: Web Chat's renderer then refuses an empty age (NaN is below 0) and the card cannot be sent half
    // filled; an age out of range is named by readQuickCheck instead.
    { type: 'Input.Number', id: 'age', label: t('choice.field.age'), value: p.age },
    ...CARD_FLAGS.map((field) => {
      const held = PROFILE_FLAGS[field].get(p);
      return { type: 'Input.ChoiceSet', id: field, label: t(`choice.field.${field}`), style: 'compact', value: held === undefined ? '' : held ? 'yes' : 'no', choices: ['yes', 'no'].map((v) => choice(t(`choice.${v}`), v)) };
    }),
  ];
  return CardFactory.adaptiveCard({
    type: 'AdaptiveCard',
    $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
    version: '1.5',
    body: [{ type: 'TextBlock', text: t('check.title'), weight: 'Bolder', size: 'Medium', wrap: true }, ...inputs],
    actions: [{ type: 'Action.Submit', title: t('check.submit'), data: { boussole: QUICK_CHECK } }],
  });
}

export interface QuickCheck {
  /** The answers as profile fields, and the draft fields they settle. */
  profile: ProfileInput;
  answered: Field[];
  /** Fields whose value could not be read (kept out of the plan). */
  invalid: Field[];
}

const text = (v: unknown) => (typeof v === 'string' ? v.trim() : typeof v === 'number' ? String(v) : '');

/** What a submitted card says; anything not one of the card's own values is invalid, never guessed. */
export function readQuickCheck(value: CardInput, today: Date): QuickCheck {
  const profile: ProfileInput = { needs: [] };
  const answered: Field[] = [];
  const invalid: Field[] = [];
  /** Reads one field: `read` gives the profile fields it sets, or undefined when the value is not valid. */
  const field = (name: Field, raw: string, read: (v: string) => Partial<ProfileInput> | undefined, also: Field[] = []) => {
    if (!raw) return;
    const fields = read(raw);
    if (!fields) return void invalid.push(name);
    Object.assign(profile, fields);
    answered.push(name, ...also);
  };
  const thisMonth = today.toISOString().slice(0, 7);
  const level = text(value.frenchLevel);
  field('status', text(value.status), (v) => ((STATUS_CHOICES as readonly string[]).includes(v) ? { status: v as ProfileInput['status'] } : undefined));
  field('statusSince', text(value.statusSince), (v) => (MONTH.test(v) && v <= thisMonth ? { statusSince: v } : undefined));
  field('cir', text(value.cir), (v) => {
    const cir = ({ yes: 'signed', no: 'not_signed', dontKnow: 'unknown' } as const)[v as 'yes' | 'no' | 'dontKnow'];
    return cir ? { cir } : undefined;
  });
  field(
    'frenchLevel',
    level,
    (v) => (v === 'alpha' || v === 'none' ? { frenchLevel: 'none', readsWrites: v === 'none' } : (LEVEL_CHOICES as readonly string[]).includes(v) ? { frenchLevel: v as ProfileInput['frenchLevel'] } : undefined),
    level === 'alpha' || level === 'none' ? ['readsWrites'] : [],
  );
  field('location', text(value.place).slice(0, 100), (v) => ({ location: locationQueryOf(v) }));
  field('needs', text(value.needs), (v) => {
    const needs = v.split(',').map((n) => n.trim()).filter(Boolean);
    return needs.every((n) => (NEED_CHOICES as readonly string[]).includes(n)) ? { needs: needs as Theme[] } : undefined;
  });
  field('age', text(value.age), (v) => {
    const n = Number(v);
    return Number.isInteger(n) && n >= 0 && n <= 120 ? { age: n } : undefined;
  });
  for (const name of CARD_FLAGS) field(name, text(value[name]), (v) => (v === 'yes' || v === 'no' ? PROFILE_FLAGS[name].set(profile, v === 'yes') : undefined));
  return { profile, answered, invalid };
}

/** "Missing: the date (would decide: AGIR, Volont'R)": what each undecided right waits for. */
export function missingLines(result: OrientationResult, { t }: Texts): string[] {
  const waits = new Map<string, string[]>();
  for (const e of result.eligibility) {
    if (e.status !== 'maybe') continue;
    for (const field of e.ask) waits.set(field, [...(waits.get(field) ?? []), t(`program.${e.program}`)]);
  }
  const label = (field: string) => {
    const key = `choice.field.${field}`;
    const name = t(key);
    return name === key ? field : name;
  };
  return [...waits].map(([field, programs]) => `- ${label(field)} → ${[...new Set(programs)].join(', ')}`);
}
