import { z } from 'zod';
import { ELIGIBILITY_STATUSES, FRENCH_LEVELS, OFII_TRACKS, PROGRAMS, PROTECTIONS, STATUSES } from '../contracts/vocabulary';

/**
 * Rules are data: each program file declares cases of conditions from this small vocabulary, and one
 * interpreter (`evaluate.ts`) reads them. Adding a kind means adding it here, in the interpreter, and a test.
 */

export const FLAG_FIELDS = [
  'cir',
  'readsWrites',
  'foreignLicence',
  'disability',
  'employed',
  'unaccompanied',
  'children.schoolAge',
  'children.under3',
] as const;
export type FlagField = (typeof FLAG_FIELDS)[number];

/** What the interpreter does when the fact is missing, or when the condition is false. */
const Tuning = {
  whenUnknown: z.enum(['maybe', 'fail', 'pass']).optional(),
  whenFalse: z.enum(['fail', 'maybe']).optional(),
  failCode: z.string().optional(),
  askCode: z.string().optional(),
};

export const ConditionSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('statusIn'), statuses: z.array(z.enum(STATUSES)).min(1), ...Tuning }),
  /** The kind of OFPRA protection (refugee, subsidiary, stateless): the préfecture's card depends on it. */
  z.strictObject({ kind: z.literal('protectionIn'), protections: z.array(z.enum(PROTECTIONS)).min(1), ...Tuning }),
  z.strictObject({
    kind: z.literal('sinceStatus'),
    minMonths: z.number().int().positive().optional(),
    maxMonths: z.number().int().positive().optional(),
    maxCalendarYears: z.number().int().min(0).optional(),
    ...Tuning,
  }),
  /** Months of residence in France, from `inFranceSince` (asylum seekers' health cover). */
  z.strictObject({
    kind: z.literal('sinceArrival'),
    minMonths: z.number().int().positive().optional(),
    maxMonths: z.number().int().positive().optional(),
    ...Tuning,
  }),
  z.strictObject({
    kind: z.literal('ageBetween'),
    min: z.number().int().min(0),
    max: z.number().int().min(0),
    maxWithDisability: z.number().int().min(0).optional(),
    ...Tuning,
  }),
  z.strictObject({
    kind: z.literal('departmentNotIn'),
    codes: z.array(z.string().regex(/^(\d{2}|2[AB]|97[1-6])$/)).min(1),
    ...Tuning,
  }),
  z.strictObject({
    kind: z.literal('departmentIn'),
    codes: z.array(z.string().regex(/^(\d{2}|2[AB]|97[1-6])$/)).min(1),
    ...Tuning,
  }),
  z.strictObject({ kind: z.literal('levelIn'), levels: z.array(z.enum(FRENCH_LEVELS)).min(1), ...Tuning }),
  z.strictObject({ kind: z.literal('flag'), field: z.enum(FLAG_FIELDS), equals: z.union([z.boolean(), z.string()]), ...Tuning }),
]);
export type Condition = z.infer<typeof ConditionSchema>;

const SourceRef = z.string().refine((s) => /^00\d_[0-9a-f]{16}\.txt/.test(s) || /^https:\/\//.test(s), {
  message: 'must be a seed file name or an https URL',
});

/** A Refugies.info fiche page: French paths (`dispositif`, `demarche`) or translated ones (`program`, `procedure`). */
const FICHE_PAGE = /^https:\/\/refugies\.info\/[a-z]{2}\/(dispositif|demarche|program|procedure)\/([0-9a-f]{24})$/;
const SAME_TYPE = { dispositif: 'dispositif', program: 'dispositif', demarche: 'demarche', procedure: 'demarche' } as const;

/**
 * The Refugies.info fiche of the scheme itself, linked instead of a theme search: its id, its type (the page of the
 * other type answers 404), and the public page where the id was seen with a title and content matching the scheme.
 */
export const RuleFicheSchema = z
  .strictObject({
    id: z.string().regex(/^[0-9a-f]{24}$/),
    type: z.enum(['dispositif', 'demarche']),
    seenAt: z.string().regex(FICHE_PAGE, 'must be the fiche page, https://refugies.info/<locale>/<type>/<id>'),
  })
  .refine(
    (f) => {
      const m = FICHE_PAGE.exec(f.seenAt);
      return m !== null && m[2] === f.id && SAME_TYPE[m[1] as keyof typeof SAME_TYPE] === f.type;
    },
    { message: 'seenAt must be the page of this id and type' },
  );
export type RuleFiche = z.infer<typeof RuleFicheSchema>;

export const RuleSchema = z.strictObject({
  program: z.enum(PROGRAMS),
  checkedOn: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  sources: z.array(SourceRef).min(1),
  /** Where Refugies.info publishes a fiche for the scheme; absent, the faces keep a theme search. */
  refugiesInfo: RuleFicheSchema.optional(),
  /** Criteria the engine does not model; shown as reasons so nobody mistakes a decision for a certainty. */
  notModeled: z.array(z.string()).optional(),
  cases: z
    .array(
      z.strictObject({
        when: z.array(ConditionSchema).min(1),
        then: z.strictObject({
          status: z.enum(ELIGIBILITY_STATUSES),
          code: z.string(),
          track: z.enum(OFII_TRACKS).optional(),
          notes: z.array(z.string()).optional(),
        }),
      }),
    )
    .min(1),
  otherwise: z.strictObject({ status: z.enum(ELIGIBILITY_STATUSES), code: z.string().optional() }),
});
export type Rule = z.infer<typeof RuleSchema>;

/** Identity helper so rule files autocomplete and are checked against the schema at load. */
export function defineRule(rule: Rule): Rule {
  return RuleSchema.parse(rule);
}
