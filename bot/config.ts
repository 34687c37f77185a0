import { z } from 'zod';

/**
 * Configuration from the environment, validated once at start. Every variable has an embedded default so
 * `npm start` needs nothing; `.env.example` mirrors this list.
 */
const ConfigSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3978),
  HOST: z.string().default('0.0.0.0'),
  /** Folder for the lowdb state, the Direct Line log and imported catalog records. */
  DATA_DIR: z.string().default('data'),
  /** PostgreSQL for state and conversations (several instances share it); lowdb files in DATA_DIR otherwise. */
  DATABASE_URL: z.string().regex(/^postgres(ql)?:\/\//, 'must be a postgres:// or postgresql:// URL').optional(),
  /** Connections per pool to DATABASE_URL (one pool for data, one for turn locks). */
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(200).default(10),
  /** Days after which idle conversations and their state are deleted. */
  RETENTION_DAYS: z.coerce.number().int().positive().default(30),
  /** Messages one web chat conversation may send per minute (more get 429 and a notice on the page). */
  CHAT_MESSAGES_PER_MINUTE: z.coerce.number().int().min(1).max(10_000).default(30),
  /**
   * New web chat conversations one address may open per 10 minutes. Behind a reverse proxy every person
   * shares the proxy's address: raise it there.
   */
  CHAT_CONVERSATIONS_PER_ADDRESS: z.coerce.number().int().min(1).max(100_000).default(30),
  /** Activities one web chat conversation may hold (questions and answers); then it offers a new one. */
  CHAT_ACTIVITIES_PER_CONVERSATION: z.coerce.number().int().min(10).max(100_000).default(1_000),
  /** Signs Direct Line tokens; generated and kept with the state (DATA_DIR or the database) when absent. */
  DIRECTLINE_TOKEN_SECRET: z.string().min(32).optional(),
  /** Pins "today" (YYYY-MM-DD) for reproducible answers in tests and demos; the real clock otherwise. */
  BOUSSOLE_TODAY: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/)
    .optional(),
  /** `production` refuses to start with an open /api/messages (no app id, or the development switch). */
  BOUSSOLE_ENV: z.enum(['development', 'production']).default('development'),
  /** Local development only (e.g. the Bot Framework Emulator): /api/messages without an app id. */
  ALLOW_UNAUTHENTICATED_CHANNEL: z
    .enum(['true', 'false'])
    .default('false')
    .transform((v) => v === 'true'),
  /** Hosts /api/messages may call back (comma-separated, '*.' for subdomains); Bot Framework's by default. */
  SERVICE_URL_HOSTS: z
    .string()
    .transform((v) => v.split(',').map((h) => h.trim()).filter(Boolean))
    .optional(),
  /** Bot Framework channel registration; empty leaves /api/messages closed (401). */
  MicrosoftAppId: z.string().default(''),
  MicrosoftAppPassword: z.string().default(''),
  MicrosoftAppType: z.enum(['MultiTenant', 'SingleTenant', 'UserAssignedMSI', '']).default(''),
  MicrosoftAppTenantId: z.string().default(''),
});
export type Config = z.infer<typeof ConfigSchema>;

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  // An empty variable (as copied from .env.example) means "use the default".
  const given = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = ConfigSchema.safeParse(given);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new Error(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const config = parsed.data;
  if (config.BOUSSOLE_ENV === 'production' && (config.MicrosoftAppId === '' || config.ALLOW_UNAUTHENTICATED_CHANNEL)) {
    throw new Error('Invalid configuration:\n  BOUSSOLE_ENV=production needs MicrosoftAppId and ALLOW_UNAUTHENTICATED_CHANNEL unset.');
  }
  return config;
}

export function clockOf(config: Pick<Config, 'BOUSSOLE_TODAY'>): () => Date {
  const pinned = config.BOUSSOLE_TODAY;
  return pinned ? () => new Date(`${pinned}T12:00:00Z`) : () => new Date();
}
