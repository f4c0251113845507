import { ParleyError } from '../core/errors.js';
import type { CommentDraft, CommentPage, Identity, ParleyComment } from '../core/types.js';
import type { BackendCapabilities, CommentBackend, ListOptions, PostOptions } from './backend.js';
import { fetchWithTimeout, isRecord, readJson } from './http.js';

export interface WalineBackendOptions {
  /** The Waline server, e.g. `https://waline.example`. */
  endpoint: string;
  /** Language of the server's own messages (kept for logs; the widget shows its own). */
  lang?: string;
  /** Request timeout in milliseconds. */
  timeoutMs?: number;
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
    const response = await fetchWithTimeout(
      `${this.#endpoint}${path}`,
      { ...init, headers: { Accept: 'application/json', ...init.headers } },
      this.#timeoutMs,
    );
    return walineData(response, await readJson(response));
  }
}

/** The `data` of a Waline answer (`{errno: 0, data}`); any other answer throws its ParleyError. */
export function walineData(response: Response, body: unknown): unknown {
  if (isRecord(body) && body.errno === 0 && response.ok) return body.data;
  throw errorFromWaline(response, body);
}

function fail(what: string): never {
  throw new ParleyError('server', `Waline sent an invalid response: ${what}.`);
}

function idOf(value: unknown): string | null {
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  if (typeof value === 'string' && value !== '') return value;
  return null;
}

/** Maps one Waline comment (a root, a child, or a POST answer) into Parley's type. */
export function fromWalineComment(json: unknown): ParleyComment {
  if (!isRecord(json)) fail('a comment is not an object');
  const id = idOf(json.objectId);
  if (id === null) fail('a comment has no objectId');
  if (typeof json.comment !== 'string') fail(`comment ${id} has no rendered body`);
  const createdAt = new Date(typeof json.time === 'number' ? json.time : typeof json.insertedAt === 'string' ? json.insertedAt : NaN);
  if (Number.isNaN(createdAt.getTime())) fail(`comment ${id} has no valid time`);
  const parentId = idOf(json.pid) ?? idOf(json.rid);
  return {
    id,
    parentId,
    author: {
      name: typeof json.nick === 'string' ? json.nick : '',
      url: typeof json.link === 'string' && json.link !== '' ? json.link : null,
      avatar: typeof json.avatar === 'string' && json.avatar !== '' ? json.avatar : null,
    },
    html: json.comment,
    createdAt,
    // A new comment flagged as spam is held from the public too: its author sees it as awaiting moderation.
    status: json.status === 'waiting' || json.status === 'spam' ? 'pending' : 'approved',
  };
}

/**
 * Maps a list answer: roots of one page, each with `children`, a flat list of
 * every reply below it (newest first), into one list oldest first.
 */
export function fromWalinePage(data: unknown, page: number): CommentPage {
  if (!isRecord(data) || !Array.isArray(data.data)) fail('the comment list is not a list');
  const comments: ParleyComment[] = [];
  for (const root of data.data) {
    // Spam is shown to moderators only; Parley leaves it out.
    if (isRecord(root) && root.status === 'spam') continue;
    comments.push(fromWalineComment(root));
    const children = isRecord(root) && Array.isArray(root.children) ? root.children : [];
    for (const child of children) if (!(isRecord(child) && child.status === 'spam')) comments.push(fromWalineComment(child));
  }
  comments.sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime());
  const totalPages = typeof data.totalPages === 'number' ? data.totalPages : page;
  const result: CommentPage = { comments, next: page < totalPages ? String(page + 1) : null };
  if (typeof data.count === 'number' && Number.isInteger(data.count) && data.count >= 0) result.total = data.count;
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
const FIELD_BY_KEY: Record<string, string> = { comment: 'text', nick: 'name', mail: 'email', link: 'url' };

/** Maps a Waline error answer (`{errno, errmsg}`, usually with HTTP 200) to a ParleyError. */
export function errorFromWaline(response: Response, body: unknown): ParleyError {
  const errno = isRecord(body) && typeof body.errno === 'number' ? body.errno : undefined;
  const errmsg = isRecord(body) ? body.errmsg : undefined;
  const options = { status: response.status };
  if (isRecord(errmsg)) {
    // Validation: `errmsg` is an object of parameter → message.
    const fields: Record<string, string> = {};
    for (const [key, text] of Object.entries(errmsg)) if (FIELD_BY_KEY[key] && typeof text === 'string') fields[FIELD_BY_KEY[key]] = text;
    return new ParleyError('invalid', `Waline refused the comment: ${JSON.stringify(errmsg)}`, { ...options, fields });
  }
  const message = typeof errmsg === 'string' && errmsg ? errmsg : `Waline answered ${response.status} with errno ${errno ?? 'none'}`;
  if (/duplicate/i.test(message)) return new ParleyError('duplicate', message, options);
  if (/too fast/i.test(message)) return new ParleyError('flood', message, options);
  if (errno === 401 || response.status === 401) return new ParleyError('unauthorized', message, options);
  if (errno === 403 || response.status === 403) return new ParleyError('forbidden', message, options);
  if (errno === 404 || response.status === 404) return new ParleyError('not_found', message, options);
  if (response.status === 429) return new ParleyError('rate_limited', message, options);
  return new ParleyError(errno === 1001 ? 'invalid' : 'server', message, options);
}
