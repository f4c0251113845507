import { pageLocalStorage, readStored, writeStored } from './local-storage.js';
import type { NotifyOptions } from './types.js';

/** How long an untouched draft is kept. */
const KEEP_MS = 30 * 24 * 60 * 60 * 1000;

/** What the reader has typed for one thread, kept in the browser until the backend confirms the comment. */
export interface SavedDraft {
  text: string;
  /** The comment being replied to, or `null`. */
  parentId: string | null;
  /** Its author's name, for the form to say whom the reply is to before that comment is loaded again. */
  parentName: string | null;
  /** Guest details as typed (name, email, website); empty ones left out. */
  values: Partial<Record<'name' | 'email' | 'url', string>>;
  notify: NotifyOptions;
  /**
   * Set once a post was attempted: a later attempt (after a reload, say)
   * reuses it, so a comment the server stored but whose answer was lost is
   * not stored twice.
   */
  idempotencyKey: string | null;
}

const text = (value: unknown): string => (typeof value === 'string' ? value : '');

/**
 * The reader's unsent comment for one thread, in localStorage (per backend
 * and thread), so a reload, a crash, a failed post or a sign-in never loses it.
 * Storage that throws or is full means the draft lives only in the page.
 */
export class DraftStore {
  /** The storage key: one per backend and thread. */
  readonly key: string;
  readonly #storage: Storage | undefined;

  constructor(backendKey: string, thread: string, storage: Storage | undefined = pageLocalStorage()) {
    this.key = `parley:draft:${backendKey}:${thread}`;
    this.#storage = storage;
  }

  /** The saved draft, or null when there is none, it expired, or it is damaged. */
  read(now = Date.now()): SavedDraft | null {
    const saved = readStored(this.#storage, this.key);
    if (typeof saved !== 'object' || saved === null) return null;
    const { draft, savedAt } = saved as { draft?: unknown; savedAt?: unknown };
    if (typeof savedAt !== 'number' || now - savedAt > KEEP_MS || typeof draft !== 'object' || draft === null) return null;
    // Stored data is read like a server's answer: only known fields of the right type.
    const { text: body, parentId, parentName, values, notify, idempotencyKey } = draft as Record<string, unknown>;
    const fields = (typeof values === 'object' && values !== null ? values : {}) as Record<string, unknown>;
    const flags = (typeof notify === 'object' && notify !== null ? notify : {}) as Record<string, unknown>;
    const typed: SavedDraft['values'] = {};
    for (const name of ['name', 'email', 'url'] as const) if (text(fields[name])) typed[name] = text(fields[name]);
    return {
      text: text(body),
      parentId: typeof parentId === 'string' ? parentId : null,
      parentName: text(parentName) || null,
      values: typed,
      notify: { replies: flags.replies === true, posts: flags.posts === true },
      idempotencyKey: typeof idempotencyKey === 'string' ? idempotencyKey : null,
    };
  }

  /**
   * Saves the draft. One without comment text is removed instead: details
   * alone are kept only when the reader asks ("Save my name…").
   */
  save(draft: SavedDraft, now = Date.now()): void {
    // Storage full or disabled: the draft stays in the page only.
    writeStored(this.#storage, this.key, draft.text.trim() === '' ? undefined : { draft, savedAt: now });
  }

  clear(): void {
    writeStored(this.#storage, this.key, undefined);
  }
}
