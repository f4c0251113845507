import { ParleyError } from '../core/errors.js';
import { pageLocalStorage } from '../core/local-storage.js';
import type { CommentDraft, CommentPage, Identity, ParleyComment } from '../core/types.js';
import { randomId } from '../core/uuid.js';
import type { BackendCapabilities, CommentBackend, ListOptions, PostOptions } from './backend.js';
import { fromRestComment } from './rest.js';
import { textToHtml } from './text-to-html.js';
import { pageOfThread } from './thread-pages.js';

export interface LocalBackendOptions {
  /** Where comments are kept (default `localStorage`). */
  storage?: Storage | undefined;
  /** Prefix of the storage keys; one key per thread. */
  keyPrefix?: string | undefined;
}

/** A stored comment: the protocol's JSON shape plus the idempotency key it was posted with. */
interface LocalRecord {
  id: string;
  parentId: string | null;
  author: { name: string; url: string | null; avatar: string | null };
  html: string;
  createdAt: string;
  status: 'approved';
  idempotencyKey?: string | undefined;
}

function isLocalRecord(value: unknown): value is LocalRecord {
  try {
    fromRestComment(value);
    return true;
  } catch {
    return false;
  }
}

/** A stored comment as Parley's type. Nobody vouches for a role kept in this browser's storage: it is dropped. */
function fromLocalRecord(record: LocalRecord): ParleyComment {
  const comment = fromRestComment(record);
  delete comment.author.role;
  return comment;
}

/**
 * Comments kept in this browser's storage: for trying Parley with no server.
 * Behaves like a real backend (threading, paging, idempotent posts) but only
 * this browser sees the comments.
 */
export class LocalBackend implements CommentBackend {
  readonly capabilities: BackendCapabilities = { guests: true };
  readonly #customStorage: Storage | undefined;
  readonly #prefix: string;

  constructor(options: LocalBackendOptions = {}) {
    this.#prefix = options.keyPrefix ?? 'parley:local:';
    this.#customStorage = options.storage;
  }

  get #storage(): Storage | undefined {
    return this.#customStorage ?? pageLocalStorage();
  }

  async list(thread: string, cursor: string | null, { limit, signal }: ListOptions): Promise<CommentPage> {
    signal.throwIfAborted();
    const page = pageOfThread(this.#read(thread).filter(isLocalRecord), cursor, limit);
    return { comments: page.comments.map(fromLocalRecord), next: page.next, total: page.total };
  }

  async post(thread: string, draft: CommentDraft, identity: Identity, { signal, idempotencyKey }: PostOptions): Promise<ParleyComment> {
    signal.throwIfAborted();
    const stored = this.#read(thread);
    const records = stored.filter(isLocalRecord);
    const earlier = records.find((record) => record.idempotencyKey === idempotencyKey);
    if (earlier) return fromLocalRecord(earlier);
    if (draft.parentId !== null && !records.some((record) => record.id === draft.parentId)) {
      throw new ParleyError('not_found', 'The comment you are replying to no longer exists.');
    }
    const record: LocalRecord = {
      id: randomId(),
      parentId: draft.parentId,
      author: { name: identity.name, url: identity.url || null, avatar: identity.avatar ?? null },
      html: textToHtml(draft.text),
      createdAt: new Date().toISOString(),
      status: 'approved',
      idempotencyKey,
    };
    // Entries it cannot read stay as they are, beside the new one: left out of lists, never lost.
    this.#write(thread, [...stored, record]);
    return fromLocalRecord(record);
  }

  #key(thread: string): string {
    return this.#prefix + thread;
  }

  /** The thread's stored entries, as stored: a damaged one is left out of lists, not rewritten. */
  #read(thread: string): unknown[] {
    const storage = this.#storage;
    if (!storage) throw new ParleyError('server', 'This browser does not allow storing comments.');
    const key = this.#key(thread);
    const raw = storage.getItem(key);
    if (raw === null) return [];
    let parsed: unknown;
    try {
      parsed = JSON.parse(raw);
    } catch {
      /* damaged: below */
    }
    if (Array.isArray(parsed)) return parsed;
    // A damaged thread is put aside under a key of its own, not thrown away, and the thread starts afresh.
    const aside = `${key}:damaged:${Date.now()}`;
    try {
      storage.setItem(aside, raw);
    } catch (error) {
      throw new ParleyError('server', 'The comments stored in this browser are damaged.', { cause: error });
    }
    storage.removeItem(key);
    console.warn(`[parley] The comments stored in this browser for "${thread}" were damaged; they are kept under "${aside}".`);
    return [];
  }

  #write(thread: string, records: unknown[]): void {
    try {
      this.#storage!.setItem(this.#key(thread), JSON.stringify(records));
    } catch (error) {
      throw new ParleyError('server', 'This browser has no room left to store the comment.', { cause: error });
    }
  }
}
