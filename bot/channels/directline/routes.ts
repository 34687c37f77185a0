import { randomBytes } from 'node:crypto';
import type { Activity, ChannelAccount } from 'botbuilder';
import type { Request, Server } from 'restify';
import { z } from 'zod';
import type { DirectLineAdapter } from './adapter';
import type { ConversationRecord, ConversationStore } from './conversationStore';
import { HttpError, bearerToken, handle, readJson, sendJson } from './http';
import type { ConversationRateLimiter } from './rateLimit';
import type { TokenService } from './tokens';

export const BASE_PATH = '/v3/directline';

/** Polls return at most this many activities; the client asks again from the new watermark. */
const PAGE_SIZE = 100;

/** Fields of a posted activity that only the server may set. */
const SERVER_FIELDS = ['id', 'timestamp', 'serviceUrl', 'channelId', 'conversation', 'recipient'] as const;

export interface RouteDeps {
  store: ConversationStore;
  tokens: TokenService;
  adapter: DirectLineAdapter;
  botAccount: ChannelAccount;
  serviceUrl: () => string;
  now: () => Date;
  logError: (message: string, error: unknown) => void;
  limiter: ConversationRateLimiter;
}

// No '/' in user ids: botbuilder builds storage keys like `directline/users/{id}/UserState`.
const userIdSchema = z.string().min(1).max(128).regex(/^[\w.:@-]+$/);
const generateSchema = z.object({ user: z.object({ id: userIdSchema.optional() }).loose().optional() }).loose();
const localeSchema = z.string().max(35).regex(/^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*$/);
const startSchema = z.object({ locale: z.unknown().optional() }).loose();
// Web Chat posts messages, typing and events; anything else (conversationUpdate, invoke…) is ours to send.
const incomingSchema = z
  .object({
    type: z.enum(['message', 'typing', 'event']),
    from: z.object({ name: z.string().max(200).optional() }).loose().optional(),
    channelData: z.record(z.string(), z.unknown()).optional(),
  })
  .loose();

/** Mounts the Direct Line 3.0 subset that botframework-directlinejs uses in polling mode. */
export function mountRoutes(server: Server, deps: RouteDeps): void {
  const { tokens, adapter, logError } = deps;
  const route = (fn: Parameters<typeof handle>[0]) => handle(fn, logError);

  const conversationBody = (record: ConversationRecord) => ({
    conversationId: record.id,
    token: tokens.issue(record.id, record.userId),
    expires_in: tokens.ttlSeconds,
  });

  /** The conversation a request may use: 403 without a valid token for it, 404 if it is gone. */
  const authorize = async (req: Request, conversationId?: string): Promise<ConversationRecord> => {
    const claims = tokens.verify(bearerToken(req));
    if (!claims) throw new HttpError(403, 'TokenExpired', 'Missing, invalid or expired token.');
    if (conversationId !== undefined && claims.conv !== conversationId) {
      throw new HttpError(403, 'Forbidden', 'Token is not valid for this conversation.');
    }
    // 404, never 400/500: DirectLineJS treats 404 as "conversation ended" and stops cleanly.
    const record = await deps.store.get(claims.conv);
    if (!record) throw new HttpError(404, 'BadArgument', 'Conversation not found.');
    return record;
  };

  /** First start: the bot gets membersAdded [bot, user], so ActivityHandler welcome code runs. */
  const startOnce = async (record: ConversationRecord, locale: string | undefined) => {
    const updateId = record.started ? undefined : await deps.store.start(record.id, locale);
    if (!updateId) return;
    const user = { id: record.userId, role: 'user' };
    const update = {
      type: 'conversationUpdate',
      id: updateId,
      timestamp: deps.now().toISOString(),
      channelId: 'directline',
      serviceUrl: deps.serviceUrl(),
      conversation: { id: record.id },
      from: user,
      recipient: deps.botAccount,
      membersAdded: [deps.botAccount, user],
      ...(locale ? { locale } : {}),
    } as unknown as Activity;
    // Not awaited: the page gets its answer now; the welcome lands in the log before the first
    // user turn because turns of a conversation are queued. Never stored: clients do not see it.
    adapter.runTurn(update).catch((error: unknown) => logError(`directline: welcome turn failed in ${record.id}`, error));
  };

  // Called by the host page (server side or same origin), not by DirectLineJS: opens a conversation.
  server.post(
    `${BASE_PATH}/tokens/generate`,
    route(async (req, res) => {
      const wait = deps.limiter.take(req.socket.remoteAddress ?? 'unknown');
      if (wait !== undefined) {
        res.header('Retry-After', String(wait));
        throw new HttpError(429, 'TooManyRequests', 'Too many new conversations from this address; try again later.');
      }
      const body = generateSchema.safeParse((await readJson(req)) ?? {});
      if (!body.success) throw new HttpError(400, 'BadArgument', 'Invalid user id.');
      // Like Web Chat's own random ids; a caller that wants UserState across visits passes a stable id.
      const userId = body.data.user?.id ?? `r_${randomBytes(12).toString('base64url')}`;
      const record = await deps.store.create(userId);
      sendJson(res, 200, conversationBody(record));
    }),
  );

  server.post(
    `${BASE_PATH}/tokens/refresh`,
    route(async (req, res) => {
      sendJson(res, 200, conversationBody(await authorize(req)));
    }),
  );

  // DirectLineJS "start conversation": with a token, the conversation is the one the token names.
  server.post(
    `${BASE_PATH}/conversations`,
    route(async (req, res) => {
      const record = await authorize(req);
      const body = startSchema.safeParse((await readJson(req)) ?? {});
      const locale = localeSchema.safeParse(body.success ? body.data.locale : undefined);
      await startOnce(record, locale.success ? locale.data : undefined);
      sendJson(res, 201, conversationBody(record));
    }),
  );

  // Resume (DirectLineJS given a conversationId). Also starts a never-started conversation, so a
  // page that passes the generated conversationId straight to Web Chat still gets the welcome.
  server.get(
    `${BASE_PATH}/conversations/:conversationId`,
    route(async (req, res) => {
      const record = await authorize(req, String(req.params.conversationId));
      await startOnce(record, undefined);
      sendJson(res, 200, conversationBody(record));
    }),
  );

  server.post(
    `${BASE_PATH}/conversations/:conversationId/activities`,
    route(async (req, res) => {
      const record = await authorize(req, String(req.params.conversationId));
      const parsed = incomingSchema.safeParse(await readJson(req));
      if (!parsed.success) throw new HttpError(400, 'BadArgument', 'Not an activity this channel accepts.');
      // Server-owned fields are replaced; from.id is the token's user (no posting as someone else),
      // channelData (clientActivityID) and the rest stay as Web Chat sent them.
      const { from, ...rest } = parsed.data as Record<string, unknown> & { from?: { name?: string } };
      for (const field of SERVER_FIELDS) delete rest[field];
      const stored = await deps.store.append(record.id, {
        ...rest,
        channelId: 'directline',
        serviceUrl: deps.serviceUrl(),
        conversation: { id: record.id },
        from: { id: record.userId, name: from?.name ?? '', role: 'user' },
        recipient: deps.botAccount,
      } as Partial<Activity>);
      if (!stored) throw new HttpError(404, 'BadArgument', 'Conversation not found.');
      // The bot gets its own copy, with the same id it will put in replyToId (Web Chat orders by it).
      const forBot = JSON.parse(JSON.stringify(stored)) as Activity;
      // Answered after the turn, as the real service does; a failing bot does not fail the post:
      // the activity is in the log and echoed already, and onTurnError has had its say.
      await adapter.runTurn(forBot).catch((error: unknown) => logError(`directline: turn failed in ${record.id}`, error));
      sendJson(res, 200, { id: stored.id });
    }),
  );

  server.get(
    `${BASE_PATH}/conversations/:conversationId/activities`,
    route(async (req, res) => {
      const record = await authorize(req, String(req.params.conversationId));
      // Read the query ourselves: the host may not have mounted restify's queryParser.
      const watermark = new URL(req.url ?? '', 'http://local').searchParams.get('watermark') ?? undefined;
      const page = await deps.store.page(record.id, watermark, PAGE_SIZE);
      if (!page) throw new HttpError(404, 'BadArgument', 'Conversation not found.');
      sendJson(res, 200, page);
    }),
  );
}
