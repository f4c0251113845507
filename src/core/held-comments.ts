import { fromRestComment } from '../backends/rest.js';
import { pageLocalStorage, readStored, writeStored } from './local-storage.js';
import type { ParleyComment } from './types.js';

/** How long a held comment is shown to its author when it never shows up approved. */
const KEEP_MS = 30 * 24 * 60 * 60 * 1000;
/** Held comments kept per thread, newest last. */
const MAX_PER_THREAD = 20;

/** A held comment in storage: the protocol's comment JSON plus when it was saved. */
interface StoredHeld {
  comment: unknown;
  savedAt: number;
}

/**
 * The reader's own comments that the backend holds for moderation. Public
 * lists leave them out, so they are kept in this browser (per backend and
 * thread) and shown to their author until they appear approved or expire.
 */
export class HeldComments {
  readonly #key: string;
  readonly #storage: Storage | undefined;

  constructor(backendKey: string, thread: string, storage: Storage | undefined = pageLocalStorage()) {
    this.#key = `parley:held:${backendKey}:${thread}`;
    this.#storage = storage;
  }

  /** Held comments still worth showing, as pending comments. */
  list(now = Date.now()): ParleyComment[] {
    return this.#fresh(now).flatMap(({ comment }) => {
      try {
        // Stored data is checked like a server's answer: a damaged entry is skipped,
        // and a role is never taken from it (only a backend can vouch for one).
        const held = fromRestComment(comment);
        delete held.author.role;
        return [held];
      } catch {
        return [];
      }
    });
  }

  add(comment: ParleyComment, now = Date.now()): void {
    const { id, parentId, author, html, createdAt } = comment;
    const kept = this.#fresh(now).filter((held) => (held.comment as { id?: unknown }).id !== id);
    const { name, url, avatar } = author;
    kept.push({ comment: { id, parentId, author: { name, url, avatar }, html, createdAt: createdAt.toISOString(), status: 'pending' }, savedAt: now });
    this.#write(kept.slice(-MAX_PER_THREAD));
  }

  /** Forgets held comments the backend now lists (approved) or that expired. */
  prune(listedIds: ReadonlySet<string>, now = Date.now()): void {
    const stored = this.#read();
    const kept = this.#fresh(now, stored).filter((held) => !listedIds.has((held.comment as { id?: string }).id ?? ''));
    if (kept.length !== stored.length) this.#write(kept);
  }

  /** Stored entries that have not expired. */
  #fresh(now: number, stored = this.#read()): StoredHeld[] {
    return stored.filter((held) => now - held.savedAt < KEEP_MS);
  }

  /** Every stored entry with a save time. */
  #read(): StoredHeld[] {
    const parsed = readStored(this.#storage, this.#key);
    return Array.isArray(parsed) ? parsed.filter((held: StoredHeld) => typeof held?.savedAt === 'number') : [];
  }

  #write(held: StoredHeld[]): void {
    // Storage full or disabled: the comment is still shown until the page is left.
    writeStored(this.#storage, this.#key, held.length === 0 ? undefined : held);
  }
}
