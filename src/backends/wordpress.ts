import { ParleyError, type ParleyErrorCode } from '../core/errors.js';
import type { CommentDraft, CommentPage, Identity, ParleyComment } from '../core/types.js';
import type { BackendCapabilities, CommentBackend, ListOptions, PostOptions } from './backend.js';
import { about, invalid, isRecord, isString, own, read, stringOrNull } from './guards.js';
import { htmlToText } from './html-text.js';
import { fetchJson, parseRetryAfter } from './http.js';

export interface WordPressBackendOptions {
  /** The site's REST API root, e.g. `https://blog.example/wp-json`. */
  endpoint: string;
  /**
   * Deepest reply level the site accepts (Settings › Discussion › "Enable
   * threaded comments … levels deep"). WordPress does not publish it to
   * visitors; the default is WordPress's own default, 5.
   */
  maxDepth?: number | undefined;
  /** Request timeout in milliseconds. */
  timeoutMs?: number | undefined;
}

/** A post as far as comments care: its id, whether it takes comments, and its author's user id (the context its comments map in). */
interface PostRef extends WordPressCommentContext {
  id: number;
  open?: boolean | undefined;
}

/** Largest `per_page` WordPress allows. */
const MAX_PER_PAGE = 100;
/** Reply levels fetched below a root before giving up on (cyclic or absurd) data. */
const MAX_LEVELS = 50;

/**
 * The WordPress REST API (`/wp/v2/comments`) as a comment backend.
 *
 * The thread is a post id, or a post slug or URL, resolved once. Pages are
 * pages of top-level comments (oldest first), each with all of its replies.
 * Guests post with name and e-mail (the site must allow anonymous REST
 * comments); signed-in readers post with the headers of their identity.
 */
export class WordPressBackend implements CommentBackend {
  readonly capabilities: BackendCapabilities;
  readonly storageKey: string;
  readonly #endpoint: string;
  readonly #timeoutMs: number | undefined;
  readonly #posts = new Map<string, Promise<PostRef>>();

  constructor(options: WordPressBackendOptions) {
    if (!options.endpoint) throw new ParleyError('invalid', 'The wordpress backend needs the endpoint of the site’s REST API (…/wp-json).');
    this.#endpoint = options.endpoint.replace(/\/+$/, '');
    this.#timeoutMs = options.timeoutMs;
    this.capabilities = { maxDepth: options.maxDepth ?? 5, moderation: true, guests: true };
    this.storageKey = `wordpress:${this.#endpoint}`;
  }

  async list(thread: string, cursor: string | null, { limit, signal }: ListOptions): Promise<CommentPage> {
    const post = await this.#post(thread, signal);
    const pageNumber = cursor === null ? 1 : Math.max(1, Number.parseInt(cursor, 10) || 1);
    const perPage = Math.min(limit, MAX_PER_PAGE);
    const [roots, total] = await Promise.all([
      this.#get(commentsQuery(post.id, { parent: '0', per_page: String(perPage), page: String(pageNumber) }), signal),
      // The thread's size, replies included, once per load: one comment fetched, the header counts them all.
      cursor === null ? this.#get(commentsQuery(post.id, { per_page: '1' }), signal) : undefined,
    ]);
    const comments = listOf(roots.body).map((json) => fromWordPressComment(json, post));
    let parents = comments.map((comment) => comment.id);
    // Each comment once: a server that answers the same replies again (a loop in its data) is not asked about them again.
    const seen = new Set(parents);
    for (let level = 0; parents.length > 0 && level < MAX_LEVELS; level++) {
      const replies = (await this.#repliesTo(post, parents, signal)).filter((reply) => !seen.has(reply.id) && seen.add(reply.id));
      comments.push(...replies);
      parents = replies.map((reply) => reply.id);
    }
    comments.sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime());
    const totalPages = headerNumber(roots.response, 'X-WP-TotalPages') ?? pageNumber;
    const page: CommentPage = { comments, next: pageNumber < totalPages ? String(pageNumber + 1) : null };
    const count = total && headerNumber(total.response, 'X-WP-Total');
    if (count !== undefined) page.total = count;
    if (post.open !== undefined) page.closed = !post.open;
    return page;
  }

  async post(thread: string, draft: CommentDraft, identity: Identity, { signal }: PostOptions): Promise<ParleyComment> {
    const post = await this.#post(thread, signal);
    const sent = toWordPressPostBody(post.id, draft, identity);
    // WordPress has no idempotency keys; its own duplicate check (409) stops a retried comment from being stored twice.
    const { response, body } = await fetchJson(
      `${this.#endpoint}/wp/v2/comments`,
      {
        method: 'POST',
        headers: { Accept: 'application/json', 'Content-Type': 'application/json', ...identity.headers },
        body: JSON.stringify(sent),
        signal,
      },
      this.#timeoutMs,
    );
    if (!response.ok) throw errorFromWordPress(response, body, sent);
    return fromWordPressComment(body, post);
  }

  /** Resolves a post id, slug or URL once per thread. */
  #post(thread: string, signal: AbortSignal): Promise<PostRef> {
    let post = this.#posts.get(thread);
    if (!post) {
      post = this.#resolvePost(thread, signal);
      this.#posts.set(thread, post);
      // A failed lookup (offline, aborted) is tried again next time.
      post.catch(() => this.#posts.delete(thread));
    }
    return post;
  }

  async #resolvePost(thread: string, signal: AbortSignal): Promise<PostRef> {
    const key = postKey(thread);
    // null: the thread is no post id, slug or URL (nothing to look up).
    if (key !== null) {
      for (const type of ['posts', 'pages']) {
        const path = `/wp/v2/${type}${typeof key === 'number' ? `/${key}?` : `?slug=${encodeURIComponent(key)}&`}_fields=id,comment_status,author`;
        const { response, body } = await this.#get(path, signal, true);
        const found = Array.isArray(body) ? body[0] : response.ok ? body : undefined;
        const id = isRecord(found) ? own(found, 'id') : undefined;
        if (typeof id === 'number') {
          const status = own(found as object, 'comment_status');
          const author = own(found as object, 'author');
          return {
            id,
            open: typeof status === 'string' ? status === 'open' : undefined,
            // Posts of types without authors have none: nobody's comments are then the owner's.
            postAuthor: typeof author === 'number' && author > 0 ? author : undefined,
          };
        }
      }
    }
    // Another post type (or a post hidden from the REST API): its comments still list by id.
    if (typeof key === 'number') return { id: key };
    throw new ParleyError('not_found', `WordPress has no post or page at "${thread}".`);
  }

  async #repliesTo(post: PostRef, parents: readonly string[], signal: AbortSignal): Promise<ParleyComment[]> {
    const replies: ParleyComment[] = [];
    // Long id lists are split so URLs stay short; each chunk is paged through.
    for (let start = 0; start < parents.length; start += MAX_PER_PAGE) {
      const parent = parents.slice(start, start + MAX_PER_PAGE).join(',');
      for (let page = 1, pages = 1; page <= pages; page++) {
        const { response, body } = await this.#get(
          commentsQuery(post.id, { parent, per_page: String(MAX_PER_PAGE), page: String(page) }),
          signal,
        );
        const list = listOf(body);
        replies.push(...list.map((json) => fromWordPressComment(json, post)));
        // A page that is not full is the last, whatever X-WP-TotalPages says (a wrong one would page on for ever).
        pages = list.length < MAX_PER_PAGE ? page : (headerNumber(response, 'X-WP-TotalPages') ?? 1);
      }
    }
    return replies;
  }

  /** GET a path below the endpoint and parse it; a non-2xx answer throws, unless `tolerant` (lookups that may 404). */
  async #get(path: string, signal: AbortSignal, tolerant = false): Promise<{ response: Response; body: unknown }> {
    const { response, body } = await fetchJson(`${this.#endpoint}${path}`, { headers: { Accept: 'application/json' }, signal }, this.#timeoutMs);
    if (!response.ok && !(tolerant && response.status < 500)) throw errorFromWordPress(response, body);
    return { response, body };
  }
}

function commentsQuery(postId: number, params: Record<string, string>): string {
  const query = new URLSearchParams({ post: String(postId), order: 'asc', orderby: 'date_gmt', ...params });
  return `/wp/v2/comments?${query}`;
}

/**
 * A post id (number) or slug from what the `thread` attribute holds; null when it is neither (a malformed URL or `%`
 * escape included). Any of the addresses WordPress serves a post at will do: plain (`?p=`, `?page_id=`), with
 * `index.php/`, or one of the post's own views below its slug: an inner page (`/2/`), a comment page, its feeds,
 * embed or AMP view.
 */
export function postKey(thread: string): number | string | null {
  const trimmed = thread.trim();
  try {
    const url = new URL(trimmed, 'http://a');
    const query = url.searchParams;
    // A number alone is a post id; so is a plain permalink's, with or without its inner or comment page.
    for (const id of [trimmed, query.get('p'), query.get('page_id')]) if (/^\d+$/.test(id ?? '')) return Number(id);
    // `index.php` is never in a slug (WordPress makes dots dashes). A view's suffix only follows a slug (not a date
    // part): a post slugged "2" or "amp" is itself at /2/ or /amp/.
    const slug = url.pathname
      .replace('/index.php', '')
      .replace(/(\/[^/]*[^/\d][^/]*)\/((comment-page-|page\/)?\d+|(feed\/)?(feed|rdf|rss2?|atom)|embed|amp)\/?$/, '$1')
      .split('/')
      .filter(Boolean)
      .pop();
    return slug ? decodeURIComponent(slug) : null;
  } catch {
    return null;
  }
}

function listOf(body: unknown): unknown[] {
  if (!Array.isArray(body)) invalid('WordPress sent an invalid comment list', '', 'a list', body);
  return body;
}

function headerNumber(response: Response, name: string): number | undefined {
  const value = Number.parseInt(response.headers.get(name) ?? '', 10);
  return Number.isFinite(value) && value >= 0 ? value : undefined;
}

const COMMENT = 'WordPress sent an invalid comment';

/** What a comment's mapping knows about its post. */
export interface WordPressCommentContext {
  /** User id of the post's author: their comments are marked as the owner's. */
  postAuthor?: number | undefined;
}

/**
 * Maps one `/wp/v2/comments` item (view context) into Parley's type. A
 * comment whose `author` (the id of the signed-in user who wrote it; 0 for
 * guests) is the post's author gets the `owner` role.
 */
export function fromWordPressComment(json: unknown, { postAuthor }: WordPressCommentContext = {}): ParleyComment {
  if (!isRecord(json)) invalid(COMMENT, '', 'an object', json);
  const id = read(COMMENT, json, 'id', isNumber, 'a number');
  const what = about(COMMENT, id);
  const name = read(what, json, 'author_name', isString, 'a string');
  const content = read(what, json, 'content', isRecord, 'an object');
  const html = read(what, content, 'rendered', isString, 'a string', 'content.rendered');
  // date_gmt is UTC without a zone designator.
  const date = own(json, 'date_gmt');
  const createdAt = new Date(isString(date) ? `${date.replace(/Z$/, '')}Z` : NaN);
  if (Number.isNaN(createdAt.getTime())) invalid(what, 'date_gmt', 'a date-time string', date);
  const status = read(what, json, 'status', (value): value is string => ['approved', 'hold', 'spam', 'trash'].includes(value as string), '"approved", "hold", "spam" or "trash"');
  // Missing: a top-level comment by a guest (user 0), without avatars.
  const parent = read(what, json, 'parent', isOptionalNumber, 'a number') ?? 0;
  const user = read(what, json, 'author', isOptionalNumber, 'a number') ?? 0;
  const avatars = read(what, json, 'author_avatar_urls', (value): value is object | null | undefined => value == null || isRecord(value), 'an object') ?? {};
  // 96 px, else the largest size a site's `rest_avatar_sizes` filter gives (number keys are listed smallest first).
  const size = ['96', '48', '24', ...Object.keys(avatars).reverse()].find((key) => own(avatars, key) != null);
  return {
    id: String(id),
    parentId: parent > 0 ? String(parent) : null,
    author: {
      // WordPress stores names entity-encoded (`Bob &amp; Al`); Parley shows names as text
      // (and never more than the start of one, so a huge name is cut before it is decoded).
      name: name.includes('&') ? htmlToText(name.slice(0, 4000)) : name,
      url: stringOrNull(what, json, 'author_url') || null,
      avatar: (size && stringOrNull(what, avatars, size, `author_avatar_urls.${size}`)) || null,
      // Guests are user 0: only a signed-in user can be the post's author.
      ...(user > 0 && user === postAuthor ? { role: 'owner' as const } : {}),
    },
    html,
    createdAt,
    // A new comment WordPress files as spam or trash (an anti-spam plugin, a disallowed word) is held from the
    // public too: its author sees it as awaiting moderation, not as a failure to post again.
    status: status === 'approved' ? 'approved' : 'pending',
  };
}

const isNumber = (value: unknown): value is number => typeof value === 'number';
const isOptionalNumber = (value: unknown): value is number | null | undefined => value == null || isNumber(value);

/**
 * Plain text as WordPress content: `&`, `<` and `>` escaped, so its HTML
 * filter cannot read `a < b && c > d` as markup; WordPress itself turns line
 * breaks into paragraphs.
 */
export function escapeForWordPress(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/**
 * The JSON body of `POST /wp/v2/comments`. Author fields only for guests (and
 * sign-ins that give WordPress no credential): WordPress would store a
 * signed-in user as a guest.
 */
export function toWordPressPostBody(postId: number, draft: CommentDraft, identity: Identity) {
  return {
    post: postId,
    parent: Number(draft.parentId), // null (a top-level comment) is 0
    content: escapeForWordPress(draft.text),
    ...(identity.guest || (!identity.token && !identity.headers) ? { author_name: identity.name, author_email: identity.email ?? '', author_url: identity.url ?? '' } : {}),
  };
}

/** WordPress error codes whose HTTP status alone would say something else. */
const CODE_BY_WORDPRESS_CODE: Record<string, ParleyErrorCode> = {
  comment_flood: 'flood',
  rest_comment_closed: 'closed',
  rest_comment_draft_post: 'closed',
  rest_comment_trash_post: 'closed',
  rest_comment_invalid_post_id: 'not_found',
};

const CODE_BY_STATUS: Record<number, ParleyErrorCode> = {
  400: 'invalid',
  401: 'unauthorized',
  403: 'forbidden',
  404: 'not_found',
  409: 'duplicate',
  429: 'rate_limited',
};

/** Which form field a WordPress parameter (or the column of a `comment_<column>_column_length` error) is about. */
const FIELD_BY_PARAM: Record<string, 'name' | 'email' | 'url' | 'text'> = {
  author_name: 'name',
  author: 'name',
  author_email: 'email',
  author_url: 'url',
  content: 'text',
};

/**
 * Maps a WordPress error (`{code, message, data: {status, params}}`) to a
 * ParleyError. With the body that was `sent`, "name and e-mail required"
 * points at whichever of the two was empty.
 */
export function errorFromWordPress(response: Response, body: unknown, sent?: Record<string, unknown>): ParleyError {
  const json = isRecord(body) ? body : {};
  const given = own(json, 'code');
  const text = own(json, 'message');
  const data = own(json, 'data');
  const params = isRecord(data) ? own(data, 'params') : undefined;
  const wpCode = typeof given === 'string' ? given : '';
  // Error messages are short; a huge one is cut before its entities are decoded.
  const message = typeof text === 'string' ? htmlToText(text.slice(0, 2000)) : '';
  const code = (own(CODE_BY_WORDPRESS_CODE, wpCode) as ParleyErrorCode | undefined) ?? CODE_BY_STATUS[response.status] ?? 'server';
  const fields: Record<string, string> = {};
  for (const [param, field] of Object.entries(FIELD_BY_PARAM)) {
    const problem = isRecord(params) ? own(params, param) : undefined;
    if (typeof problem === 'string') fields[field] = htmlToText(problem.slice(0, 2000));
  }
  const tooLong = /^comment_(\w+)_column_length$/.exec(wpCode)?.[1];
  const tooLongField = tooLong && (own(FIELD_BY_PARAM, tooLong) as string | undefined);
  if (tooLongField) fields[tooLongField] = message;
  if (wpCode === 'rest_comment_content_invalid') fields.text = message;
  if (wpCode === 'rest_comment_author_data_required') {
    if (!sent?.author_name) fields.name = message;
    if (!sent?.author_email) fields.email = message;
  }
  return new ParleyError(code, message || `WordPress answered ${response.status} ${response.statusText}`.trim(), {
    fields,
    retryAfter: parseRetryAfter(response.headers.get('Retry-After')),
    status: response.status,
  });
}
