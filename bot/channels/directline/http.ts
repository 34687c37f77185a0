import type { Next, Request, RequestHandler, Response } from 'restify';

/** An answer other than 2xx, with the Direct Line error shape `{ error: { code, message } }`. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/**
 * Wraps an async handler as a callback handler: restify 11 only accepts async functions it can
 * recognise as such, which transpiled code (ts-jest, older targets) does not guarantee.
 */
export function handle(
  fn: (req: Request, res: Response) => Promise<void>,
  logError: (message: string, error: unknown) => void,
): RequestHandler {
  return (req: Request, res: Response, next: Next) => {
    fn(req, res).then(
      () => next(),
      (error: unknown) => {
        if (error instanceof HttpError) {
          // A refused body may still be streaming in: close rather than read the rest.
          if (error.status === 413) res.header('Connection', 'close');
          sendJson(res, error.status, { error: { code: error.code, message: error.message } });
        } else {
          logError(`directline: ${req.method} ${req.getRoute()?.path ?? ''} failed`, error);
          if (!res.headersSent) sendJson(res, 500, { error: { code: 'ServiceError', message: 'Internal error.' } });
        }
        next();
      },
    );
  };
}

export function sendJson(res: Response, status: number, body: unknown): void {
  // Written directly: restify's send (formatters, content negotiation) cost a tenth of a chat turn.
  const json = JSON.stringify(body);
  res.writeHead(status, {
    'Content-Type': 'application/json',
    'Content-Length': Buffer.byteLength(json),
    // Tokens and conversations are per user: never cached by a browser or a proxy.
    'Cache-Control': 'no-store',
  });
  res.end(json);
}

export function bearerToken(req: Request): string | undefined {
  const header = req.header('authorization') ?? '';
  const match = /^Bearer\s+(\S+)$/i.exec(header);
  return match?.[1];
}

/**
 * The JSON body, or undefined when empty. Works whether or not the host mounted restify's
 * bodyParser (a second parser would choke on an already parsed body).
 */
export async function readJson(req: Request, maxBytes: number): Promise<unknown> {
  const parsed: unknown = (req as { body?: unknown }).body;
  let text: string;
  if (parsed === undefined) {
    text = await readText(req, maxBytes);
  } else if (typeof parsed === 'string' || Buffer.isBuffer(parsed)) {
    text = parsed.toString();
  } else {
    return parsed;
  }
  if (text.trim() === '') return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new HttpError(400, 'BadArgument', 'Body is not valid JSON.');
  }
}

async function readText(req: Request, maxBytes: number): Promise<string> {
  const tooLarge = () => new HttpError(413, 'MessageSizeTooBig', `Body larger than ${maxBytes} bytes.`);
  if (Number(req.header('content-length') ?? 0) > maxBytes) throw tooLarge();
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer | string>) {
    const buffer = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
    size += buffer.length;
    if (size > maxBytes) throw tooLarge();
    chunks.push(buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}
