import type { Next, Request, Response } from 'restify';
import { z } from 'zod';
import { LocationQuerySchema, ProfileSchema } from '../../knowledge/contracts/profile';
import { ResultSchema } from '../../knowledge/contracts/result';
import { LOCALES } from '../../knowledge/contracts/vocabulary';
import { MAX_BODY_BYTES } from './orientation';
import { BODY_ERRORS, type BodyErrorCode } from './read-json-body';
import { HealthSchema, InvalidInputSchema, ReadySchema, UnavailableSchema, bodyErrorSchema } from './schemas';

/**
 * The OpenAPI 3.1 document of the HTTP API, served at GET /api/openapi.json. Every schema in it is generated
 * from the zod schemas the routes use (z.toJSONSchema), so the document cannot drift from the code.
 */

type JsonSchema = Record<string, unknown>;
type Status = (typeof BODY_ERRORS)[BodyErrorCode];

const ref = (id: string): JsonSchema => ({ $ref: `#/components/schemas/${id}` });
const json = (schema: JsonSchema) => ({ 'application/json': { schema } });
/** invalid_json → InvalidJson: component names in the style of the others. */
const componentOf = (code: BodyErrorCode) => code.replace(/(?:^|_)(\w)/g, (_m, c: string) => c.toUpperCase());

/**
 * JSON Schema patterns have no flags: a case-insensitive regex gets its letters spelt in both cases
 * ("2[AB]" → "2[aAbB]"), so the document accepts what the API accepts (e.g. INSEE code "2a004").
 */
export function caseless(source: string): string {
  let out = '';
  let inClass = false;
  for (let i = 0; i < source.length; i++) {
    const c = source[i]!;
    if (c === '\\') {
      out += c + (source[++i] ?? '');
      continue;
    }
    if (c === '[' || c === ']') inClass = c === '[';
    const both = c.toLowerCase() + c.toUpperCase();
    if (!/^[a-z]$/i.test(c)) out += c;
    else if (inClass && (source[i - 1] === '-' || source[i + 1] === '-')) throw new Error(`caseless: letter range in /${source}/`);
    else out += inClass ? both : `[${both}]`;
  }
  return out;
}

/** What z.toJSONSchema cannot see: regex flags, and the refinement that a location names at least one place. */
const override: NonNullable<Parameters<typeof z.toJSONSchema>[1]>['override'] = ({ zodSchema, jsonSchema }) => {
  // A regex check keeps its RegExp in its definition, where zod's own generator reads it from.
  for (const check of zodSchema._zod.def.checks ?? []) {
    const { pattern } = check._zod.def as { pattern?: RegExp };
    if (pattern?.flags.includes('i') && jsonSchema.pattern === pattern.source) jsonSchema.pattern = caseless(pattern.source);
  }
  if (zodSchema === LocationQuerySchema) jsonSchema.minProperties = 1;
};

/** Components named as in the document; requests are described as they may be sent, responses as they are. */
function components(): Record<string, JsonSchema> {
  const requests = z.registry<{ id: string }>();
  requests.add(ProfileSchema, { id: 'Profile' });
  requests.add(z.enum(LOCALES), { id: 'Locale' });
  const responses = z.registry<{ id: string }>();
  responses.add(ResultSchema, { id: 'Result' });
  responses.add(InvalidInputSchema, { id: 'InvalidInput' });
  for (const code of Object.keys(BODY_ERRORS) as BodyErrorCode[]) responses.add(bodyErrorSchema(code), { id: componentOf(code) });
  responses.add(HealthSchema, { id: 'Health' });
  responses.add(ReadySchema, { id: 'Ready' });
  responses.add(UnavailableSchema, { id: 'Unavailable' });
  const schemas: Record<string, JsonSchema> = {};
  for (const [registry, io] of [[requests, 'input'], [responses, 'output']] as const) {
    const generated = z.toJSONSchema(registry, { io, override, uri: (id) => ref(id).$ref as string }).schemas;
    // A component takes the document's dialect and is named by its place: no $schema, no $id of its own.
    for (const [id, { $schema: _dialect, $id: _id, ...schema }] of Object.entries(generated)) schemas[id] = schema;
  }
  return schemas;
}

const REFUSED: Record<Status, string> = {
  400: 'An invalid profile or `?locale=` (with one issue per problem), or a body that is not valid JSON.',
  413: `A body over ${MAX_BODY_BYTES} bytes.`,
  415: 'A body not declared as JSON (`Content-Type: application/json` or `…+json`).',
};

/** The refusals of POST /api/orientation, by status, each with the bodies it may carry. */
function refusals(): Record<string, unknown> {
  const bodies: Record<Status, JsonSchema[]> = { 400: [ref('InvalidInput')], 413: [], 415: [] };
  for (const [code, status] of Object.entries(BODY_ERRORS) as Array<[BodyErrorCode, Status]>) bodies[status].push(ref(componentOf(code)));
  return Object.fromEntries(
    Object.entries(bodies).map(([status, list]) => [
      status,
      { description: REFUSED[Number(status) as Status], content: json(list.length === 1 ? list[0]! : { oneOf: list }) },
    ]),
  );
}

export function openApiDocument(): JsonSchema {
  return {
    openapi: '3.1.1',
    info: {
      title: 'Boussole orientation API',
      version: String(ResultSchema.shape.version.value),
      description:
        'A profile in (DOMAIN.md §3), a plan out (DOMAIN.md §4): eligibility with its reasons and sources, next steps, ' +
        'resources near the person, help numbers. The chat routes (`/api/messages` for Bot Framework channels, ' +
        '`/v3/directline` for the local Web Chat) follow their own protocols and are not described here.',
      license: { name: 'MIT', identifier: 'MIT' },
    },
    paths: {
      '/api/orientation': {
        post: {
          operationId: 'orient',
          summary: 'The plan for one profile',
          parameters: [
            {
              name: 'locale',
              in: 'query',
              required: false,
              description: "The language of the texts; takes precedence over the profile's `locale` (default French).",
              schema: ref('Locale'),
            },
          ],
          requestBody: { required: true, content: json(ref('Profile')) },
          responses: {
            200: { description: 'The result: every text in the requested locale, keys and codes never translated.', content: json(ref('Result')) },
            ...refusals(),
          },
        },
      },
      '/healthz': {
        get: {
          operationId: 'health',
          summary: 'Liveness: the process answers',
          responses: { 200: { description: 'Alive.', content: json(ref('Health')) } },
        },
      },
      '/readyz': {
        get: {
          operationId: 'readiness',
          summary: 'Readiness: the service can serve (recognizers built, store writable)',
          responses: {
            200: { description: 'Ready.', content: json(ref('Ready')) },
            503: { description: 'Not ready yet, or the store cannot write; send traffic elsewhere.', content: json(ref('Unavailable')) },
          },
        },
      },
      '/api/openapi.json': {
        get: {
          operationId: 'openapi',
          summary: 'This document',
          responses: { 200: { description: 'The OpenAPI 3.1 document.', content: json({ type: 'object', required: ['openapi', 'info', 'paths'] }) } },
        },
      },
    },
    components: { schemas: components() },
  };
}

/** GET /api/openapi.json: the document is built once, when the server is created. */
export function openApiRoute() {
  const document = openApiDocument();
  return (_req: Request, res: Response, next: Next): void => {
    res.json(document);
    next();
  };
}
