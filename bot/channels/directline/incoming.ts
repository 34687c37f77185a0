import { z } from 'zod';
import { withinShape } from '../../http/jsonShape';

/**
 * What a client may post to a conversation: the fields Web Chat sends, each bounded. Anything else is
 * dropped (never stored), and the server sets the rest (id, timestamp, from.id, conversation…).
 */
export const LIMITS = {
  /** Whole request body. Web Chat's messages are a few hundred bytes. */
  bodyBytes: 32 * 1024,
  /** Past this a message is refused outright; the bot answers "too long" well before (MAX_MESSAGE_CHARS). */
  textChars: 10_000,
  /** value, channelData and each entity: nesting and size. */
  shape: { maxDepth: 8, maxNodes: 200 },
  entities: 5,
} as const;

const shapeLimit = [(v: unknown) => withinShape(v, LIMITS.shape), { message: 'too deep or too large' }] as const;
const bounded = z.unknown().refine(...shapeLimit);
export const localeSchema = z.string().max(35).regex(/^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*$/);

// Web Chat posts messages, typing and events; anything else (conversationUpdate, invoke…) is ours to send.
export const incomingSchema = z.object({
  type: z.enum(['message', 'typing', 'event']),
  text: z.string().max(LIMITS.textChars).optional(),
  textFormat: z.enum(['plain', 'markdown', 'xml']).optional(),
  locale: localeSchema.optional(),
  name: z.string().max(100).optional(),
  value: bounded.optional(),
  from: z.object({ name: z.string().max(200).optional() }).optional(),
  channelData: z.record(z.string().max(100), z.unknown()).refine(...shapeLimit).optional(),
  // No uploads on this channel: Web Chat sends an empty list at most.
  attachments: z.array(z.unknown()).max(0).optional(),
  entities: z.array(bounded).max(LIMITS.entities).optional(),
});
export type Incoming = z.infer<typeof incomingSchema>;
