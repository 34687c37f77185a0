import { CloudAdapter, type Activity, type InvokeResponse, type TurnContext } from 'botbuilder';
import restify, { type Request, type Response, type Server } from 'restify';
import { z } from 'zod';
import { localeSchema } from '../channels/directline/incoming';
import { withinShape } from '../http/jsonShape';

/** CloudAdapter, taking an activity we have already validated (its own `process` parses the request itself). */
export class ChannelAdapter extends CloudAdapter {
  processValidated(authorization: string, activity: Activity, logic: (context: TurnContext) => Promise<void>): Promise<InvokeResponse | undefined> {
    return this.processActivity(authorization, activity, logic);
  }
}

export interface ChannelEndpointOptions {
  adapter: ChannelAdapter;
  logic: (context: TurnContext) => Promise<void>;
  /** A Bot Framework registration: requests are then authenticated (JWT) by the adapter. */
  appId: string;
  /** Without an app id, only with this switch (local development, e.g. the Emulator). */
  allowUnauthenticated: boolean;
  /** Hosts the bot may call back (serviceUrl); '*.' matches any subdomain. */
  serviceUrlHosts: readonly string[];
  logError: (message: string, error?: unknown) => void;
}

/** Bot Framework's own callback hosts (public and government clouds). */
export const BOT_FRAMEWORK_HOSTS = ['*.botframework.com', '*.trafficmanager.net', '*.botframework.us', '*.botframework.azure.us'] as const;
const LOOPBACK_HOSTS = ['localhost', '127.0.0.1', '[::1]'];

const MAX_BODY_BYTES = 64 * 1024;

/** What a channel may send: the fields the bot relies on, typed and bounded; the rest bounded as a whole. */
const channelActivitySchema = z
  .looseObject({
    // What the bot answers; invokes (cards, Teams actions) would get botbuilder's 501.
    type: z.enum(['message', 'conversationUpdate', 'event', 'typing', 'endOfConversation', 'installationUpdate', 'messageReaction']),
    id: z.string().max(256).optional(),
    channelId: z.string().min(1).max(64),
    serviceUrl: z.string().min(1).max(512),
    conversation: z.looseObject({ id: z.string().min(1).max(512) }),
    from: z.looseObject({ id: z.string().min(1).max(256), name: z.string().max(256).optional() }),
    recipient: z.looseObject({ id: z.string().max(256) }).optional(),
    locale: localeSchema.optional(),
    text: z.string().max(10_000).optional(),
  })
  .refine((activity) => withinShape(activity, { maxDepth: 12, maxNodes: 2_000 }), { message: 'too deep or too large' });

/**
 * POST /api/messages for Bot Framework channels, closed by default: with no app id it answers 401
 * unless local development is switched on explicitly. Activities are validated before the adapter
 * sees them, the bot only ever calls back an allowed serviceUrl, and an authentication failure is a
 * 401 whatever its cause (a bad token, or Bot Framework's signing keys out of reach).
 */
export function mountChannelEndpoint(server: Server, options: ChannelEndpointOptions): void {
  const open = options.appId !== '' || options.allowUnauthenticated;
  const hosts = options.appId !== '' ? options.serviceUrlHosts : [...options.serviceUrlHosts, ...LOOPBACK_HOSTS];
  const reply = (res: Response, status: number, error: string, message: string) => {
    res.setHeader('Cache-Control', 'no-store');
    res.send(status, { error, message });
  };

  // Closed: 401 before anything of the request is read.
  if (!open) {
    server.post('/api/messages', (_req: Request, res: Response, next: restify.Next) => {
      reply(res, 401, 'unauthorized', 'This endpoint is closed: configure MicrosoftAppId (or, for local development only, ALLOW_UNAUTHENTICATED_CHANNEL=true).');
      next(false);
    });
    return;
  }
  server.post(
    '/api/messages',
    refuseEncodedBodies,
    restify.plugins.bodyParser({ maxBodySize: MAX_BODY_BYTES, mapParams: false, rejectUnknown: true }),
    (req: Request, res: Response, next: restify.Next) => {
      void handle(req, res).then(
        () => next(),
        (error: unknown) => {
          options.logError('/api/messages failed', error);
          if (!res.headersSent) reply(res, 500, 'error', 'Internal error.');
          next();
        },
      );
    },
  );

  async function handle(req: Request, res: Response): Promise<void> {
    const parsed = channelActivitySchema.safeParse((req as { body?: unknown }).body);
    if (!parsed.success) return reply(res, 400, 'invalid_activity', 'Not a Bot Framework activity this endpoint accepts.');
    const activity = parsed.data as unknown as Activity;
    if (!allowedServiceUrl(activity.serviceUrl, hosts)) return reply(res, 400, 'invalid_service_url', 'The serviceUrl is not an allowed Bot Framework host.');

    let turnStarted = false;
    try {
      const response = await options.adapter.processValidated(req.header('authorization') ?? '', activity, async (context) => {
        turnStarted = true;
        await options.logic(context);
      });
      res.setHeader('Cache-Control', 'no-store');
      if (response?.body !== undefined) res.send(response.status ?? 200, response.body);
      else res.send(response?.status ?? 200);
    } catch (error) {
      // Before the turn, every failure is the caller's credentials or their verification: 401.
      if (!turnStarted) return reply(res, 401, 'unauthorized', 'The request could not be authenticated.');
      throw error;
    }
  }
}

/**
 * Compressed bodies are refused (415) before restify's body parser, which would decompress them: its size
 * limit counts compressed bytes (a gzip bomb passes), and a body that only claims gzip crashed it. Our
 * other routes read raw bytes and never decompress.
 */
function refuseEncodedBodies(req: Request, res: Response, next: restify.Next): void {
  const encoding = (req.header('content-encoding') ?? 'identity').trim().toLowerCase();
  if (encoding === 'identity' || encoding === '') return next();
  res.setHeader('Cache-Control', 'no-store');
  res.send(415, { error: 'unsupported_media_type', message: 'Compressed request bodies are not accepted.' });
  next(false);
}

/** https on an allowed host; plain http only on loopback (the Emulator). */
export function allowedServiceUrl(serviceUrl: string, hosts: readonly string[]): boolean {
  let url: URL;
  try {
    url = new URL(serviceUrl);
  } catch {
    return false;
  }
  const loopback = LOOPBACK_HOSTS.includes(url.hostname);
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && loopback)) return false;
  if (url.username || url.password) return false;
  return hosts.some((pattern) => (pattern.startsWith('*.') ? url.hostname.endsWith(pattern.slice(1)) : url.hostname === pattern));
}
