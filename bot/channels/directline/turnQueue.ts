import { AsyncLocalStorage } from 'node:async_hooks';
import type { TurnLock } from './conversationStore';

/**
 * One turn at a time per conversation: ConversationState is saved last-write-wins (eTag '*'), so two
 * overlapping turns of one conversation would lose state. Different conversations run in parallel.
 * Re-entrant: work started from inside a turn of the same conversation (a proactive
 * continueConversation from a dialog, say) runs at once instead of waiting for itself forever.
 */
export class TurnQueue implements TurnLock {
  private readonly tails = new Map<string, Promise<void>>();
  private readonly inside = new AsyncLocalStorage<ReadonlySet<string>>();

  /** True inside a turn of this conversation (in this async context). */
  holds(conversationId: string): boolean {
    return this.inside.getStore()?.has(conversationId) ?? false;
  }

  run<T>(conversationId: string, job: () => Promise<T>): Promise<T> {
    const held = this.inside.getStore();
    if (held?.has(conversationId)) return job();
    const enter = () => this.inside.run(new Set([...(held ?? []), conversationId]), job);
    const previous = this.tails.get(conversationId) ?? Promise.resolve();
    const result = previous.then(enter);
    const tail = result.then(
      () => undefined,
      () => undefined,
    );
    this.tails.set(conversationId, tail);
    // Forget idle conversations so the map does not grow with every conversation ever seen.
    void tail.then(() => {
      if (this.tails.get(conversationId) === tail) this.tails.delete(conversationId);
    });
    return result;
  }
}
