import type { IncomingMessage } from 'node:http';

/** Typed failures of reading a JSON body; the route turns each into its HTTP status. */
export class BodyError extends Error {
  constructor(
    readonly status: 413 | 415,
    readonly code: 'payload_too_large' | 'unsupported_media_type' | 'invalid_json',
    message: string,
  ) {
    super(message);
  }
}

/** Reads at most `limit` bytes and parses them as JSON; stops reading as soon as the limit is passed. */
export async function readJsonBody(req: IncomingMessage, limit: number): Promise<unknown> {
  const type = (req.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
  if (type !== 'application/json' && !type.endsWith('+json')) {
    throw new BodyError(415, 'unsupported_media_type', 'send the profile as JSON (Content-Type: application/json)');
  }
  if (Number(req.headers['content-length'] ?? 0) > limit) {
    throw new BodyError(413, 'payload_too_large', `the body must be at most ${limit} bytes`);
  }
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > limit) throw new BodyError(413, 'payload_too_large', `the body must be at most ${limit} bytes`);
    chunks.push(chunk);
  }
  try {
    return JSON.parse(Buffer.concat(chunks).toString('utf8'));
  } catch {
    throw new BodyError(415, 'invalid_json', 'the body is not valid JSON');
  }
}
