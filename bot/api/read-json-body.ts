import type { IncomingMessage } from 'node:http';

/** Why a body was refused, and the HTTP status each reason answers (DOMAIN.md §5). */
export const BODY_ERRORS = {
  invalid_json: 400,
  payload_too_large: 413,
  unsupported_media_type: 415,
} as const;
export type BodyErrorCode = keyof typeof BODY_ERRORS;

/** Typed failures of reading a JSON body; the route turns each into its HTTP status. */
export class BodyError extends Error {
  readonly status: (typeof BODY_ERRORS)[BodyErrorCode];

  constructor(
    readonly code: BodyErrorCode,
    message: string,
  ) {
    super(message);
    this.status = BODY_ERRORS[code];
  }
}

/** Reads at most `limit` bytes and parses them as JSON; stops reading as soon as the limit is passed. */
export async function readJsonBody(req: IncomingMessage, limit: number): Promise<unknown> {
  const type = (req.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
  if (type !== 'application/json' && !type.endsWith('+json')) {
    throw new BodyError('unsupported_media_type', 'send the profile as JSON (Content-Type: application/json)');
  }
  if (Number(req.headers['content-length'] ?? 0) > limit) {
    throw new BodyError('payload_too_large', `the body must be at most ${limit} bytes`);
  }
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > limit) throw new BodyError('payload_too_large', `the body must be at most ${limit} bytes`);
    chunks.push(chunk);
  }
  try {
    return JSON.parse(Buffer.concat(chunks).toString('utf8'));
  } catch {
    throw new BodyError('invalid_json', 'the body is not valid JSON');
  }
}
