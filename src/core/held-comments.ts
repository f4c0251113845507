import { pageLocalStorage } from './local-storage.js';
import type { ParleyComment } from './types.js';

/** How long a held comment is shown to its author when it never shows up approved. */
const KEEP_MS = 30 * 24 * 60 * 60 * 1000;
/** Held comments kept per thread, newest last. */
const MAX_PER_THREAD = 20;

interface StoredHeld {
  id: string;
  parentId: string | null;
  author: ParleyComment['author'];
  html: string;
  createdAt: string;
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
    return this.#read()
      .filter((held) => now - held.savedAt < KEEP_MS)
      .map((held) => ({
        id: held.id,
        parentId: held.parentId,
        author: {
          name: held.author.name,
          url: typeof held.author.url === 'string' ? held.author.url : null,
          avatar: typeof held.author.avatar === 'string' ? held.author.avatar : null,
        },
        html: held.html,
        createdAt: new Date(held.createdAt),
        status: 'pending' as const,
      }));
  }

  add(comment: ParleyComment, now = Date.now()): void {
    const kept = this.#read().filter((held) => held.id !== comment.id && now - held.savedAt < KEEP_MS);
    kept.push({
      id: comment.id,
      parentId: comment.parentId,
      author: comment.author,
      html: comment.html,
      createdAt: comment.createdAt.toISOString(),
      savedAt: now,
    });
    this.#write(kept.slice(-MAX_PER_THREAD));
  }

  /** Forgets held comments the backend now lists (approved) or that expired. */
  prune(listedIds: ReadonlySet<string>, now = Date.now()): void {
    const stored = this.#read();
    const kept = stored.filter((held) => !listedIds.has(held.id) && now - held.savedAt < KEEP_MS);
    if (kept.length !== stored.length) this.#write(kept);
  }

  #read(): StoredHeld[] {
    try {
      const parsed = JSON.parse(this.#storage?.getItem(this.#key) ?? '[]') as unknown;
      return Array.isArray(parsed) ? parsed.filter(isStoredHeld) : [];
    } catch {
      return [];
    }
  }

  #write(held: StoredHeld[]): void {
    try {
      if (held.length === 0) this.#storage?.removeItem(this.#key);
      else this.#storage?.setItem(this.#key, JSON.stringify(held));
    } catch {
      // Storage full or disabled: the comment is still shown until the page is left.
    }
  }
}

function isStoredHeld(value: unknown): value is StoredHeld {
  if (typeof value !== 'object' || value === null) return false;
  const held = value as Record<string, unknown>;
  const author = held.author as Record<string, unknown> | null;
  return (
    typeof held.id === 'string' &&
    (held.parentId === null || typeof held.parentId === 'string') &&
    typeof author === 'object' &&
    author !== null &&
    typeof author.name === 'string' &&
    typeof held.html === 'string' &&
    typeof held.createdAt === 'string' &&
    !Number.isNaN(Date.parse(held.createdAt)) &&
    typeof held.savedAt === 'number'
  );
}
