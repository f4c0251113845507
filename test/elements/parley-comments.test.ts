import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { http, HttpResponse, delay } from 'msw';
import type { ParleyComments } from '../../src/elements/parley-comments.js';
import type { CommentBackend } from '../../src/backends/backend.js';
import { createRestServer } from '../mocks/rest-server.js';
import { manyComments, threadedConversation, wireComment } from '../mocks/fixtures.js';
import { startWorker } from '../mocks/worker.js';
import { $, authors, endpoint, mount, part, parts, settled } from './helpers.js';

describe('<parley-comments> thread', () => {
  let worker: Awaited<ReturnType<typeof startWorker>>;
  before(async () => {
    worker = await startWorker();
  });
  afterEach(() => worker.resetHandlers());

  function serve(threads: Record<string, ReturnType<typeof manyComments>>, extra = {}) {
    const server = createRestServer({ endpoint, threads: new Map(Object.entries(threads)), ...extra });
    worker.use(...server.handlers);
    return server;
  }

  it('shows a loading state, then the threaded comments with a count header', async () => {
    serve({ 'thread-1': threadedConversation() }, { latency: 150 });
    const element = await fixture<ParleyComments>(
      html`<parley-comments backend="rest" endpoint=${endpoint} thread="thread-1"></parley-comments>`,
    );
    expect(part(element, 'status')!.textContent).to.contain('Loading comments');
    // Nothing counted yet: the header says "Leave a Reply" and names the form, which has no second heading saying it.
    expect(part(element, 'header')!.textContent!.trim()).to.equal('Leave a Reply');
    expect(part(element, 'reply-title')).to.equal(null);
    expect(part(element, 'reply-form')!.getAttribute('aria-labelledby')).to.equal('parley-header');
    await expect(element).to.be.accessible();
    await settled(element);
    expect(part(element, 'header')!.textContent!.trim()).to.equal('4 Comments');
    expect(authors(element)).to.deep.equal(['Alice', 'Bob', 'Carol', 'Dave']);
    // Bob replies to Alice: his article sits in Alice's nested list.
    const alice = $(element, '[data-comment-id="1"]')!.closest('li')!;
    expect(alice.querySelector('[part~="replies"] [data-comment-id="2"]')).to.exist;
    await expect(element).to.be.accessible();
  });

  it('renders each comment with avatar, linked name, time and body', async () => {
    serve({ 'thread-1': threadedConversation() });
    const element = await mount();
    const alice = $(element, '[data-comment-id="1"]')!;
    const avatar = alice.querySelector('[part~="comment-avatar"] img[part~="comment-avatar-image"]') as HTMLImageElement;
    expect(avatar.getAttribute('src')).to.equal('https://avatars.example/alice.png');
    expect(avatar.getAttribute('referrerpolicy')).to.equal('no-referrer');
    expect(avatar.width).to.equal(40);
    const link = alice.querySelector('[part~="comment-author"] a')!;
    expect(link.getAttribute('href')).to.equal('https://alice.example/');
    expect(link.getAttribute('rel')).to.equal('nofollow ugc noopener noreferrer');
    const time = alice.querySelector('time')!;
    expect(time.getAttribute('datetime')).to.equal('2024-01-01T12:00:01.000Z');
    expect(time.getAttribute('title')).to.match(/2024/);
    expect(time.textContent).to.match(/ago|year|month/);
    expect(alice.querySelector('[part~="comment-body"]')!.innerHTML).to.contain('<p>Comment 1</p>');
  });

  it('shows initials instead of unsafe avatars and plain names instead of unsafe links', async () => {
    serve({ 'thread-1': threadedConversation() });
    const element = await mount();
    const carol = $(element, '[data-comment-id="3"]')!;
    expect(carol.querySelector('img')).to.equal(null);
    expect(carol.querySelector('[part~="comment-avatar"]')!.textContent).to.equal('C');
    expect(carol.querySelector('[part~="comment-author"] a')).to.equal(null);
    expect(carol.querySelector('[part~="comment-author"] bdi')!.textContent).to.equal('Carol');
  });

  it('keeps the initial visible when an avatar fails to load', async () => {
    serve({ 'thread-1': [wireComment('1', { author: { name: 'eve', url: null, avatar: 'https://avatars.test/missing.png' } })] });
    worker.use(http.get('https://avatars.test/missing.png', () => new HttpResponse(null, { status: 404 })));
    const element = await mount();
    const image = $(element, '[part~="comment-avatar-image"]') as HTMLImageElement;
    await waitUntil(() => image.hidden, 'broken avatar was not hidden', { timeout: 5000 });
    expect(image.getBoundingClientRect().width).to.equal(0);
    expect(part(element, 'comment-avatar')!.textContent).to.equal('E');
  });

  it('shows replies beyond max-depth flat at the last level, saying whom they answer', async () => {
    serve({ 'thread-1': threadedConversation() });
    const element = await mount('thread-1', { maxDepth: 2 });
    const bobItem = $(element, '[data-comment-id="2"]')!.closest('li')!;
    // Carol (level 3) is a sibling of Bob at level 2, not nested under him.
    expect(bobItem.querySelector('[data-comment-id="3"]')).to.equal(null);
    const carol = $(element, '[data-comment-id="3"]')!;
    expect(carol.closest('ol')).to.equal(bobItem.closest('ol'));
    expect(carol.querySelector('[part~="in-reply-to"]')!.textContent).to.equal('In reply to Bob');
  });

  it('says "Leave a Reply" and that there are no comments when the thread is empty', async () => {
    serve({});
    const element = await mount('empty-thread');
    expect(part(element, 'header')!.textContent!.trim()).to.equal('Leave a Reply');
    expect(part(element, 'empty')).to.exist;
    expect(part(element, 'reply-title')).to.equal(null);
    expect(part(element, 'reply-form')!.getAttribute('aria-labelledby')).to.equal('parley-header');
    // Announced as what the reader finds, not as the header's "Leave a Reply".
    expect($(element, '.visually-hidden[role="status"]')!.textContent).to.equal('No comments yet. Be the first to share your thoughts.');
    await expect(element).to.be.accessible();
  });

  it('stops offering "Load more" when the server answers with the cursor it was sent (no endless same page)', async () => {
    let requests = 0;
    worker.use(
      http.get(`${endpoint}/threads/:thread/comments`, () => {
        requests += 1;
        return HttpResponse.json({ comments: [wireComment(`c${requests}`)], next: 'same' });
      }),
    );
    const element = await mount('stuck');
    expect(part(element, 'load-more')).to.not.equal(null);
    const second = oneEvent(element, 'parley-loaded');
    part(element, 'load-more')!.click();
    // The event says what the element does: no more pages.
    expect((await second).detail.hasMore).to.equal(false);
    await waitUntil(() => parts(element, 'comment').length === 2, 'the second page did not come');
    await settled(element);
    expect(part(element, 'load-more')).to.equal(null);
    expect(requests).to.equal(2);
  });

  it('stops offering "Load more" when the cursors come round again (A → B → A)', async () => {
    const requests: (string | null)[] = [];
    worker.use(
      http.get(`${endpoint}/threads/:thread/comments`, ({ request }) => {
        const cursor = new URL(request.url).searchParams.get('cursor');
        requests.push(cursor);
        return HttpResponse.json({ comments: [wireComment(`c${requests.length}`)], next: cursor === 'A' ? 'B' : 'A' });
      }),
    );
    const element = await mount('loop');
    for (const count of [2, 3]) {
      part(element, 'load-more')!.click();
      await waitUntil(() => parts(element, 'comment').length === count, `page ${count} did not come`);
      await settled(element);
    }
    expect(part(element, 'load-more')).to.equal(null);
    expect(requests).to.deep.equal([null, 'A', 'B']);
  });

  it('reads a page without `next` from an adapter as the last one (parley-loaded says hasMore: false)', async () => {
    const comment = { id: 'x', parentId: null, author: { name: 'Ada', url: null, avatar: null }, html: '<p>hi</p>', createdAt: new Date(), status: 'approved' } as const;
    // A JavaScript adapter may leave `next` out; its type says null.
    const adapter = { list: async () => ({ comments: [comment] }), post: async () => comment } as unknown as CommentBackend;
    const element = document.createElement('parley-comments');
    const loaded = oneEvent(element, 'parley-loaded');
    element.adapter = adapter;
    (await fixture(html`<div></div>`)).append(element);
    expect((await loaded).detail.hasMore).to.equal(false);
    await settled(element);
    expect(part(element, 'load-more')).to.equal(null);
  });

  it('moves focus to Retry when "Load more" fails, and Retry loads that page', async () => {
    serve({ 'thread-1': manyComments(5) });
    const element = await mount('thread-1', { pageSize: 2 });
    await waitUntil(() => parts(element, 'comment').length === 4);
    worker.use(http.get(`${endpoint}/threads/:thread/comments`, () => HttpResponse.json({ error: { code: 'server', message: 'Down' } }, { status: 500 }), { once: true }));
    part(element, 'load-more')!.focus();
    part(element, 'load-more')!.click();
    await waitUntil(() => part(element, 'retry-button'), 'no Retry after the failed page');
    await settled(element);
    expect(part(element, 'load-more')).to.equal(null);
    expect(element.shadowRoot!.activeElement, 'focus went to the page').to.equal(part(element, 'retry-button'));
    expect($(element, '.visually-hidden[role="status"]')!.textContent!.trim()).to.equal('');
    part(element, 'retry-button')!.click();
    await waitUntil(() => parts(element, 'comment').length === 8, 'Retry did not load the next page');
    expect(part(element, 'error')).to.equal(null);
  });

  it('loads more pages with "Load more" and moves focus to the first new comment', async () => {
    serve({ 'thread-1': manyComments(5) });
    const element = await mount('thread-1', { pageSize: 2 });
    await waitUntil(() => parts(element, 'comment').length === 4);
    expect(part(element, 'header')!.textContent!.trim()).to.equal('10 Comments');
    const firstArticle = $(element, '[data-comment-id="t1"]');
    const firstBody = firstArticle!.querySelector('[part~="comment-body"] p');
    part(element, 'load-more')!.click();
    const loaded = await oneEvent(element, 'parley-loaded');
    expect(loaded.detail.firstPage).to.equal(false);
    await settled(element);
    expect(parts(element, 'comment')).to.have.length(8);
    expect(element.shadowRoot!.activeElement).to.equal($(element, '[data-comment-id="t3"]'));
    // Earlier comments are left as they were: same nodes, bodies not cloned again.
    expect($(element, '[data-comment-id="t1"]')).to.equal(firstArticle);
    expect(firstArticle!.querySelector('[part~="comment-body"] p')).to.equal(firstBody);
    part(element, 'load-more')!.click();
    await oneEvent(element, 'parley-loaded');
    await settled(element);
    expect(parts(element, 'comment')).to.have.length(10);
    expect(part(element, 'load-more')).to.equal(null);
  });

  it('finishes a "Load more" cut off by moving the element elsewhere on the page', async () => {
    serve({ 'thread-1': manyComments(5) });
    const element = await mount('thread-1', { pageSize: 2 });
    const host = element.parentElement!;
    part(element, 'load-more')!.click();
    await element.updateComplete;
    // A single-page app moves the comments while the next page is on its way.
    element.remove();
    host.append(element);
    await waitUntil(() => parts(element, 'comment').length === 8, 'the next page never came');
    await settled(element);
    expect(part(element, 'load-more')!.hasAttribute('disabled'), 'Load more still busy').to.equal(false);
  });

  it('shows an error with Retry when loading fails, and recovers', async () => {
    serve({ 'thread-1': threadedConversation() });
    // Handlers added later take precedence: the first request fails, the retry reaches the server.
    worker.use(http.get(`${endpoint}/threads/:thread/comments`, () => HttpResponse.error(), { once: true }));
    const element = await fixture<ParleyComments>(html`<parley-comments backend="rest" endpoint=${endpoint} thread="thread-1"></parley-comments>`);
    await waitUntil(() => part(element, 'error'));
    expect(part(element, 'error')!.getAttribute('role')).to.equal('alert');
    expect(part(element, 'error')!.textContent).to.contain('Could not load the comments.');
    // Said once, by the alert: the status region does not repeat it.
    expect($(element, '.visually-hidden[role="status"]')!.textContent!.trim()).to.equal('');
    await expect(element).to.be.accessible();
    part(element, 'retry-button')!.focus();
    part(element, 'retry-button')!.click();
    await waitUntil(() => parts(element, 'comment').length === 4);
    await settled(element);
    // The Retry button is gone: focus goes to the first comment, not to the page.
    expect(element.shadowRoot!.activeElement).to.equal(parts(element, 'comment')[0]);
  });

  it('says only that loading failed when the server refuses for going too fast (it is not the reader posting)', async () => {
    worker.use(
      http.get(`${endpoint}/threads/:thread/comments`, () =>
        HttpResponse.json({ error: { code: 'rate_limited', message: 'slow down' } }, { status: 429, headers: { 'Retry-After': '30' } }),
      ),
    );
    const element = await fixture<ParleyComments>(html`<parley-comments backend="rest" endpoint=${endpoint} thread="busy"></parley-comments>`);
    await waitUntil(() => part(element, 'error'));
    expect(part(element, 'error')!.querySelector('span')!.textContent!.trim()).to.equal('Could not load the comments.');
  });

  it('offers "Load more" after a first page that is empty but not the last', async () => {
    worker.use(
      http.get(`${endpoint}/threads/:thread/comments`, ({ request }) =>
        new URL(request.url).searchParams.get('cursor')
          ? HttpResponse.json({ comments: [wireComment('c1')], next: null })
          : HttpResponse.json({ comments: [], next: 'p2', total: 1 }),
      ),
    );
    const element = await mount('filtered');
    expect(part(element, 'empty'), 'said the thread is empty').to.equal(null);
    part(element, 'load-more')!.click();
    await waitUntil(() => parts(element, 'comment').length === 1, 'the next page never came');
  });

  it('counts the comments on show when the server\'s total says fewer', async () => {
    worker.use(http.get(`${endpoint}/threads/:thread/comments`, () => HttpResponse.json({ comments: [wireComment('c1'), wireComment('c2')], next: null, total: 0 })));
    const element = await mount('miscounted');
    expect(part(element, 'header')!.textContent!.trim()).to.equal('2 Comments');
  });

  it('takes no focus when the comment a permalink names is on none of the pages', async () => {
    serve({ 'thread-1': manyComments(3) });
    history.replaceState(history.state, '', '#comment-deleted');
    try {
      const element = await mount('thread-1', { pageSize: 2 });
      // It looks through the pages (all three here), then gives up.
      await waitUntil(() => parts(element, 'comment').length === 6 && !part(element, 'load-more'), 'did not look through the pages');
      await settled(element);
      expect(element.shadowRoot!.activeElement).to.equal(null);
    } finally {
      history.replaceState(history.state, '', location.pathname + location.search);
    }
  });

  it('explains a load error a reader can act on (thread not found)', async () => {
    worker.use(http.get(`${endpoint}/threads/:thread/comments`, () => HttpResponse.json({ error: { code: 'not_found', message: 'x' } }, { status: 404 })));
    const element = await fixture<ParleyComments>(html`<parley-comments backend="rest" endpoint=${endpoint} thread="gone"></parley-comments>`);
    const event = await oneEvent(element, 'parley-error');
    expect(event.detail.action).to.equal('load');
    expect(event.detail.error.code).to.equal('not_found');
    await waitUntil(() => part(element, 'error'));
    expect(part(element, 'error')!.textContent).to.contain('This comment thread could not be found.');
  });

  it('fires parley-loaded (bubbling, composed) with the page', async () => {
    serve({ 'thread-1': threadedConversation() });
    const host = await fixture(html`<div></div>`);
    const waiting = oneEvent(host, 'parley-loaded');
    const element = document.createElement('parley-comments');
    Object.assign(element, { backend: 'rest', endpoint, thread: 'thread-1' });
    host.append(element);
    const event = await waiting;
    expect(event.bubbles && event.composed).to.equal(true);
    expect(event.detail.thread).to.equal('thread-1');
    expect(event.detail.comments).to.have.length(4);
    expect(event.detail.hasMore).to.equal(false);
  });

  it('loads the new thread when `thread` changes, and aborts the old request', async () => {
    serve({ a: [wireComment('a1')], b: [wireComment('b1'), wireComment('b2')] });
    const element = await mount('a');
    expect(parts(element, 'comment')).to.have.length(1);
    element.thread = 'b';
    await oneEvent(element, 'parley-loaded');
    await settled(element);
    expect(parts(element, 'comment').map((node) => node.dataset.commentId)).to.deep.equal(['b1', 'b2']);
  });

  it('ignores a slow answer for a thread it has left', async () => {
    worker.use(
      http.get(`${endpoint}/threads/slow/comments`, async () => {
        await delay(300);
        return HttpResponse.json({ comments: [wireComment('late')], next: null });
      }),
    );
    serve({ fast: [wireComment('f1')] });
    const element = await fixture<ParleyComments>(html`<parley-comments backend="rest" endpoint=${endpoint} thread="slow"></parley-comments>`);
    element.thread = 'fast';
    await waitUntil(() => parts(element, 'comment').length === 1);
    await delay(400);
    expect(parts(element, 'comment').map((node) => node.dataset.commentId)).to.deep.equal(['f1']);
  });

  it('works as several independent instances on one page', async () => {
    serve({ one: [wireComment('o1')], two: [wireComment('t1'), wireComment('t2')] });
    const wrapper = await fixture(html`<div>
      <parley-comments backend="rest" endpoint=${endpoint} thread="one"></parley-comments>
      <parley-comments backend="rest" endpoint=${endpoint} thread="two"></parley-comments>
    </div>`);
    const [one, two] = [...wrapper.querySelectorAll('parley-comments')] as ParleyComments[];
    await settled(one!);
    await settled(two!);
    await waitUntil(() => parts(one!, 'comment').length === 1 && parts(two!, 'comment').length === 2);
  });

  it('uses an adapter object given as a property instead of the backend attribute', async () => {
    const adapter: CommentBackend = {
      async list() {
        return { comments: [{ id: 'x', parentId: null, author: { name: 'Programmatic', url: null, avatar: null }, html: '<p>hi</p>', createdAt: new Date(), status: 'approved' }], next: null };
      },
      async post() {
        throw new Error('not used');
      },
    };
    const element = await fixture<ParleyComments>(html`<parley-comments backend="nope" .adapter=${adapter}></parley-comments>`);
    await settled(element);
    expect(authors(element)).to.deep.equal(['Programmatic']);
  });

  it('says clearly when it is not set up (rest without endpoint)', async () => {
    const element = await fixture<ParleyComments>(html`<parley-comments backend="rest" thread="x"></parley-comments>`);
    expect(part(element, 'error')!.textContent).to.contain('needs an endpoint');
  });

  it('says an endpoint that is no URL is a setup problem, not a network failure Retry could fix', async () => {
    const element = await fixture<ParleyComments>(html`<parley-comments backend="rest" endpoint="http://[::1" thread="x"></parley-comments>`);
    expect(part(element, 'error')!.textContent).to.contain('the endpoint "http://[::1" is not a valid URL.');
    expect(part(element, 'retry-button')).to.equal(null);
  });

  it('points to the Waline build when asked for the waline backend without it', async () => {
    const element = await fixture<ParleyComments>(html`<parley-comments backend="waline" endpoint=${endpoint} thread="x"></parley-comments>`);
    expect(part(element, 'error')!.textContent).to.contain('the waline backend comes with parley-waline.js');
  });

  it('defaults the thread to the canonical URL path', async () => {
    const link = Object.assign(document.createElement('link'), { rel: 'canonical', href: 'https://blog.example/2014/networking/' });
    document.head.append(link);
    try {
      serve({ '/2014/networking/': [wireComment('c1')] });
      const element = await fixture<ParleyComments>(html`<parley-comments backend="rest" endpoint=${endpoint}></parley-comments>`);
      await waitUntil(() => parts(element, 'comment').length === 1);
      expect(element.threadId).to.equal('/2014/networking/');
    } finally {
      link.remove();
    }
  });

  it('shows a pending comment with "Your comment is awaiting moderation."', async () => {
    serve({ 'thread-1': [wireComment('p1', { status: 'pending' })] });
    const element = await mount();
    expect(part(element, 'pending')!.textContent).to.equal('Your comment is awaiting moderation.');
    expect(part(element, 'comment')!.getAttribute('part')).to.contain('comment-pending');
  });
});
