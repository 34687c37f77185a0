import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';

/**
 * Direct Line tokens: compact JWTs (HS256) bound to one conversation and one user, with an expiry.
 * A JWT because Web Chat reads the `user` claim (decoded, not verified) as its user id, which keeps
 * the page, the echoes and the bot's UserState on the same id; HMAC because only we verify them.
 */
export interface TokenClaims {
  /** Conversation the bearer may use, and nothing else. */
  conv: string;
  user: string;
  iat: number;
  exp: number;
}

const ISSUER = 'boussole-directline';
const HEADER = base64url(JSON.stringify({ alg: 'HS256', typ: 'JWT' }));

const payloadSchema = z.object({
  iss: z.literal(ISSUER),
  conv: z.string().min(1),
  user: z.string().min(1),
  iat: z.number(),
  exp: z.number(),
});

export class TokenService {
  private readonly key: Buffer;

  constructor(
    secret: string,
    readonly ttlSeconds: number,
    private readonly now: () => Date,
  ) {
    // A short secret would make tokens guessable offline; fail at start-up rather than in production.
    if (typeof secret !== 'string' || secret.length < 32) {
      throw new Error('Direct Line tokenSecret must be at least 32 characters.');
    }
    if (!Number.isFinite(ttlSeconds) || ttlSeconds <= 0) throw new Error('tokenTtlSeconds must be positive.');
    this.key = Buffer.from(secret, 'utf8');
  }

  issue(conversationId: string, userId: string): string {
    const iat = Math.floor(this.now().getTime() / 1000);
    // jti: two tokens issued in the same second still differ (refresh must visibly renew).
    const payload = { iss: ISSUER, conv: conversationId, user: userId, iat, exp: iat + this.ttlSeconds, jti: randomBytes(9).toString('base64url') };
    const body = `${HEADER}.${base64url(JSON.stringify(payload))}`;
    return `${body}.${this.sign(body)}`;
  }

  /** Claims of a well-signed, unexpired token; undefined otherwise (the caller answers 403). */
  verify(token: string | undefined): TokenClaims | undefined {
    if (!token) return undefined;
    const parts = token.split('.');
    if (parts.length !== 3 || parts[0] !== HEADER) return undefined; // fixed header: no alg games
    const expected = Buffer.from(this.sign(`${parts[0]}.${parts[1]}`));
    const given = Buffer.from(parts[2] ?? '');
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return undefined;
    let json: unknown;
    try {
      json = JSON.parse(Buffer.from(parts[1] ?? '', 'base64url').toString('utf8'));
    } catch {
      return undefined;
    }
    const parsed = payloadSchema.safeParse(json);
    if (!parsed.success) return undefined;
    if (parsed.data.exp * 1000 <= this.now().getTime()) return undefined;
    const { conv, user, iat, exp } = parsed.data;
    return { conv, user, iat, exp };
  }

  /**
   * A person's lasting identity, issued by the server and kept by the page (localStorage): the user id
   * and its signature. Presenting it is the only way to be that user again (a returning person finds
   * their plan); an id alone, or someone else's, gets nowhere.
   */
  issueUser(userId: string): string {
    return `${userId}.${this.sign(`user:${userId}`)}`;
  }

  /** The user id of a credential we issued; undefined for anything else. */
  verifyUser(credential: unknown): string | undefined {
    if (typeof credential !== 'string' || credential.length > 200) return undefined;
    const dot = credential.lastIndexOf('.');
    const userId = credential.slice(0, dot);
    if (dot < 1 || !/^r_[A-Za-z0-9_-]{16,64}$/.test(userId)) return undefined;
    const expected = Buffer.from(this.sign(`user:${userId}`));
    const given = Buffer.from(credential.slice(dot + 1));
    return given.length === expected.length && timingSafeEqual(given, expected) ? userId : undefined;
  }

  private sign(data: string): string {
    return createHmac('sha256', this.key).update(data).digest('base64url');
  }
}

function base64url(text: string): string {
  return Buffer.from(text, 'utf8').toString('base64url');
}
