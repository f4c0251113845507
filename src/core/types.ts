/**
 * Parley's own domain types. Backend adapters map their foreign shapes into
 * these; views and the thread state never see a backend's JSON.
 */

/** Moderation state of a comment, as far as the reader may know it. */
export type CommentStatus = 'approved' | 'pending';

/**
 * A role the backend vouches for: `owner` for the site's (or the post's)
 * author, `moderator` for someone who moderates its comments. Shown as a
 * badge next to the name.
 */
export type AuthorRole = 'owner' | 'moderator';

/** Who wrote a comment, as the backend reports it. Every field is untrusted. */
export interface Author {
  /** Display name (plain text, never HTML). */
  name: string;
  /** The author's website. Shown as a link only when it is http(s). */
  url: string | null;
  /** Avatar image URL. Shown only when it is http(s). */
  avatar: string | null;
  /**
   * The author's role, set by an adapter only from what the backend itself
   * authenticated (a signed-in account), never from details a guest typed.
   * Absent for everyone else.
   */
  role?: AuthorRole | undefined;
}

/**
 * One comment as a backend adapter delivers it. `html` is the rendered body
 * straight from the backend: untrusted until Parley's sanitiser has seen it.
 */
export interface ParleyComment {
  id: string;
  /** The comment this one replies to, or `null` for a top-level comment. */
  parentId: string | null;
  author: Author;
  /** Rendered body, untrusted HTML. */
  html: string;
  createdAt: Date;
  status: CommentStatus;
}

/** One page of a thread. Pagination is over top-level comments. */
export interface CommentPage {
  /** Top-level comments of this page with all their replies, oldest first. */
  comments: ParleyComment[];
  /** Opaque cursor for the next page, or `null` when this is the last page. */
  next: string | null;
  /** Total number of comments in the thread, when the backend knows it. */
  total?: number | undefined;
  /** True when the thread takes no new comments (the form is replaced by "Comments are closed."). */
  closed?: boolean | undefined;
}

/** E-mail notifications the author asks for. */
export interface NotifyOptions {
  /** New comments / replies in this thread. */
  replies: boolean;
  /** New posts of the site. */
  posts: boolean;
}

/** A comment the reader wrote and is about to post. */
export interface CommentDraft {
  /** Exactly what the reader typed: plain text, never markup. */
  text: string;
  /** The comment being replied to, or `null`. */
  parentId: string | null;
  notify: NotifyOptions;
}

/**
 * Who is posting. A guest identity carries the details typed in the form; a
 * signed-in identity carries what its provider returned (and maybe a token).
 */
export interface Identity {
  /** Id of the identity adapter that produced it (`guest`, `oidc`, …). */
  provider: string;
  /** Human name of the provider, for "You are commenting using your {provider} account". */
  providerLabel: string;
  name: string;
  email?: string | undefined;
  url?: string | undefined;
  avatar?: string | undefined;
  /** Bearer token a backend may send as `Authorization: Bearer …`. */
  token?: string | undefined;
  /**
   * HTTP headers that prove this identity to its backend, for schemes other
   * than a bearer token (e.g. WordPress's Basic auth or `X-WP-Nonce`).
   */
  headers?: Readonly<Record<string, string>> | undefined;
  /** True for guests: their details are sent with each comment. */
  guest: boolean;
  /** When the sign-in stops being valid (ms since the epoch), if the provider said. */
  expiresAt?: number | undefined;
}
