import http from 'node:http';

/**
 * The Direct Line 3.0 calls Web Chat makes in polling mode, over node:http with one keep-alive agent
 * per person bound to that person's own loopback address (so per-address limits see distinct clients).
 */

/** What the benchmark reads of an activity; the rest is passed through untouched. */
export interface WireActivity {
  type?: string;
  id?: string;
  text?: string;
  from?: { id?: string; role?: string };
  suggestedActions?: { actions?: { type?: string; title?: string; value?: unknown }[] };
  attachments?: { contentType?: string }[];
  attachmentLayout?: string;
}

/** A non-2xx answer: its status is the error kind in the report. */
export class HttpStatusError extends Error {
  constructor(
    readonly status: number,
    readonly path: string,
  ) {
    super(`HTTP ${status} on ${path}`);
  }
}

/** The page size of the server's GET /activities; a full page means there may be more. */
const PAGE_SIZE = 100;
const MAX_PAGES = 20;

export class DirectLineClient {
  private readonly agent: http.Agent;
  private token = '';
  private conversationId = '';
  private watermark: string | undefined;
  /** The user id Web Chat takes from the token's `user` claim. */
  userId = '';

  constructor(
    private readonly baseUrl: string,
    localAddress: string,
  ) {
    this.agent = new http.Agent({ keepAlive: true, localAddress });
  }

  /** POST /tokens/generate (no body, as the page does), then POST /conversations with the locale. */
  async open(locale: string, signal: AbortSignal): Promise<void> {
    const generated = await this.call<{ token: string; conversationId: string }>('POST', '/v3/directline/tokens/generate', undefined, signal);
    this.token = generated.token;
    this.conversationId = generated.conversationId;
    this.userId = userClaim(this.token);
    const started = await this.call<{ token: string }>('POST', '/v3/directline/conversations', { locale }, signal);
    this.token = started.token;
  }

  /** New activities since the last call (all pages), advancing the watermark as Web Chat does. */
  async poll(signal: AbortSignal): Promise<WireActivity[]> {
    const all: WireActivity[] = [];
    for (let page = 0; page < MAX_PAGES; page++) {
      const query = this.watermark === undefined ? '' : `?watermark=${encodeURIComponent(this.watermark)}`;
      const body = await this.call<{ activities: WireActivity[]; watermark?: string }>('GET', `${this.activitiesPath()}${query}`, undefined, signal);
      all.push(...body.activities);
      if (body.watermark !== undefined) this.watermark = body.watermark;
      if (body.activities.length < PAGE_SIZE) break;
    }
    return all;
  }

  /** POST a message; the server answers once the bot's turn has run. */
  async send(text: string, locale: string, clientActivityID: string, signal: AbortSignal): Promise<void> {
    const activity = { type: 'message', from: { id: this.userId }, text, locale, channelData: { clientActivityID } };
    await this.call('POST', this.activitiesPath(), activity, signal);
  }

  /** Closes the person's sockets (keep-alive would otherwise hold them and the server open). */
  close(): void {
    this.agent.destroy();
  }

  private activitiesPath(): string {
    return `/v3/directline/conversations/${encodeURIComponent(this.conversationId)}/activities`;
  }

  private call<T>(method: 'GET' | 'POST', path: string, body: unknown, signal: AbortSignal): Promise<T> {
    const payload = body === undefined ? undefined : JSON.stringify(body);
    const headers: http.OutgoingHttpHeaders = { accept: 'application/json' };
    if (this.token) headers.authorization = `Bearer ${this.token}`;
    if (payload !== undefined) {
      headers['content-type'] = 'application/json';
      headers['content-length'] = Buffer.byteLength(payload);
    }
    return new Promise<T>((resolve, reject) => {
      const req = http.request(`${this.baseUrl}${path}`, { method, headers, agent: this.agent, signal }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('error', reject);
        res.on('end', () => {
          const status = res.statusCode ?? 0;
          if (status < 200 || status > 299) return reject(new HttpStatusError(status, path.replace(/conversations\/[^/]+/, 'conversations/:id')));
          const text = Buffer.concat(chunks).toString('utf8');
          try {
            resolve((text ? JSON.parse(text) : {}) as T);
          } catch (error) {
            reject(error instanceof Error ? error : new Error(String(error)));
          }
        });
      });
      req.on('error', reject);
      req.end(payload);
    });
  }
}

/** The `user` claim of a Direct Line JWT, read without verifying it (as Web Chat does). */
export function userClaim(token: string): string {
  const payload = token.split('.')[1] ?? '';
  const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as { user?: unknown };
  if (typeof claims.user !== 'string') throw new Error('token has no user claim');
  return claims.user;
}

/** Person `index` → its own loopback source address 127.0.x.y (x, y in 1..254). */
export function loopbackAddress(index: number): string {
  return `127.0.${1 + Math.floor(index / 254)}.${1 + (index % 254)}`;
}

export const MAX_ADDRESSES = 254 * 254;
