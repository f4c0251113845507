import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import '../src/define.js';
import { mountFromScript } from '../src/embed/mount.js';
import type { ParleyComments } from '../src/elements/parley-comments.js';
import type { Messages } from '../src/i18n/en.js';
import { setLocaleLoader } from '../src/i18n/locales.js';
import { createRestServer } from './mocks/rest-server.js';
import { threadedConversation } from './mocks/fixtures.js';
import { startWorker } from './mocks/worker.js';

const endpoint = 'https://comments.test/api';

function scriptWith(data: Record<string, string>): HTMLScriptElement {
  const script = document.createElement('script');
  for (const [name, value] of Object.entries(data)) script.setAttribute(`data-${name}`, value);
  return script;
}

describe('script-tag mounting', () => {
  it('copies every data- attribute the element knows onto a new <parley-comments> after the script', async () => {
    const host = await fixture<HTMLDivElement>(html`<div></div>`);
    const script = scriptWith({ backend: 'local', thread: '/2014/networking/', 'page-size': '5', 'max-depth': '2', unrelated: 'x' });
    host.append(script);
    const element = mountFromScript(script) as ParleyComments;
    expect(script.nextElementSibling).to.equal(element);
    expect(element.getAttribute('backend')).to.equal('local');
    expect(element.thread).to.equal('/2014/networking/');
    expect(element.pageSize).to.equal(5);
    expect(element.maxDepth).to.equal(2);
    expect(element.hasAttribute('unrelated')).to.equal(false);
  });

  it('mounts inside the element named by data-target', async () => {
    const host = await fixture<HTMLDivElement>(html`<div><section id="comments-here"></section></div>`);
    const script = scriptWith({ backend: 'local', target: '#comments-here' });
    host.append(script);
    const element = mountFromScript(script);
    expect(element.parentElement!.id).to.equal('comments-here');
  });

  for (const [target, problem] of [
    ['#nowhere', 'matches no element'],
    // An id starting with a digit is no selector without escaping: querySelector throws.
    ['#2024-comments', 'is not a valid CSS selector'],
  ]) {
    it(`falls back to after the script, with a warning, when data-target ${problem}`, async () => {
      const host = await fixture<HTMLDivElement>(html`<div><section id="2024-comments"></section></div>`);
      const script = scriptWith({ backend: 'local', target: target! });
      host.append(script);
      const warnings: string[] = [];
      const original = console.warn;
      console.warn = (message: string) => warnings.push(message);
      try {
        const element = mountFromScript(script);
        expect(script.nextElementSibling).to.equal(element);
      } finally {
        console.warn = original;
      }
      expect(warnings[0]).to.equal(`[parley] data-target "${target}" ${problem}; mounting after the script.`);
    });
  }
});

describe('dist/parley.js through a real <script> tag', () => {
  let worker: Awaited<ReturnType<typeof startWorker>>;
  before(async () => {
    worker = await startWorker();
  });
  afterEach(() => worker.resetHandlers());

  function load(data: Record<string, string>, parent: Element): Promise<void> {
    const script = scriptWith(data);
    script.src = '/dist/parley.js';
    parent.append(script);
    return new Promise((resolve, reject) => {
      script.onload = () => resolve();
      script.onerror = () => reject(new Error('parley.js failed to load (run the build first)'));
    });
  }

  it('mounts from data- attributes, loads the thread, and loading it twice does not throw', async () => {
    worker.use(...createRestServer({ endpoint, threads: new Map([['/embedded/', threadedConversation()]]) }).handlers);
    const errors: unknown[] = [];
    const onError = (event: ErrorEvent) => errors.push(event.error ?? event.message);
    window.addEventListener('error', onError);
    try {
      const host = await fixture<HTMLDivElement>(html`<div></div>`);
      await load({ backend: 'rest', endpoint, thread: '/embedded/' }, host);
      await load({ backend: 'rest', endpoint, thread: '/embedded/' }, host);
      const elements = host.querySelectorAll('parley-comments');
      expect(elements).to.have.length(2);
      for (const element of elements) {
        await waitUntil(() => element.shadowRoot?.querySelectorAll('[part~="comment"]').length === 4, 'thread not rendered');
      }
    } finally {
      window.removeEventListener('error', onError);
    }
    expect(errors).to.deep.equal([]);
  });

  it('keeps the space between a label and "(required)" through minification (the accessible names)', async () => {
    const host = await fixture<HTMLDivElement>(html`<div></div>`);
    await load({ backend: 'local', thread: `/labels/${Math.random()}`, loading: 'eager' }, host);
    const shadow = host.querySelector('parley-comments')!.shadowRoot!;
    await waitUntil(() => shadow.querySelector('textarea'), 'no form');
    shadow.querySelector('textarea')!.focus();
    await waitUntil(() => shadow.querySelector('[part~="guest-fields"]'), 'the guest fields did not show');
    const labels = [...shadow.querySelectorAll('[part~="field-label"]')].map((label) => label.textContent!.trim());
    expect(labels).to.deep.equal(['Comment (required)', 'Email (required)', 'Name (required)', 'Website']);
  });
});

describe('lazy loading', () => {
  let worker: Awaited<ReturnType<typeof startWorker>>;
  let requests: string[];
  before(async () => {
    worker = await startWorker();
  });
  beforeEach(() => {
    requests = [];
    const server = createRestServer({ endpoint, threads: new Map([['/lazy/', threadedConversation()]]) });
    worker.use(...server.handlers);
    worker.events.on('request:start', ({ request }) => {
      if (request.url.startsWith(endpoint)) requests.push(request.url);
    });
  });
  afterEach(() => {
    worker.resetHandlers();
    worker.events.removeAllListeners();
  });

  it('a script tag sets loading="lazy" unless data-loading says otherwise', async () => {
    const host = await fixture<HTMLDivElement>(html`<div></div>`);
    const lazy = scriptWith({ backend: 'local' });
    const eager = scriptWith({ backend: 'local', loading: 'eager' });
    host.append(lazy, eager);
    expect((mountFromScript(lazy) as ParleyComments).loading).to.equal('lazy');
    expect((mountFromScript(eager) as ParleyComments).loading).to.equal('eager');
  });

  it('fetches nothing until the element is near the viewport, then loads the thread', async () => {
    const host = await fixture<HTMLDivElement>(html`<div><div style="height: 5000px"></div></div>`);
    const element = document.createElement('parley-comments');
    Object.assign(element, { backend: 'rest', endpoint, thread: '/lazy/', loading: 'lazy' });
    host.append(element);
    await element.updateComplete;
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(requests, 'requests while far below the viewport').to.deep.equal([]);
    expect(element.shadowRoot!.querySelector('#comment-text'), 'the form is there already').to.not.equal(null);
    element.scrollIntoView();
    await waitUntil(() => element.shadowRoot!.querySelectorAll('[part~="comment"]').length === 4, 'thread not loaded after scrolling');
    expect(requests).to.have.length(1);
    window.scrollTo(0, 0);
  });

  it('fetches no language file either until the element is near the viewport', async () => {
    const asked: string[] = [];
    setLocaleLoader(async (locale) => {
      asked.push(locale);
      return ((await import(`../src/i18n/locales/${locale}.ts`)) as { default: Messages }).default;
    });
    const host = await fixture<HTMLDivElement>(html`<div><div style="height: 5000px"></div></div>`);
    const element = document.createElement('parley-comments');
    Object.assign(element, { backend: 'rest', endpoint, thread: '/lazy/', loading: 'lazy' });
    element.setAttribute('lang', 'nl');
    host.append(element);
    await element.updateComplete;
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(asked, 'languages asked for while far below the viewport').to.deep.equal([]);
    expect(requests).to.deep.equal([]);
    element.scrollIntoView();
    await waitUntil(() => element.shadowRoot!.querySelector('[part~="header"]')?.textContent?.trim() === '4 reacties', 'not shown in Dutch after scrolling');
    expect(asked).to.deep.equal(['nl']);
    window.scrollTo(0, 0);
  });

  /** A lazy element far below the viewport. */
  async function farBelow(): Promise<ParleyComments> {
    const host = await fixture<HTMLDivElement>(html`<div><div style="height: 5000px"></div></div>`);
    const element = document.createElement('parley-comments');
    Object.assign(element, { backend: 'rest', endpoint, thread: '/lazy/', loading: 'lazy' });
    host.append(element);
    return element;
  }

  /** Waits until the comment by `author` has focus, and checks it was scrolled into view. */
  async function focusedComment(element: ParleyComments, author: string): Promise<void> {
    await waitUntil(
      () => element.shadowRoot!.activeElement?.querySelector('[part~="comment-author"]')?.textContent?.trim() === author,
      `the comment by ${author} was not focused`,
    );
    const box = element.shadowRoot!.activeElement!.getBoundingClientRect();
    expect(box.top, 'the comment is on screen').to.be.within(0, window.innerHeight);
  }

  it('loads at once, and shows the comment, when the page address is a permalink to one of its comments', async () => {
    history.replaceState(history.state, '', '#comment-4');
    try {
      const element = await farBelow();
      await focusedComment(element, 'Dave');
      expect(requests).to.have.length(1);
    } finally {
      history.replaceState(history.state, '', location.pathname + location.search);
      window.scrollTo(0, 0);
    }
  });

  it('loads, and shows the comment, when the address changes to a permalink while it waits for the viewport', async () => {
    const element = await farBelow();
    await element.updateComplete;
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(requests, 'requests before the address changes').to.deep.equal([]);
    try {
      location.hash = '#comment-2';
      await focusedComment(element, 'Bob');
    } finally {
      history.replaceState(history.state, '', location.pathname + location.search);
      window.scrollTo(0, 0);
    }
  });

  it('an eager element (the default for the element) loads at once, wherever it is', async () => {
    const host = await fixture<HTMLDivElement>(html`<div><div style="height: 5000px"></div></div>`);
    const element = document.createElement('parley-comments');
    Object.assign(element, { backend: 'rest', endpoint, thread: '/lazy/' });
    host.append(element);
    await waitUntil(() => element.shadowRoot!.querySelectorAll('[part~="comment"]').length === 4, 'thread not loaded');
    expect(requests).to.have.length(1);
  });
});
