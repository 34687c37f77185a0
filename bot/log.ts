import pino from 'pino';

/**
 * The service's log: JSON lines on stderr through pino, ids and errors only. Never message text,
 * profile fields, tokens or request bodies: they are never passed in, and in case one slips through
 * these fields are redacted and error texts lose what they quote (JSON.parse quotes its input).
 */
export const log = pino(
  {
    base: { service: 'boussole' },
    redact: {
      paths: ['text', '*.text', 'profile', '*.profile', 'body', '*.body', 'token', '*.token', 'authorization', '*.authorization', 'headers', '*.headers', 'value', '*.value'],
      censor: '[redacted]',
    },
    serializers: { err: safeError },
  },
  pino.destination(2),
);

/** An error as it may be logged: its kind and where it came from, its message without quoted input. */
export function safeError(error: unknown): Record<string, unknown> {
  if (!(error instanceof Error)) return { type: typeof error };
  return {
    type: error.name,
    code: (error as NodeJS.ErrnoException).code,
    message: scrub(error.message),
    stack: error.stack?.split('\n').slice(1, 8).join('\n'),
  };
}

function scrub(text: string): string {
  return text
    .replace(/"[^"]*"|'[^']*'|«[^»]*»|`[^`]*`/g, '[…]')
    .slice(0, 300);
}
