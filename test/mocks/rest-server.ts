/**
 * An in-browser server that speaks the Parley REST protocol v1, for msw.
 * Tests and the demo use it; the store is plain data so each scenario can
 * seed its own thread and swap in failure handlers.
 */
import { http, HttpResponse, delay, type HttpHandler } from 'msw';
import { pageOfThread } from '../../src/backends/thread-pages.js';
import { textToHtml } from '../../src/backends/text-to-html.js';

export interface WireComment {
  id: string;
  parentId: string | null;
  /** `role` is the server's to set, for signed-in accounts only. */
  author: { name: string; url: string | null; avatar: string | null; role?: 'owner' | 'moderator' };
  html: string;
  createdAt: string;
  status: 'approved' | 'pending';
}

export interface ServerOptions {
  /** Base URL of the API, e.g. `https://comments.test/api`. */
  endpoint: string;
  /** Comments per thread. */
  threads: Map<string, WireComment[]>;
  /** Guest posts are held for moderation (status `pending`) and left out of the public list. */
  moderateGuests?: boolean;
  /** Threads that take no new comments (`closed: true` in their pages). */
  closed?: Set<string>;
  /**
   * Signed-in accounts by bearer token: a post with `Authorization: Bearer <token>`
   * is stored under the account's name and role. Guests never get a role,
   * whatever their request says.
   */
  accounts?: Record<string, { name: string; role?: 'owner' | 'moderator' }>;
  /** Checks a bearer token with its issuer (e.g. an OpenID provider's userinfo); undefined refuses it with 401. */
  verifyToken?: (token: string) => Promise<{ name: string; role?: 'owner' | 'moderator' } | undefined>;
  /** Artificial latency in ms. */
  latency?: number;
  /** Called after every change (the demo persists the store). */
  onChange?: () => void;
}

export interface RecordedPost {
  thread: string;
  headers: Headers;
  body: unknown;
}

let counter = 0;

export function createRestServer(options: ServerOptions): { handlers: HttpHandler[]; posts: RecordedPost[] } {
  const posts: RecordedPost[] = [];
  const idempotent = new Map<string, WireComment>();
  const base = options.endpoint.replace(/\/$/, '');
  const handlers = [
    http.get(`${base}/threads/:thread/comments`, async ({ params, request }) => {
      if (options.latency) await delay(options.latency);
      const thread = decodeURIComponent(String(params.thread));
      const url = new URL(request.url);
      const limit = Number(url.searchParams.get('limit') ?? 20);
      const comments = options.threads.get(thread) ?? [];
      const page = pageOfThread(comments, url.searchParams.get('cursor'), limit);
      // `total` counts approved comments, as docs/protocol.md asks.
      return HttpResponse.json({
        ...page,
        total: comments.filter((c) => c.status === 'approved').length,
        ...(options.closed?.has(thread) ? { closed: true } : {}),
      });
    }),
    http.post(`${base}/threads/:thread/comments`, async ({ params, request }) => {
      if (options.latency) await delay(options.latency);
      const thread = decodeURIComponent(String(params.thread));
      const body = (await request.json()) as {
        parentId: string | null;
        text: string;
        author?: { name: string; email: string; url: string };
      };
      posts.push({ thread, headers: request.headers, body });
      const key = request.headers.get('Idempotency-Key');
      if (key && idempotent.has(key)) return HttpResponse.json({ comment: idempotent.get(key) }, { status: 201 });
      if (!body.text?.trim()) {
        return HttpResponse.json(
          { error: { code: 'invalid', message: 'Comment text is empty.', fields: { text: 'Please type a comment.' } } },
          { status: 400 },
        );
      }
      const comments = options.threads.get(thread) ?? [];
      const token = /^Bearer (.+)$/.exec(request.headers.get('Authorization') ?? '')?.[1];
      const account =
        token === undefined ? undefined : options.verifyToken ? await options.verifyToken(token) : options.accounts?.[token];
      if (token !== undefined && (options.accounts || options.verifyToken) && !account) {
        return HttpResponse.json({ error: { code: 'unauthorized', message: 'Unknown token.' } }, { status: 401 });
      }
      const comment: WireComment = {
        id: `srv-${Date.now().toString(36)}-${++counter}`,
        parentId: body.parentId,
        author: account
          ? { name: account.name, url: null, avatar: null, ...(account.role ? { role: account.role } : {}) }
          : { name: body.author?.name ?? 'Signed-in user', url: body.author?.url || null, avatar: null },
        html: textToHtml(body.text),
        createdAt: new Date().toISOString(),
        status: body.author && options.moderateGuests ? 'pending' : 'approved',
      };
      // A held comment is not in the public list, as on real servers: only its author's browser knows it.
      if (comment.status === 'approved') options.threads.set(thread, [...comments, comment]);
      else options.threads.set(thread, comments);
      if (key) idempotent.set(key, comment);
      options.onChange?.();
      return HttpResponse.json({ comment }, { status: 201 });
    }),
  ];
  return { handlers, posts };
}
