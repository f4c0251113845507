/**
 * What the built script tag fetches from beside itself only when a page needs
 * it: the reader of pages of more than a hundred comments
 * (dist/parley-large-pages.js) and the look-alike name check for pages that
 * set owner names (dist/parley-owner-names.js). Pages still show when those
 * files cannot be had.
 */
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { delay, http, HttpResponse, passthrough } from 'msw';
import { createRestServer } from './mocks/rest-server.js';
import { wireComment } from './mocks/fixtures.js';
import { startWorker } from './mocks/worker.js';

type FrameWindow = Window & typeof globalThis & { warnings: string[] };

const endpoint = 'https://comments.test/api';
/** About 2 kB per comment: 150 of them are past the size from which a page is parsed in slices. */
const BODY = `<p>${'A paragraph of a long comment. '.repeat(64)}</p>`;

function bigThread(): ReturnType<typeof wireComment>[] {
  return Array.from({ length: 150 }, (_, index) => wireComment(`c${index}`, { html: BODY }));
}

/** A page whose only Parley is dist/parley.js, on the REST backend, with `data` (after `before`, when given: a tall block, say). */
async function scriptTagPage(data: Record<string, string>, before = ''): Promise<{ window: FrameWindow; element: HTMLElement; requested: () => string[] }> {
  // A page of the test server's own (not about:blank), so that the mock service worker answers its requests.
  const frame = await fixture<HTMLIFrameElement>(html`<iframe src="/test/fixtures/empty-page.html"></iframe>`);
  await waitUntil(() => frame.contentDocument?.readyState === 'complete' && frame.contentWindow!.location.pathname.endsWith('empty-page.html'), 'the frame did not load');
  const frameWindow = frame.contentWindow as FrameWindow;
  frameWindow.warnings = [];
  frameWindow.console.warn = (message: string) => frameWindow.warnings.push(String(message));
  frame.contentDocument!.body.innerHTML = before;
  const tag = frame.contentDocument!.createElement('script');
  tag.src = '/dist/parley.js';
  Object.assign(tag.dataset, { backend: 'rest', endpoint, loading: 'eager', ...data });
  frame.contentDocument!.body.append(tag);
  await waitUntil(() => frame.contentDocument!.querySelector('parley-comments'), 'dist/parley.js mounted nothing', { timeout: 10_000 });
  const requested = () =>
    frameWindow.performance
      .getEntriesByType('resource')
      .map((entry) => new URL(entry.name).pathname)
      .filter((path) => path.startsWith('/dist/'));
  return { window: frameWindow, element: frame.contentDocument!.querySelector('parley-comments')!, requested };
}

const commentsOf = (element: HTMLElement) => element.shadowRoot?.querySelectorAll('[part~="comment"]').length ?? 0;

describe('dist/parley.js and pages of thousands of comments', () => {
  let worker: Awaited<ReturnType<typeof startWorker>>;
  before(async () => {
    worker = await startWorker();
  });
  afterEach(() => worker.resetHandlers());

  // Before the requests that succeed: a browser may answer the same address from its memory cache.
  it('reads the page in one go, with a warning, when the file cannot be loaded', async () => {
    worker.use(
      http.get('*/dist/parley-large-pages.js', () => new HttpResponse('Not found', { status: 404 })),
      ...createRestServer({ endpoint, threads: new Map([['/unavailable/', bigThread()]]) }).handlers,
    );
    const { element, window } = await scriptTagPage({ thread: '/unavailable/', pageSize: '500' });
    await waitUntil(() => commentsOf(element) === 150, 'the 150 comments did not all show', { timeout: 10_000 });
    expect(window.warnings).to.have.length(1);
    expect(window.warnings[0]).to.match(/^\[parley\] the reader of large pages could not be loaded \(.+\); reading the page in one go\.$/);
  });

  it('reads the page in one go when the file is long in coming (it never comes here)', async () => {
    worker.use(
      http.get('*/dist/parley-large-pages.js', () => delay('infinite')),
      ...createRestServer({ endpoint, threads: new Map([['/stalled/', bigThread()]]) }).handlers,
    );
    const { element } = await scriptTagPage({ thread: '/stalled/', pageSize: '500' });
    const started = performance.now();
    await waitUntil(() => commentsOf(element) === 150, 'the 150 comments did not all show', { timeout: 10_000 });
    // Waited for, though not for longer than OPTIONAL_PART_WAIT_MS (3 s).
    expect(performance.now() - started).to.be.within(2_000, 8_000);
  });

  it('fetches dist/parley-large-pages.js for a page size over 100, and shows the whole page', async () => {
    worker.use(...createRestServer({ endpoint, threads: new Map([['/big/', bigThread()]]) }).handlers);
    const { element, requested, window } = await scriptTagPage({ thread: '/big/', pageSize: '500' });
    await waitUntil(() => commentsOf(element) === 150, 'the 150 comments did not all show', { timeout: 10_000 });
    expect(requested()).to.include('/dist/parley-large-pages.js');
    expect(window.warnings).to.deep.equal([]);
  });

  it('does not fetch it for pages of the default size', async () => {
    worker.use(...createRestServer({ endpoint, threads: new Map([['/small/', bigThread()]]) }).handlers);
    const { element, requested } = await scriptTagPage({ thread: '/small/' });
    await waitUntil(() => commentsOf(element) > 0, 'the first page did not show', { timeout: 10_000 });
    expect(requested()).to.not.include('/dist/parley-large-pages.js');
  });
});

describe('dist/parley.js and owner names', () => {
  let worker: Awaited<ReturnType<typeof startWorker>>;
  before(async () => {
    worker = await startWorker();
  });
  afterEach(() => worker.resetHandlers());

  /** Comments by the owner's name as spelt, by a look-alike (a Cyrillic А), and by someone else. */
  const names = ['Ann Lee', '\u0410nn Lee', 'Bob'];
  const thread = () => names.map((name, index) => wireComment(`n${index}`, { author: { name, url: null, avatar: null } }));
  const unverified = (element: HTMLElement) =>
    [...element.shadowRoot!.querySelectorAll('[part~="unverified-badge"]')].map((badge) => badge.closest('article')!.querySelector('[part~="comment-author"]')!.textContent!.trim());

  // Before the requests that succeed: a browser may answer the same address from its memory cache.
  it('marks only names spelt exactly like an owner\'s, with a warning, when the check cannot be loaded', async () => {
    worker.use(
      http.get('*/dist/parley-owner-names.js', () => new HttpResponse('Not found', { status: 404 })),
      ...createRestServer({ endpoint, threads: new Map([['/owners-unavailable/', thread()]]) }).handlers,
    );
    const { element, window } = await scriptTagPage({ thread: '/owners-unavailable/', ownerNames: 'Ann Lee' });
    await waitUntil(() => commentsOf(element) === 3, 'the thread did not show', { timeout: 10_000 });
    expect(unverified(element)).to.deep.equal(['Ann Lee']);
    expect(window.warnings).to.have.length(1);
    expect(window.warnings[0]).to.match(/^\[parley\] the look-alike name check could not be loaded \(.+\); only names spelt exactly like an owner's are marked Unverified\.$/);
  });

  it('shows the thread after 3 s when the check is long in coming, exact names marked, then look-alikes once it comes', async () => {
    worker.use(
      http.get('*/dist/parley-owner-names.js', async () => {
        await delay(5_000);
        return passthrough();
      }),
      ...createRestServer({ endpoint, threads: new Map([['/owners-slow/', thread()]]) }).handlers,
    );
    const { element } = await scriptTagPage({ thread: '/owners-slow/', ownerNames: 'Ann Lee' });
    const started = performance.now();
    await waitUntil(() => commentsOf(element) === 3, 'the thread did not show', { timeout: 10_000 });
    // Waited for, though not for longer than OPTIONAL_PART_WAIT_MS (3 s).
    expect(performance.now() - started).to.be.within(2_000, 4_500);
    expect(unverified(element)).to.deep.equal(['Ann Lee']);
    // With nothing else happening on the page, the look-alike is marked once the check is here.
    await waitUntil(() => unverified(element).length === 2, 'the look-alike was not marked once the check came', { timeout: 10_000 });
    expect(unverified(element)).to.deep.equal(['Ann Lee', '\u0410nn Lee']);
  });

  it('fetches dist/parley-owner-names.js for data-owner-names, and marks look-alike names too', async () => {
    worker.use(...createRestServer({ endpoint, threads: new Map([['/owners/', thread()]]) }).handlers);
    const { element, requested, window } = await scriptTagPage({ thread: '/owners/', ownerNames: 'Ann Lee' });
    await waitUntil(() => commentsOf(element) === 3, 'the thread did not show', { timeout: 10_000 });
    expect(unverified(element)).to.deep.equal(['Ann Lee', '\u0410nn Lee']);
    expect(requested()).to.include('/dist/parley-owner-names.js');
    expect(window.warnings).to.deep.equal([]);
  });

  it('does not fetch it without owner names', async () => {
    worker.use(...createRestServer({ endpoint, threads: new Map([['/no-owners/', thread()]]) }).handlers);
    const { element, requested } = await scriptTagPage({ thread: '/no-owners/' });
    await waitUntil(() => commentsOf(element) === 3, 'the thread did not show', { timeout: 10_000 });
    expect(unverified(element)).to.deep.equal([]);
    expect(requested()).to.not.include('/dist/parley-owner-names.js');
  });

  it('a lazy element fetches it only once it comes near the viewport', async () => {
    worker.use(...createRestServer({ endpoint, threads: new Map([['/owners-lazy/', thread()]]) }).handlers);
    const { element, requested, window } = await scriptTagPage({ thread: '/owners-lazy/', ownerNames: 'Ann Lee', loading: 'lazy' }, '<div style="height: 5000px"></div>');
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(requested(), 'fetched while far below the viewport').to.deep.equal(['/dist/parley.js']);
    element.scrollIntoView();
    await waitUntil(() => commentsOf(element) === 3, 'the thread did not show after scrolling', { timeout: 10_000 });
    expect(unverified(element)).to.deep.equal(['Ann Lee', '\u0410nn Lee']);
    expect(requested()).to.include('/dist/parley-owner-names.js');
    window.scrollTo(0, 0);
  });
});
