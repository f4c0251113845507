/**
 * Property-based tests of the adapters' response readers: whatever JSON a
 * backend sends (random shapes, wrong types, `__proto__` and `constructor`
 * keys, huge strings, deep nesting, real recorded answers with fields
 * mutated), a reader returns a valid Parley object or throws a ParleyError:
 * never another exception, never a changed Object.prototype. Each property
 * runs a fixed number of cases, so a reader that hangs fails the run.
 */
import { expect } from '@open-wc/testing';
import fc from 'fast-check';
import { http, HttpResponse } from 'msw';
import { readJson } from '../../src/backends/http.js';
import { LocalBackend } from '../../src/backends/local.js';
import { RestBackend, errorFromResponse, fromRestComment, fromRestPage } from '../../src/backends/rest.js';
import { WalineBackend, errorFromWaline, fromWalineComment, fromWalinePage, walineData } from '../../src/backends/waline.js';
import { WordPressBackend, errorFromWordPress, fromWordPressComment } from '../../src/backends/wordpress.js';
import { ERROR_CODES, ParleyError } from '../../src/core/errors.js';
import type { CommentPage, ParleyComment } from '../../src/core/types.js';
import { startWorker } from '../mocks/worker.js';

// ------------------------------------------------------------------ checks

/** Object.prototype, Array.prototype and Function.prototype as they are now: names and values of their own members. */
function prototypeSnapshot(): string[] {
  return [Object.prototype, Array.prototype, Function.prototype].flatMap((proto, index) =>
    Reflect.ownKeys(proto).map((key) => {
      const descriptor = Object.getOwnPropertyDescriptor(proto, key)!;
      const value = 'value' in descriptor ? descriptor.value : descriptor.get;
      const shown = typeof value === 'function' ? value.name : typeof value === 'object' && value !== null ? Object.keys(value).join() : String(value);
      return `${index}:${String(key)}:${typeof value}:${shown}`;
    }),
  );
}

const pristine = prototypeSnapshot();

function expectNoPollution(): void {
  expect(({} as Record<string, unknown>).polluted, '({}).polluted').to.equal(undefined);
  expect(({} as Record<string, unknown>).role, '({}).role').to.equal(undefined);
  expect(Object.getPrototypeOf({})).to.equal(Object.prototype);
  expect(prototypeSnapshot()).to.deep.equal(pristine);
}

const AUTHOR_KEYS = ['name', 'url', 'avatar', 'role'];

function expectComment(comment: ParleyComment): void {
  expect(Object.getPrototypeOf(comment)).to.equal(Object.prototype);
  expect(Object.keys(comment)).to.deep.equal(['id', 'parentId', 'author', 'html', 'createdAt', 'status']);
  expect(comment.id).to.be.a('string').and.not.equal('');
  if (comment.parentId !== null) expect(comment.parentId).to.be.a('string');
  expect(Object.getPrototypeOf(comment.author)).to.equal(Object.prototype);
  for (const key of Object.keys(comment.author)) expect(AUTHOR_KEYS).to.include(key);
  expect(comment.author.name).to.be.a('string');
  for (const key of ['url', 'avatar'] as const) if (comment.author[key] !== null) expect(comment.author[key]).to.be.a('string');
  if ('role' in comment.author) expect(['owner', 'moderator']).to.include(comment.author.role);
  expect(comment.html).to.be.a('string');
  expect(comment.createdAt).to.be.instanceOf(Date);
  expect(Number.isNaN(comment.createdAt.getTime())).to.equal(false);
  expect(['approved', 'pending']).to.include(comment.status);
}

function expectPage(page: CommentPage): void {
  expect(Object.getPrototypeOf(page)).to.equal(Object.prototype);
  expect(page.comments).to.be.an('array');
  page.comments.forEach(expectComment);
  if (page.next !== null) expect(page.next).to.be.a('string');
  if (page.total !== undefined) expect(Number.isInteger(page.total) && page.total >= 0).to.equal(true);
  if (page.closed !== undefined) expect(page.closed).to.be.a('boolean');
}

/** A ParleyError as a reader must throw it: a known code, a short message naming the problem, string field messages. */
function expectParleyError(error: unknown, code?: string): asserts error is ParleyError {
  if (!(error instanceof ParleyError)) throw new Error(`expected a ParleyError, got ${String(error)} (${(error as Error)?.stack ?? ''})`);
  expect(ERROR_CODES).to.include(error.code);
  if (code) expect(error.code).to.equal(code);
  expect(error.message).to.be.a('string').and.not.equal('');
  for (const [field, text] of Object.entries(error.fields)) {
    expect(['text', 'name', 'email', 'url', 'content', 'comment']).to.include(field);
    expect(text).to.be.a('string');
  }
}

/**
 * Runs a mapping function on backend data: it must give a valid result or
 * throw the `server` ParleyError with a short message; either way nothing is polluted.
 */
function expectMapped<T>(read: () => T, check: (result: T) => void): T | ParleyError {
  let result: T | ParleyError;
  try {
    result = read();
  } catch (error) {
    expectParleyError(error, 'server');
    // The message names the field; it never carries a huge value.
    expect(error.message.length).to.be.below(400);
    result = error;
  }
  if (!(result instanceof ParleyError)) check(result);
  expectNoPollution();
  return result;
}

// ------------------------------------------------------------------ arbitraries

/** Keys worth trying: the readers' own fields, and those that touch prototypes. */
const KEYS = [
  '__proto__', 'constructor', 'prototype', 'toString', 'valueOf', 'hasOwnProperty', 'polluted',
  'id', 'parentId', 'author', 'name', 'url', 'avatar', 'role', 'html', 'createdAt', 'status', 'comments', 'next', 'total', 'closed', 'comment', 'error', 'code', 'message', 'fields', 'text', 'email',
  'parent', 'author_name', 'author_url', 'author_avatar_urls', '96', 'content', 'rendered', 'date_gmt', 'data', 'params',
  'objectId', 'nick', 'link', 'pid', 'rid', 'time', 'insertedAt', 'type', 'user_id', 'children', 'totalPages', 'count', 'errno', 'errmsg',
];

/** Texts of values that a reader may take for valid ones. */
const PLAUSIBLE = [
  'null', 'true', 'false', '0', '1', '-1', '1.5', '""', '"1"', '"approved"', '"pending"', '"hold"', '"waiting"', '"spam"',
  '"owner"', '"moderator"', '"administrator"', '"2024-05-01T10:00:00Z"', '"2024-05-01T10:00:00"', '1714557600000', '[]', '{}',
  '{"polluted":"yes","role":"owner","status":"approved","id":"x"}', '{"prototype":{"polluted":"yes"}}', '{"rendered":"<p>x</p>"}',
];

const leafText = fc.oneof(
  fc.constantFrom(...PLAUSIBLE),
  fc.integer().map(String),
  fc.double({ noNaN: true, noDefaultInfinity: true }).map((n) => JSON.stringify(n)),
  fc.string({ unit: 'binary', maxLength: 40 }).map((s) => JSON.stringify(s)),
);

/** JSON texts (parsed with JSON.parse, so `__proto__` keys become own properties). */
const { value: jsonText } = fc.letrec<{ value: string; array: string; object: string }>((tie) => ({
  value: fc.oneof({ depthSize: 'small', withCrossShrink: true }, leafText, tie('array'), tie('object')),
  array: fc.array(tie('value'), { maxLength: 4 }).map((items) => `[${items.join(',')}]`),
  object: fc
    .array(fc.tuple(fc.oneof(fc.constantFrom(...KEYS), fc.string({ maxLength: 8 })), tie('value')), { maxLength: 6 })
    .map((entries) => `{${entries.map(([key, value]) => `${JSON.stringify(key)}:${value}`).join(',')}}`),
}));

/**
 * An object in the shape a reader expects: each field kept, replaced by any
 * JSON or dropped, and extra keys (`__proto__` among them) added.
 */
function shaped(fields: Record<string, fc.Arbitrary<string>>): fc.Arbitrary<string> {
  const entries = Object.entries(fields).map(([key, valid]) =>
    fc.oneof(
      { weight: 20, arbitrary: valid.map((value) => [[key, value]]) },
      { weight: 2, arbitrary: jsonText.map((value) => [[key, value]]) },
      { weight: 1, arbitrary: fc.constant([] as string[][]) },
    ),
  );
  const extra = fc.array(fc.tuple(fc.constantFrom(...KEYS.slice(0, 7)), jsonText), { maxLength: 2 });
  return fc.tuple(fc.tuple(...entries), extra).map(([kept, more]) => {
    const all = [...kept.flat(), ...more] as [string, string][];
    return `{${all.map(([key, value]) => `${JSON.stringify(key)}:${value}`).join(',')}}`;
  });
}

const str = (...values: string[]) =>
  fc.oneof(
    { weight: 5, arbitrary: fc.constantFrom(...values.map((v) => JSON.stringify(v))) },
    { weight: 1, arbitrary: fc.string({ maxLength: 12 }).map((s) => JSON.stringify(s)) },
  );
const num = (...values: number[]) =>
  fc.oneof({ weight: 5, arbitrary: fc.constantFrom(...values.map(String)) }, { weight: 1, arbitrary: fc.integer({ min: -2, max: 50 }).map(String) });
const list = (item: fc.Arbitrary<string>) => fc.array(item, { maxLength: 4 }).map((items) => `[${items.join(',')}]`);

const restAuthor = shaped({ name: str('Ann'), url: str('https://ann.example/'), avatar: str('https://ann.example/a.png'), role: str('owner', 'moderator', 'admin') });
const restComment = shaped({
  id: str('c1', 'c2'),
  parentId: fc.oneof(fc.constant('null'), str('c1')),
  author: restAuthor,
  html: str('<p>Hi</p>'),
  createdAt: str('2024-05-01T10:00:00Z'),
  status: str('approved', 'pending'),
});
const restPage = shaped({ comments: list(restComment), next: fc.oneof(fc.constant('null'), str('2')), total: num(3), closed: fc.constantFrom('true', 'false') });

const wpComment = shaped({
  id: num(12),
  parent: num(0, 12),
  author: num(0, 3),
  author_name: str('Ann', 'Bob &amp; Al'),
  author_url: str('', 'https://ann.example/'),
  author_avatar_urls: shaped({ '96': str('https://gravatar.example/a'), '48': str('https://gravatar.example/b') }),
  content: shaped({ rendered: str('<p>Hi</p>') }),
  date_gmt: str('2024-05-01T10:00:00'),
  status: str('approved', 'hold'),
});

const walineComment = shaped({
  objectId: fc.oneof(num(31), str('abc')),
  comment: str('<p>Hi</p>'),
  time: num(1705309200000),
  insertedAt: str('2024-05-01T10:00:00Z'),
  nick: str('Wally'),
  link: str('', 'https://wally.example/'),
  avatar: str('https://avatar.example/w'),
  pid: fc.oneof(fc.constant('null'), num(1)),
  rid: fc.oneof(fc.constant('null'), num(1)),
  status: str('approved', 'waiting', 'spam'),
  type: str('administrator', 'guest'),
  user_id: fc.oneof(fc.constant('null'), num(1)),
});
const walineRoot = fc.tuple(walineComment, list(walineComment)).map(([root, children]) =>
  root === '{}' ? `{"children":${children}}` : `${root.slice(0, -1)},"children":${children}}`,
);
const walinePage = shaped({ data: list(walineRoot), totalPages: num(3), count: num(30), page: num(1) });

const errorBody = shaped({
  error: shaped({ code: str('invalid', 'duplicate', 'constructor', '__proto__'), message: str('Bad'), fields: shaped({ email: str('Bad address'), name: str('Missing'), __proto__: str('x') }) }),
  code: str('comment_duplicate', 'rest_comment_closed', 'constructor', 'toString', 'comment_author_column_length', 'rest_comment_author_data_required'),
  message: str('Sorry &amp; <b>no</b>'),
  data: shaped({ status: num(400), params: shaped({ author_email: str('Invalid email address.'), author: str('x'), constructor: str('y') }) }),
  errno: num(0, 1000, 1001, 401),
  errmsg: fc.oneof(str('Duplicate Content', 'Comment too fast'), shaped({ comment: str('blank'), nick: str('bad'), __proto__: str('p') })),
});

const parsed = (text: fc.Arbitrary<string>) => text.map((json) => JSON.parse(json) as unknown);
const status = fc.constantFrom(200, 201, 400, 401, 403, 404, 409, 422, 429, 500, 502, 503);
const responseWith = (code: number) => new Response(null, { status: code, headers: code === 429 ? { 'Retry-After': '30' } : {} });

/** A nested array or object `depth` levels deep, built without recursion. */
function nested(depth: number, kind: 'array' | 'object'): unknown {
  let value: unknown = kind === 'array' ? [] : {};
  for (let level = 0; level < depth; level++) value = kind === 'array' ? [value] : { author: value };
  return value;
}

const huge = fc.integer({ min: 100_000, max: 2_000_000 }).chain((length) => fc.constantFrom('a', '&amp;', '\u0410', '😀', '\u200B').map((unit) => unit.repeat(Math.ceil(length / unit.length))));
const deep = fc.tuple(fc.integer({ min: 1_000, max: 200_000 }), fc.constantFrom<'array' | 'object'>('array', 'object')).map(([depth, kind]) => nested(depth, kind));

/** Every reader, given one JSON value (and, for some, a status or context). */
const readers: { name: string; read: (json: unknown, code: number, extra: number) => void }[] = [
  { name: 'fromRestComment', read: (json) => expectMapped(() => fromRestComment(json), expectComment) },
  { name: 'fromRestPage', read: (json) => expectMapped(() => fromRestPage(json), expectPage) },
  {
    name: 'fromWordPressComment',
    read: (json, _code, postAuthor) => expectMapped(() => fromWordPressComment(json, { postAuthor }), expectComment),
  },
  { name: 'fromWalineComment', read: (json) => expectMapped(() => fromWalineComment(json), expectComment) },
  { name: 'fromWalinePage', read: (json, _code, page) => expectMapped(() => fromWalinePage(json, page), expectPage) },
  {
    name: 'errorFromResponse',
    read: (json, code) => {
      expectParleyError(errorFromResponse(responseWith(code), json));
      expectNoPollution();
    },
  },
  {
    name: 'errorFromWordPress',
    read: (json, code) => {
      expectParleyError(errorFromWordPress(responseWith(code), json, { author_name: '', author_email: 'a@b.example' }));
      expectNoPollution();
    },
  },
  {
    name: 'walineData / errorFromWaline',
    read: (json, code) => {
      try {
        walineData(responseWith(code), json);
      } catch (error) {
        expectParleyError(error);
      }
      expectParleyError(errorFromWaline(responseWith(code), json));
      expectNoPollution();
    },
  },
];

const extraNumber = fc.integer({ min: 0, max: 5 });

// ------------------------------------------------------------------ properties

describe('backend readers under random JSON', function () {
  this.timeout(120_000);

  afterEach(expectNoPollution);

  for (const { name, read } of readers) {
    it(`${name}: any JSON value gives a result or a ParleyError`, () => {
      fc.assert(
        fc.property(parsed(jsonText), status, extraNumber, (json, code, extra) => {
          read(json, code, extra);
        }),
        { numRuns: 300 },
      );
    });
  }

  const shapes: [string, fc.Arbitrary<string>][] = [
    ['REST comments', restComment],
    ['REST pages', restPage],
    ['WordPress comments', wpComment],
    ['Waline comments', walineComment],
    ['Waline pages', walinePage],
    ['error bodies', errorBody],
  ];
  for (const [title, shape] of shapes) {
    it(`every reader: almost-valid ${title} with wrong types and extra keys`, () => {
      fc.assert(
        fc.property(parsed(shape), status, extraNumber, (json, code, extra) => {
          for (const { read } of readers) read(json, code, extra);
        }),
        { numRuns: 200 },
      );
    });
  }

  it('maps valid shapes into comments often enough for the properties to mean something', () => {
    let mapped = 0;
    fc.assert(
      fc.property(parsed(restComment), (json) => {
        if (!(expectMapped(() => fromRestComment(json), expectComment) instanceof ParleyError)) mapped++;
      }),
      { numRuns: 300 },
    );
    expect(mapped).to.be.above(15);
  });

  it('gives a role only where the backend vouches for it', () => {
    const owners = { rest: 0, wordpress: 0, waline: 0 };
    fc.assert(
      // The post's author is mostly user 3, the id the WordPress shape favours.
      fc.property(parsed(restComment), parsed(wpComment), parsed(walineComment), fc.oneof(fc.constant(3), extraNumber), (rest, wp, waline, postAuthor) => {
        const own = (json: unknown, key: string) =>
          typeof json === 'object' && json !== null && Object.hasOwn(json, key) ? (json as Record<string, unknown>)[key] : undefined;
        const restResult = expectMapped(() => fromRestComment(rest), expectComment);
        if (!(restResult instanceof ParleyError)) {
          const role = own(own(rest, 'author'), 'role');
          expect(restResult.author.role).to.equal(role === 'owner' || role === 'moderator' ? role : undefined);
          if (role === 'owner') owners.rest++;
        }
        const wpResult = expectMapped(() => fromWordPressComment(wp, { postAuthor }), expectComment);
        if (!(wpResult instanceof ParleyError)) {
          const owner = postAuthor > 0 && own(wp, 'author') === postAuthor;
          expect(wpResult.author.role).to.equal(owner ? 'owner' : undefined);
          if (owner) owners.wordpress++;
        }
        const walineResult = expectMapped(() => fromWalineComment(waline), expectComment);
        if (!(walineResult instanceof ParleyError)) {
          const user = own(waline, 'user_id');
          const owner = own(waline, 'type') === 'administrator' && user !== null && user !== undefined && user !== '';
          expect(walineResult.author.role).to.equal(owner ? 'owner' : undefined);
          if (owner) owners.waline++;
        }
      }),
      { numRuns: 500 },
    );
    // Roles did come out, so the checks above were not only about their absence.
    for (const count of Object.values(owners)) expect(count).to.be.above(0);
  });

  it('every reader: huge strings in any field', () => {
    fc.assert(
      fc.property(parsed(restComment), parsed(wpComment), parsed(walineComment), fc.constantFrom(...KEYS), huge, status, (rest, wp, waline, key, text, code) => {
        for (const json of [rest, wp, waline]) {
          if (typeof json !== 'object' || json === null) continue;
          (json as Record<string, unknown>)[key] = text;
          const author = (json as Record<string, unknown>).author;
          if (typeof author === 'object' && author !== null) (author as Record<string, unknown>).name = text;
          for (const { read } of readers) read(json, code, 1);
        }
      }),
      { numRuns: 25 },
    );
  });

  it('every reader: deeply nested values in any field, and as the whole answer', () => {
    fc.assert(
      fc.property(parsed(restComment), parsed(wpComment), parsed(walineComment), fc.constantFrom(...KEYS), deep, status, (rest, wp, waline, key, value, code) => {
        for (const json of [rest, wp, waline]) {
          if (typeof json === 'object' && json !== null) (json as Record<string, unknown>)[key] = value;
          for (const { read } of readers) read(json, code, 1);
        }
        for (const { read } of readers) read(value, code, 1);
      }),
      { numRuns: 20 },
    );
  });

  it('readJson: any text, huge or deeply nested, gives a value or a ParleyError (or nothing for an error status)', async () => {
    const texts = fc.oneof(
      jsonText,
      fc.string({ unit: 'binary', maxLength: 60 }),
      fc.integer({ min: 1_000, max: 300_000 }).map((depth) => `${'['.repeat(depth)}${']'.repeat(depth)}`),
      fc.integer({ min: 1_000, max: 300_000 }).map((depth) => `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`),
      fc.integer({ min: 1_000, max: 100_000 }).map((depth) => '['.repeat(depth)),
      huge.map((text) => JSON.stringify({ comments: [], next: text })),
    );
    await fc.assert(
      fc.asyncProperty(texts, status, async (text, code) => {
        try {
          const value = await readJson(new Response(text, { status: code }));
          if (code >= 400 && value !== undefined) expect(() => JSON.parse(text)).not.to.throw();
        } catch (error) {
          expectParleyError(error, 'server');
          expect(code).to.be.below(400);
        }
        expectNoPollution();
      }),
      { numRuns: 60 },
    );
  });

  it('LocalBackend: whatever this browser\'s storage holds, the list is valid or fails with a ParleyError', async () => {
    const stored = new Map<string, string>();
    const storage = {
      getItem: (key: string) => stored.get(key) ?? null,
      setItem: (key: string, value: string) => void stored.set(key, value),
      removeItem: (key: string) => void stored.delete(key),
    } as unknown as Storage;
    const backend = new LocalBackend({ storage, keyPrefix: 'fuzz:' });
    const content = fc.oneof(list(restComment), jsonText, fc.string({ maxLength: 30 }));
    await fc.assert(
      fc.asyncProperty(content, async (text) => {
        stored.set('fuzz:t', text);
        try {
          const page = await backend.list('t', null, { limit: 5, signal: new AbortController().signal });
          expectPage(page);
          for (const comment of page.comments) expect(comment.author).not.to.have.property('role');
        } catch (error) {
          expectParleyError(error, 'server');
        }
        expectNoPollution();
      }),
      { numRuns: 200 },
    );
  });
});

// ------------------------------------------------------------------ whole adapters over the network

describe('backend adapters answering random JSON over HTTP', function () {
  this.timeout(120_000);
  let worker: Awaited<ReturnType<typeof startWorker>>;
  before(async () => {
    worker = await startWorker();
  });
  afterEach(() => worker.resetHandlers());

  const signal = () => new AbortController().signal;
  const guest = { provider: 'guest', providerLabel: 'Guest', guest: true, name: 'Ann', email: 'ann@example.com' };
  const draft = { text: 'Hi', parentId: null, notify: { replies: false, posts: false } };

  const bodies = fc.oneof(jsonText, restPage, walinePage, wpComment, list(wpComment), errorBody, fc.string({ maxLength: 20 }));

  async function expectSettles(promise: Promise<unknown>, check: (value: any) => void): Promise<void> {
    try {
      check(await promise);
    } catch (error) {
      if (!(error instanceof ParleyError)) throw error;
      expectParleyError(error);
    }
    expectNoPollution();
  }

  it('RestBackend list and post', async () => {
    await fc.assert(
      fc.asyncProperty(bodies, status, async (body, code) => {
        worker.resetHandlers();
        worker.use(
          http.all('https://fuzz.test/api/*', () => new HttpResponse(body, { status: code, headers: { 'Content-Type': 'application/json' } })),
        );
        const backend = new RestBackend({ endpoint: 'https://fuzz.test/api' });
        await expectSettles(backend.list('t', null, { limit: 5, signal: signal() }), expectPage);
        await expectSettles(backend.post('t', draft, guest, { signal: signal(), idempotencyKey: 'k' }), expectComment);
      }),
      { numRuns: 30 },
    );
  });

  it('WordPressBackend list and post', async () => {
    await fc.assert(
      fc.asyncProperty(bodies, parsed(list(wpComment)), status, async (body, comments, code) => {
        worker.resetHandlers();
        worker.use(
          http.get('https://fuzz.test/wp-json/wp/v2/posts/7', () => HttpResponse.json({ id: 7, comment_status: 'open', author: 3 })),
          http.get('https://fuzz.test/wp-json/wp/v2/comments', ({ request }) =>
            new URL(request.url).searchParams.get('parent') === '0'
              ? HttpResponse.json(comments as never, { headers: { 'X-WP-TotalPages': '1' } })
              : new HttpResponse(body, { status: code }),
          ),
          http.post('https://fuzz.test/wp-json/wp/v2/comments', () => new HttpResponse(body, { status: code })),
        );
        const backend = new WordPressBackend({ endpoint: 'https://fuzz.test/wp-json' });
        await expectSettles(backend.list('7', null, { limit: 5, signal: signal() }), expectPage);
        await expectSettles(backend.post('7', draft, guest, { signal: signal(), idempotencyKey: 'k' }), expectComment);
      }),
      { numRuns: 30 },
    );
  });

  it('WalineBackend list and post', async () => {
    const envelope = fc.oneof(
      bodies,
      fc.tuple(fc.oneof(walinePage, walineComment, jsonText), num(0, 1000)).map(([data, errno]) => `{"errno":${errno},"errmsg":"","data":${data}}`),
    );
    await fc.assert(
      fc.asyncProperty(envelope, status, async (body, code) => {
        worker.resetHandlers();
        worker.use(http.all('https://fuzz.test/waline/api/comment', () => new HttpResponse(body, { status: code })));
        const backend = new WalineBackend({ endpoint: 'https://fuzz.test/waline' });
        await expectSettles(backend.list('/p/', null, { limit: 5, signal: signal() }), expectPage);
        await expectSettles(backend.post('/p/', draft, guest, { signal: signal(), idempotencyKey: 'k' }), expectComment);
      }),
      { numRuns: 30 },
    );
  });
});

// ------------------------------------------------------------------ real answers, mutated

interface Recording {
  status: number;
  headers: Record<string, string>;
  body: unknown;
}

type Path = (string | number)[];

/** Every path into a JSON value (iteratively, so a deep value cannot overflow the stack). */
function pathsOf(value: unknown): Path[] {
  const paths: Path[] = [];
  const stack: [unknown, Path][] = [[value, []]];
  while (stack.length > 0) {
    const [node, path] = stack.pop()!;
    if (typeof node !== 'object' || node === null) continue;
    for (const key of Object.keys(node)) {
      const child = [...path, Array.isArray(node) ? Number(key) : key];
      paths.push(child);
      stack.push([(node as Record<string, unknown>)[key], child]);
    }
  }
  return paths;
}

const PROTO_MARKER = 'PARLEY_FUZZ_PROTO_KEY';

type Mutation =
  | { kind: 'replace'; value: unknown }
  | { kind: 'delete' }
  | { kind: 'proto'; value: unknown }
  | { kind: 'huge'; value: string }
  | { kind: 'deep'; value: unknown };

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  { weight: 5, arbitrary: parsed(jsonText).map((value) => ({ kind: 'replace' as const, value })) },
  { weight: 2, arbitrary: fc.constant({ kind: 'delete' as const }) },
  { weight: 2, arbitrary: parsed(fc.constantFrom('{"polluted":"yes","role":"owner"}', '{"type":"administrator","user_id":1}', '"x"')).map((value) => ({ kind: 'proto' as const, value })) },
  { weight: 1, arbitrary: fc.integer({ min: 100_000, max: 1_000_000 }).map((n) => ({ kind: 'huge' as const, value: '&#8217;'.repeat(n / 7) })) },
  { weight: 1, arbitrary: fc.integer({ min: 1_000, max: 50_000 }).map((n) => ({ kind: 'deep' as const, value: nested(n, 'array') })) },
);

/**
 * A copy of `body` with mutations applied at the chosen paths. A `__proto__`
 * key is added through JSON.parse, as a backend's answer would carry it.
 */
function mutate(body: unknown, mutations: [number, Mutation][]): unknown {
  let copy = JSON.parse(JSON.stringify(body)) as unknown;
  const paths = pathsOf(copy);
  if (paths.length === 0) return copy;
  // Deep values go in last, after the re-parse that turns marker keys into `__proto__` keys.
  const ordered = [...mutations.filter(([, m]) => m.kind !== 'deep'), null, ...mutations.filter(([, m]) => m.kind === 'deep')];
  let withProto = false;
  for (const step of ordered) {
    if (step === null) {
      if (withProto) copy = JSON.parse(JSON.stringify(copy).split(`"${PROTO_MARKER}":`).join('"__proto__":'));
      continue;
    }
    const [pick, change] = step;
    // Paths of the original answer; one that an earlier change removed is skipped.
    const path = paths[pick % paths.length]!;
    let parent = copy as Record<string | number, unknown> | undefined;
    for (const key of path.slice(0, -1)) {
      const next: unknown = parent?.[key];
      parent = typeof next === 'object' && next !== null ? (next as Record<string | number, unknown>) : undefined;
    }
    if (!parent) continue;
    const last = path[path.length - 1]!;
    if (change.kind === 'delete') {
      if (Array.isArray(parent)) parent.splice(Number(last), 1);
      else delete parent[last];
    } else if (change.kind === 'proto') {
      const target = typeof parent[last] === 'object' && parent[last] !== null && !Array.isArray(parent[last]) ? (parent[last] as Record<string, unknown>) : parent;
      if (!Array.isArray(target)) {
        target[PROTO_MARKER] = change.value;
        withProto = true;
      }
    } else {
      parent[last] = change.value;
    }
  }
  return copy;
}

describe('real recorded answers with fields mutated', function () {
  this.timeout(120_000);
  let wp: Record<string, Recording>;
  let waline: Record<string, Recording>;
  before(async () => {
    const load = async (name: string) => (await fetch(new URL(`../fixtures/recorded/${name}.json`, import.meta.url))).json();
    [wp, waline] = await Promise.all([load('wordpress'), load('waline')]);
  });

  const mutations = fc.array(fc.tuple(fc.nat(), mutation), { minLength: 1, maxLength: 3 });

  it('WordPress comments, lists and errors', () => {
    const names = ['rootsPage', 'replies', 'created', 'held', 'byPostAuthor', 'duplicate', 'closed', 'invalidEmail', 'missingAuthor'];
    fc.assert(
      fc.property(fc.constantFrom(...names), mutations, extraNumber, (name, changes, postAuthor) => {
        const recording = wp[name]!;
        const body = mutate(recording.body, changes);
        if (Array.isArray(body)) for (const item of body) expectMapped(() => fromWordPressComment(item, { postAuthor }), expectComment);
        expectMapped(() => fromWordPressComment(body, { postAuthor }), expectComment);
        expectParleyError(errorFromWordPress(responseWith(recording.status), body, { content: 'x' }));
        expectNoPollution();
      }),
      { numRuns: 300 },
    );
  });

  it('Waline pages, comments and errors', () => {
    const names = ['page', 'lastPage', 'created', 'reply', 'held', 'byAdministrator', 'duplicate', 'blank', 'tooFast'];
    fc.assert(
      fc.property(fc.constantFrom(...names), mutations, (name, changes) => {
        const recording = waline[name]!;
        const body = mutate(recording.body, changes);
        let data: unknown;
        try {
          data = walineData(responseWith(recording.status), body);
        } catch (error) {
          expectParleyError(error);
          return;
        }
        expectMapped(() => fromWalinePage(data, 1), expectPage);
        expectMapped(() => fromWalineComment(data), expectComment);
        expectParleyError(errorFromWaline(responseWith(recording.status), body));
        expectNoPollution();
      }),
      { numRuns: 300 },
    );
  });

  it('still maps the recordings themselves (the mutations start from valid answers)', () => {
    expectPage(fromWalinePage(walineData(responseWith(200), waline.page!.body), 1));
    for (const name of ['created', 'reply', 'held']) expectComment(fromWalineComment(walineData(responseWith(200), waline[name]!.body)));
    for (const name of ['rootsPage', 'replies']) (wp[name]!.body as unknown[]).forEach((item) => expectComment(fromWordPressComment(item)));
    for (const name of ['created', 'held']) expectComment(fromWordPressComment(wp[name]!.body));
  });
});
