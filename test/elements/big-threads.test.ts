/**
 * Big threads: rendered in slices, later comments added without touching the
 * others, each comment prepared once, and nothing left behind by an element
 * that is removed. (Speed itself is measured by `npm run bench`.)
 */
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import type { ParleyComments } from '../../src/elements/parley-comments.js';
import { manyComments, wireComment } from '../mocks/fixtures.js';
import { createRestServer } from '../mocks/rest-server.js';
import { startWorker } from '../mocks/worker.js';
import { $, endpoint, mount, part, parts, settled, type } from './helpers.js';

/** Records every change below `node` until `stop()`. */
function watch(node: Node): { stop: () => MutationRecord[] } {
  const records: MutationRecord[] = [];
  const observer = new MutationObserver((list) => records.push(...list));
  observer.observe(node, { subtree: true, childList: true, attributes: true, characterData: true });
  return {
    stop: () => {
      records.push(...observer.takeRecords());
      observer.disconnect();
      return records;
    },
  };
}

describe('big threads', function () {
  this.timeout(60_000);
  let worker: Awaited<ReturnType<typeof startWorker>>;
  before(async () => {
    worker = await startWorker();
  });
  afterEach(() => worker.resetHandlers());

  it('renders a 3,000-comment page in slices: a first part at once, all of it, in order, once updateComplete resolves', async () => {
    worker.use(...createRestServer({ endpoint, threads: new Map([['big', manyComments(1_500)]]) }).handlers);
    const element = document.createElement('parley-comments');
    Object.assign(element, { backend: 'rest', endpoint, thread: 'big', pageSize: 2_000 });
    const loaded = new Promise((resolve) => element.addEventListener('parley-loaded', resolve, { once: true }));
    await fixture(html`${element}`);
    await loaded;
    await new Promise((resolve) => setTimeout(resolve, 0));
    const early = parts(element, 'comment').length;
    expect(early, 'comments shown before the rest of the page was rendered').to.be.within(1, 2_999);
    await element.updateComplete;
    const ids = parts(element, 'comment').map((article) => article.dataset.commentId);
    expect(ids).to.have.length(3_000);
    expect(ids.slice(0, 4)).to.deep.equal(['t1', 'r1', 't2', 'r2']);
    expect(ids.at(-1)).to.equal('r1500');
  });

  it('holds room for a block off screen by its number of comments, not a full block\'s', async () => {
    const roots = Array.from({ length: 5 }, (_, i) => wireComment(`t${i}`, { createdAt: new Date(Date.UTC(2024, 0, 1, 0, i)).toISOString() }));
    worker.use(...createRestServer({ endpoint, threads: new Map([['five', roots]]) }).handlers);
    const element = document.createElement('parley-comments');
    Object.assign(element, { backend: 'rest', endpoint, thread: 'five' });
    // Far below the viewport: no block is laid out, each holds the room reserved for it.
    await fixture(html`<div><div style="height: 5000px"></div>${element}</div>`);
    await waitUntil(() => part(element, 'thread'), 'the thread never loaded');
    await element.updateComplete;
    const blocks = [...element.shadowRoot!.querySelectorAll<HTMLElement>('.block')];
    const em = Number.parseFloat(getComputedStyle(blocks[0]!).fontSize);
    // A first block of four, then one of the fifth comment alone (it was held 160em high, about 2,500px).
    expect(blocks.map((block) => block.querySelectorAll('[part~="comment"]').length)).to.deep.equal([4, 1]);
    // (Each block has 4px of padding above and below, around the room it holds.)
    expect(blocks.map((block) => Math.round((block.getBoundingClientRect().height - 8) / em))).to.deep.equal([40, 10]);
  });

  it('places a page of thousands of top-level comments in one task and starts rendering them in the next', async () => {
    const roots = Array.from({ length: 4_100 }, (_, i) => wireComment(`t${i}`, { createdAt: new Date(Date.UTC(2024, 0, 1, 0, 0, i)).toISOString() }));
    worker.use(...createRestServer({ endpoint, threads: new Map([['wide', roots]]) }).handlers);
    const element = document.createElement('parley-comments');
    Object.assign(element, { backend: 'rest', endpoint, thread: 'wide', pageSize: 5_000 });
    const loaded = new Promise((resolve) => element.addEventListener('parley-loaded', resolve, { once: true }));
    await fixture(html`${element}`);
    await loaded;
    // The update that placed them has run (a microtask before this one); no comment is rendered in its task.
    expect(part(element, 'thread'), 'the list is there').to.exist;
    expect(parts(element, 'comment'), 'comments rendered in the task that placed 4,100').to.have.length(0);
    await element.updateComplete;
    const ids = parts(element, 'comment').map((article) => article.dataset.commentId);
    expect(ids).to.have.length(4_100);
    expect([ids[0], ids.at(-1)]).to.deep.equal(['t0', 't4099']);
  });

  it('renders the block of a permalink\'s comment to focus it, not every block before it', async () => {
    const roots = Array.from({ length: 4_100 }, (_, i) => wireComment(`t${i}`, { createdAt: new Date(Date.UTC(2024, 0, 1, 0, 0, i)).toISOString() }));
    worker.use(...createRestServer({ endpoint, threads: new Map([['linked', roots]]) }).handlers);
    history.replaceState(history.state, '', '#comment-t3000');
    try {
      const element = document.createElement('parley-comments');
      Object.assign(element, { backend: 'rest', endpoint, thread: 'linked', pageSize: 5_000 });
      await fixture(html`${element}`);
      await waitUntil(() => element.shadowRoot!.activeElement?.getAttribute('data-comment-id') === 't3000', 'the linked comment was not focused', { interval: 1 });
      // Rendering every block first took seconds in one task; the rest now come in their slices.
      const rendered = parts(element, 'comment').length;
      expect(rendered, 'comments rendered when the linked one took focus').to.be.below(2_000);
      await element.updateComplete;
      expect(parts(element, 'comment')).to.have.length(4_100);
      expect(element.shadowRoot!.activeElement?.getAttribute('data-comment-id')).to.equal('t3000');
    } finally {
      history.replaceState(history.state, '', location.pathname + location.search);
    }
  });

  describe('a comment with thousands of replies', () => {
    const at = (second: number) => new Date(Date.UTC(2024, 0, 1, 0, 0, second)).toISOString();
    /** `wide`: `count` replies to it; `deep`: a chain of `count` replies, each to the one before (listed flat below level 3); `last`: a comment after them. */
    const longLists = (count = 1_000) => [
      wireComment('wide', { createdAt: at(0) }),
      ...Array.from({ length: count }, (_, i) => wireComment(`w${i}`, { parentId: 'wide', createdAt: at(10 + i) })),
      wireComment('deep', { createdAt: at(1) }),
      ...Array.from({ length: count }, (_, i) => wireComment(`d${i}`, { parentId: i === 0 ? 'deep' : `d${i - 1}`, createdAt: at(5_000 + i) })),
      wireComment('last', { createdAt: at(2) }),
    ];
    const ids = (element: ParleyComments, selector: string) =>
      [...element.shadowRoot!.querySelectorAll<HTMLElement>(`${selector} [part~="comment"]`)].map((comment) => comment.dataset.commentId);
    const article = (element: ParleyComments, id: string) => $(element, `[data-comment-id="${id}"]`)!;
    /** The load errors an element reported, to say why when a thread did not load. */
    const loadErrors: string[] = [];
    const recordError = (event: Event) => {
      const { action, error } = (event as CustomEvent<{ action: string; error: { code: string; message: string } }>).detail;
      loadErrors.push(`${action}: ${error.code} (${error.message})`);
    };
    beforeEach(() => {
      loadErrors.length = 0;
      document.addEventListener('parley-error', recordError);
    });
    afterEach(() => document.removeEventListener('parley-error', recordError));
    /** Waits until the thread shows `id`, or says why it did not load. */
    async function shown(element: ParleyComments, id: string): Promise<void> {
      await waitUntil(() => article(element, id) || part(element, 'retry-button'), 'neither the thread nor its error showed', { timeout: 15_000 });
      expect(article(element, id), `the thread did not load: ${loadErrors.join('; ')}`).to.exist;
    }

    it('renders its replies in blocks of their own, a slice at a time: all of them, in order, under it', async () => {
      worker.use(...createRestServer({ endpoint, threads: new Map([['long', longLists(500)]]) }).handlers);
      const element = document.createElement('parley-comments');
      Object.assign(element, { backend: 'rest', endpoint, thread: 'long' });
      const loaded = new Promise((resolve) => element.addEventListener('parley-loaded', resolve, { once: true }));
      await fixture(html`${element}`);
      await loaded;
      await new Promise((resolve) => setTimeout(resolve, 0));
      // One block held all 501 comments of `wide` and rendered them in one task (1.5 s for 10,000).
      expect(parts(element, 'comment').length, 'comments shown before the rest were rendered').to.be.within(1, 500);
      await element.updateComplete;
      expect(parts(element, 'comment')).to.have.length(1_003);
      const wideItem = article(element, 'wide').closest('li')!;
      expect(ids(element, '[data-comment-id="wide"] ~ [part~="replies"]'), 'the replies of `wide`, in order, under it').to.deep.equal(
        Array.from({ length: 500 }, (_, i) => `w${i}`),
      );
      expect(wideItem.querySelectorAll('[part~="replies"] .block[role="none"]').length, 'blocks of replies').to.be.at.least(25);
      // The chain: d0 at the second level, d1 to d499 flat at the third, each "In reply to" the one before.
      expect(ids(element, '[data-comment-id="d0"] ~ [part~="replies"]')).to.deep.equal(Array.from({ length: 499 }, (_, i) => `d${i + 1}`));
      expect(article(element, 'd499').querySelector('[part~="in-reply-to"]')!.textContent).to.contain('Author d498');
      expect(parts(element, 'comment').at(-1)!.dataset.commentId).to.equal('last');
    });

    it('adds a reply to it at the end of its list, leaving the other blocks of the list untouched', async () => {
      worker.use(...createRestServer({ endpoint, threads: new Map([['long-post', longLists(100)]]) }).handlers);
      const element = await mount('long-post');
      await shown(element, 'wide');
      await settled(element);
      // Checked on this smaller thread: axe over thousands of comments holds the page for half a minute in Firefox.
      await expect(element).to.be.accessible();
      const replies = article(element, 'wide').closest('li')!.querySelector('[part~="replies"]')!;
      const changes = watch(replies);
      article(element, 'wide').querySelector<HTMLButtonElement>('[part~="reply-button"]')!.click();
      await element.updateComplete;
      await type(element, '#comment-text', 'One more');
      await type(element, '[name="name"]', 'Reader');
      await type(element, '[name="email"]', 'reader@example.com');
      (part(element, 'submit-button') as HTMLButtonElement).click();
      await waitUntil(() => parts(element, 'comment').length === 204, 'the reply never showed', { timeout: 5_000 });
      await element.updateComplete;
      const records = changes.stop();
      const listed = ids(element, '[data-comment-id="wide"] ~ [part~="replies"]');
      expect(listed).to.have.length(101);
      expect(article(element, listed.at(-1)!).textContent).to.contain('One more');
      const removed = records.flatMap((record) => [...record.removedNodes]).filter((node) => node instanceof HTMLElement && node.matches('li'));
      expect(removed.length, 'reply items re-created by the post').to.be.below(40);
    });

    it('renders only what a permalink to one of its replies needs before focusing it', async () => {
      worker.use(...createRestServer({ endpoint, threads: new Map([['long-link', longLists(300)]]) }).handlers);
      history.replaceState(history.state, '', '#comment-w250');
      try {
        const element = document.createElement('parley-comments');
        Object.assign(element, { backend: 'rest', endpoint, thread: 'long-link' });
        await fixture(html`${element}`);
        const focusedId = () => element.shadowRoot!.activeElement?.getAttribute('data-comment-id');
        await waitUntil(() => focusedId() === 'w250' || part(element, 'retry-button'), 'the linked reply was not focused', { interval: 1, timeout: 10_000 });
        expect(part(element, 'error'), `the thread did not load: ${loadErrors.join('; ')}`).to.equal(null);
        expect(parts(element, 'comment').length, 'comments rendered when the linked one took focus').to.be.below(603);
        await element.updateComplete;
        expect(element.shadowRoot!.activeElement?.getAttribute('data-comment-id')).to.equal('w250');
      } finally {
        history.replaceState(history.state, '', location.pathname + location.search);
      }
    });
  });

  it('leaves the thread untouched while the reader types, and adds "Load more" and posted comments without changing the others', async () => {
    worker.use(...createRestServer({ endpoint, threads: new Map([['paged', manyComments(60)]]) }).handlers);
    const element = await mount('paged', { pageSize: 40 });
    const thread = part(element, 'thread')!;
    const before = parts(element, 'comment');
    expect(before).to.have.length(80);

    let changes = watch(thread);
    await type(element, '#comment-text', 'A thought about this post');
    await type(element, '[name="name"]', 'Reader');
    await type(element, '[name="email"]', 'reader@example.com');
    expect(changes.stop(), 'changes in the thread while typing').to.have.length(0);

    changes = watch(thread);
    part(element, 'load-more')!.click();
    await waitUntil(() => parts(element, 'comment').length === 120, '"Load more" never showed the next page');
    await element.updateComplete;
    const records = changes.stop();
    expect(parts(element, 'comment')).to.have.length(120);
    expect(records.flatMap((record) => [...record.removedNodes]), 'nodes removed by "Load more"').to.have.length(0);
    expect(records.filter((record) => record.type !== 'childList'), 'attributes or text changed by "Load more"').to.have.length(0);
    expect(parts(element, 'comment').slice(0, 80)).to.deep.equal(before);

    changes = watch(thread);
    (part(element, 'submit-button') as HTMLButtonElement).click();
    await waitUntil(() => parts(element, 'comment').length === 121, 'the posted comment never showed');
    await element.updateComplete;
    const posted = changes.stop();
    expect(posted.flatMap((record) => [...record.removedNodes]), 'nodes removed by posting').to.have.length(0);
    expect(parts(element, 'comment').slice(0, 80)).to.deep.equal(before);
  });

  it('sanitises each body once: the same body elements stay through replies, typing and a change that re-renders every comment', async () => {
    worker.use(...createRestServer({ endpoint, threads: new Map([['once', manyComments(30)]]) }).handlers);
    const element = await mount('once');
    const bodies = parts(element, 'comment-body');
    expect(bodies).to.have.length(40);

    (parts(element, 'reply-button')[3] as HTMLButtonElement).click();
    await element.updateComplete;
    await type(element, '#comment-text', 'Replying');
    part(element, 'cancel-reply')!.click();
    await element.updateComplete;
    // Owner names change how every comment renders: every block renders again.
    element.ownerNames = ['Author t1'];
    await element.updateComplete;
    expect(parts(element, 'unverified-badge'), 'the re-render happened').to.have.length(1);
    expect(parts(element, 'comment-body')).to.deep.equal(bodies);
  });

  it('keeps focus and caret in a reply being typed when its block is rendered again', async () => {
    worker.use(...createRestServer({ endpoint, threads: new Map([['focus', manyComments(10)]]) }).handlers);
    const element = await mount('focus');
    const article = $(element, '[data-comment-id="t2"]')!;
    (article.querySelector('[part~="reply-button"]') as HTMLButtonElement).click();
    await element.updateComplete;
    expect(article.querySelector('[part~="reply-button"]')!.getAttribute('aria-expanded')).to.equal('true');
    expect(part(element, 'reply-form')!.closest('li')).to.equal(article.closest('li'));
    await type(element, '#comment-text', 'Half a sentence');
    const textarea = $(element, '#comment-text') as HTMLTextAreaElement;
    textarea.setSelectionRange(4, 4);
    element.ownerNames = ['Someone'];
    await element.updateComplete;
    expect(element.shadowRoot!.activeElement).to.equal(textarea);
    expect([textarea.selectionStart, textarea.value]).to.deep.equal([4, 'Half a sentence']);
    expect(part(element, 'reply-form')!.closest('li')!.querySelector('article')!.dataset.commentId).to.equal('t2');
  });

  it('formats dates with Intl formatters made once per locale, not once per comment', async () => {
    const made = { relative: 0, absolute: 0 };
    const { RelativeTimeFormat, DateTimeFormat } = Intl;
    const writable = Intl as { RelativeTimeFormat: unknown; DateTimeFormat: unknown };
    writable.RelativeTimeFormat = new Proxy(RelativeTimeFormat, { construct: (target, args) => (made.relative++, new target(...args)) });
    writable.DateTimeFormat = new Proxy(DateTimeFormat, { construct: (target, args) => (made.absolute++, new target(...args)) });
    try {
      worker.use(...createRestServer({ endpoint, threads: new Map([['dates', manyComments(100)]]) }).handlers);
      const element = await mount('dates', { pageSize: 100 });
      expect(parts(element, 'comment-date')).to.have.length(200);
      expect(parts(element, 'comment-date')[5]!.getAttribute('title')).to.match(/2024/);
      expect(made.relative, 'relative-time formatters made').to.be.at.most(1);
      expect(made.absolute, 'date formatters made').to.be.at.most(1);
    } finally {
      writable.RelativeTimeFormat = RelativeTimeFormat;
      writable.DateTimeFormat = DateTimeFormat;
    }
  });

  it('leaves no window or document listeners, observers or timers behind after being mounted and removed 100 times', async () => {
    worker.use(...createRestServer({ endpoint, threads: new Map([['churn', manyComments(40)]]) }).handlers);
    const listeners = new Map<string, number>();
    const key = (target: EventTarget, type: string) => `${target === window ? 'window' : 'document'} ${type}`;
    const { addEventListener, removeEventListener } = EventTarget.prototype;
    const count = (target: EventTarget, type: string, by: number) => listeners.set(key(target, type), (listeners.get(key(target, type)) ?? 0) + by);
    EventTarget.prototype.addEventListener = function (this: EventTarget, type: string, ...rest: unknown[]) {
      if (this === window || this === document) {
        // A listener added with a signal is removed when the signal aborts.
        const signal = (rest[1] as AddEventListenerOptions | undefined)?.signal;
        if (!signal?.aborted) count(this, type, 1);
        if (signal && !signal.aborted) addEventListener.call(signal, 'abort', () => count(this, type, -1), { once: true });
      }
      return (addEventListener as (...args: unknown[]) => void).call(this, type, ...rest);
    } as typeof addEventListener;
    EventTarget.prototype.removeEventListener = function (this: EventTarget, type: string, ...rest: unknown[]) {
      if (this === window || this === document) count(this, type, -1);
      return (removeEventListener as (...args: unknown[]) => void).call(this, type, ...rest);
    } as typeof removeEventListener;
    const NativeObserver = window.IntersectionObserver;
    const observing = new Set<IntersectionObserver>();
    window.IntersectionObserver = class extends NativeObserver {
      override observe(target: Element) {
        observing.add(this);
        super.observe(target);
      }
      override disconnect() {
        observing.delete(this);
        super.disconnect();
      }
    };
    const { setTimeout: nativeSetTimeout, clearTimeout: nativeClearTimeout } = window;
    // Timers Parley's own code starts (test helpers leave theirs to expire).
    const timers = new Set<number>();
    window.setTimeout = ((callback: () => void, delay?: number) => {
      const id = nativeSetTimeout(() => {
        timers.delete(id);
        callback();
      }, delay);
      if (new Error().stack?.includes(`${location.origin}/src/`)) timers.add(id);
      return id;
    }) as typeof setTimeout;
    window.clearTimeout = ((id: number | undefined) => {
      if (id !== undefined) timers.delete(id);
      nativeClearTimeout(id);
    }) as typeof clearTimeout;
    const host = await fixture<HTMLDivElement>(html`<div></div>`);
    const heap = () => (performance as { memory?: { usedJSHeapSize: number } }).memory?.usedJSHeapSize;
    const gc = (window as { gc?: () => void }).gc;
    const removed: WeakRef<ParleyComments>[] = [];
    const churn = async (times: number) => {
      for (let n = 0; n < times; n++) {
        const element = document.createElement('parley-comments') as ParleyComments;
        removed.push(new WeakRef(element));
        Object.assign(element, { backend: 'rest', endpoint, thread: 'churn', loading: n % 2 ? 'lazy' : 'eager' });
        host.append(element);
        await element.updateComplete;
        if (n % 2 === 0) await settled(element);
        await type(element, '#comment-text', `draft ${n}`);
        element.remove();
        localStorage.clear();
      }
    };
    try {
      await churn(10);
      gc?.();
      const start = heap();
      await churn(100);
      // Longer than any timer the element starts (the 300 ms draft save).
      await new Promise((resolve) => nativeSetTimeout(resolve, 400));
      const leftover = [...listeners].filter(([, count]) => count !== 0);
      expect(leftover, 'window and document listeners still registered').to.deep.equal([]);
      expect(observing.size, 'intersection observers still observing').to.equal(0);
      expect(timers.size, 'timers still pending').to.equal(0);
      expect(host.childElementCount).to.equal(0);
      if (gc && start !== undefined) {
        // Collected in tasks of their own, twice: DOM nodes and their script wrappers go in separate passes.
        for (let pass = 0; pass < 3; pass++) {
          await new Promise((resolve) => nativeSetTimeout(resolve, 500));
          gc();
        }
        await new Promise((resolve) => nativeSetTimeout(resolve, 0));
        const growth = heap()! - start;
        // A leak keeps every removed element; the browser may still hold the last few (focus, a request just answered).
        expect(removed.filter((ref) => ref.deref()).length, 'removed elements still in memory').to.be.at.most(5);
        // One leaked element with its 80 comments weighs far more than this per mount.
        expect(growth, `heap growth after 100 mounts: ${growth} bytes`).to.be.below(100 * 5_000);
      }
    } finally {
      EventTarget.prototype.addEventListener = addEventListener;
      EventTarget.prototype.removeEventListener = removeEventListener;
      window.IntersectionObserver = NativeObserver;
      window.setTimeout = nativeSetTimeout;
      window.clearTimeout = nativeClearTimeout;
    }
  });
});
