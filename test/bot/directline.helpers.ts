import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { ActivityHandler, ConversationState, type Activity, type Storage } from 'botbuilder';
import { DirectLine, type Activity as DirectLineActivity } from 'botframework-directlinejs';
import * as restify from 'restify';
import { createDirectLine, type DirectLine as Facade, type DirectLineOptions } from '../../bot/channels/directline';

// DirectLineJS speaks through rxjs' ajax, which needs a browser XMLHttpRequest: xhr2 is one for Node.
// eslint-disable-next-line @typescript-eslint/no-require-imports
(globalThis as { XMLHttpRequest?: unknown }).XMLHttpRequest = require('xhr2');

class NoWebSocket {
  constructor() {
    throw new Error('WebSocket is not used by these tests');
  }
}

export const SECRET = 'test-secret-0123456789-abcdefghijklmnopqrstuvwxyz';

/**
 * A small real bot: welcome on membersAdded (says the locale it got), echo, then a turn counter kept
 * in ConversationState, with a pause between the two replies so that overlapping turns would show.
 * 'boom' throws, to exercise onTurnError.
 */
export class EchoBot extends ActivityHandler {
  constructor(state: ConversationState) {
    super();
    const turns = state.createProperty<number>('turns');
    this.onMembersAdded(async (context, next) => {
      for (const member of context.activity.membersAdded ?? []) {
        if (member.id !== context.activity.recipient.id) {
          await context.sendActivity(`Welcome ${LABELS.get(member.id) ?? member.id} (${context.activity.locale ?? 'no locale'})`);
        }
      }
      await next();
    });
    this.onMessage(async (context, next) => {
      const text = context.activity.text ?? '';
      if (text === 'boom') throw new Error('bot failure (test)');
      await context.sendActivity(`echo: ${text}`);
      await sleep(60);
      const count = (await turns.get(context, 0)) + 1;
      await turns.set(context, count);
      await context.sendActivity(`turn ${count}`);
      await next();
    });
  }
}

export interface Running {
  server: restify.Server;
  facade: Facade;
  base: string;
  domain: string;
  errors: unknown[];
  close(): Promise<void>;
}

/** A real restify server on an ephemeral port with the facade mounted and the EchoBot behind it. */
export async function startServer(
  storage: Storage,
  options: Omit<DirectLineOptions, 'bot' | 'tokenSecret'> & { tokenSecret?: string; hostPlugins?: boolean },
): Promise<Running> {
  const { hostPlugins, ...facadeOptions } = options;
  const state = new ConversationState(storage);
  const bot = new EchoBot(state);
  const facade = createDirectLine({
    tokenSecret: SECRET,
    ...facadeOptions,
    bot: { run: async (context) => { await bot.run(context); await state.saveChanges(context, false); } },
  });
  const errors: unknown[] = [];
  facade.adapter.onTurnError = async (context, error) => {
    errors.push(error);
    await state.delete(context);
    await context.sendActivity('Sorry, something went wrong.');
  };
  const server = restify.createServer();
  // The facade must work whether or not the host parses bodies and queries itself.
  if (hostPlugins) server.use(restify.plugins.queryParser({ mapParams: false }), restify.plugins.bodyParser({ mapParams: false }));
  facade.mount(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const base = `http://127.0.0.1:${port}`;
  return {
    server,
    facade,
    base,
    domain: `${base}/v3/directline`,
    errors,
    close: () =>
      new Promise<void>((resolve) => {
        server.server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export interface TokenResponse {
  conversationId: string;
  token: string;
  expires_in: number;
  user: { id: string; credential: string };
}

/** Test labels of server-chosen user ids ('u_alice'…), used by the EchoBot's welcome. */
export const LABELS = new Map<string, string>();

/** What the host page does: ask our server for a token (and so a conversation) for this user. */
export async function generateToken(base: string, label?: string, credential?: string): Promise<TokenResponse> {
  const response = await fetch(`${base}/v3/directline/tokens/generate`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(credential ? { user: { credential } } : {}),
  });
  if (response.status !== 200) throw new Error(`generate: HTTP ${response.status}`);
  const generated = (await response.json()) as TokenResponse;
  // The server chooses user ids; the bot greets by the test's label so expectations stay readable.
  if (label) LABELS.set(generated.user.id, label);
  return generated;
}

export async function call(
  url: string,
  token: string | undefined,
  init: { method?: string; body?: unknown } = {},
): Promise<{ status: number; body: unknown }> {
  const response = await fetch(url, {
    method: init.method ?? 'GET',
    headers: {
      ...(token ? { Authorization: `Bearer ${token}` } : {}),
      ...(init.body !== undefined ? { 'Content-Type': 'application/json' } : {}),
    },
    body: init.body !== undefined ? JSON.stringify(init.body) : undefined,
  });
  const text = await response.text();
  return { status: response.status, body: text ? (JSON.parse(text) as unknown) : undefined };
}

/** DirectLineJS's Activity type omits fields the service sends; these are the ones we check. */
export type Received = DirectLineActivity & {
  serviceUrl?: string;
  recipient?: { id: string; name?: string; role?: string };
  replyToId?: string;
};

/** The real DirectLineJS client in polling mode, collecting what it receives. */
export class Client {
  readonly directLine: DirectLine;
  readonly received: Received[] = [];
  readonly statuses: number[] = [];
  readonly errors: unknown[] = [];
  private readonly subscriptions: Array<{ unsubscribe(): void }> = [];

  constructor(options: { domain: string; token: string; conversationId?: string; watermark?: string; locale?: string }) {
    this.directLine = new DirectLine({
      domain: options.domain,
      token: options.token,
      webSocket: false,
      pollingInterval: 200,
      ...(options.conversationId ? { conversationId: options.conversationId } : {}),
      ...(options.watermark ? { watermark: options.watermark } : {}),
      ...(options.locale ? { conversationStartProperties: { locale: options.locale } } : {}),
      // Node 20 has no global WebSocket and DirectLineJS reads it even in polling mode: a stub that
      // is never constructed (webSocket: false) avoids the ReferenceError.
      WebSocket: NoWebSocket,
    } as unknown as ConstructorParameters<typeof DirectLine>[0]);
    this.subscriptions.push(this.directLine.connectionStatus$.subscribe((status) => this.statuses.push(status)));
    this.subscriptions.push(
      this.directLine.activity$.subscribe({
        next: (activity) => this.received.push(activity as Received),
        // A refused or ended conversation errors the stream; tests look at connectionStatus$ instead.
        error: (error: unknown) => this.errors.push(error),
      }),
    );
  }

  /** Posts like Web Chat does (with a clientActivityID) and resolves with the server's id. */
  post(text: string, clientActivityID: string): Promise<string> {
    return new Promise((resolve, reject) => {
      this.directLine
        .postActivity({
          type: 'message',
          text,
          from: { id: 'ignored-by-server', name: 'Test user' },
          channelData: { clientActivityID },
          locale: 'fr-FR',
        } as unknown as DirectLineActivity)
        .subscribe({ next: (id) => resolve(id), error: (error: unknown) => reject(error instanceof Error ? error : new Error(String(error))) });
    });
  }

  texts(): string[] {
    return this.received.map((a) => (a as { text?: string }).text ?? `<${a.type}>`);
  }

  async waitFor(predicate: (received: Received[]) => boolean, what: string, timeoutMs = 8000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!predicate(this.received)) {
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}; got ${JSON.stringify(this.texts())}`);
      await sleep(50);
    }
  }

  async waitForStatus(status: number, timeoutMs = 8000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!this.statuses.includes(status)) {
      if (Date.now() > deadline) throw new Error(`timed out waiting for status ${status}; got ${this.statuses.join(',')}`);
      await sleep(50);
    }
  }

  end(): void {
    for (const subscription of this.subscriptions) subscription.unsubscribe();
    this.directLine.end();
  }
}

export function sequenceId(activity: DirectLineActivity | Activity): number {
  return Number((activity.channelData as Record<string, unknown> | undefined)?.['webchat:sequence-id']);
}
