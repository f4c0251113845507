/**
 * The styling contract: every CSS part docs/theming.md lists still renders in
 * some state of the widget, and every part that renders is listed. A part that
 * disappears, or a new one nobody documented, fails here.
 */
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { http, HttpResponse, delay } from 'msw';
import { ParleyError } from '../../src/core/errors.js';
import type { Identity } from '../../src/core/types.js';
import type { ParleyComments } from '../../src/elements/parley-comments.js';
import { GuestIdentity } from '../../src/identity/guest.js';
import type { IdentityAdapter, SignInRequest } from '../../src/identity/identity-adapter.js';
import { MastodonIdentity } from '../../src/identity/mastodon.js';
import { createRestServer, type WireComment } from '../mocks/rest-server.js';
import { wireComment } from '../mocks/fixtures.js';
import { startWorker } from '../mocks/worker.js';
import { $, endpoint, part, settled, type } from './helpers.js';

/** Part names in the "## Parts" table of docs/theming.md. */
async function documentedParts(): Promise<Set<string>> {
  const text = await (await fetch('/docs/theming.md')).text();
  const section = text.slice(text.indexOf('## Parts'), text.indexOf('\n## ', text.indexOf('## Parts') + 1));
  const names = new Set<string>();
  for (const row of section.split('\n').filter((line) => line.startsWith('| `'))) {
    const [, name, description] = row.split('|').map((cell) => cell.trim());
    names.add(name!.replace(/`/g, ''));
    // State parts the row names after "also" ("also `badge-owner` / `badge-moderator`", "(also `checkbox`)").
    const also = /also ((?:`[a-z-]+`[\s/,and]*)+)/.exec(description ?? '')?.[1] ?? '';
    for (const match of also.matchAll(/`([a-z-]+)`/g)) names.add(match[1]!);
  }
  return names;
}

const seen = new Set<string>();
function collect(element: ParleyComments): void {
  for (const node of element.shadowRoot!.querySelectorAll('[part]')) for (const name of node.getAttribute('part')!.split(/\s+/)) seen.add(name);
}

const ICON = 'data:image/svg+xml,%3Csvg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 1 1"/%3E';

/** A provider the test steers by hand. */
class Steered implements IdentityAdapter {
  readonly id = 'steered';
  readonly label = 'Example ID';
  readonly icon = ICON;
  finish: (identity: Identity) => void = () => {};
  fail: (error: unknown) => void = () => {};
  async restore(): Promise<Identity | null> {
    return null;
  }
  signIn(_request: SignInRequest): Promise<Identity> {
    return new Promise((resolve, reject) => {
      this.finish = resolve;
      this.fail = reject;
    });
  }
  async signInWithRedirect(): Promise<void> {}
  async signOut(): Promise<void> {}
}

function thread(): WireComment[] {
  return [
    wireComment('1', { author: { name: 'Ann Lee', url: 'https://ann.example/', avatar: 'https://avatars.example/ann.png', role: 'owner' } }),
    wireComment('2', { parentId: '1', author: { name: 'Mo', url: null, avatar: null, role: 'moderator' } }),
    wireComment('3', { parentId: '2', author: { name: 'Ann  Lee', url: null, avatar: null } }),
    wireComment('4', { author: { name: 'Dave', url: null, avatar: null } }),
  ];
}

async function mountWith(attributes: Record<string, string>, properties: Partial<ParleyComments> = {}): Promise<ParleyComments> {
  const element = document.createElement('parley-comments');
  for (const [name, value] of Object.entries({ backend: 'rest', endpoint, ...attributes })) element.setAttribute(name, value);
  Object.assign(element, properties);
  await fixture(html`${element}`);
  return element;
}

describe('styling contract (docs/theming.md)', () => {
  let worker: Awaited<ReturnType<typeof startWorker>>;
  before(async () => {
    worker = await startWorker();
  });
  afterEach(() => {
    worker.resetHandlers();
    delete (navigator as { onLine?: boolean }).onLine;
  });

  it('renders loading, error and empty states', async () => {
    worker.use(
      http.get(`${endpoint}/threads/slow/comments`, async () => {
        await delay(400);
        return HttpResponse.json({ comments: [], next: null, total: 0 });
      }),
      http.get(`${endpoint}/threads/broken/comments`, () => HttpResponse.json({ error: { code: 'server', message: 'down' } }, { status: 500 })),
      http.get(`${endpoint}/threads/closed/comments`, () => HttpResponse.json({ comments: [], next: null, closed: true })),
    );
    const slow = await mountWith({ thread: 'slow' });
    await waitUntil(() => part(slow, 'status'), 'no loading state');
    collect(slow);
    await waitUntil(() => part(slow, 'empty'), 'no empty state');
    collect(slow);
    const broken = await mountWith({ thread: 'broken' });
    await waitUntil(() => part(broken, 'retry-button'), 'no error state', { timeout: 8000 });
    collect(broken);
    const closed = await mountWith({ thread: 'closed' });
    await waitUntil(() => part(closed, 'closed'), 'no closed state');
    collect(closed);
  });

  it('renders a thread: badges, avatars, replies shown flat, pending comments, Load more, the form and its messages', async () => {
    const server = createRestServer({ endpoint, threads: new Map([['full', thread()]]), moderateGuests: true });
    // A 1×1 PNG, so the avatar photo stays (a photo that fails to load is removed).
    const png = Uint8Array.from(atob('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR4nGNgYPj/HwADAgH/eL9GtQAAAABJRU5ErkJggg=='), (c) => c.charCodeAt(0));
    worker.use(http.get('https://avatars.example/*', () => new HttpResponse(png, { headers: { 'Content-Type': 'image/png' } })), ...server.handlers);
    const element = await mountWith({ thread: 'full', 'max-depth': '2', 'page-size': '1', 'owner-names': 'Ann Lee', 'max-length': '40' }, { identities: [new GuestIdentity({ storageKey: 'parley:contract-guest' })] });
    await waitUntil(() => part(element, 'load-more') && $(element, '[part~="comment-avatar-image"]'), 'thread not rendered');
    collect(element);
    part(element, 'load-more')!.click();
    await waitUntil(() => element.shadowRoot!.querySelectorAll('article').length === 4, 'Load more did not load');
    await settled(element);
    // Reply to the deepest comment: the form moves under it.
    ($(element, '[data-comment-id="3"] [part~="reply-button"]') as HTMLButtonElement).click();
    await element.updateComplete;
    $(element, '#comment-text')!.focus();
    await element.updateComplete;
    collect(element);
    ($(element, '[part~="submit-button"]') as HTMLButtonElement).click();
    await waitUntil(() => part(element, 'field-error')?.textContent, 'no field errors');
    collect(element);
    await type(element, '#comment-text', 'x'.repeat(35));
    collect(element);
    await type(element, '#comment-text', 'x'.repeat(45));
    collect(element);
    await type(element, '#comment-text', 'A held comment.');
    await type(element, 'input[name="email"]', 'guest@example.com');
    await type(element, 'input[name="name"]', 'Guest');
    ($(element, '[part~="submit-button"]') as HTMLButtonElement).click();
    await waitUntil(() => part(element, 'notice-success') && part(element, 'pending'), 'not posted as pending');
    collect(element);
    localStorage.removeItem('parley:contract-guest');
  });

  it('renders retrying, offline and posting states', async () => {
    const server = createRestServer({ endpoint, threads: new Map([['faults', []]]) });
    let failures = 0;
    worker.use(
      http.post(`${endpoint}/threads/faults/comments`, async () => {
        failures += 1;
        await delay(300);
        return HttpResponse.json({ error: { code: 'server', message: 'busy' } }, { status: 503, headers: { 'Retry-After': '1' } });
      }),
      ...server.handlers,
    );
    const element = await mountWith({ thread: 'faults' }, { identities: [new GuestIdentity({ storageKey: 'parley:contract-guest' })], retry: { attempts: 3, baseDelay: 50 } });
    await waitUntil(() => part(element, 'empty'), 'not loaded');
    $(element, '#comment-text')!.focus();
    await type(element, '#comment-text', 'Will retry.');
    await type(element, 'input[name="email"]', 'guest@example.com');
    await type(element, 'input[name="name"]', 'Guest');
    ($(element, '[part~="submit-button"]') as HTMLButtonElement).click();
    await waitUntil(() => part(element, 'retrying') && part(element, 'cancel-post'), 'no retrying state', { timeout: 5000 });
    collect(element);
    (part(element, 'cancel-post') as HTMLButtonElement).click();
    await element.updateComplete;
    expect(failures).to.be.greaterThan(0);
    Object.defineProperty(navigator, 'onLine', { configurable: true, get: () => false });
    ($(element, '[part~="submit-button"]') as HTMLButtonElement).click();
    await waitUntil(() => part(element, 'post-when-online'), 'no offline state');
    collect(element);
  });

  it('renders every sign-in state: providers, connecting, blocked, asking for a server, signed in', async () => {
    worker.use(...createRestServer({ endpoint, threads: new Map([['signin', []]]) }).handlers);
    const steered = new Steered();
    const element = await mountWith({ thread: 'signin' }, { identities: [new GuestIdentity(), steered, new MastodonIdentity()] });
    await waitUntil(() => part(element, 'empty'), 'not loaded');
    $(element, '#comment-text')!.focus();
    await element.updateComplete;
    ($(element, '[data-provider="steered"]') as HTMLButtonElement).click();
    await element.updateComplete;
    collect(element);
    steered.fail(new ParleyError('popup_blocked', 'blocked'));
    await waitUntil(() => part(element, 'sign-in-here'), 'no blocked state');
    collect(element);
    ($(element, '[data-provider="mastodon"]') as HTMLButtonElement).click();
    await element.updateComplete;
    collect(element);
    ($(element, '[data-provider="steered"]') as HTMLButtonElement).click();
    steered.finish({ provider: 'steered', providerLabel: 'Example ID', name: 'Kim', avatar: 'https://avatars.example/kim.png', guest: false });
    await waitUntil(() => part(element, 'identity-avatar'), 'not signed in');
    collect(element);
  });

  it('documents exactly the parts that render', async () => {
    const documented = await documentedParts();
    const undocumented = [...seen].filter((name) => !documented.has(name)).sort();
    const missing = [...documented].filter((name) => !seen.has(name)).sort();
    expect(undocumented, 'parts that render but docs/theming.md does not list').to.deep.equal([]);
    expect(missing, 'parts docs/theming.md lists that no longer render').to.deep.equal([]);
    expect(documented.size).to.be.greaterThan(60);
  });
});
