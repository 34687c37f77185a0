import { randomUUID } from 'node:crypto';
import restify from 'restify';
import type { Engine } from '../knowledge/orient';
import { orientationRoute } from './api/orientation';

export interface ServerParts {
  engine: Engine;
  /** Adds the chat routes (Bot Framework endpoint, local Direct Line, web page) when the bot is wired. */
  mountChat?: (server: restify.Server) => void;
}

/** The restify server: health, the orientation API and, when given, the chat. */
export function createServer({ engine, mountChat }: ServerParts): restify.Server {
  const server = restify.createServer({ name: 'boussole', handleUncaughtExceptions: false });
  server.use(restify.plugins.queryParser({ mapParams: false }));

  // Which process answers: the chat page reconnects when it changes (a restart mid-conversation).
  const instance = randomUUID();
  server.get('/healthz', (_req, res, next) => {
    res.json({ status: 'ok', instance });
    next();
  });
  server.post('/api/orientation', orientationRoute(engine));
  mountChat?.(server);

  // Errors never echo a stack or a profile; the message text stays generic.
  server.on('restifyError', (_req, _res, err, callback) => {
    err.toJSON = () => ({ error: err.name === 'ResourceNotFoundError' ? 'not_found' : 'error', message: err.message });
    callback();
  });
  return server;
}
