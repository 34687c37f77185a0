/**
 * A message as a Bot Framework channel posts it to /api/messages (Emulator style: replies expected in the
 * response), from `user-<who>` in `conv-<who>`; `fields` replace or add to it.
 */
export function channelMessage(who: string, fields: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    type: 'message',
    channelId: 'emulator',
    serviceUrl: 'http://127.0.0.1:9/',
    deliveryMode: 'expectReplies',
    from: { id: `user-${who}` },
    recipient: { id: 'bot' },
    conversation: { id: `conv-${who}` },
    locale: 'fr-FR',
    ...fields,
  };
}
