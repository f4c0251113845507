/**
 * Browsers without the HTML Sanitizer API: DOMPurify is loaded on demand,
 * by the npm modules and by the script tag (dist/parley-dompurify.js), and
 * bodies are sanitised the same way.
 */
import './without-native-sanitizer.js';
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { http, HttpResponse } from 'msw';
import '../../src/define.js';
import type { ParleyComments } from '../../src/elements/parley-comments.js';
import { nativeSanitizer } from '../../src/sanitize/native-engine.js';
import { LINK_REL, prepareSanitizer, sanitizeCommentHtml, sanitizerEngine } from '../../src/sanitize/sanitize-html.js';
import { createRestServer } from '../mocks/rest-server.js';
import { wireComment } from '../mocks/fixtures.js';
import { startWorker } from '../mocks/worker.js';

const endpoint = 'https://comments.test/api';
const BODY = '<p>Some <strong>bold</strong>, <span class="x">a span</span>, <a href="https://example.org/" onclick="x()">a link</a><img src=x onerror="window.__xss=1"></p>';
const CLEAN = `<p>Some <strong>bold</strong>, a span, <a href="https://example.org/" rel="${LINK_REL}" target="_blank">a link</a></p>`;

function thread() {
  return [wireComment('1', { html: BODY }), wireComment('2', { parentId: '1', html: '<p>A <em>reply</em>.</p>' })];
}

function bodies(element: Element): string[] {
  return [...element.shadowRoot!.querySelectorAll('[part~="comment-body"]')].map((body) => body.innerHTML);
}

const fetched = (name: string) => performance.getEntriesByType('resource').filter((entry) => entry.name.includes(name));

describe('without the HTML Sanitizer API', () => {
  let worker: Awaited<ReturnType<typeof startWorker>>;
  before(async () => {
    worker = await startWorker();
    // The test runner's own modules fill the default buffer of 250 entries.
    performance.clearResourceTimings();
    performance.setResourceTimingBufferSize(10_000);
  });
  afterEach(() => worker.resetHandlers());

  it('the native engine reports itself missing', () => {
    expect(nativeSanitizer()).to.equal(null);
  });

  it('sanitizeCommentHtml says what to do when called before the sanitiser is ready', () => {
    expect(sanitizerEngine()).to.equal(undefined);
    expect(() => sanitizeCommentHtml('<p>x</p>')).to.throw(/await prepareSanitizer\(\)/);
  });

  it('the element loads DOMPurify, then shows the thread sanitised by it', async () => {
    worker.use(...createRestServer({ endpoint, threads: new Map([['fallback', thread()]]) }).handlers);
    const element = await fixture<ParleyComments>(html`<parley-comments backend="rest" endpoint=${endpoint} thread="fallback"></parley-comments>`);
    await waitUntil(() => element.shadowRoot!.querySelectorAll('[part~="comment"]').length === 2, 'the thread did not render');
    expect(sanitizerEngine()).to.equal('dompurify');
    expect(fetched('dompurify-engine')).to.have.length(1);
    expect(bodies(element)).to.deep.equal([CLEAN, '<p>A <em>reply</em>.</p>']);
    expect((window as { __xss?: unknown }).__xss).to.equal(undefined);
    // Ready now: the boundary answers at once.
    await prepareSanitizer();
    const holder = document.createElement('div');
    holder.append(sanitizeCommentHtml(BODY));
    expect(holder.innerHTML).to.equal(CLEAN);
  });

  /** dist/parley.js in a frame of its own (here, the npm modules' element is defined already). */
  async function scriptTagFrame(thread: string): Promise<{ frame: HTMLIFrameElement; element: Element }> {
    const frame = await fixture<HTMLIFrameElement>(html`<iframe src="/test/sanitize/fallback-frame.html?thread=${thread}"></iframe>`);
    await waitUntil(() => frame.contentDocument?.querySelector('parley-comments'), 'nothing was mounted in the frame');
    return { frame, element: frame.contentDocument!.querySelector('parley-comments')! };
  }

  // Before the request that succeeds: a browser may answer the same URL from its memory cache.
  it('when the sanitiser cannot load, the thread shows its load error (and Retry), and the form stays', async () => {
    worker.use(
      http.get('*/dist/parley-dompurify.js', () => new HttpResponse('Not found', { status: 404 })),
      ...createRestServer({ endpoint, threads: new Map([['unavailable', thread()]]) }).handlers,
    );
    const { frame, element } = await scriptTagFrame('unavailable');
    await waitUntil(() => element.shadowRoot?.querySelector('[part~="retry-button"]'), 'no load error shown', { timeout: 10_000 });
    expect(element.shadowRoot!.querySelector('[part~="error"]')!.textContent).to.contain('Could not load the comments.');
    expect(element.shadowRoot!.querySelectorAll('[part~="comment"]')).to.have.length(0);
    const [error] = (frame.contentWindow as Window & { parleyErrors: { code: string; message: string }[] }).parleyErrors;
    expect(error!.code).to.equal('network');
    expect(error!.message).to.match(/^Could not load the sanitiser this browser needs \(DOMPurify\)/);
    // The reader can still write.
    expect(element.shadowRoot!.querySelector('#comment-text')).to.not.equal(null);
  });

  it('dist/parley.js fetches dist/parley-dompurify.js from beside itself, and renders the thread', async () => {
    worker.use(...createRestServer({ endpoint, threads: new Map([['script-fallback', thread()]]) }).handlers);
    const { frame, element } = await scriptTagFrame('script-fallback');
    await waitUntil(() => element.shadowRoot?.querySelectorAll('[part~="comment"]').length === 2, 'the thread did not render');
    const requested = frame.contentWindow!.performance.getEntriesByType('resource').map((entry) => new URL(entry.name).pathname);
    expect(requested.filter((path) => path.startsWith('/dist/'))).to.deep.equal(['/dist/parley.js', '/dist/parley-dompurify.js']);
    expect(bodies(element)).to.deep.equal([CLEAN, '<p>A <em>reply</em>.</p>']);
  });
});
