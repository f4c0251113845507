import { ParleyError, isErrorCode, type ParleyErrorCode } from '../core/errors.js';
import type { CommentDraft, CommentPage, CommentStatus, Identity, ParleyComment } from '../core/types.js';
import type { BackendCapabilities, CommentBackend, ListOptions, PostOptions } from './backend.js';
import { about, invalid, isRecord, isString, own, read, stringOrNull } from './guards.js';
import { fetchJson, largeList, parseRetryAfter } from './http.js';
import { mapInSlices } from '../core/slices.js';

export interface RestBackendOptions {
  /** Base URL of the API, e.g. `https://comments.example/api`. */
  endpoint: string;
  /** Capabilities this server has; defaults to moderation + reply notifications. */
  capabilities?: BackendCapabilities | undefined;
  /** Request timeout in milliseconds. */
  timeoutMs?: number | undefined;
}

/** Pages of more top-level comments than this may run to megabytes: they are read in slices. */
const SLICED_PAGES_FROM = 100;

/**
 * Parley REST protocol v1 (see docs/protocol.md).
 *
 * `GET  {endpoint}/threads/{thread}/comments?limit=&cursor=`
 * `POST {endpoint}/threads/{thread}/comments`
 */
export class RestBackend implements CommentBackend {
  readonly capabilities: BackendCapabilities;
  readonly storageKey: string;
  readonly #endpoint: string;
  readonly #timeoutMs: number | undefined;

  constructor(options: RestBackendOptions) {
    if (!options.endpoint) throw new ParleyError('invalid', 'The rest backend needs an endpoint URL.');
    this.#endpoint = options.endpoint.replace(/\/+$/, '');
    this.#timeoutMs = options.timeoutMs;
    this.capabilities = options.capabilities ?? { moderation: true, notify: { replies: true, posts: false } };
    this.storageKey = `rest:${this.#endpoint}`;
  }

  /**
   * The thread's comments URL: the path goes after the endpoint's own path and
   * before its query (an endpoint may carry `?site=…`), the id as one segment.
   */
  #commentsUrl(thread: string): URL {
    // URLs cannot carry these as segments (encoded or not, they mean "here" and "up"): said, not sent elsewhere.
    if (/^\.{1,2}$/.test(thread)) throw new ParleyError('invalid', `The thread id "${thread}" cannot be part of a URL.`);
    const url = new URL(this.#endpoint, document.baseURI);
    url.pathname = `${url.pathname.replace(/\/+$/, '')}/threads/${encodeURIComponent(thread)}/comments`;
    return url;
  }

  async list(thread: string, cursor: string | null, { limit, signal }: ListOptions): Promise<CommentPage> {
    const url = this.#commentsUrl(thread);
    url.searchParams.set('limit', String(limit));
    if (cursor !== null) url.searchParams.set('cursor', cursor);
    const large = limit > SLICED_PAGES_FROM ? largeList('comments') : undefined;
    const { response, body } = await fetchJson(url.href, { headers: { Accept: 'application/json' }, signal }, this.#timeoutMs, large);
    if (!response.ok) throw errorFromResponse(response, body);
    return fromRestPageInSlices(body);
  }

  async post(thread: string, draft: CommentDraft, identity: Identity, { signal, idempotencyKey }: PostOptions) {
    // A sign-in's own headers first: they cannot replace the protocol's.
    const headers: Record<string, string> = {
      ...identity.headers,
      Accept: 'application/json',
      'Content-Type': 'application/json',
      'Idempotency-Key': idempotencyKey,
    };
    if (identity.token) headers.Authorization = `Bearer ${identity.token}`;
    const { response, body } = await fetchJson(
      this.#commentsUrl(thread).href,
      { method: 'POST', headers, body: JSON.stringify(toRestPostBody(draft, identity)), signal },
      this.#timeoutMs,
    );
    if (!response.ok) throw errorFromResponse(response, body);
    const comment = isRecord(body) ? own(body, 'comment') : undefined;
    if (comment === undefined) {
      throw new ParleyError('server', 'The comment server did not return the stored comment.', { status: response.status });
    }
    return fromRestComment(comment);
  }
}

/**
 * The JSON body of a protocol v1 POST. Guests send their details; signed-in
 * users send a token or headers instead. A sign-in that gives the backend no
 * credential (a provider profile only) sends its details as a guest's.
 */
export function toRestPostBody(draft: CommentDraft, identity: Identity) {
  return {
    parentId: draft.parentId,
    text: draft.text,
    ...(identity.guest || (!identity.token && !identity.headers) ? { author: { name: identity.name, email: identity.email ?? '', url: identity.url ?? '' } } : {}),
    notify: { replies: draft.notify.replies, posts: draft.notify.posts },
  };
}

const COMMENT = 'The comment server sent an invalid comment';
const PAGE = 'The comment server sent an invalid page';
/** An RFC 3339 date-time: date, `T` or a space, time (seconds optional), offset (optional: read as UTC). */
const DATE_TIME = /^(\d{4}-\d\d-\d\d)[Tt ](\d\d:\d\d(?::\d\d(?:\.\d+)?)?)([Zz]|[+-]\d\d:\d\d)?$/;

/**
 * Maps one protocol v1 comment into Parley's type, checking every field.
 * `author.role` counts only as `owner` or `moderator` (other values are
 * roles this client does not know, shown as none).
 */
export function fromRestComment(json: unknown): ParleyComment {
  if (!isRecord(json)) invalid(COMMENT, '', 'an object', json);
  const id = read(COMMENT, json, 'id', (value): value is string => isString(value) && value !== '', 'a non-empty string');
  const what = about(COMMENT, id);
  const author = read(what, json, 'author', isRecord, 'an object');
  const name = read(what, author, 'name', isString, 'a string', 'author.name');
  const html = read(what, json, 'html', isString, 'a string');
  const createdAt = own(json, 'createdAt');
  // Nothing else than RFC 3339: JavaScript reads `2024/05/02 09:14` in each reader's own zone, and `12` as a year.
  // A date-time without its offset is read as UTC, the same moment for every reader.
  const parts = isString(createdAt) ? DATE_TIME.exec(createdAt) : null;
  const date = new Date(parts ? `${parts[1]}T${parts[2]}${parts[3]?.toUpperCase() ?? 'Z'}` : NaN);
  if (Number.isNaN(date.getTime())) invalid(what, 'createdAt', 'an RFC 3339 date-time string', createdAt);
  const status = read(what, json, 'status', (value): value is CommentStatus => value === 'approved' || value === 'pending', '"approved" or "pending"');
  const role = stringOrNull(what, author, 'role', 'author.role');
  return {
    id,
    parentId: stringOrNull(what, json, 'parentId'),
    author: {
      name,
      url: stringOrNull(what, author, 'url', 'author.url'),
      avatar: stringOrNull(what, author, 'avatar', 'author.avatar'),
      ...(role === 'owner' || role === 'moderator' ? { role } : {}),
    },
    html,
    createdAt: date,
    status,
  };
}

/** Maps a protocol v1 list response into a CommentPage. */
export function fromRestPage(json: unknown): CommentPage {
  const { list, page } = checkPage(json);
  return { ...page, comments: list.map((comment) => fromRestComment(comment)) };
}

/** fromRestPage for pages of any size: thousands of comments are checked in slices, never blocking the page for long. */
export async function fromRestPageInSlices(json: unknown): Promise<CommentPage> {
  const { list, page } = checkPage(json);
  return { ...page, comments: await mapInSlices(list, (comment) => fromRestComment(comment)) };
}

function checkPage(json: unknown): { list: unknown[]; page: Omit<CommentPage, 'comments'> } {
  if (!isRecord(json)) invalid(PAGE, '', 'an object', json);
  const list = read(PAGE, json, 'comments', Array.isArray, 'a list');
  const page: Omit<CommentPage, 'comments'> = { next: stringOrNull(PAGE, json, 'next') };
  // Hints only: a `total` or `closed` of another type is ignored, as the protocol says.
  const total = own(json, 'total');
  const closed = own(json, 'closed');
  if (Number.isSafeInteger(total) && (total as number) >= 0) page.total = total as number;
  if (typeof closed === 'boolean') page.closed = closed;
  return { list, page };
}

/** The codes a server may send: `network`, `timeout` and `popup_blocked` are the client's own findings. */
const isServerCode = (code: unknown): code is ParleyErrorCode => isErrorCode(code) && !['network', 'timeout', 'popup_blocked'].includes(code);

const CODE_BY_STATUS: Record<number, ParleyErrorCode> = {
  401: 'unauthorized',
  403: 'forbidden',
  404: 'not_found',
  409: 'duplicate',
  429: 'rate_limited',
};

/** Field names an error body may carry messages for (`content` and `comment` are other names for `text`). */
const FORM_FIELDS = ['text', 'name', 'email', 'url', 'content', 'comment'];

/** Maps a non-2xx response (with or without a protocol error body) to a ParleyError. */
export function errorFromResponse(response: Response, body: unknown): ParleyError {
  const retryAfter = parseRetryAfter(response.headers.get('Retry-After'));
  const error = isRecord(body) ? own(body, 'error') : undefined;
  const fields: Record<string, string> = {};
  let code: unknown;
  let message: unknown;
  if (isRecord(error)) {
    const given = own(error, 'fields');
    if (isRecord(given)) {
      // Only the fields the form has; other keys (and values that are not strings) are ignored.
      for (const field of FORM_FIELDS) {
        const text = own(given, field);
        if (typeof text === 'string') fields[field] = text;
      }
    }
    code = own(error, 'code');
    message = own(error, 'message');
  }
  return new ParleyError(
    isServerCode(code) ? code : (CODE_BY_STATUS[response.status] ?? 'server'),
    // The server's wording is kept for logs, cut short if it is huge.
    typeof message === 'string' && message ? message.slice(0, 2000) : `The comment server answered ${response.status} ${response.statusText}`.trim(),
    { fields, retryAfter, status: response.status },
  );
}
