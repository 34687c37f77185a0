import { z } from 'zod';
import { CIR_STATES, FRENCH_LEVELS, LOCALES, PROTECTIONS, STATUSES, THEMES } from './vocabulary';

/** DOMAIN.md §3. Every field is optional; unknown keys are rejected so a typo never drops a criterion. */

const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;

export const LocationQuerySchema = z
  .strictObject({
    postcode: z.string().regex(/^\d{5}$/, 'must be a 5-digit French postcode, e.g. "87000"').optional(),
    commune: z.string().trim().min(1, 'must not be empty').max(100, 'must be at most 100 characters').optional(),
    inseeCode: z
      .string()
      .regex(/^(\d{5}|2[AB]\d{3})$/i, 'must be a 5-character INSEE code, e.g. "87085" or "2A004"')
      .optional(),
    department: z
      .string()
      .regex(/^(\d{2}|2[AB]|97[1-6])$/i, 'must be a department code, e.g. "87", "2A" or "974"')
      .optional(),
  })
  .refine((l) => Object.values(l).some((v) => v !== undefined), {
    message: 'give one of postcode, commune, inseeCode or department',
  });
export type LocationQuery = z.infer<typeof LocationQuerySchema>;

export const ProfileSchema = z.strictObject({
  status: z.enum(STATUSES).optional(),
  protection: z.enum(PROTECTIONS).optional(),
  statusSince: z.string().regex(MONTH, 'must be a month written YYYY-MM, e.g. "2026-03"').optional(),
  /** Month of arrival in France: asylum seekers' health cover counts 3 months of residence from it. */
  inFranceSince: z.string().regex(MONTH, 'must be a month written YYYY-MM, e.g. "2026-03"').optional(),
  cir: z.enum(CIR_STATES).optional(),
  frenchLevel: z.enum(FRENCH_LEVELS).optional(),
  readsWrites: z.union([z.boolean(), z.literal('unknown')]).optional(),
  location: LocationQuerySchema.optional(),
  age: z.number().int('must be a whole number').min(0, 'must be 0 or more').max(120, 'must be 120 or less').optional(),
  needs: z.array(z.enum(THEMES)).max(THEMES.length).default([]),
  children: z.strictObject({ schoolAge: z.boolean().optional(), under3: z.boolean().optional() }).optional(),
  foreignLicence: z.boolean().optional(),
  disability: z.boolean().optional(),
  /** Has a job now (Action Logement and other employee schemes). */
  employed: z.boolean().optional(),
  /**
   * The person is under 18 and in France without a parent or legal guardian (a "mineur non accompagné"): the
   * département's child protection (ASE) must shelter and protect them (CASF L221-2-4). `false`: an adult, or a
   * minor with a parent or guardian. A stated age of 18 or more wins over `true`.
   */
  unaccompanied: z.boolean().optional(),
  locale: z.enum(LOCALES).optional(),
});
export type Profile = z.infer<typeof ProfileSchema>;
export type ProfileInput = z.input<typeof ProfileSchema>;

export interface FieldIssue {
  path: string;
  message: string;
}

/** One readable message per problem, naming the field and, for vocabularies, the accepted values. */
export function describeIssues(error: z.ZodError): FieldIssue[] {
  return error.issues.flatMap((issue): FieldIssue[] => {
    const path = issue.path.map(String).join('.');
    switch (issue.code) {
      case 'unrecognized_keys':
        return issue.keys.map((key) => ({
          path: path ? `${path}.${key}` : key,
          message: `unknown field "${key}"`,
        }));
      case 'invalid_value':
        return [{ path, message: `must be one of: ${issue.values.map((v) => JSON.stringify(v)).join(', ')}` }];
      case 'invalid_type':
        return [{ path: path || '(root)', message: `must be ${/^[aeiou]/.test(issue.expected) ? 'an' : 'a'} ${issue.expected}` }];
      case 'invalid_union':
        return [{ path, message: 'must be true, false or "unknown"' }];
      default:
        return [{ path: path || '(root)', message: issue.message }];
    }
  });
}

export type ParseResult = { ok: true; profile: Profile } | { ok: false; issues: FieldIssue[] };

/** Months that have not come yet ("since 2030-01"): a typo, never a fact to reason on. */
export function futureMonthIssues(profile: Profile, today: Date): FieldIssue[] {
  const now = today.toISOString().slice(0, 7);
  return (['statusSince', 'inFranceSince'] as const)
    .filter((field) => profile[field] !== undefined && profile[field]! > now)
    .map((field) => ({ path: field, message: `must not be after this month (${now})` }));
}

export function parseProfile(input: unknown): ParseResult {
  const parsed = ProfileSchema.safeParse(input);
  return parsed.success ? { ok: true, profile: parsed.data } : { ok: false, issues: describeIssues(parsed.error) };
}
