import { randomUUID } from 'node:crypto';
import restify from 'restify';
import type { Engine } from '../knowledge/orient';
import { openApiRoute } from './api/openapi';
import { orientationRoute } from './api/orientation';

export interface ServerParts {
  engine: Engine;
  /** Adds the chat routes (Bot Framework endpoint, local Direct Line, web page) when the bot is wired. */
  mountChat?: (server: restify.Server) => void;
  /** Resolves when the service can serve; /readyz answers 503 otherwise, with the reason (NotReady) or 'storage'. */
  ready?: () => Promise<void>;
  /** Open connections at most; more are refused by the kernel's backlog, not by a busy process. */
  maxConnections?: number;
}

/** Why the service cannot serve yet, as /readyz says it. */
export class NotReady extends Error {
  constructor(readonly reason: string) {
    super(`not ready: ${reason}`);
  }
}

/** Headers every answer carries: no sniffing, no referrer, no framing, nothing cached unless a route says so. */
function securityHeaders(_req: restify.Request, res: restify.Response, next: restify.Next): void {
  res.setHeader('X-Content-Type-Options', 'nosniff');
  res.setHeader('Referrer-Policy', 'no-referrer');
  res.setHeader('X-Frame-Options', 'DENY');
  res.setHeader('Cross-Origin-Resource-Policy', 'same-origin');
  res.setHeader('Cache-Control', 'no-store');
  next();
}

/** The restify server: health, readiness, the orientation API and, when given, the chat. */
export function createServer({ engine, mountChat, ready, maxConnections = 2_000 }: ServerParts): restify.Server {
  // An empty name: restify would announce it (its own by default) in a Server header.
  const server = restify.createServer({ name: '', handleUncaughtExceptions: false });
  // A client that trickles its headers or body holds a socket for seconds, not minutes.
  server.server.headersTimeout = 10_000;
  server.server.requestTimeout = 15_000;
  server.server.keepAliveTimeout = 5_000;
  server.server.timeout = 10_000; // a socket idle that long is closed
  server.server.maxConnections = maxConnections;
  server.pre(securityHeaders);
  server.use(restify.plugins.queryParser({ mapParams: false }));

  // Which process answers: the chat page reconnects when it changes (a restart mid-conversation).
  const instance = randomUUID();
  server.get('/healthz', (_req, res, next) => {
    res.json({ status: 'ok', instance });
    next();
  });
  server.get('/readyz', (_req, res, next) => {
    (ready ?? (() => Promise.resolve()))().then(
      () => res.json(200, { status: 'ready' }),
      (error: unknown) => res.json(503, { status: 'unavailable', reason: error instanceof NotReady ? error.reason : 'storage' }),
    ).finally(() => next());
  });
  server.post('/api/orientation', orientationRoute(engine));
  server.get('/api/openapi.json', openApiRoute());
  mountChat?.(server);

  // Errors never echo a stack or a profile; the message text stays generic.
  server.on('restifyError', (_req, _res, err, callback) => {
    const code = ({ ResourceNotFoundError: 'not_found', MethodNotAllowedError: 'method_not_allowed' } as Record<string, string>)[err.name] ?? 'error';
    err.toJSON = () => ({ error: code, message: err.message });
    callback();
  });
  return server;
}
