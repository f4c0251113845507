import { expect } from '@open-wc/testing';
import { executeServerCommand } from '@web/test-runner-commands';
import { http, HttpResponse } from 'msw';
import { parseRetryAfter } from '../../src/backends/http.js';
import { RestBackend, errorFromResponse, fromRestComment, fromRestPage } from '../../src/backends/rest.js';
import { ParleyError } from '../../src/core/errors.js';
import type { Identity } from '../../src/core/types.js';
import { createRestServer } from '../mocks/rest-server.js';
import { manyComments, threadedConversation, wireComment } from '../mocks/fixtures.js';
import { startWorker } from '../mocks/worker.js';
import { rejection } from '../rejection.js';

const endpoint = 'https://comments.test/api';
const guest: Identity = { provider: 'guest', providerLabel: 'Guest', guest: true, name: 'Ann', email: 'ann@example.com', url: '' };
const draft = { text: 'a < b && c > d', parentId: null, notify: { replies: true, posts: false } };

describe('RestBackend', () => {
  let worker: Awaited<ReturnType<typeof startWorker>>;
  const signal = () => new AbortController().signal;

  before(async () => {
    worker = await startWorker();
  });
  afterEach(() => worker.resetHandlers());

  it('requests a page with the thread URL-encoded, the limit and the cursor', async () => {
    let seen: URL | undefined;
    worker.use(
      http.get(`${endpoint}/threads/:thread/comments`, ({ request }) => {
        seen = new URL(request.url);
        return HttpResponse.json({ comments: [], next: null });
      }),
    );
    await new RestBackend({ endpoint: `${endpoint}/` }).list('/2014/networking/', 'abc', { limit: 7, signal: signal() });
    expect(seen!.pathname).to.equal('/api/threads/%2F2014%2Fnetworking%2F/comments');
    expect(seen!.searchParams.get('limit')).to.equal('7');
    expect(seen!.searchParams.get('cursor')).to.equal('abc');
  });

  it('puts the path before an endpoint\'s own query, and refuses "." and ".." as thread ids', async () => {
    const seen: URL[] = [];
    worker.use(
      http.all(`${endpoint}/*`, ({ request }) => {
        seen.push(new URL(request.url));
        return request.method === 'GET' ? HttpResponse.json({ comments: [], next: null }) : HttpResponse.json({ comment: wireComment('n') }, { status: 201 });
      }),
    );
    const backend = new RestBackend({ endpoint: `${endpoint}/?site=blog&key=a%2Fb` });
    await backend.list('t', 'c', { limit: 5, signal: signal() });
    await backend.post('t', draft, guest, { signal: signal(), idempotencyKey: 'k' });
    for (const url of seen) {
      expect(url.pathname).to.equal('/api/threads/t/comments');
      expect(url.searchParams.get('site')).to.equal('blog');
      expect(url.searchParams.get('key')).to.equal('a/b');
    }
    expect(seen[0]!.searchParams.get('limit')).to.equal('5');
    // A URL cannot carry "." or ".." as a segment: refused, rather than sent to another path.
    seen.length = 0;
    for (const thread of ['.', '..']) {
      const error = await rejection(new RestBackend({ endpoint }).list(thread, null, { limit: 5, signal: signal() }));
      expect(error).to.be.instanceOf(ParleyError).with.property('code', 'invalid');
    }
    expect(seen).to.have.length(0);
  });

  it('omits the cursor on the first page and maps comments into domain types', async () => {
    const threads = new Map([['t', threadedConversation()]]);
    worker.use(...createRestServer({ endpoint, threads }).handlers);
    const page = await new RestBackend({ endpoint }).list('t', null, { limit: 10, signal: signal() });
    expect(page.comments.map((c) => c.id)).to.deep.equal(['1', '2', '3', '4']);
    expect(page.comments[1]!.parentId).to.equal('1');
    expect(page.comments[0]!.createdAt).to.be.instanceOf(Date);
    expect(page.next).to.equal(null);
    expect(page.total).to.equal(4);
  });

  it('pages over top-level comments, carrying their replies along', async () => {
    worker.use(...createRestServer({ endpoint, threads: new Map([['t', manyComments(5)]]) }).handlers);
    const backend = new RestBackend({ endpoint });
    const first = await backend.list('t', null, { limit: 2, signal: signal() });
    expect(first.comments.map((c) => c.id)).to.deep.equal(['t1', 'r1', 't2', 'r2']);
    const second = await backend.list('t', first.next, { limit: 2, signal: signal() });
    expect(second.comments.map((c) => c.id)).to.deep.equal(['t3', 'r3', 't4', 'r4']);
    const third = await backend.list('t', second.next, { limit: 2, signal: signal() });
    expect(third.comments.map((c) => c.id)).to.deep.equal(['t5', 'r5']);
    expect(third.next).to.equal(null);
  });

  it('posts plain text, the guest author, notify options and the Idempotency-Key', async () => {
    const server = createRestServer({ endpoint, threads: new Map() });
    worker.use(...server.handlers);
    const comment = await new RestBackend({ endpoint }).post('/a b/', draft, guest, { signal: signal(), idempotencyKey: 'key-1' });
    expect(server.posts).to.have.length(1);
    const [post] = server.posts;
    expect(post!.thread).to.equal('/a b/');
    expect(post!.headers.get('Idempotency-Key')).to.equal('key-1');
    expect(post!.headers.get('Content-Type')).to.equal('application/json');
    expect(post!.headers.has('Authorization')).to.equal(false);
    expect(post!.body).to.deep.equal({
      parentId: null,
      text: 'a < b && c > d',
      author: { name: 'Ann', email: 'ann@example.com', url: '' },
      notify: { replies: true, posts: false },
    });
    expect(comment.html).to.equal('<p>a &lt; b &amp;&amp; c &gt; d</p>');
  });

  it('sends a bearer token and no author details for a signed-in identity', async () => {
    const server = createRestServer({ endpoint, threads: new Map() });
    worker.use(...server.handlers);
    const member: Identity = { provider: 'oidc', providerLabel: 'Example ID', guest: false, name: 'M', token: 'tok' };
    await new RestBackend({ endpoint }).post('t', draft, member, { signal: signal(), idempotencyKey: 'k' });
    expect(server.posts[0]!.headers.get('Authorization')).to.equal('Bearer tok');
    expect(server.posts[0]!.body).to.not.have.property('author');
  });

  it('sends a profile-only sign-in (no token, no headers) as author, with the e-mail the sign-in gave', async () => {
    const server = createRestServer({ endpoint, threads: new Map() });
    worker.use(...server.handlers);
    const profile: Identity = { provider: 'indieauth', providerLabel: 'Your website', guest: false, name: 'Kim', email: 'kim@kim.example', url: 'https://kim.example/' };
    await new RestBackend({ endpoint }).post('t', draft, profile, { signal: signal(), idempotencyKey: 'k' });
    expect(server.posts[0]!.headers.has('Authorization')).to.equal(false);
    expect((server.posts[0]!.body as { author: unknown }).author).to.deep.equal({ name: 'Kim', email: 'kim@kim.example', url: 'https://kim.example/' });
  });

  const errorCases: { title: string; response: () => Response; code: string; retryAfter?: number; fields?: object }[] = [
    {
      title: 'protocol error body with fields',
      response: () =>
        HttpResponse.json({ error: { code: 'invalid', message: 'Bad email', fields: { email: 'Not an address' } } }, { status: 400 }),
      code: 'invalid',
      fields: { email: 'Not an address' },
    },
    { title: 'duplicate', response: () => HttpResponse.json({ error: { code: 'duplicate', message: 'dup' } }, { status: 409 }), code: 'duplicate' },
    { title: 'flood', response: () => HttpResponse.json({ error: { code: 'flood', message: 'slow' } }, { status: 429 }), code: 'flood' },
    { title: 'closed', response: () => HttpResponse.json({ error: { code: 'closed', message: 'closed' } }, { status: 403 }), code: 'closed' },
    {
      title: '429 with Retry-After',
      response: () =>
        HttpResponse.json({ error: { code: 'rate_limited', message: 'later' } }, { status: 429, headers: { 'Retry-After': '30' } }),
      code: 'rate_limited',
      retryAfter: 30,
    },
    {
      title: '503 HTML error page',
      response: () => new HttpResponse('<html><body>Service Unavailable</body></html>', { status: 503, headers: { 'Content-Type': 'text/html', 'Retry-After': '5' } }),
      code: 'server',
      retryAfter: 5,
    },
    { title: '200 with malformed JSON', response: () => new HttpResponse('{"comments": [', { status: 200 }), code: 'server' },
    { title: 'unknown error code falls back to the status', response: () => HttpResponse.json({ error: { code: 'nope' } }, { status: 404 }), code: 'not_found' },
    { title: '500 without a body', response: () => new HttpResponse(null, { status: 500 }), code: 'server' },
    { title: 'wrong types', response: () => HttpResponse.json({ comments: [{ id: 5 }], next: null }), code: 'server' },
    { title: 'comments not a list', response: () => HttpResponse.json({ comments: 'x' }), code: 'server' },
    { title: 'connection failure', response: () => HttpResponse.error(), code: 'network' },
  ];

  it('reads a Retry-After of seconds or an HTTP date, and never more than a day (a server\'s mistake, not a wait to show)', () => {
    const now = Date.UTC(2024, 4, 2, 12, 0, 0);
    expect(parseRetryAfter('30', now)).to.equal(30);
    expect(parseRetryAfter(' 0 ', now)).to.equal(0);
    expect(parseRetryAfter('Thu, 02 May 2024 12:01:30 GMT', now)).to.equal(90);
    expect(parseRetryAfter('Thu, 02 May 2024 11:00:00 GMT', now)).to.equal(0);
    expect(parseRetryAfter('9'.repeat(400), now)).to.equal(86_400);
    expect(parseRetryAfter('99999999999999999999', now)).to.equal(86_400);
    expect(parseRetryAfter('Fri, 02 May 2025 12:00:00 GMT', now)).to.equal(86_400);
    for (const value of [null, '', 'soon', '-5', '1.5', 'Not a date GMT']) expect(parseRetryAfter(value, now), String(value)).to.equal(undefined);
  });

  it('takes a total only when it is a whole number it can count to (not 1e21)', async () => {
    for (const [total, read] of [[12, 12], [1e21, undefined], [2 ** 53, undefined], [-1, undefined], ['12', undefined]] as const) {
      expect(fromRestPage({ comments: [], next: null, total }).total, String(total)).to.equal(read);
    }
  });

  for (const { title, response, code, retryAfter, fields } of errorCases) {
    it(`maps ${title} to "${code}"`, async () => {
      worker.use(http.get(`${endpoint}/threads/:thread/comments`, () => response()));
      const error = await rejection(new RestBackend({ endpoint }).list('t', null, { limit: 5, signal: signal() }));
      expect(error.code).to.equal(code);
      expect(error.message).to.be.a('string').and.not.equal('');
      if (retryAfter !== undefined) expect(error.retryAfter).to.equal(retryAfter);
      if (fields) expect(error.fields).to.deep.equal(fields);
    });
  }

  it('maps an error on POST the same way', async () => {
    worker.use(http.post(`${endpoint}/threads/:thread/comments`, () => HttpResponse.json({ error: { code: 'duplicate', message: 'Duplicate comment detected' } }, { status: 409 })));
    const error = await rejection(new RestBackend({ endpoint }).post('t', draft, guest, { signal: signal(), idempotencyKey: 'k' }));
    expect(error.code).to.equal('duplicate');
    expect(error.status).to.equal(409);
  });

  it('times out a slow server with "timeout"', async () => {
    worker.use(http.get(`${endpoint}/threads/:thread/comments`, () => new Promise<Response>(() => {})));
    const error = await rejection(new RestBackend({ endpoint, timeoutMs: 100 }).list('t', null, { limit: 5, signal: signal() }));
    expect(error.code).to.equal('timeout');
  });

  it('rejects with an AbortError when the caller aborts', async () => {
    worker.use(http.get(`${endpoint}/threads/:thread/comments`, () => new Promise<Response>(() => {})));
    const controller = new AbortController();
    const listing = new RestBackend({ endpoint }).list('t', null, { limit: 5, signal: controller.signal });
    controller.abort();
    let caught: unknown;
    try {
      await listing;
    } catch (error) {
      caught = error;
    }
    expect((caught as DOMException).name).to.equal('AbortError');
  });
});

describe('fromRestComment', () => {
  it('reads a date-time without an offset as UTC, whatever the reader\'s time zone', async function () {
    // A zone far from UTC: read as local time, 09:14 would be 03:44 UTC.
    if (!(await executeServerCommand('emulate-timezone', { timezone: 'Asia/Kolkata' }))) this.skip();
    try {
      expect(new Date(2024, 4, 2, 9, 14).getTime(), 'the zone was not changed').to.not.equal(Date.UTC(2024, 4, 2, 9, 14));
      for (const [createdAt, utc] of [
        ['2024-05-02T09:14:00', Date.UTC(2024, 4, 2, 9, 14)],
        ['2024-05-02 09:14', Date.UTC(2024, 4, 2, 9, 14)],
        ['2024-05-02T09:14:00.250', Date.UTC(2024, 4, 2, 9, 14, 0, 250)],
        ['2024-05-02T11:14:00+02:00', Date.UTC(2024, 4, 2, 9, 14)],
        ['2024-05-02T09:14:00Z', Date.UTC(2024, 4, 2, 9, 14)],
      ] as const) {
        expect(fromRestComment({ ...wireComment('9'), createdAt }).createdAt.getTime(), createdAt).to.equal(utc);
      }
    } finally {
      await executeServerCommand('emulate-timezone', { timezone: undefined });
    }
  });

  it('keeps nulls and rejects bad dates and statuses', () => {
    const comment = fromRestComment(wireComment('9'));
    expect(comment.author.url).to.equal(null);
    expect(() => fromRestComment({ ...wireComment('9'), createdAt: 'yesterday' })).to.throw(ParleyError, /createdAt/);
    // What JavaScript would read anyway, each reader in their own zone or by guessing: not RFC 3339.
    for (const createdAt of ['2024/05/02 09:14', '1', '12', 'May 2, 2024', '2024-05-02', '2024-05-02T09:14:00 GMT', '2024-13-02T09:14:00Z']) {
      expect(() => fromRestComment({ ...wireComment('9'), createdAt }), createdAt).to.throw(ParleyError, /createdAt/);
    }
    expect(fromRestComment({ ...wireComment('9'), createdAt: '2024-05-02t09:14:00z' }).createdAt.getTime()).to.equal(Date.UTC(2024, 4, 2, 9, 14));
    expect(() => fromRestComment({ ...wireComment('9'), status: 'spam' })).to.throw(ParleyError, /status/);
    expect(() => fromRestComment({ ...wireComment('9'), author: { name: ['x'] } })).to.throw(
      ParleyError,
      'The comment server sent an invalid comment "9": `author.name` must be a string, but it is a list.',
    );
  });

  it('takes author.role from the server: owner and moderator, no other value', () => {
    const withRole = (role: unknown) => fromRestComment({ ...wireComment('9'), author: { name: 'Ann', url: null, avatar: null, role } });
    expect(withRole('owner').author.role).to.equal('owner');
    expect(withRole('moderator').author.role).to.equal('moderator');
    for (const role of [null, undefined, 'admin', 'Owner', '']) expect(withRole(role).author).not.to.have.property('role');
    expect(() => withRole(['owner'])).to.throw(ParleyError, '"9": `author.role` must be a string or null, but it is a list.');
    expect(() => withRole(true)).to.throw(ParleyError, '`author.role` must be a string or null, but it is true.');
  });

  it('names the field and what it holds in every error', () => {
    const cases: [unknown, string][] = [
      ['x', 'The comment server sent an invalid comment: it must be an object, but it is "x".'],
      [{ ...wireComment('9'), id: 9 }, 'The comment server sent an invalid comment: `id` must be a non-empty string, but it is 9.'],
      [{ ...wireComment('9'), id: '' }, '`id` must be a non-empty string, but it is "".'],
      [{ ...wireComment('9'), author: null }, 'invalid comment "9": `author` must be an object, but it is null.'],
      [{ ...wireComment('9'), html: { text: 'x' } }, '`html` must be a string, but it is an object.'],
      [{ ...wireComment('9'), createdAt: 1714641240000 }, '`createdAt` must be an RFC 3339 date-time string, but it is 1714641240000.'],
      [{ ...wireComment('9'), createdAt: 'yesterday' }, '`createdAt` must be an RFC 3339 date-time string, but it is "yesterday".'],
      [{ ...wireComment('9'), status: 'spam' }, '`status` must be "approved" or "pending", but it is "spam".'],
      [{ ...wireComment('9'), status: undefined }, '`status` must be "approved" or "pending", but it is missing.'],
      [{ ...wireComment('9'), parentId: 1 }, '`parentId` must be a string or null, but it is 1.'],
      [{ ...wireComment('9'), author: { name: 'A', url: {}, avatar: null } }, '`author.url` must be a string or null, but it is an object.'],
      [{ ...wireComment('9'), author: { name: 'A', url: null, avatar: 5 } }, '`author.avatar` must be a string or null, but it is 5.'],
      [{ ...wireComment('x'.repeat(10_000)), html: 1 }, `invalid comment "${'x'.repeat(40)}…": \`html\``],
    ];
    for (const [json, message] of cases) expect(() => fromRestComment(json), message).to.throw(ParleyError, message);
    expect(() => fromRestPage({ comments: {} })).to.throw(ParleyError, 'The comment server sent an invalid page: `comments` must be a list, but it is an object.');
    expect(() => fromRestPage({ comments: [], next: 2 })).to.throw(ParleyError, '`next` must be a string or null, but it is 2.');
    expect(() => fromRestPage([])).to.throw(ParleyError, 'invalid page: it must be an object, but it is a list.');
  });

  it('reads only own fields: inherited members are not data', () => {
    const inherited = Object.create({ id: '9', status: 'approved' }) as Record<string, unknown>;
    Object.assign(inherited, { author: { name: 'A' }, html: '', createdAt: '2024-01-01T00:00:00Z' });
    expect(() => fromRestComment(inherited)).to.throw(ParleyError, '`id` must be a non-empty string, but it is missing.');
    const author = Object.create({ role: 'owner' }) as Record<string, unknown>;
    author.name = 'A';
    expect(fromRestComment({ ...wireComment('9'), author }).author).not.to.have.property('role');
  });

  it('ignores extra fields and never copies __proto__ keys', () => {
    const json = JSON.parse(`{"id":"1","parentId":null,"author":{"name":"x","url":null,"avatar":null,"__proto__":{"polluted":1}},"html":"","createdAt":"2024-01-01T00:00:00Z","status":"approved","extra":{"__proto__":{"polluted":1}}}`);
    const comment = fromRestComment(json);
    expect(Object.keys(comment)).to.deep.equal(['id', 'parentId', 'author', 'html', 'createdAt', 'status']);
    expect(({} as Record<string, unknown>).polluted).to.equal(undefined);
  });
});

describe('errorFromResponse', () => {
  it('keeps only the form fields of an error body, as strings, whatever other keys it has', () => {
    const body = JSON.parse(
      '{"error":{"code":"invalid","message":"m","fields":{"email":"Bad","name":7,"__proto__":"x","constructor":"y","text":"Empty"}}}',
    );
    const error = errorFromResponse(new Response(null, { status: 400 }), body);
    expect(error.code).to.equal('invalid');
    expect({ ...error.fields }).to.deep.equal({ email: 'Bad', text: 'Empty' });
    expect(Object.getPrototypeOf(error.fields)).to.equal(Object.prototype);
  });

  it('keeps a huge server message short', () => {
    const error = errorFromResponse(new Response(null, { status: 500 }), { error: { code: 'server', message: 'x'.repeat(1_000_000) } });
    expect(error.message).to.equal('x'.repeat(2000));
  });

  it('falls back to the status for a code that is not a string of the list, or is the client\'s own', () => {
    for (const code of ['constructor', 'toString', ['invalid'], 5, 'network', 'timeout', 'popup_blocked']) {
      expect(errorFromResponse(new Response(null, { status: 409 }), { error: { code } }).code).to.equal('duplicate');
    }
  });
});
