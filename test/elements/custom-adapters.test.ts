/**
 * What a developer's own adapters may do wrong, and how the element takes it:
 * odd things thrown, malformed pages, a ParleyError from another copy of
 * Parley, retry settings with holes, identities changed while the element was
 * away; and registering and upgrading the element as an app does.
 */
import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import type { CommentBackend } from '../../src/backends/backend.js';
import { ParleyError } from '../../src/core/errors.js';
import type { CommentPage, Identity, ParleyComment } from '../../src/core/types.js';
import { ParleyComments } from '../../src/elements/parley-comments.js';
import { GuestIdentity } from '../../src/identity/guest.js';
import type { IdentityAdapter } from '../../src/identity/identity-adapter.js';
import { authors, part, settled } from './helpers.js';

function comment(id: string, overrides: Partial<ParleyComment> = {}): ParleyComment {
  return { id, parentId: null, author: { name: `Author ${id}`, url: null, avatar: null }, html: `<p>${id}</p>`, createdAt: new Date(Date.UTC(2024, 0, 1)), status: 'approved', ...overrides };
}

function adapter(list: () => Promise<CommentPage>, post?: CommentBackend['post']): CommentBackend & { calls: number } {
  const backend = {
    calls: 0,
    list: async () => {
      backend.calls += 1;
      return list();
    },
    post: post ?? (async () => comment('new')),
  };
  return backend;
}

async function mountWith(backend: CommentBackend, extra: Partial<ParleyComments> = {}): Promise<ParleyComments> {
  return (await mountCatching(backend, extra)).element;
}

/** Mounts, listening for the first `parley-error` from the start (a load can fail before mounting returns). */
async function mountCatching(backend: CommentBackend, extra: Partial<ParleyComments> = {}) {
  const element = document.createElement('parley-comments');
  Object.assign(element, { adapter: backend, thread: 'custom', ...extra });
  const failed = oneEvent(element, 'parley-error');
  await fixture(html`${element}`);
  return { element, failed };
}

describe('<parley-comments> with a developer\'s own adapters', () => {
  it('keeps the code of a ParleyError made by another copy of Parley on the page (script tag plus npm package)', async () => {
    // What the other copy's class looks like from here: an Error named ParleyError, with the same fields.
    const foreign = Object.assign(new Error('slow down'), { name: 'ParleyError', code: 'rate_limited', fields: {}, retryAfter: 30, status: 429 });
    const { failed } = await mountCatching(adapter(() => Promise.reject(foreign)));
    const { detail } = await failed;
    expect(detail.error).to.be.instanceOf(ParleyError);
    expect([detail.error.code, detail.error.retryAfter]).to.deep.equal(['rate_limited', 30]);
  });

  for (const [what, thrown] of [
    ['a value with no string form', Object.create(null) as unknown],
    ['a ParleyError with a code Parley does not know', new ParleyError('bogus' as never, 'made up')],
  ] as const) {
    it(`shows a failed load, with Retry, for ${what}`, async () => {
      const { element, failed } = await mountCatching(adapter(() => Promise.reject(thrown)));
      const { detail } = await failed;
      expect(detail.error.code).to.equal('server');
      await waitUntil(() => part(element, 'retry-button'), 'no Retry');
      expect(part(element, 'error')!.textContent).to.contain('Could not load the comments.');
    });
  }

  it('says a page without a list of comments is the backend\'s fault, not the network\'s', async () => {
    const { failed } = await mountCatching(adapter(async () => ({}) as CommentPage));
    const { detail } = await failed;
    expect(detail.error.code).to.equal('server');
  });

  it('leaves out a malformed comment (an Invalid Date, no author, no html) and shows the others', async () => {
    const page = {
      comments: [
        comment('bad-date', { createdAt: new Date(Number.NaN) }),
        comment('no-author', { author: undefined as never }),
        comment('no-html', { html: null as never }),
        comment('good'),
      ],
      next: null,
    };
    const element = await mountWith(adapter(async () => page));
    await settled(element);
    expect(authors(element)).to.deep.equal(['Author good']);
  });

  it('reads a page without `next` as the last one', async () => {
    const element = await mountWith(adapter(async () => ({ comments: [comment('only')] }) as unknown as CommentPage));
    await settled(element);
    expect(authors(element)).to.deep.equal(['Author only']);
    expect(part(element, 'load-more')).to.equal(null);
  });

  it('keeps the default number of attempts when the retry setting leaves one out', async () => {
    let attempts = 0;
    const backend = adapter(
      async () => ({ comments: [], next: null }),
      async () => {
        attempts += 1;
        throw new ParleyError('server', 'busy', { status: 503 });
      },
    );
    const element = await mountWith(backend, { retry: { attempts: undefined, baseDelay: 1, maxDelay: 1 } as never });
    await settled(element);
    const textarea = element.shadowRoot!.querySelector('#comment-text') as HTMLTextAreaElement;
    textarea.value = 'Retried a few times';
    textarea.dispatchEvent(new InputEvent('input'));
    await element.updateComplete;
    for (const [name, value] of [['email', 'ann@example.com'], ['name', 'Ann']]) {
      const input = element.shadowRoot!.querySelector(`input[name="${name}"]`) as HTMLInputElement;
      input.value = value!;
      input.dispatchEvent(new InputEvent('input'));
    }
    await element.updateComplete;
    (part(element, 'submit-button') as HTMLButtonElement).click();
    await oneEvent(element, 'parley-error');
    expect(attempts).to.equal(4);
  });

  it('loads once when reload() is called before the element is in the page', async () => {
    const backend = adapter(async () => ({ comments: [comment('c1')], next: null }));
    const element = Object.assign(document.createElement('parley-comments'), { adapter: backend, thread: 'custom' });
    element.reload();
    expect(backend.calls, 'fetched while detached').to.equal(0);
    await fixture(html`${element}`);
    await settled(element);
    expect(backend.calls).to.equal(1);
  });

  it('reads identities again when it is attached again: a sign-out on the site meanwhile counts', async () => {
    let current: Identity | null = { provider: 'blog', providerLabel: 'Blog', guest: false, name: 'Sam', token: 'tok' };
    const site: IdentityAdapter = {
      id: 'blog',
      label: 'Blog',
      offersSignIn: false,
      restore: async () => current,
      signIn: async () => current!,
      signOut: async () => {
        current = null;
      },
    };
    const element = await mountWith(adapter(async () => ({ comments: [], next: null })), { identities: [site] });
    await settled(element);
    (element.shadowRoot!.querySelector('#comment-text') as HTMLTextAreaElement).focus();
    await waitUntil(() => part(element, 'signed-in'), 'not signed in');
    const host = element.parentElement!;
    element.remove();
    current = null;
    host.append(element);
    await waitUntil(() => !part(element, 'signed-in'), 'still signed in as Sam');
  });

  it('leaves the guest\'s remembered details alone when attached again: an unticked "Save my name…" stays unticked', async () => {
    const guest = new GuestIdentity({ storageKey: 'parley:test-guest-reattach' });
    await guest.signIn({ values: { name: 'Ann', email: 'ann@example.com', url: '' }, remember: true, signal: new AbortController().signal });
    try {
      const element = await mountWith(adapter(async () => ({ comments: [], next: null })), { identities: [guest] });
      await settled(element);
      (element.shadowRoot!.querySelector('#comment-text') as HTMLTextAreaElement).focus();
      const remember = () => element.shadowRoot!.querySelector('input[name="remember"]') as HTMLInputElement | null;
      await waitUntil(() => remember()?.checked, 'remembered details not restored');
      remember()!.click();
      await element.updateComplete;
      const host = element.parentElement!;
      element.remove();
      host.append(element);
      await new Promise((resolve) => setTimeout(resolve, 50));
      await element.updateComplete;
      expect(remember()!.checked).to.equal(false);
    } finally {
      await guest.signOut();
    }
  });

  it('registers under a second tag name without throwing (a class serves one tag per registry)', () => {
    ParleyComments.define('parley-comments');
    ParleyComments.define('parley-comments-again');
    const second = customElements.get('parley-comments-again')!;
    expect(second.prototype).to.be.instanceOf(ParleyComments);
    expect(() => ParleyComments.define('parley-comments-again')).to.not.throw();
  });

  it('takes the values an element had before its tag was defined at once, and later ones after them', async () => {
    const backend = adapter(async () => ({ comments: [comment('early')], next: null }));
    const limits: number[] = [];
    const listing: CommentBackend = { ...backend, list: async (thread, cursor, options) => (limits.push(options.limit), backend.list(thread, cursor, options)) };
    const element = document.createElement('parley-late-upgrade') as ParleyComments;
    Object.assign(element, { adapter: listing, thread: 'early-thread', pageSize: 7 });
    await fixture(html`${element}`);
    ParleyComments.define('parley-late-upgrade');
    expect(element.thread).to.equal('early-thread');
    element.pageSize = 3;
    await settled(element);
    expect(limits).to.deep.equal([3]);
  });
});
