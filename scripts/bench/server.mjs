/**
 * The benchmark's one local server: it serves the test pages, the built
 * bundles and the comment APIs from the same origin (so no CORS is involved
 * and nothing reaches the internet).
 *
 *   /page/{kind}?…                           test pages (see pages.mjs)
 *   /dist/…                                   the repository's build output
 *   /baseline/lit.js                          the Lit + DOMPurify baseline bundle
 *   /vendor/waline/…                          @waline/client's browser build
 *   /api/{n}/threads/{thread}/comments        Parley REST protocol, paged
 *   /whole/{n}/threads/{thread}/comments      the same, but the whole thread in one page whatever `limit` says
 *   /waline/{n}/api/comment                   the Waline server's list API
 *   /avatars/{name}.png                       a tiny image; /avatars/missing-….png answers 404
 */
import { createServer } from 'node:http';
import { readFile } from 'node:fs/promises';
import { extname, join, normalize, sep } from 'node:path';
import { generateComments, pageOf, toWalineRoots } from './data.mjs';
import { renderPage } from './pages.mjs';

const TYPES = { '.js': 'text/javascript', '.css': 'text/css', '.map': 'application/json', '.html': 'text/html' };
/** A 1×1 grey PNG. */
const AVATAR = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAAAAAA6fptVAAAACklEQVR4nGNoAAAAggCBd81ytgAAAABJRU5ErkJggg==', 'base64');

/**
 * Starts the server on 127.0.0.1 at a free port.
 * `root`: the repository; `baselineCode`: the bundled Lit baseline.
 */
export async function startServer({ root, baselineCode, seed, now }) {
  const threads = new Map(); // n → comments
  const bodies = new Map(); // response cache: the same request always gets the same bytes
  /** The `limit` each list request asked for, so the report can show what the client really requested. */
  const requests = [];
  let postCount = 0;
  let origin = '';

  const thread = (n) => {
    if (!threads.has(n)) threads.set(n, generateComments(n, { seed, now, avatarBase: `${origin}/avatars` }));
    return threads.get(n);
  };
  const cached = (key, make) => {
    if (!bodies.has(key)) bodies.set(key, Buffer.from(JSON.stringify(make())));
    return bodies.get(key);
  };

  const server = createServer(async (request, response) => {
    try {
      const url = new URL(request.url, origin);
      const send = (status, body, type = 'application/json') => {
        response.writeHead(status, { 'Content-Type': type, 'Cache-Control': 'no-store' });
        response.end(body);
      };
      const parts = url.pathname.split('/').filter(Boolean);

      if (parts[0] === 'page') return send(200, renderPage(parts[1], url.searchParams, origin), 'text/html; charset=utf-8');
      if (url.pathname === '/baseline/lit.js') return send(200, baselineCode, TYPES['.js']);
      if (parts[0] === 'dist') return sendFile(send, join(root, 'dist'), parts.slice(1));
      if (parts[0] === 'vendor' && parts[1] === 'waline') return sendFile(send, join(root, 'node_modules/@waline/client/dist'), parts.slice(2));
      if (parts[0] === 'avatars') return parts[1]?.startsWith('missing-') ? send(404, '') : send(200, AVATAR, 'image/png');

      // Parley REST protocol: /{api|whole}/{n}/threads/{thread}/comments
      if ((parts[0] === 'api' || parts[0] === 'whole') && parts[2] === 'threads' && parts[4] === 'comments') {
        const n = Number(parts[1]);
        if (request.method === 'POST') return send(201, JSON.stringify({ comment: await storedPost(request, ++postCount) }));
        const limit = Number.parseInt(url.searchParams.get('limit') ?? '20', 10) || 20;
        const cursor = url.searchParams.get('cursor');
        requests.push({ path: url.pathname, limit, cursor });
        if (parts[0] === 'whole') return send(200, cached(`whole:${n}`, () => ({ comments: thread(n), next: null, total: n })));
        return send(200, cached(`api:${n}:${cursor}:${limit}`, () => pageOf(thread(n), cursor, limit)));
      }

      // Waline: /waline/{n}/api/comment?path=&page=&pageSize=&sortBy=&lang=
      if (parts[0] === 'waline' && parts[2] === 'api' && parts[3] === 'comment') {
        const n = Number(parts[1]);
        const pageSize = Number(url.searchParams.get('pageSize')) || 10;
        const pageNumber = Number(url.searchParams.get('page')) || 1;
        requests.push({ path: url.pathname, limit: pageSize, cursor: String(pageNumber) });
        return send(200, cached(`waline:${n}:${pageNumber}:${pageSize}`, () => walinePage(thread(n), pageNumber, pageSize)));
      }
      send(404, JSON.stringify({ error: { code: 'not_found', message: `No route for ${url.pathname}` } }));
    } catch (error) {
      response.writeHead(500, { 'Content-Type': 'application/json' });
      response.end(JSON.stringify({ error: { code: 'server', message: String(error) } }));
    }
  });

  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${server.address().port}`;
  return {
    origin,
    thread,
    requests,
    /** Size in bytes of the whole thread as the REST API sends it (the data the page has to hold). */
    dataBytes: (n) => cached(`whole:${n}`, () => ({ comments: thread(n), next: null, total: n })).length,
    walineBytes: (n) => cached(`waline:${n}:1:${n}`, () => walinePage(thread(n), 1, n)).length,
    /** Prepares every response the benchmark asks for, so that no measurement pays for generating data. */
    warm(n, pageSize) {
      const whole = cached(`whole:${n}`, () => ({ comments: thread(n), next: null, total: n }));
      const first = pageOf(thread(n), null, pageSize);
      cached(`api:${n}:null:${pageSize}`, () => first);
      if (first.next !== null) cached(`api:${n}:${first.next}:${pageSize}`, () => pageOf(thread(n), first.next, pageSize));
      cached(`waline:${n}:1:${n}`, () => walinePage(thread(n), 1, n));
      return whole.length;
    },
    close: () => new Promise((resolve) => server.close(resolve)),
  };
}

async function sendFile(send, base, segments) {
  const path = normalize(join(base, ...segments));
  if (!path.startsWith(base + sep)) return send(403, '');
  try {
    send(200, await readFile(path), TYPES[extname(path)] ?? 'application/octet-stream');
  } catch {
    send(404, '');
  }
}

/** A POST answered as a protocol server would: the stored comment (nothing is kept, every run sees the same thread). */
async function storedPost(request, number) {
  let raw = '';
  for await (const chunk of request) raw += chunk;
  const body = JSON.parse(raw || '{}');
  const text = String(body.text ?? '').trim();
  const escaped = text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
  return {
    id: `posted-${number}`,
    parentId: body.parentId ?? null,
    author: { name: body.author?.name ?? 'Guest', url: null, avatar: null },
    html: escaped
      .split(/\n\s*\n/)
      .map((paragraph) => `<p>${paragraph.replace(/\n/g, '<br>')}</p>`)
      .join(''),
    createdAt: new Date().toISOString(),
    status: 'approved',
  };
}

function walinePage(comments, page, pageSize) {
  const roots = toWalineRoots(comments);
  const totalPages = Math.max(1, Math.ceil(roots.length / pageSize));
  const data = roots.slice((page - 1) * pageSize, page * pageSize);
  return { errno: 0, errmsg: '', data: { page, totalPages, pageSize, count: comments.length, data } };
}
