import { ParleyError } from '../core/errors.js';
import type { CommentDraft, CommentPage, Identity, ParleyComment } from '../core/types.js';
import type { BackendCapabilities, CommentBackend, ListOptions, PostOptions } from './backend.js';
import { about, invalid, isRecord, isString, own, read, stringOrNull } from './guards.js';
import { fetchJson, parseRetryAfter } from './http.js';

export interface WalineBackendOptions {
  /** The Waline server, e.g. `https://waline.example`. */
  endpoint: string;
  /** Language of the server's own messages (kept for logs; the widget shows its own). */
  lang?: string | undefined;
  /** Request timeout in milliseconds. */
  timeoutMs?: number | undefined;
}

/** Largest page Waline accepts. */
const MAX_PAGE_SIZE = 100;

/**
 * A Waline server (`/api/comment`) as a comment backend. The thread is the
 * page path Waline files comments under (e.g. `/2024/hello/`). Bodies are
 * Markdown rendered by the server, sanitised by Parley like every body.
 */
export class WalineBackend implements CommentBackend {
  readonly capabilities: BackendCapabilities = { moderation: true, guests: true };
  readonly storageKey: string;
  readonly #endpoint: string;
  readonly #lang: string;
  readonly #timeoutMs: number | undefined;
  /** Top-level comment of every comment seen, for the `rid` Waline wants with a reply. */
  readonly #rootOf = new Map<string, string>();

  constructor(options: WalineBackendOptions) {
    if (!options.endpoint) throw new ParleyError('invalid', 'The waline backend needs the URL of the Waline server.');
    this.#endpoint = options.endpoint.replace(/\/+$/, '');
    this.#lang = options.lang ?? 'en-US';
    this.#timeoutMs = options.timeoutMs;
    this.storageKey = `waline:${this.#endpoint}`;
  }

  async list(thread: string, cursor: string | null, { limit, signal }: ListOptions): Promise<CommentPage> {
    const page = cursor === null ? 1 : Math.max(1, Number.parseInt(cursor, 10) || 1);
    const query = new URLSearchParams({
      path: thread,
      page: String(page),
      pageSize: String(Math.min(limit, MAX_PAGE_SIZE)),
      sortBy: 'insertedAt_asc',
      lang: this.#lang,
    });
    const data = await this.#call(`/api/comment?${query}`, { signal });
    const result = fromWalinePage(data, page);
    for (const comment of result.comments) this.#remember(comment);
    return result;
  }

  async post(thread: string, draft: CommentDraft, identity: Identity, { signal }: PostOptions): Promise<ParleyComment> {
    const body = toWalinePostBody(thread, draft, identity, draft.parentId === null ? undefined : this.#rootOf.get(draft.parentId));
    const data = await this.#call(`/api/comment?lang=${encodeURIComponent(this.#lang)}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', ...(identity.token ? { Authorization: `Bearer ${identity.token}` } : {}), ...identity.headers },
      body: JSON.stringify(body),
      signal,
    });
    const comment = fromWalineComment(data);
    this.#remember(comment);
    return comment;
  }

  #remember(comment: ParleyComment): void {
    const root = comment.parentId === null ? comment.id : (this.#rootOf.get(comment.parentId) ?? comment.parentId);
    this.#rootOf.set(comment.id, root);
  }

  /** Waline answers HTTP 200 with `{errno, errmsg, data}`; anything but errno 0 is an error. */
  async #call(path: string, init: RequestInit & { signal: AbortSignal }): Promise<unknown> {
    const { response, body } = await fetchJson(
      `${this.#endpoint}${path}`,
      { ...init, headers: { Accept: 'application/json', ...init.headers } },
      this.#timeoutMs,
    );
    return walineData(response, body);
  }
}

/** The `data` of a Waline answer (`{errno: 0, data}`); any other answer throws its ParleyError. */
export function walineData(response: Response, body: unknown): unknown {
  if (isRecord(body) && own(body, 'errno') === 0 && response.ok) return own(body, 'data');
  throw errorFromWaline(response, body);
}

const COMMENT = 'Waline sent an invalid comment';
const LIST = 'Waline sent an invalid comment list';

const isId = (value: unknown): value is number | string => (typeof value === 'number' && Number.isFinite(value)) || value == null || isString(value);

/** A Waline id (a number on SQL storage, a string on others), or null when absent or empty; anything else is invalid. */
function idOf(what: string, record: object, key: string): string | null {
  const value = read(what, record, key, isId, 'a number or a string');
  return value == null || value === '' ? null : String(value);
}

/**
 * Maps one Waline comment (a root, a child, or a POST answer) into Parley's
 * type. Waline joins the signed-in author's account into the comment
 * (`user_id`, `type`); its `administrator` is the site's owner. Guests have
 * no `user_id`, and cannot set `type`.
 */
export function fromWalineComment(json: unknown): ParleyComment {
  if (!isRecord(json)) invalid(COMMENT, '', 'an object', json);
  const id = idOf(COMMENT, json, 'objectId') ?? invalid(COMMENT, 'objectId', 'a number or a non-empty string', own(json, 'objectId'));
  const what = about(COMMENT, id);
  const html = read(what, json, 'comment', isString, 'a string');
  const time = own(json, 'time');
  const insertedAt = own(json, 'insertedAt');
  const createdAt = new Date(typeof time === 'number' ? time : isString(insertedAt) ? insertedAt : NaN);
  if (Number.isNaN(createdAt.getTime())) invalid(what, 'time', 'a number of milliseconds', time);
  const status = read(what, json, 'status', (value): value is string | null | undefined => value == null || value === 'approved' || value === 'waiting' || value === 'spam', '"approved", "waiting" or "spam"');
  const type = stringOrNull(what, json, 'type');
  return {
    id,
    parentId: idOf(what, json, 'pid') ?? idOf(what, json, 'rid'),
    author: {
      name: stringOrNull(what, json, 'nick') ?? '',
      url: stringOrNull(what, json, 'link') || null,
      avatar: stringOrNull(what, json, 'avatar') || null,
      ...(idOf(what, json, 'user_id') !== null && type === 'administrator' ? { role: 'owner' as const } : {}),
    },
    html,
    createdAt,
    // A new comment flagged as spam is held from the public too: its author sees it as awaiting moderation.
    status: status === 'waiting' || status === 'spam' ? 'pending' : 'approved',
  };
}

/**
 * Maps a list answer: roots of one page, each with `children`, a flat list of
 * every reply below it (newest first), into one list oldest first.
 */
export function fromWalinePage(data: unknown, page: number): CommentPage {
  if (!isRecord(data)) invalid(LIST, '', 'an object', data);
  const roots = read(LIST, data, 'data', Array.isArray, 'a list');
  const totalPages = read(LIST, data, 'totalPages', (value): value is number | undefined => value === undefined || typeof value === 'number', 'a number') ?? page;
  const count = own(data, 'count');
  const comments: ParleyComment[] = [];
  // Spam is shown to moderators only; Parley leaves it out (a spam root with its replies).
  const isSpam = (json: unknown) => isRecord(json) && own(json, 'status') === 'spam';
  for (const root of roots) {
    if (isSpam(root)) continue;
    const comment = fromWalineComment(root);
    comments.push(comment);
    const children = read(about(COMMENT, comment.id), root as object, 'children', (value): value is unknown[] | null | undefined => value == null || Array.isArray(value), 'a list') ?? [];
    for (const child of children) if (!isSpam(child)) comments.push(fromWalineComment(child));
  }
  comments.sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime());
  const result: CommentPage = { comments, next: page < totalPages ? String(page + 1) : null };
  if (Number.isInteger(count) && (count as number) >= 0) result.total = count as number;
  return result;
}

/**
 * The JSON body of `POST /api/comment`. Replies name their parent (`pid`),
 * its thread root (`rid`) and author (`at`); a top-level comment sends none
 * of them (Waline fails on empty ones). Signed-in users are known by their token.
 */
export function toWalinePostBody(thread: string, draft: CommentDraft, identity: Identity, rootId?: string) {
  return {
    comment: draft.text,
    url: thread,
    ua: navigator.userAgent,
    ...(identity.guest ? { nick: identity.name, mail: identity.email ?? '', link: identity.url ?? '' } : {}),
    ...(draft.parentId === null ? {} : { pid: draft.parentId, rid: rootId ?? draft.parentId }),
  };
}

/** Which form field a Waline validation key is about. */
const FIELD_BY_KEY = { comment: 'text', nick: 'name', mail: 'email', link: 'url' };

/** Maps a Waline error answer (`{errno, errmsg}`, usually with HTTP 200) to a ParleyError. */
export function errorFromWaline(response: Response, body: unknown): ParleyError {
  const json = isRecord(body) ? body : {};
  const given = own(json, 'errno');
  const errno = typeof given === 'number' ? given : undefined;
  const errmsg = own(json, 'errmsg');
  const options = { status: response.status, retryAfter: parseRetryAfter(response.headers.get('Retry-After')) };
  if (isRecord(errmsg)) {
    // Validation: `errmsg` is an object of parameter → message.
    const fields: Record<string, string> = {};
    const problems: string[] = [];
    for (const [key, field] of Object.entries(FIELD_BY_KEY)) {
      const text = own(errmsg, key);
      if (typeof text === 'string') {
        fields[field] = text;
        problems.push(`${key}: ${text}`);
      }
    }
    return new ParleyError('invalid', `Waline refused the comment: ${problems.join('; ').slice(0, 500) || 'invalid parameters'}`, { ...options, fields });
  }
  const message = typeof errmsg === 'string' && errmsg ? errmsg.slice(0, 2000) : `Waline answered ${response.status} with errno ${errno ?? 'none'}`;
  if (/duplicate/i.test(message)) return new ParleyError('duplicate', message, options);
  if (/too fast/i.test(message)) return new ParleyError('flood', message, options);
  if (errno === 401 || response.status === 401) return new ParleyError('unauthorized', message, options);
  if (errno === 403 || response.status === 403) return new ParleyError('forbidden', message, options);
  if (errno === 404 || response.status === 404) return new ParleyError('not_found', message, options);
  if (response.status === 429) return new ParleyError('rate_limited', message, options);
  return new ParleyError(errno === 1001 ? 'invalid' : 'server', message, options);
}
