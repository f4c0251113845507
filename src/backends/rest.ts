import { ParleyError, isErrorCode, type ParleyErrorCode } from '../core/errors.js';
import type { CommentDraft, CommentPage, Identity, ParleyComment } from '../core/types.js';
import type { BackendCapabilities, CommentBackend, ListOptions, PostOptions } from './backend.js';
import { fetchWithTimeout, isRecord, parseRetryAfter, readJson } from './http.js';

export interface RestBackendOptions {
  /** Base URL of the API, e.g. `https://comments.example/api`. */
  endpoint: string;
  /** Capabilities this server has; defaults to moderation + reply notifications. */
  capabilities?: BackendCapabilities;
  /** Request timeout in milliseconds. */
  timeoutMs?: number;
}

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

  #commentsUrl(thread: string): string {
    return `${this.#endpoint}/threads/${encodeURIComponent(thread)}/comments`;
  }

  async list(thread: string, cursor: string | null, { limit, signal }: ListOptions): Promise<CommentPage> {
    const url = new URL(this.#commentsUrl(thread), document.baseURI);
    url.searchParams.set('limit', String(limit));
    if (cursor !== null) url.searchParams.set('cursor', cursor);
    const response = await fetchWithTimeout(
      url.href,
      { headers: { Accept: 'application/json' }, signal },
      this.#timeoutMs,
    );
    const body = await readJson(response);
    if (!response.ok) throw errorFromResponse(response, body);
    return fromRestPage(body);
  }

  async post(thread: string, draft: CommentDraft, identity: Identity, { signal, idempotencyKey }: PostOptions) {
    const headers: Record<string, string> = {
      Accept: 'application/json',
      'Content-Type': 'application/json',
      'Idempotency-Key': idempotencyKey,
      ...identity.headers,
    };
    if (identity.token) headers.Authorization = `Bearer ${identity.token}`;
    const response = await fetchWithTimeout(
      this.#commentsUrl(thread),
      { method: 'POST', headers, body: JSON.stringify(toRestPostBody(draft, identity)), signal },
      this.#timeoutMs,
    );
    const body = await readJson(response);
    if (!response.ok) throw errorFromResponse(response, body);
    if (!isRecord(body) || !('comment' in body)) {
      throw new ParleyError('server', 'The comment server did not return the stored comment.', { status: response.status });
    }
    return fromRestComment(body.comment);
  }
}

/** The JSON body of a protocol v1 POST. Guests send their details; signed-in users do not. */
export function toRestPostBody(draft: CommentDraft, identity: Identity) {
  return {
    parentId: draft.parentId,
    text: draft.text,
    ...(identity.guest ? { author: { name: identity.name, email: identity.email ?? '', url: identity.url ?? '' } } : {}),
    notify: { replies: draft.notify.replies, posts: draft.notify.posts },
  };
}

function fail(what: string): never {
  throw new ParleyError('server', `The comment server sent an invalid response: ${what}.`);
}

function stringOrNull(value: unknown, what: string): string | null {
  if (value === null || value === undefined) return null;
  if (typeof value !== 'string') fail(`${what} is not a string`);
  return value;
}

/** Maps one protocol v1 comment into Parley's type, checking every field. */
export function fromRestComment(json: unknown): ParleyComment {
  if (!isRecord(json)) fail('a comment is not an object');
  const { id, parentId, author, html, createdAt, status } = json;
  if (typeof id !== 'string' || id === '') fail('comment id is missing');
  if (!isRecord(author)) fail(`comment ${id} has no author`);
  if (typeof author.name !== 'string') fail(`comment ${id} has no author name`);
  if (typeof html !== 'string') fail(`comment ${id} has no html body`);
  if (typeof createdAt !== 'string') fail(`comment ${id} has no createdAt`);
  const date = new Date(createdAt);
  if (Number.isNaN(date.getTime())) fail(`comment ${id} has an invalid createdAt`);
  if (status !== 'approved' && status !== 'pending') fail(`comment ${id} has an unknown status`);
  return {
    id,
    parentId: stringOrNull(parentId, `parentId of comment ${id}`),
    author: {
      name: author.name,
      url: stringOrNull(author.url, `author url of comment ${id}`),
      avatar: stringOrNull(author.avatar, `avatar of comment ${id}`),
    },
    html,
    createdAt: date,
    status,
  };
}

/** Maps a protocol v1 list response into a CommentPage. */
export function fromRestPage(json: unknown): CommentPage {
  if (!isRecord(json) || !Array.isArray(json.comments)) fail('"comments" is not a list');
  const next = stringOrNull(json.next, '"next"');
  const page: CommentPage = { comments: json.comments.map(fromRestComment), next };
  if (typeof json.total === 'number' && Number.isInteger(json.total) && json.total >= 0) page.total = json.total;
  if (typeof json.closed === 'boolean') page.closed = json.closed;
  return page;
}

const CODE_BY_STATUS: Record<number, ParleyErrorCode> = {
  401: 'unauthorized',
  403: 'forbidden',
  404: 'not_found',
  409: 'duplicate',
  429: 'rate_limited',
};

/** Maps a non-2xx response (with or without a protocol error body) to a ParleyError. */
export function errorFromResponse(response: Response, body: unknown): ParleyError {
  const retryAfter = parseRetryAfter(response.headers.get('Retry-After'));
  const error = isRecord(body) && isRecord(body.error) ? body.error : undefined;
  const fields: Record<string, string> = {};
  if (error && isRecord(error.fields)) {
    for (const [field, text] of Object.entries(error.fields)) if (typeof text === 'string') fields[field] = text;
  }
  const code: ParleyErrorCode =
    error && isErrorCode(error.code) ? error.code : (CODE_BY_STATUS[response.status] ?? 'server');
  const message =
    error && typeof error.message === 'string' && error.message
      ? error.message
      : `The comment server answered ${response.status} ${response.statusText}`.trim();
  return new ParleyError(code, message, { fields, retryAfter, status: response.status });
}
