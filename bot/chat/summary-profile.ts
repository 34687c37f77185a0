import type { Server } from 'restify';
import type { Profile } from '../../knowledge/contracts/profile';
import type { Locale } from '../../knowledge/contracts/vocabulary';
import { HttpError, bearerToken, handle, sendJson } from '../channels/directline/http';

export const SUMMARY_PROFILE_PATH = '/chat/summary-profile';

export interface SummaryProfileDeps {
  /** The profile of the person holding this Direct Line token, once they have had a plan. */
  profileFor(token: string | undefined): Promise<{ profile: Profile; locale: Locale } | undefined>;
  logError: (message: string, error: unknown) => void;
}

/**
 * The chat's way to the printable summary: the page asks for the person's own answers with its conversation
 * token (never in a URL) and opens /summary with them in the address's fragment, which browsers never send.
 * Nothing is written or logged: the answers are those the conversation already keeps, erased with it.
 */
export function mountSummaryProfile(server: Server, { profileFor, logError }: SummaryProfileDeps): void {
  server.post(
    SUMMARY_PROFILE_PATH,
    handle(async (req, res) => {
      const found = await profileFor(bearerToken(req));
      if (!found) throw new HttpError(404, 'NotFound', 'No plan for this conversation.');
      // The fragment /summary reads: base64url of the profile's UTF-8 JSON, the person's language in it.
      const fragment = Buffer.from(JSON.stringify({ ...found.profile, locale: found.locale }), 'utf8').toString('base64url');
      sendJson(res, 200, { fragment });
    }, logError),
  );
}
