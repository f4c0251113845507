import type { CommentDraft, CommentPage, Identity, ParleyComment } from '../core/types.js';

/** What a backend supports; the UI shows only what is declared here. */
export interface BackendCapabilities {
  /**
   * Deepest reply level the backend accepts (1 = no replies, only top-level
   * comments). The element uses the smaller of this and its `max-depth`.
   */
  maxDepth?: number | undefined;
  /** Which notification opt-ins the backend honours. Omitted: none are shown. */
  notify?: { replies?: boolean | undefined; posts?: boolean | undefined } | undefined;
  /**
   * Whether comments may be held for moderation (status `pending`). For the
   * page's own code only: the element goes by each comment's `status`.
   */
  moderation?: boolean | undefined;
  /** Whether guests (name + email, no sign-in) may post. Default: true. */
  guests?: boolean | undefined;
  /**
   * Longest comment the backend stores, in characters. The form counts down
   * as the reader nears it. Omitted: the element's default (10,000).
   */
  maxLength?: number | undefined;
}

export interface ListOptions {
  /** Number of top-level comments per page. */
  limit: number;
  /** Aborted when the thread changes or the element is removed. */
  signal: AbortSignal;
}

export interface PostOptions {
  signal: AbortSignal;
  /**
   * A key unique to this comment, reused when the same comment is retried,
   * so the backend can refuse to store it twice.
   */
  idempotencyKey: string;
}

/**
 * A comment backend: anything that can list a thread page by page and store a
 * new comment. Adapters throw {@link ParleyError} with a stable code on failure
 * and map every response into Parley's own types.
 */
export interface CommentBackend {
  /** Optional capabilities; absent members mean "not supported". */
  readonly capabilities?: BackendCapabilities | undefined;

  /**
   * Names this backend and site in browser storage (e.g. `rest:https://…`),
   * so a reader's comments held for moderation stay visible to them after a
   * reload. Without it they are shown only until the page is left.
   */
  readonly storageKey?: string | undefined;

  /**
   * One page of `thread`. `cursor` is `null` for the first page, else the
   * `next` value of the previous page (opaque to Parley).
   */
  list(thread: string, cursor: string | null, options: ListOptions): Promise<CommentPage>;

  /**
   * Stores a new comment and returns it as the backend saved it
   * (its `status` says whether it is held for moderation).
   */
  post(thread: string, draft: CommentDraft, identity: Identity, options: PostOptions): Promise<ParleyComment>;
}
