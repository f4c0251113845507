import { expect } from '@open-wc/testing';
import { http, HttpResponse } from 'msw';
import {
  WordPressBackend,
  errorFromWordPress,
  escapeForWordPress,
  fromWordPressComment,
  postKey,
  toWordPressPostBody,
} from '../../src/backends/wordpress.js';
import { ParleyError } from '../../src/core/errors.js';
import type { Identity, ParleyComment } from '../../src/core/types.js';
import { createWordPressServer, wpJson, wpThread, type WpPost } from '../mocks/wordpress-server.js';
import { startWorker } from '../mocks/worker.js';
import { rejection } from '../rejection.js';

const endpoint = 'https://blog.test/wp-json';
const posts: WpPost[] = [
  { id: 7, slug: 'hello-world', type: 'posts', comment_status: 'open', author: 3 },
  { id: 9, slug: 'about', type: 'pages', comment_status: 'closed' },
];
const guest: Identity = { provider: 'guest', providerLabel: 'Guest', guest: true, name: 'Ann', email: 'ann@example.com', url: '' };
const member: Identity = { provider: 'wordpress', providerLabel: 'WordPress', guest: false, name: 'Editor', headers: { Authorization: 'Basic ZWQ6cHc=' } };
const draft = { text: 'a < b && c > d', parentId: null, notify: { replies: false, posts: false } };
const signal = () => new AbortController().signal;

describe('WordPress mapping', () => {
  it('maps a comment: numeric ids to strings, parent 0 to null, UTC date, largest avatar, rendered body', () => {
    const comment = fromWordPressComment({
      ...wpJson({ id: 12, post: 7, parent: 0, author_name: 'Ann', author_url: '', date_gmt: '2024-05-01T10:00:00', content: '<p>Hi</p>', status: 'approved' }),
    });
    expect(comment).to.deep.include({ id: '12', parentId: null, html: '<p>Hi</p>', status: 'approved' });
    expect(comment.author).to.deep.equal({ name: 'Ann', url: null, avatar: 'https://secure.gravatar.com/avatar/12?s=96' });
    expect(comment.createdAt.toISOString()).to.equal('2024-05-01T10:00:00.000Z');
  });

  it('takes the largest avatar when a site has other sizes than 24, 48 and 96 (the rest_avatar_sizes filter)', () => {
    const base = wpJson({ id: 15, post: 7, parent: 0, author_name: 'Ann', author_url: '', date_gmt: '2024-05-01T10:01:00', content: '', status: 'approved' });
    const avatars = { '32': 'https://secure.gravatar.com/avatar/15?s=32', '128': 'https://secure.gravatar.com/avatar/15?s=128', '64': 'https://secure.gravatar.com/avatar/15?s=64' };
    expect(fromWordPressComment({ ...base, author_avatar_urls: avatars }).author.avatar).to.equal('https://secure.gravatar.com/avatar/15?s=128');
    expect(fromWordPressComment({ ...base, author_avatar_urls: {} }).author.avatar).to.equal(null);
  });

  it('decodes the entities WordPress stores in author names', () => {
    const comment = fromWordPressComment(
      wpJson({ id: 14, post: 7, parent: 0, author_name: 'Bob &amp; &#8220;Al&#8221; &lt;b&gt;', author_url: '', date_gmt: '2024-05-01T10:01:00', content: '', status: 'approved' }),
    );
    expect(comment.author.name).to.equal('Bob & “Al” <b>');
  });

  it('maps a held comment to pending and a reply to its parent id', () => {
    const comment = fromWordPressComment(
      wpJson({ id: 13, post: 7, parent: 12, author_name: 'Bo', author_url: 'https://bo.example/', date_gmt: '2024-05-01T10:01:00', content: '', status: 'hold' }),
    );
    expect(comment.status).to.equal('pending');
    expect(comment.parentId).to.equal('12');
    expect(comment.author.url).to.equal('https://bo.example/');
  });

  it('refuses malformed comments with a specific message', () => {
    const base = wpJson({ id: 1, post: 7, parent: 0, author_name: 'A', author_url: '', date_gmt: '2024-05-01T10:00:00', content: '', status: 'approved' });
    expect(() => fromWordPressComment(null)).to.throw(ParleyError, 'WordPress sent an invalid comment: it must be an object, but it is null.');
    expect(() => fromWordPressComment({ ...base, id: '1' })).to.throw(ParleyError, '`id` must be a number, but it is "1".');
    expect(() => fromWordPressComment({ ...base, content: '<p>x</p>' })).to.throw(ParleyError, 'comment 1: `content` must be an object');
    expect(() => fromWordPressComment({ ...base, content: {} })).to.throw(ParleyError, '`content.rendered` must be a string, but it is missing.');
    expect(() => fromWordPressComment({ ...base, date_gmt: 'yesterday' })).to.throw(ParleyError, '`date_gmt` must be a date-time string, but it is "yesterday".');
    expect(() => fromWordPressComment({ ...base, status: 'deleted' })).to.throw(ParleyError, '`status` must be "approved", "hold", "spam" or "trash", but it is "deleted".');
  });

  it('gives the owner role to a comment by the post\'s author only', () => {
    const by = (author: number) =>
      wpJson({ id: 20, post: 7, parent: 0, author_name: 'Ann', author_url: '', date_gmt: '2024-05-01T10:00:00', content: '', status: 'approved', author });
    expect(fromWordPressComment(by(3), { postAuthor: 3 }).author.role).to.equal('owner');
    expect(fromWordPressComment(by(4), { postAuthor: 3 }).author).not.to.have.property('role');
    expect(fromWordPressComment(by(3)).author).not.to.have.property('role');
    // Guests are user 0: a post without a known author never makes them the owner.
    expect(fromWordPressComment(by(0), { postAuthor: 0 }).author).not.to.have.property('role');
    // Used as a map() callback, the index is not taken for the post's author.
    expect([by(0), by(1)].map(fromWordPressComment as (json: unknown) => ParleyComment).map((c) => c.author.role)).to.deep.equal([undefined, undefined]);
    expect(() => fromWordPressComment({ ...by(3), author: '3' }, { postAuthor: 3 })).to.throw(ParleyError, '`author` must be a number, but it is "3".');
  });

  it('escapes plain text so WordPress keeps a < b && c > d', () => {
    expect(escapeForWordPress('a < b && c > d')).to.equal('a &lt; b &amp;&amp; c &gt; d');
  });

  it('sends author fields for guests only', () => {
    expect(toWordPressPostBody(7, { ...draft, parentId: '12' }, { ...guest, url: 'https://ann.example/' })).to.deep.equal({
      post: 7,
      parent: 12,
      content: 'a &lt; b &amp;&amp; c &gt; d',
      author_name: 'Ann',
      author_email: 'ann@example.com',
      author_url: 'https://ann.example/',
    });
    expect(toWordPressPostBody(7, draft, member)).to.deep.equal({ post: 7, parent: 0, content: 'a &lt; b &amp;&amp; c &gt; d' });
  });

  it('reads post ids, slugs and URLs from the thread', () => {
    expect(postKey('42')).to.equal(42);
    expect(postKey('hello-world')).to.equal('hello-world');
    expect(postKey('https://blog.example/2024/05/hello-world/')).to.equal('hello-world');
    expect(postKey('/2024/05/caf%C3%A9/')).to.equal('café');
    expect(postKey('https://blog.example/?p=42')).to.equal(42);
    expect(postKey('https://blog.example/')).to.equal(null);
    // Malformed: said to be no post (not_found), not thrown as a URIError or TypeError.
    expect(postKey('/2024/05/100%/')).to.equal(null);
    expect(postKey('https://[blog/post/')).to.equal(null);
  });

  // Every address WordPress serves one post at (checked against WordPress 6.1's rewrite rules and answers), and slugs
  // that only look like one of its suffixes.
  const addresses: [string, number | string | null][] = [
    ['/2024/05/my-post/2/', 'my-post'], // an inner page of a post split with <!--nextpage-->
    ['https://blog.example/my-post/12', 'my-post'],
    ['/hello-2/3/', 'hello-2'],
    ['/2024/05/my-post/comment-page-2/', 'my-post'],
    ['https://blog.example/my-post/comment-page-2/#comment-12', 'my-post'],
    ['/2024/05/my-post/?cpage=2', 'my-post'],
    ['/2024/05/my-post/?page=2', 'my-post'],
    ['/2024/05/my-post/?replytocom=12#respond', 'my-post'],
    ['/2024/05/my-post/#comments', 'my-post'],
    ['2024/05/my-post/#comments', 'my-post'],
    ['/2024/05/my-post/amp/', 'my-post'],
    ['/2024/05/my-post/embed/', 'my-post'],
    ['/2024/05/my-post/feed/', 'my-post'],
    ['/2024/05/my-post/feed/atom/', 'my-post'],
    ['/my-post/rss2/', 'my-post'],
    ['/my-post/page/2/', 'my-post'],
    ['/index.php/2024/05/my-post/', 'my-post'],
    ['https://blog.example/index.php/2024/05/my-post/2/', 'my-post'],
    ['/blog/index.php/my-post/comment-page-3/', 'my-post'],
    // Plain permalinks, with their inner and comment pages.
    ['https://blog.example/?p=12', 12],
    ['?p=12', 12],
    ['/?p=12&page=2', 12],
    ['/index.php?p=12&cpage=3#comments', 12],
    ['https://blog.example/?page_id=7&cpage=3', 7],
    ['/?page_id=7&page=2', 7],
    [' 42 ', 42],
    // Real slugs: a suffix only counts after a slug, so these are posts of their own.
    ['/2/', '2'],
    ['https://blog.example/2/', '2'],
    ['/index.php/2/', '2'],
    ['/amp/', 'amp'],
    ['/embed-codes/', 'embed-codes'],
    ['/comment-page-2/', 'comment-page-2'],
    ['/2024/05/15/2/', '2'], // after a date part
    // No post at all: the site's front page.
    ['/index.php', null],
    ['https://blog.example/index.php/', null],
  ];
  for (const [thread, key] of addresses) {
    it(`reads ${JSON.stringify(thread)} as ${JSON.stringify(key)}`, () => {
      expect(postKey(thread)).to.equal(key);
    });
  }

  const errorCases: [number, object, string, Record<string, string>][] = [
    [409, { code: 'comment_duplicate', message: 'Duplicate comment detected; it looks as though you&#8217;ve already said that!', data: { status: 409 } }, 'duplicate', {}],
    [400, { code: 'comment_flood', message: 'You are posting comments too quickly. Slow down.', data: { status: 400 } }, 'flood', {}],
    [403, { code: 'rest_comment_closed', message: 'Sorry, comments are closed for this item.', data: { status: 403 } }, 'closed', {}],
    [401, { code: 'rest_comment_login_required', message: 'Sorry, you must be logged in to comment.', data: { status: 401 } }, 'unauthorized', {}],
    [403, { code: 'rest_comment_invalid_post_id', message: 'Sorry, you are not allowed to create this comment without a post.', data: { status: 403 } }, 'not_found', {}],
    [400, { code: 'rest_comment_content_invalid', message: 'Invalid comment content.', data: { status: 400 } }, 'invalid', { text: 'Invalid comment content.' }],
    [
      400,
      { code: 'rest_invalid_param', message: 'Invalid parameter(s): author_email', data: { status: 400, params: { author_email: 'Invalid email address.' } } },
      'invalid',
      { email: 'Invalid email address.' },
    ],
    [500, { code: 'internal_server_error', message: '<p>There has been a critical error on this website.</p>', data: { status: 500 } }, 'server', {}],
  ];
  for (const [status, body, code, fields] of errorCases) {
    it(`maps ${(body as { code: string }).code} (${status}) to ${code}`, () => {
      const error = errorFromWordPress(new Response(null, { status }), body);
      expect(error.code).to.equal(code);
      expect(error.fields).to.deep.equal(fields);
      expect(error.message).not.to.match(/&#|<p>/);
    });
  }

  it('points "name and email required" at the empty field', () => {
    const body = { code: 'rest_comment_author_data_required', message: 'Creating a comment requires valid author name and email values.', data: { status: 400 } };
    const error = errorFromWordPress(new Response(null, { status: 400 }), body, { author_name: 'Ann', author_email: '' });
    expect(error.code).to.equal('invalid');
    expect(Object.keys(error.fields)).to.deep.equal(['email']);
  });
});

describe('WordPressBackend', () => {
  let worker: Awaited<ReturnType<typeof startWorker>>;
  before(async () => {
    worker = await startWorker();
  });
  afterEach(() => worker.resetHandlers());

  it('pages over top-level comments oldest first and fetches every reply level below them', async () => {
    const server = createWordPressServer(endpoint, posts, wpThread(7, 12, 4));
    worker.use(...server.handlers);
    const backend = new WordPressBackend({ endpoint });
    const first = await backend.list('7', null, { limit: 5, signal: signal() });
    expect(first.comments.map((c) => c.id)).to.deep.equal(['1', '2', '3', '4', '5', '1001', '1002', '1003', '1004']);
    expect(first.comments.find((c) => c.id === '1004')!.parentId).to.equal('1003');
    expect(first.total).to.equal(16);
    expect(first.next).to.equal('2');
    expect(first.closed).to.equal(false);
    const roots = server.requests.find((url) => url.searchParams.get('parent') === '0')!;
    expect(roots.searchParams.get('order')).to.equal('asc');
    expect(roots.searchParams.get('per_page')).to.equal('5');
    const third = await backend.list('7', '3', { limit: 5, signal: signal() });
    expect(third.comments.map((c) => c.id)).to.deep.equal(['11', '12']);
    expect(third.next).to.equal(null);
  });

  it('resolves a slug or a page URL once, and reads whether comments are closed', async () => {
    const server = createWordPressServer(endpoint, posts, []);
    let lookups = 0;
    worker.use(
      http.get(`${endpoint}/wp/v2/pages`, () => {
        lookups++;
        return undefined;
      }),
      ...server.handlers,
    );
    const backend = new WordPressBackend({ endpoint });
    const page = await backend.list('https://blog.test/about/', null, { limit: 5, signal: signal() });
    await backend.list('https://blog.test/about/', null, { limit: 5, signal: signal() });
    expect(page.closed).to.equal(true);
    expect(lookups).to.equal(1);
    expect(server.requests[0]!.searchParams.get('post')).to.equal('9');
  });

  it('marks the post author\'s comments, on lists and on posts, with the author read from the post', async () => {
    const comments = wpThread(7, 2, 1).map((record) => (record.id === 2 ? { ...record, author: 3 } : record.id === 1001 ? { ...record, author: 5 } : record));
    const server = createWordPressServer(endpoint, posts, comments);
    worker.use(
      ...server.handlers,
      http.post(`${endpoint}/wp/v2/comments`, () =>
        HttpResponse.json(
          wpJson({ id: 57, post: 7, parent: 0, author: 3, author_name: 'Owner', author_url: '', date_gmt: '2024-05-02T09:00:00', content: '<p>x</p>', status: 'approved' }),
          { status: 201 },
        ),
      ),
    );
    let asked = '';
    worker.use(
      http.get(`${endpoint}/wp/v2/posts/:id`, ({ request }) => {
        asked = new URL(request.url).searchParams.get('_fields') ?? '';
        return undefined;
      }),
    );
    const backend = new WordPressBackend({ endpoint });
    const page = await backend.list('7', null, { limit: 5, signal: signal() });
    expect(asked.split(',')).to.include('author');
    expect(page.comments.map((c) => [c.id, c.author.role ?? null])).to.deep.equal([
      ['1', null],
      ['2', 'owner'],
      ['1001', null],
    ]);
    const posted = await backend.post('7', draft, member, { signal: signal(), idempotencyKey: 'k' });
    expect(posted.author.role).to.equal('owner');
  });

  it('gives nobody the owner role when the post has no readable author', async () => {
    const comments = wpThread(9, 1).map((record) => ({ ...record, author: 3 }));
    worker.use(...createWordPressServer(endpoint, posts, comments).handlers);
    const page = await new WordPressBackend({ endpoint }).list('9', null, { limit: 5, signal: signal() });
    expect(page.comments[0]!.author).not.to.have.property('role');
  });

  it('finds a post shown on one of its inner or comment pages, and a post whose slug is "2" or "amp" at /2/ or /amp/', async () => {
    const withLookalikes: WpPost[] = [...posts, { id: 21, slug: '2', type: 'posts', comment_status: 'open' }, { id: 22, slug: 'amp', type: 'posts', comment_status: 'open' }];
    const server = createWordPressServer(endpoint, withLookalikes, []);
    worker.use(...server.handlers);
    const backend = new WordPressBackend({ endpoint });
    const postOf = async (thread: string) => {
      await backend.list(thread, null, { limit: 5, signal: signal() });
      return Number(server.requests.at(-1)!.searchParams.get('post'));
    };
    expect(await postOf('https://blog.test/hello-world/2/')).to.equal(7);
    expect(await postOf('https://blog.test/hello-world/comment-page-2/#comments')).to.equal(7);
    expect(await postOf('https://blog.test/hello-world/amp/')).to.equal(7);
    expect(await postOf('https://blog.test/2/')).to.equal(21);
    expect(await postOf('https://blog.test/amp/')).to.equal(22);
  });

  it('says which slug is unknown', async () => {
    worker.use(...createWordPressServer(endpoint, posts, []).handlers);
    const error = await rejection(new WordPressBackend({ endpoint }).list('no-such-post', null, { limit: 5, signal: signal() }));
    expect(error.code).to.equal('not_found');
    expect(error.message).to.contain('no-such-post');
  });

  it('posts escaped text as a guest and returns the held comment as pending', async () => {
    let sent: Record<string, unknown> | undefined;
    let headers: Headers | undefined;
    worker.use(
      ...createWordPressServer(endpoint, posts, []).handlers,
      http.post(`${endpoint}/wp/v2/comments`, async ({ request }) => {
        sent = (await request.json()) as Record<string, unknown>;
        headers = request.headers;
        return HttpResponse.json(
          wpJson({ id: 55, post: 7, parent: 0, author_name: 'Ann', author_url: '', date_gmt: '2024-05-02T09:00:00', content: '<p>a &lt; b &amp;&amp; c &gt; d</p>\n', status: 'hold' }),
          { status: 201 },
        );
      }),
    );
    const comment = await new WordPressBackend({ endpoint }).post('hello-world', draft, guest, { signal: signal(), idempotencyKey: 'k' });
    expect(sent).to.deep.include({ post: 7, parent: 0, content: 'a &lt; b &amp;&amp; c &gt; d', author_name: 'Ann' });
    expect(headers!.get('Idempotency-Key')).to.equal(null);
    expect(comment.status).to.equal('pending');
  });

  // WordPress stores a comment with a disallowed word as trash, and an anti-spam plugin's catch as spam, and answers 201 with it.
  for (const status of ['spam', 'trash'] as const) {
    it(`returns a comment WordPress filed as ${status} as pending, not as a failure to retry`, async () => {
      worker.use(
        ...createWordPressServer(endpoint, posts, []).handlers,
        http.post(`${endpoint}/wp/v2/comments`, () =>
          HttpResponse.json(
            { ...wpJson({ id: 58, post: 7, parent: 0, author_name: 'Ann', author_url: '', date_gmt: '2024-05-02T09:00:00', content: '<p>x</p>\n', status: 'hold' }), status },
            { status: 201 },
          ),
        ),
      );
      const comment = await new WordPressBackend({ endpoint }).post('7', draft, guest, { signal: signal(), idempotencyKey: 'k' });
      expect(comment).to.deep.include({ id: '58', status: 'pending' });
    });
  }

  it('posts signed in with the identity headers and no author fields', async () => {
    let sent: Record<string, unknown> | undefined;
    let authorization: string | null = null;
    worker.use(
      ...createWordPressServer(endpoint, posts, []).handlers,
      http.post(`${endpoint}/wp/v2/comments`, async ({ request }) => {
        sent = (await request.json()) as Record<string, unknown>;
        authorization = request.headers.get('Authorization');
        return HttpResponse.json(
          wpJson({ id: 56, post: 7, parent: 0, author_name: 'Editor', author_url: '', date_gmt: '2024-05-02T09:00:00', content: '<p>x</p>', status: 'approved' }),
          { status: 201 },
        );
      }),
    );
    await new WordPressBackend({ endpoint }).post('7', draft, member, { signal: signal(), idempotencyKey: 'k' });
    expect(authorization).to.equal('Basic ZWQ6cHc=');
    expect(sent).not.to.have.property('author_name');
    expect(sent).not.to.have.property('author_email');
  });

  it('stops asking for replies when a page is not full, whatever X-WP-TotalPages says, and asks about each comment once', async () => {
    const server = createWordPressServer(endpoint, posts, wpThread(7, 2, 1));
    let replyRequests = 0;
    worker.use(
      http.get(`${endpoint}/wp/v2/comments`, ({ request }) => {
        const parent = new URL(request.url).searchParams.get('parent');
        if (parent === null || parent === '0') return undefined;
        replyRequests += 1;
        // Every reply query, at every level, gets the same reply and a million pages.
        const reply = wpJson({ id: 500, post: 7, parent: 1, author_name: 'Loop', author_url: '', date_gmt: '2024-05-01T10:30:00', content: '<p>again</p>', status: 'approved' });
        return HttpResponse.json([reply], { headers: { 'X-WP-Total': '100000000', 'X-WP-TotalPages': '1000000' } });
      }),
      ...server.handlers,
    );
    const page = await new WordPressBackend({ endpoint }).list('7', null, { limit: 5, signal: signal() });
    expect(page.comments.map((comment) => comment.id)).to.deep.equal(['1', '2', '500']);
    // One query for the top-level comments' replies, one for the reply's: then nothing new is left to ask about.
    expect(replyRequests).to.equal(2);
  });

  it('turns an HTML error page into a server error, not a crash', async () => {
    worker.use(
      ...createWordPressServer(endpoint, posts, []).handlers,
      http.post(`${endpoint}/wp/v2/comments`, () => new HttpResponse('<html>Bad gateway</html>', { status: 502 })),
    );
    const error = await rejection(new WordPressBackend({ endpoint }).post('7', draft, guest, { signal: signal(), idempotencyKey: 'k' }));
    expect(error.code).to.equal('server');
    expect(error.status).to.equal(502);
  });
});

describe('htmlToText (WordPress names and messages)', () => {
  it('decodes the references WordPress writes, drops tags, and keeps unknown references', async () => {
    const { htmlToText } = await import('../../src/backends/html-text.js');
    expect(htmlToText('Bob &amp; &#8220;Al&#8221; &lt;b&gt;')).to.equal('Bob & “Al” <b>');
    expect(htmlToText('<strong>Error</strong>: you&#8217;ve &#x2014; &hellip;')).to.equal('Error: you’ve — …');
    expect(htmlToText('&notanentity; &AMP &amp')).to.equal('&notanentity; &AMP &amp');
    expect(htmlToText('&#0;&#xD800;&#1114112;')).to.equal('\ufffd\ufffd\ufffd');
    expect(htmlToText('&#x1F600;')).to.equal('😀');
    expect(htmlToText('&constructor; &__proto__;')).to.equal('&constructor; &__proto__;');
  });
});
