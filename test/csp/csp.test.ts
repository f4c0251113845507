/**
 * Parley on a page served with the strict CSP of docs/security.md:
 *
 *   script-src 'nonce-…' 'strict-dynamic'; object-src 'none'; base-uri 'none';
 *   style-src 'self'; require-trusted-types-for 'script'; trusted-types lit-html parley
 *
 * Each page (test/csp/*.html) is loaded in a frame from the test server
 * (test/csp/csp-server.mjs), which sets that header and files the frame's
 * violation reports under a run id. The page itself holds nothing but Parley
 * and a listener for `securitypolicyviolation`; the comment server is this
 * test page's msw worker, which also answers the frame's requests.
 */
import { expect, waitUntil } from '@open-wc/testing';
import { http, passthrough } from 'msw';
import { createRestServer, type WireComment } from '../mocks/rest-server.js';
import { wireComment } from '../mocks/fixtures.js';
import { startWorker } from '../mocks/worker.js';
import { recordSecurityResult } from '../sanitize/security-results.js';

const endpoint = 'https://comments.test/api';
const THREAD = 'csp-thread';
/**
 * What the site owner lists: the test fails if Parley needs a policy not named here.
 * `parley` is used only where the browser has no HTML Sanitizer API (DOMPurify parses through it).
 */
const TRUSTED_TYPES = ['lit-html', 'parley'];
/** module.html without the HTML Sanitizer API: Parley sanitises with DOMPurify there. */
const WITHOUT_SANITIZER_API = 'module.html?without-sanitizer-api';
/** The page that needs each policy. */
const NEEDED_ON: Record<string, string> = { 'lit-html': 'module.html', parley: WITHOUT_SANITIZER_API };

interface Violation {
  directive: string;
  blocked: string;
  sample: string;
  source: string;
  disposition: string;
}

interface CspReport {
  'effective-directive'?: string;
  'violated-directive'?: string;
  'blocked-uri'?: string;
  'script-sample'?: string;
}

type FrameWindow = Window & typeof globalThis & { cspViolations: Violation[]; xssCalls: string[] };

/** Violations seen in every frame of this file, for the summary line the security script reads. */
const seen: { page: string; violations: Violation[]; reports: CspReport[] }[] = [];

function seedThread(): WireComment[] {
  return [
    wireComment('1', {
      author: { name: 'Alice', url: 'https://alice.example/', avatar: null },
      html: '<p>Formatted <strong>text</strong>, a <a href="https://example.org/">link</a> and <span class="x">nothing</span> else.</p>',
    }),
    wireComment('2', { parentId: '1', author: { name: 'Bob', url: null, avatar: null }, html: '<p>A reply <em>with</em> <code>code</code>.</p>' }),
  ];
}

let runs = 0;
function runId(): string {
  return `csp-${Date.now().toString(36)}-${++runs}`;
}

/**
 * Loads `page` (which may carry a query of its own) in a fresh frame under the
 * CSP, optionally with another trusted-types list.
 */
async function openPage(page: string, run: string, trustedTypes?: string[]): Promise<HTMLIFrameElement> {
  const frame = document.createElement('iframe');
  const [path, own] = page.split('?');
  const query = new URLSearchParams(own);
  query.set('run', run);
  if (trustedTypes) query.set('trusted-types', trustedTypes.join(','));
  frame.src = `/test/csp/${path}?${query}`;
  frame.style.inlineSize = '800px';
  frame.style.blockSize = '600px';
  const loaded = new Promise((resolve) => frame.addEventListener('load', resolve, { once: true }));
  document.body.append(frame);
  await loaded;
  return frame;
}

function win(frame: HTMLIFrameElement): FrameWindow {
  return frame.contentWindow as FrameWindow;
}

function comments(frame: HTMLIFrameElement): (HTMLElement & { updateComplete: Promise<unknown> }) | null {
  return frame.contentDocument!.querySelector('parley-comments');
}

function shadow(frame: HTMLIFrameElement): ShadowRoot {
  return comments(frame)!.shadowRoot!;
}

function authors(frame: HTMLIFrameElement): string[] {
  return [...shadow(frame).querySelectorAll('[part~="comment-author"]')].map((node) => node.textContent!.trim());
}

/** Types the way a reader does, with the frame's own event classes. */
function type(frame: HTMLIFrameElement, selector: string, value: string): void {
  const input = shadow(frame).querySelector<HTMLInputElement | HTMLTextAreaElement>(selector)!;
  input.focus();
  input.value = value;
  input.dispatchEvent(new (win(frame).InputEvent)('input', { bubbles: true, composed: true }));
}

async function reports(run: string): Promise<CspReport[]> {
  const response = await fetch(`/__csp-report/${run}`, { cache: 'no-store' });
  return (await response.json()) as CspReport[];
}

const directiveOf = (report: CspReport) => report['effective-directive'] ?? report['violated-directive'] ?? '';

/**
 * Causes two violations on purpose, after the scenario: an inline <style> and (where
 * Trusted Types are enforced) a string given to innerHTML. Both must reach the frame's
 * listener and the report endpoint; that proves the zero counts are not from a deaf listener.
 */
async function provokeControls(frame: HTMLIFrameElement, run: string): Promise<{ enforcesTrustedTypes: boolean }> {
  const doc = frame.contentDocument!;
  const before = win(frame).cspViolations.length;
  const style = doc.createElement('style');
  style.textContent = 'body { outline: 1px solid red }';
  doc.head.append(style);
  let enforcesTrustedTypes = false;
  try {
    doc.createElement('div').innerHTML = '<b>control</b>';
  } catch (error) {
    enforcesTrustedTypes = error instanceof win(frame).TypeError;
  }
  const expected = enforcesTrustedTypes ? ['require-trusted-types-for', 'style-src-elem'] : ['style-src-elem'];
  await waitUntil(() => win(frame).cspViolations.length >= before + expected.length, 'the control violations were not reported to the page', { timeout: 5000 });
  expect(win(frame).cspViolations.slice(before).map((v) => v.directive).sort()).to.deep.equal(expected);
  let received: CspReport[] = [];
  await waitUntil(
    async () => {
      received = await reports(run);
      return expected.every((directive) => received.some((report) => directiveOf(report) === directive));
    },
    'the control violations did not reach the report endpoint',
    { timeout: 10_000, interval: 100 },
  );
  return { enforcesTrustedTypes };
}

/** Whether this browser enforces Trusted Types (asked of a page under the CSP). */
let enforcesTrustedTypes: boolean | undefined;
/** Policy names shown to be needed (their absence was reported). */
const needed: string[] = [];
/** Hostile bodies rendered under the CSP, and the reports their parsing caused. */
let hostile: { bodies: number; executed: number; parseReports: number } | null = null;

describe('Parley under a strict CSP with Trusted Types', function () {
  this.timeout(60_000);
  let worker: Awaited<ReturnType<typeof startWorker>>;
  let server: ReturnType<typeof createRestServer>;
  const frames: HTMLIFrameElement[] = [];

  async function open(page: string, run: string, trustedTypes?: string[]): Promise<HTMLIFrameElement> {
    const frame = await openPage(page, run, trustedTypes);
    frames.push(frame);
    return frame;
  }

  before(async () => {
    worker = await startWorker();
  });

  beforeEach(() => {
    localStorage.removeItem('parley:guest');
    for (const key of Object.keys(localStorage)) if (key.startsWith('parley:held:')) localStorage.removeItem(key);
    server = createRestServer({ endpoint, threads: new Map([[THREAD, seedThread()]]) });
    // Violation reports (sent by the frames, read by this page) belong to the test server.
    worker.use(http.all('/__csp-report/:run', () => passthrough()), ...server.handlers);
  });

  afterEach(() => {
    worker.resetHandlers();
    localStorage.removeItem('parley:guest');
    for (const frame of frames.splice(0)) frame.remove();
  });

  after(async () => {
    // For the tally of `npm run test:security`: what ran here, and every violation counted.
    await recordSecurityResult('csp', {
      pages: seen.map((page) => page.page),
      violations: seen.reduce((sum, page) => sum + page.violations.length + page.reports.length, 0),
      trustedTypesEnforced: enforcesTrustedTypes ?? null,
      policiesShownNeeded: needed,
      hostile,
    });
  });

  it('the test pages are served with exactly the documented policy', async () => {
    const response = await fetch('/test/csp/module.html?run=header', { cache: 'no-store' });
    const policy = response.headers.get('content-security-policy')!;
    const directives = policy.split(';').map((directive) => directive.trim().replace(/'nonce-[^']+'/, "'nonce-…'"));
    expect(directives).to.deep.equal([
      "script-src 'nonce-…' 'strict-dynamic'",
      "object-src 'none'",
      "base-uri 'none'",
      "style-src 'self'",
      "require-trusted-types-for 'script'",
      `trusted-types ${TRUSTED_TYPES.join(' ')}`,
      'report-uri /__csp-report/header',
    ]);
    // Every script tag carries this response's nonce, and no other page is affected.
    const nonce = /'nonce-([^']+)'/.exec(policy)![1]!;
    const html = await response.text();
    expect(html.match(/<script\b/g)!.length).to.equal(html.split(`<script nonce="${nonce}"`).length - 1);
    expect((await fetch('/test/mocks/fixtures.ts')).headers.get('content-security-policy')).to.equal(null);
  });

  for (const page of ['module.html', 'script-tag.html']) {
    it(`${page}: the thread renders, a guest posts and is remembered, with zero violations`, async () => {
      const run = runId();
      const frame = await open(page, run);

      // The thread renders, bodies sanitised (DOMPurify parsed them through the policy).
      await waitUntil(() => comments(frame)?.shadowRoot?.querySelectorAll('[part~="comment"]').length === 2, 'the thread did not render', { timeout: 10_000 });
      expect(authors(frame)).to.deep.equal(['Alice', 'Bob']);
      const body = shadow(frame).querySelector('[part~="comment-body"]')!;
      expect(body.querySelector('strong')?.textContent).to.equal('text');
      expect(body.querySelector('a')?.getAttribute('rel')).to.equal('nofollow ugc noopener noreferrer');
      expect(body.querySelector('span')?.outerHTML ?? null, 'the sanitiser removed the span').to.equal(null);
      // Styles come from an adopted stylesheet: no <style> element, and no style attribute but the room a
      // block of comments holds off screen, which is set through the CSSOM (allowed by style-src; the
      // violations are counted below).
      expect(shadow(frame).adoptedStyleSheets.length).to.be.greaterThan(0);
      // (Elements of the frame are compared as text: chai cannot print another window's nodes.)
      expect(shadow(frame).querySelector('style, [style]:not(.block)')?.outerHTML ?? null).to.equal(null);
      const blockStyles = [...shadow(frame).querySelectorAll('.block[style]')].map((block) => block.getAttribute('style'));
      expect(blockStyles).to.deep.equal(['contain-intrinsic-size: auto 20em;']);

      // A guest posts and asks to be remembered.
      type(frame, '#comment-text', 'Posted under a strict CSP.');
      await comments(frame)!.updateComplete;
      type(frame, 'input[name="email"]', 'ann@example.com');
      type(frame, 'input[name="name"]', 'Ann');
      shadow(frame).querySelector<HTMLInputElement>('input[name="remember"]')!.click();
      await comments(frame)!.updateComplete;
      shadow(frame).querySelector<HTMLButtonElement>('[part~="submit-button"]')!.click();
      await waitUntil(() => authors(frame).includes('Ann'), 'the posted comment did not appear', { timeout: 10_000 });
      expect(server.posts).to.have.length(1);
      const posted = [...shadow(frame).querySelectorAll('[part~="comment-body"]')].map((node) => node.textContent!.trim());
      expect(posted).to.include('Posted under a strict CSP.');
      expect(JSON.parse(win(frame).localStorage.getItem('parley:guest')!)).to.include({ name: 'Ann', email: 'ann@example.com' });
      const firstLoad = [...win(frame).cspViolations];

      // Reloaded, the page remembers the guest.
      const reloaded = new Promise((resolve) => frame.addEventListener('load', resolve, { once: true }));
      win(frame).location.reload();
      await reloaded;
      await waitUntil(() => comments(frame)?.shadowRoot?.querySelector('#comment-text'), 'the form did not render after the reload', { timeout: 10_000 });
      shadow(frame).querySelector<HTMLTextAreaElement>('#comment-text')!.focus();
      await waitUntil(() => shadow(frame).querySelector<HTMLInputElement>('input[name="name"]')?.value === 'Ann', 'the guest was not remembered', { timeout: 10_000 });
      expect(shadow(frame).querySelector<HTMLInputElement>('input[name="email"]')!.value).to.equal('ann@example.com');
      await waitUntil(() => authors(frame).includes('Ann'), 'the thread did not render after the reload', { timeout: 10_000 });
      const secondLoad = [...win(frame).cspViolations];

      expect(firstLoad, 'violations reported to the page (first load)').to.deep.equal([]);
      expect(secondLoad, 'violations reported to the page (after the reload)').to.deep.equal([]);
      // Now prove the listener and the endpoint hear violations, then that they heard only those.
      const controls = await provokeControls(frame, run);
      enforcesTrustedTypes = controls.enforcesTrustedTypes;
      const expected = enforcesTrustedTypes ? ['require-trusted-types-for', 'style-src-elem'] : ['style-src-elem'];
      const received = await reports(run);
      expect(received.map(directiveOf).sort(), 'reports received: only the controls').to.deep.equal(expected);
      seen.push({ page, violations: [...firstLoad, ...secondLoad], reports: received.filter((report) => !expected.includes(directiveOf(report))) });
    });
  }

  it('script-tag-language.html: a German page with owner names and big pages gets its catalogue and both parts from beside parley.js, with zero violations', async () => {
    const run = runId();
    const frame = await open('script-tag-language.html', run);
    const german = (await import('../../src/i18n/locales/de.js')).default;
    // English first, then the catalogue loaded by import() beside the script (allowed by 'strict-dynamic').
    await waitUntil(() => comments(frame)?.shadowRoot?.querySelector('[part~="reply-button"]')?.textContent?.trim() === german.reply, 'not in German', { timeout: 10_000 });
    // The look-alike check (data-owner-names) and the reader of big pages (data-page-size over 100), the same way.
    expect(comments(frame)!.shadowRoot!.querySelector('[part~="unverified-badge"]')?.textContent?.trim()).to.equal(german.unverifiedName);
    const fetched = win(frame).performance.getEntriesByType('resource').map((entry) => new URL(entry.name).pathname.split('/').pop());
    expect(fetched).to.include.members(['de.js', 'parley-owner-names.js', 'parley-large-pages.js']);
    expect(win(frame).cspViolations).to.deep.equal([]);
    const received = await reports(run);
    expect(received.map(directiveOf)).to.deep.equal([]);
    seen.push({ page: 'script-tag-language.html', violations: [...win(frame).cspViolations], reports: received });
  });

  it("own-dompurify.html: beside the page's own DOMPurify (policy `dompurify`), with zero violations", async () => {
    const run = runId();
    const frame = await open('own-dompurify.html', run, [...TRUSTED_TYPES, 'dompurify']);
    await waitUntil(() => comments(frame)?.shadowRoot?.querySelectorAll('[part~="comment"]').length === 2, 'the thread did not render', { timeout: 10_000 });
    expect(frame.contentDocument!.querySelector('#page-content b')?.textContent).to.equal('The page’s own');
    expect(shadow(frame).querySelector('[part~="comment-body"] strong')?.textContent).to.equal('text');
    const violations = [...win(frame).cspViolations];
    expect(violations).to.deep.equal([]);
    const { enforcesTrustedTypes: enforced } = await provokeControls(frame, run);
    const expected = enforced ? ['require-trusted-types-for', 'style-src-elem'] : ['style-src-elem'];
    const received = await reports(run);
    expect(received.map(directiveOf).sort()).to.deep.equal(expected);
    seen.push({ page: 'own-dompurify.html', violations, reports: received.filter((report) => !expected.includes(directiveOf(report))) });
  });

  describe("a second copy of Lit (the script tag loaded twice) needs 'allow-duplicates'", () => {
    it("with 'allow-duplicates': both copies load, the comments render, zero violations", async () => {
      const run = runId();
      const frame = await open('script-tag-twice.html', run, [...TRUSTED_TYPES, "'allow-duplicates'"]);
      await waitUntil(() => frame.contentDocument!.querySelector('parley-comments')?.shadowRoot?.querySelectorAll('[part~="comment"]').length === 2, 'the thread did not render', { timeout: 10_000 });
      const violations = [...win(frame).cspViolations];
      const received = await reports(run);
      expect(violations).to.deep.equal([]);
      expect(received).to.deep.equal([]);
      seen.push({ page: 'script-tag-twice.html', violations, reports: received });
    });

    it('without it: the second copy is refused its lit-html policy (reported); the first keeps working', async function () {
      const run = runId();
      const frame = await open('script-tag-twice.html', run);
      if (!('trustedTypes' in win(frame))) this.skip();
      await waitUntil(() => frame.contentDocument!.querySelector('parley-comments')?.shadowRoot?.querySelectorAll('[part~="comment"]').length === 2, 'the thread did not render', { timeout: 10_000 });
      await waitUntil(() => win(frame).cspViolations.length > 0, 'no violation reported', { timeout: 10_000 });
      expect(win(frame).cspViolations.map((v) => [v.directive, v.sample])).to.deep.equal([['trusted-types', 'lit-html']]);
    });
  });

  it('demo/csp.html (the npm start demo) renders its thread with zero violations', async () => {
    const run = runId();
    localStorage.removeItem('parley-demo:csp-threads');
    const frame = document.createElement('iframe');
    frame.src = `/demo/csp.html?run=${run}`;
    frames.push(frame);
    document.body.append(frame);
    await waitUntil(() => (frame.contentDocument?.querySelector('parley-comments')?.shadowRoot?.querySelectorAll('[part~="comment"]').length ?? 0) > 0, 'the demo thread did not render', { timeout: 15_000 });
    const violations = [...win(frame).cspViolations];
    const received = await reports(run);
    expect(violations).to.deep.equal([]);
    expect(frame.contentDocument!.getElementById('csp-count')!.textContent).to.equal('0');
    expect(received).to.deep.equal([]);
    seen.push({ page: 'demo/csp.html', violations, reports: received });
    localStorage.removeItem('parley-demo:csp-threads');
  });

  it('with the HTML Sanitizer API, lit-html is the only policy needed: zero violations', async function () {
    const run = runId();
    const frame = await open('module.html', run, ['lit-html']);
    if (!('trustedTypes' in win(frame)) || !('setHTML' in Element.prototype)) this.skip();
    await waitUntil(() => comments(frame)?.shadowRoot?.querySelectorAll('[part~="comment"]').length === 2, 'the thread did not render', { timeout: 10_000 });
    expect(shadow(frame).querySelector('[part~="comment-body"] strong')?.textContent).to.equal('text');
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(win(frame).cspViolations).to.deep.equal([]);
    expect(await reports(run)).to.deep.equal([]);
  });

  it('without the Sanitizer API, a page that lists DOMPurify\'s policy but not Parley\'s: bodies still render, sanitised, and the refusal is reported once', async function () {
    const run = runId();
    const frame = await open(WITHOUT_SANITIZER_API, run, ['lit-html', 'dompurify']);
    if (!('trustedTypes' in win(frame))) this.skip();
    await waitUntil(() => comments(frame)?.shadowRoot?.querySelectorAll('[part~="comment"]').length === 2, 'the thread did not render', { timeout: 10_000 });
    const body = shadow(frame).querySelector('[part~="comment-body"]')!;
    expect(body.querySelector('strong')?.textContent).to.equal('text');
    expect(body.querySelector('span')?.outerHTML ?? null, 'the sanitiser removed the span').to.equal(null);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(win(frame).cspViolations.map((v) => [v.directive, v.sample])).to.deep.equal([['trusted-types', 'parley']]);
  });

  describe('each listed policy is needed', () => {
    for (const missing of TRUSTED_TYPES) {
      it(`without "${missing}" in trusted-types, the browser refuses it and says so`, async function () {
        const run = runId();
        const frame = await open(NEEDED_ON[missing]!, run, TRUSTED_TYPES.filter((name) => name !== missing));
        if (!('trustedTypes' in win(frame))) this.skip();
        await waitUntil(
          () => win(frame).cspViolations.some((v) => v.directive === 'trusted-types' && v.sample.includes(missing)),
          `no trusted-types violation for "${missing}"`,
          { timeout: 10_000 },
        );
        await waitUntil(async () => (await reports(run)).some((report) => directiveOf(report) === 'trusted-types'), 'no report', { timeout: 10_000, interval: 100 });
        needed.push(missing);
      });
    }
  });

  for (const page of ['module.html', WITHOUT_SANITIZER_API]) it(`hostile bodies under the CSP (${page}): nothing runs, and the only reports come from the sanitiser parsing inline handlers and styles`, async () => {
    const bodies = [
      '<img src=x onerror=window.__xss(1)>',
      '<svg><animate onbegin=window.__xss(2) attributeName=x dur=1s></animate></svg>',
      '<a href="javascript:window.__xss(3)">x</a>',
      '<math><mtext><table><mglyph><style><img src=x onerror=window.__xss(4)>',
      '<p style="background:url(https://attacker.invalid/x)">styled</p>',
      '<form action="https://attacker.invalid/"><input autofocus onfocus=window.__xss(5)></form>',
      '<iframe srcdoc="<script>window.__xss(6)</script>"></iframe>',
    ];
    server = createRestServer({
      endpoint,
      threads: new Map([[THREAD, bodies.map((html, index) => wireComment(`h${index}`, { html }))]]),
    });
    worker.resetHandlers(http.all('/__csp-report/:run', () => passthrough()), ...server.handlers);
    const run = runId();
    const frame = await open(page, run);
    await waitUntil(() => comments(frame)?.shadowRoot?.querySelectorAll('[part~="comment"]').length === bodies.length, 'the thread did not render', { timeout: 10_000 });
    for (const link of shadow(frame).querySelectorAll<HTMLElement>('[part~="comment-body"] a')) link.click();
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(win(frame).xssCalls).to.deep.equal([]);
    const rendered = shadow(frame).querySelectorAll('[part~="comment-body"] *');
    for (const element of rendered) expect(element.getAttributeNames().filter((name) => name.startsWith('on') || name === 'style')).to.deep.equal([]);
    const violations = win(frame).cspViolations;
    // Chromium checks inline handlers and styles against the CSP as soon as a parser creates
    // them, even in the sanitiser's inert template or DOMPurify's inert document (and when DOMPurify moves them there): it reports
    // them, and nothing is run or applied. Any other violation, or one from elsewhere, fails.
    const parsing = ['script-src-attr', 'style-src-attr', 'style-src-elem'];
    const unexpected = violations.filter((v) => !(parsing.includes(v.directive) && /\/src\/sanitize\/|\/dompurify\/|\/parley(-dompurify)?\.js/.test(v.source)));
    expect(unexpected, 'violations other than the sanitiser parsing inline handlers and styles').to.deep.equal([]);
    if (page === 'module.html') hostile = { bodies: bodies.length, executed: win(frame).xssCalls.length, parseReports: violations.length };
  });
});
