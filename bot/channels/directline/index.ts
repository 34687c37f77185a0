import type { ChannelAccount } from 'botbuilder';
import type { Server } from 'restify';
import { log } from '../../log';
import { DirectLineAdapter, type BotLogic } from './adapter';
import type { ConversationStore, TurnLock } from './conversationStore';
import { DEFAULT_LIMITS, WindowLimiter, type DirectLineLimits } from './rateLimit';
import { BASE_PATH, mountRoutes, type NoticeKind } from './routes';
import { TokenService } from './tokens';
import { TurnQueue } from './turnQueue';

export { DirectLineAdapter, type BotLogic } from './adapter';
export type { NoticeKind } from './routes';
export type { ConversationRecord, ConversationStore, TurnLock } from './conversationStore';

export interface DirectLineOptions {
  bot: BotLogic;
  /** Where conversations and their logs live (bot/storage: lowdb files or PostgreSQL). */
  store: ConversationStore;
  /** One turn at a time per conversation; default in-process (enough for one process per store). */
  turns?: TurnLock;
  /** HMAC key for tokens, at least 32 characters; keep it across restarts or open chats get 403. */
  tokenSecret: string;
  /** Token lifetime; default 1800 (DirectLineJS refreshes every 15 minutes). */
  tokenTtlSeconds?: number;
  now?: () => Date;
  /** The bot's account in conversations; default `{ id: 'boussole', name: 'Boussole' }`. */
  botAccount?: { id: string; name?: string };
  /** serviceUrl stamped on activities; default this server's URL + /v3/directline. */
  serviceUrl?: string;
  /** Caps on new conversations (per address, global) and on each conversation's posts; see DEFAULT_LIMITS. */
  limits?: Partial<DirectLineLimits>;
  /**
   * The bot's words for a refused message, in the conversation's locale ('tooFast': over the rate;
   * 'full': the conversation reached its size cap). Posted into the conversation, so any client shows
   * why; without it the client only sees 429.
   */
  notice?: (kind: NoticeKind, locale: string | undefined) => string;
  /** Failed turns and I/O errors (ids and errors only, never message text); default stderr. */
  logError?: (message: string, error: unknown) => void;
}

export interface DirectLine {
  /** Adds the /v3/directline routes to a restify server (same origin as the Web Chat page). */
  mount(server: Server): void;
  /** Set `adapter.onTurnError` and `adapter.use(...)` here, as on CloudAdapter. */
  adapter: DirectLineAdapter;
  /** Erases a conversation's stored activities but keeps it open (tokens and watermarks stay valid). */
  forgetConversation(conversationId: string): Promise<boolean>;
  /** Drops conversations idle since before `cutoff`; returns their ids (their tokens then get 404). */
  purgeOlderThan(cutoff: Date): Promise<string[]>;
  /** Who holds this token: its conversation and user, if it is ours, unexpired and the conversation still open. */
  holderOf(token: string | undefined): Promise<{ conversationId: string; userId: string } | undefined>;
}

/** A local Direct Line 3.0 endpoint delivering to the bot in-process; no Azure involved. */
export function createDirectLine(options: DirectLineOptions): DirectLine {
  const now = options.now ?? (() => new Date());
  const tokens = new TokenService(options.tokenSecret, options.tokenTtlSeconds ?? 1800, now);
  const botAccount: ChannelAccount = {
    id: options.botAccount?.id ?? 'boussole',
    name: options.botAccount?.name ?? 'Boussole',
    role: 'bot',
  };
  const logError =
    options.logError ??
    ((message: string, err: unknown) => log.error({ err }, message));

  const { store } = options;
  // Asked on every activity: computed once the server listens (server.url asks the socket each time).
  let mountedOn: Server | undefined;
  let listeningUrl: string | undefined;
  const serviceUrl = () => {
    if (options.serviceUrl) return options.serviceUrl;
    if (listeningUrl) return listeningUrl;
    const url = `${mountedOn?.url ?? 'http://localhost'}${BASE_PATH}`;
    if (mountedOn?.server.listening) listeningUrl = url;
    return url;
  };

  const adapter = new DirectLineAdapter({ bot: options.bot, store, turns: options.turns ?? new TurnQueue(), botAccount, serviceUrl });

  return {
    adapter,
    mount(server) {
      mountedOn = server;
      const limits = { ...DEFAULT_LIMITS, ...options.limits };
      const limiters = {
        perAddress: new WindowLimiter(limits.perAddress, now),
        global: new WindowLimiter(limits.global, now),
        perConversation: new WindowLimiter(limits.perConversation, now),
      };
      const { activitiesPerConversation } = limits;
      mountRoutes(server, { store, tokens, adapter, botAccount, serviceUrl, now, logError, limiters, activitiesPerConversation, notice: options.notice });
    },
    async forgetConversation(conversationId) {
      // Not queued behind the current turn: "erase my data" is usually run from inside that turn.
      adapter.discardPending(conversationId);
      return store.forget(conversationId);
    },
    async purgeOlderThan(cutoff) {
      return store.purgeOlderThan(cutoff);
    },
    async holderOf(token) {
      const claims = tokens.verify(token);
      if (!claims || !(await store.get(claims.conv))) return undefined;
      return { conversationId: claims.conv, userId: claims.user };
    },
  };
}
