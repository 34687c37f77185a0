import type { Request, Response } from 'restify';
import { futureMonthIssues, parseProfile } from '../../knowledge/contracts/profile';
import { LOCALES, type Locale } from '../../knowledge/contracts/vocabulary';
import type { OrientationResult } from '../../knowledge/contracts/result';
import type { Engine } from '../../knowledge/orient';
import { BodyError, readJsonBody } from './read-json-body';
import type { BodyErrorBody, InvalidInput } from './schemas';

export const MAX_BODY_BYTES = 64 * 1024;

/** Only the bodies the OpenAPI document describes (schemas.ts) can be sent. */
function send(res: Response, status: number, body: OrientationResult | InvalidInput | BodyErrorBody): void {
  res.status(status);
  res.json(body);
}

/** POST /api/orientation: the profile in, the result out (DOMAIN.md §5). Bad input is never a 500. */
export function orientationRoute(engine: Engine) {
  return async (req: Request, res: Response): Promise<void> => {
    let body: unknown;
    try {
      body = await readJsonBody(req, MAX_BODY_BYTES);
    } catch (e) {
      if (!(e instanceof BodyError)) throw e;
      // A refused body may still be streaming: close the connection instead of draining it.
      if (e.status === 413) res.header('Connection', 'close');
      return send(res, e.status, { error: e.code, message: e.message });
    }
    const locale = (req.query as Record<string, unknown> | undefined)?.locale;
    if (locale !== undefined && !LOCALES.includes(locale as Locale)) {
      return send(res, 400, {
        error: 'invalid_locale',
        issues: [{ path: 'locale', message: `must be one of: ${LOCALES.join(', ')}` }],
      });
    }
    const parsed = parseProfile(body);
    if (!parsed.ok) return send(res, 400, { error: 'invalid_profile', issues: parsed.issues });
    const future = futureMonthIssues(parsed.profile, engine.today());
    if (future.length) return send(res, 400, { error: 'invalid_profile', issues: future });
    send(res, 200, engine.orient(parsed.profile, locale as Locale | undefined));
  };
}
