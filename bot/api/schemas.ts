import { z } from 'zod';
import type { BodyErrorCode } from './read-json-body';

/**
 * What the HTTP API answers besides the result (knowledge/contracts/result.ts). The OpenAPI document
 * (openapi.ts) is generated from these; the orientation route types its bodies with them, and
 * test/bot/openapi.test.ts checks every route's real answers against the document.
 */

const IssueSchema = z.strictObject({
  path: z.string().describe('the field, dotted ("location.postcode"), or "(root)"'),
  message: z.string(),
});

/** 400 for a profile or a `?locale=` the API cannot take: one issue per problem. */
export const InvalidInputSchema = z.strictObject({
  error: z.enum(['invalid_profile', 'invalid_locale']),
  issues: z.array(IssueSchema).min(1),
});
export type InvalidInput = z.infer<typeof InvalidInputSchema>;

/** A body refused before it is read as a profile, one schema per reason (its status is BODY_ERRORS[code]). */
export const bodyErrorSchema = (code: BodyErrorCode) => z.strictObject({ error: z.literal(code), message: z.string() });
export type BodyErrorBody = { error: BodyErrorCode; message: string };

export const HealthSchema = z.strictObject({
  status: z.literal('ok'),
  instance: z.string().describe('which process answered; changes when the service restarts'),
});

export const ReadySchema = z.strictObject({ status: z.literal('ready') });

export const UnavailableSchema = z.strictObject({
  status: z.literal('unavailable'),
  reason: z.string().describe('"warming" while the date recognizers are built, "storage" when the store cannot write'),
});
