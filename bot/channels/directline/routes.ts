import { randomBytes } from 'node:crypto';
import type { Activity, ChannelAccount } from 'botbuilder';
import type { Request, Response, Server } from 'restify';
import { z } from 'zod';
import type { DirectLineAdapter } from './adapter';
import type { ConversationRecord, ConversationStore } from './conversationStore';
import { HttpError, bearerToken, handle, readJson, sendJson } from './http';
import { LIMITS, incomingSchema, localeSchema } from './incoming';
import type { WindowLimiter } from './rateLimit';
import type { TokenService } from './tokens';

export const BASE_PATH = '/v3/directline';

/** Why a message was refused, told in the conversation. */
export type NoticeKind = 'tooFast' | 'full';

/**
 * Notices a full conversation may ever receive (one per process that serves it): a client that keeps
 * posting cannot grow it further.
 */
const FULL_NOTICES = 3;

/** Polls return at most this many activities; the client asks again from the new watermark. */
const PAGE_SIZE = 100;

/** 429 with Retry-After when a limiter said to wait. */
function limit(res: Response, wait: number | undefined, message: string): void {
  if (wait === undefined) return;
  res.header('Retry-After', String(wait));
  throw new HttpError(429, 'TooManyRequests', message);
}

/**
 * Only the page on our own origin opens conversations: another site's script (a form, or fetch with
 * text/plain, which needs no preflight) must not spend a visitor's allowance or make them a user.
 */
function refuseCrossSite(req: Request): void {
  const site = req.header('sec-fetch-site');
  const origin = req.header('origin');
  const crossSite = (site !== undefined && site !== 'same-origin' && site !== 'none') || (origin !== undefined && originHost(origin) !== req.header('host'));
  if (crossSite) throw new HttpError(403, 'Forbidden', 'Conversations are opened from this site only.');
  const type = (req.header('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
  if (Number(req.header('content-length') ?? 0) > 0 && type !== 'application/json') {
    throw new HttpError(415, 'UnsupportedMediaType', 'Send JSON (Content-Type: application/json).');
  }
}

function originHost(origin: string): string | undefined {
  try {
    return new URL(origin).host;
  } catch {
    return undefined;
  }
}

export interface RouteDeps {
  store: ConversationStore;
  tokens: TokenService;
  adapter: DirectLineAdapter;
  botAccount: ChannelAccount;
  serviceUrl: () => string;
  now: () => Date;
  logError: (message: string, error: unknown) => void;
  limiters: { perAddress: WindowLimiter; global: WindowLimiter; perConversation: WindowLimiter };
  activitiesPerConversation: number;
  notice?: (kind: NoticeKind, locale: string | undefined) => string;
}

const generateSchema = z.object({ user: z.object({ credential: z.string().max(200).optional() }).optional() });
const startSchema = z.object({ locale: z.unknown().optional() });

/** Mounts the Direct Line 3.0 subset that botframework-directlinejs uses in polling mode. */
export function mountRoutes(server: Server, deps: RouteDeps): void {
  const { tokens, adapter, logError } = deps;
  const route = (fn: Parameters<typeof handle>[0]) => handle(fn, logError);

  /** Full conversations this process has explained already (forgotten past 10,000: told again at worst). */
  const toldFull = new Set<string>();

  /** The bot says why a message was refused (the 429 itself reaches no person: Web Chat shows "send failed"). */
  const tell = async (record: ConversationRecord, kind: NoticeKind) => {
    const text = deps.notice?.(kind, record.locale);
    if (!text) return;
    await deps.store.append(record.id, {
      type: 'message',
      text,
      channelData: { notice: kind },
      channelId: 'directline',
      serviceUrl: deps.serviceUrl(),
      conversation: { id: record.id },
      from: { ...deps.botAccount, role: 'bot' },
      recipient: { id: record.userId, name: '', role: 'user' },
    } as Partial<Activity>);
  };

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

  // Called by the host page (same origin), not by DirectLineJS: opens a conversation for the person
  // its signed credential names, or for a new person.
  server.post(
    `${BASE_PATH}/tokens/generate`,
    route(async (req, res) => {
      refuseCrossSite(req);
      limit(res, deps.limiters.perAddress.take(req.socket.remoteAddress ?? 'unknown'), 'Too many new conversations from this address; try again later.');
      limit(res, deps.limiters.global.take('all'), 'Too many new conversations at the moment; try again later.');
      const body = generateSchema.safeParse((await readJson(req, 1024)) ?? {});
      if (!body.success) throw new HttpError(400, 'BadArgument', 'Expected { user: { credential } } or nothing.');
      // Never an id the client chose: a credential we signed, or a fresh random id.
      const userId = tokens.verifyUser(body.data.user?.credential) ?? `r_${randomBytes(16).toString('base64url')}`;
      const record = await deps.store.create(userId);
      sendJson(res, 200, { ...conversationBody(record), user: { id: userId, credential: tokens.issueUser(userId) } });
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
      const body = startSchema.safeParse((await readJson(req, 4096)) ?? {});
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
      const parsed = incomingSchema.safeParse(await readJson(req, LIMITS.bodyBytes));
      if (!parsed.success) throw new HttpError(400, 'BadArgument', 'Not an activity this channel accepts.');
      const { perConversation } = deps.limiters;
      const wait = perConversation.take(record.id);
      if (wait !== undefined && perConversation.firstRefusal(record.id)) await tell(record, 'tooFast');
      limit(res, wait, 'Too many messages in this conversation; wait a moment.');
      if (record.seq >= deps.activitiesPerConversation) {
        if (!toldFull.has(record.id) && record.seq < deps.activitiesPerConversation + FULL_NOTICES) {
          if (toldFull.size >= 10_000) toldFull.clear();
          toldFull.add(record.id);
          await tell(record, 'full');
        }
        throw new HttpError(429, 'ConversationFull', 'This conversation is full; start a new one.');
      }
      // Typing is shown to nobody here: neither kept nor given to the bot.
      if (parsed.data.type === 'typing') return sendJson(res, 200, { id: '' });
      // Only the bounded fields Web Chat sends are kept; from.id is the token's user (no posting as
      // someone else) and the server sets the rest.
      const { from, ...fields } = parsed.data;
      const stored = await deps.store.append(record.id, {
        ...fields,
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
