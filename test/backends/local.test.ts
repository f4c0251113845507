import { expect } from '@open-wc/testing';
import { LocalBackend } from '../../src/backends/local.js';
import { ParleyError } from '../../src/core/errors.js';
import type { Identity } from '../../src/core/types.js';
import { rejection } from '../rejection.js';

const guest: Identity = { provider: 'guest', providerLabel: 'Guest', guest: true, name: 'Ann', email: 'a@example.com', url: 'https://ann.example/' };
const options = () => ({ signal: new AbortController().signal });
const draft = (text: string, parentId: string | null = null) => ({ text, parentId, notify: { replies: false, posts: false } });

describe('LocalBackend', () => {
  const prefix = 'parley:test-local:';
  afterEach(() => {
    for (const key of Object.keys(localStorage)) if (key.startsWith(prefix)) localStorage.removeItem(key);
  });

  it('stores comments per thread in the browser, escaping typed text', async () => {
    const backend = new LocalBackend({ keyPrefix: prefix });
    const stored = await backend.post('/a/', draft('x < y'), guest, { ...options(), idempotencyKey: 'k1' });
    expect(stored.html).to.equal('<p>x &lt; y</p>');
    expect(stored.author).to.deep.equal({ name: 'Ann', url: 'https://ann.example/', avatar: null });
    const page = await new LocalBackend({ keyPrefix: prefix }).list('/a/', null, { limit: 10, ...options() });
    expect(page.comments.map((c) => c.id)).to.deep.equal([stored.id]);
    expect((await backend.list('/b/', null, { limit: 10, ...options() })).comments).to.deep.equal([]);
  });

  it('threads and pages like the protocol: replies travel with their top-level comment', async () => {
    const backend = new LocalBackend({ keyPrefix: prefix });
    const first = await backend.post('t', draft('one'), guest, { ...options(), idempotencyKey: 'a' });
    await new Promise((resolve) => setTimeout(resolve, 2));
    const second = await backend.post('t', draft('two'), guest, { ...options(), idempotencyKey: 'b' });
    await new Promise((resolve) => setTimeout(resolve, 2));
    const reply = await backend.post('t', draft('re', first.id), guest, { ...options(), idempotencyKey: 'c' });
    const page1 = await backend.list('t', null, { limit: 1, ...options() });
    expect(page1.comments.map((c) => c.id)).to.deep.equal([first.id, reply.id]);
    expect(page1.total).to.equal(3);
    const page2 = await backend.list('t', page1.next, { limit: 1, ...options() });
    expect(page2.comments.map((c) => c.id)).to.deep.equal([second.id]);
    expect(page2.next).to.equal(null);
  });

  it('stores a retried comment once (same idempotency key)', async () => {
    const backend = new LocalBackend({ keyPrefix: prefix });
    const a = await backend.post('t', draft('once'), guest, { ...options(), idempotencyKey: 'same' });
    const b = await backend.post('t', draft('once'), guest, { ...options(), idempotencyKey: 'same' });
    expect(b.id).to.equal(a.id);
    expect((await backend.list('t', null, { limit: 10, ...options() })).comments).to.have.length(1);
  });

  it('refuses a reply to a comment that does not exist', async () => {
    const backend = new LocalBackend({ keyPrefix: prefix });
    try {
      await backend.post('t', draft('re', 'nope'), guest, { ...options(), idempotencyKey: 'x' });
      expect.fail('should reject');
    } catch (error) {
      expect((error as ParleyError).code).to.equal('not_found');
    }
  });

  const record = (id: string, parentId: string | null, minute: number, extra: object = {}) => ({
    id,
    parentId,
    author: { name: `Author ${id}`, url: null, avatar: null },
    html: `<p>${id}</p>`,
    createdAt: new Date(Date.UTC(2024, 0, 1, 0, minute)).toISOString(),
    status: 'approved',
    ...extra,
  });

  it('leaves out damaged entries and keeps the others', async () => {
    const stored = [record('a', null, 1), { id: 'b', createdAt: 5 }, null, 'x', record('c', null, 2, { status: 'gone' }), record('d', 'a', 3)];
    localStorage.setItem(`${prefix}t`, JSON.stringify(stored));
    const page = await new LocalBackend({ keyPrefix: prefix }).list('t', null, { limit: 10, ...options() });
    expect(page.comments.map((c) => c.id)).to.deep.equal(['a', 'd']);
  });

  it('keeps damaged entries as they are when it stores a new comment beside them', async () => {
    const stored = [record('a', null, 1), { id: 'b', createdAt: 5 }, null];
    localStorage.setItem(`${prefix}t`, JSON.stringify(stored));
    const backend = new LocalBackend({ keyPrefix: prefix });
    const posted = await backend.post('t', { text: 'New', parentId: null, notify: { replies: false, posts: false } }, guest, { ...options(), idempotencyKey: 'k' });
    const now = JSON.parse(localStorage.getItem(`${prefix}t`)!) as unknown[];
    expect(now.slice(0, 3)).to.deep.equal(stored);
    expect((now[3] as { id: string }).id).to.equal(posted.id);
    const page = await backend.list('t', null, { limit: 10, ...options() });
    expect(page.comments.map((c) => c.id)).to.deep.equal(['a', posted.id]);
  });

  it('never takes a role from storage: only a backend can vouch for one', async () => {
    const owner = record('a', null, 1);
    owner.author = { ...owner.author, role: 'owner' } as typeof owner.author;
    localStorage.setItem(`${prefix}t`, JSON.stringify([owner]));
    const page = await new LocalBackend({ keyPrefix: prefix }).list('t', null, { limit: 10, ...options() });
    expect(page.comments[0]!.author).to.deep.equal({ name: 'Author a', url: null, avatar: null });
  });

  it('copes with repeated, self-parented and very long reply chains in storage', async () => {
    const chain = Array.from({ length: 20_000 }, (_, i) => record(`r${i}`, i === 0 ? 'a' : `r${i - 1}`, 2));
    const stored = [record('a', null, 1), record('a', 'a', 1), record('self', 'self', 3), ...chain];
    localStorage.setItem(`${prefix}t`, JSON.stringify(stored));
    const page = await new LocalBackend({ keyPrefix: prefix }).list('t', null, { limit: 10, ...options() });
    // "a" (twice, as stored) with its whole chain; "self" answers a comment that is not a top-level one, and is left out.
    expect(page.comments).to.have.length(20_002);
    expect(page.comments.slice(0, 2).map((c) => [c.id, c.parentId])).to.deep.equal([
      ['a', null],
      ['a', 'a'],
    ]);
  });

  for (const [what, raw] of [
    ['text that is not JSON', '{not json'],
    ['JSON that is not a list', '{"comments":[]}'],
] as const) {
    it(`puts a thread stored as ${what} aside, warns, and starts the thread afresh`, async () => {
      localStorage.setItem(`${prefix}t`, raw);
      const warn = console.warn;
      const warnings: unknown[][] = [];
      console.warn = (...args: unknown[]) => warnings.push(args);
      const backend = new LocalBackend({ keyPrefix: prefix });
      try {
        expect((await backend.list('t', null, { limit: 10, ...options() })).comments).to.deep.equal([]);
      } finally {
        console.warn = warn;
      }
      const aside = Object.keys(localStorage).filter((key) => key.startsWith(`${prefix}t:damaged:`));
      expect(aside).to.have.length(1);
      expect(localStorage.getItem(aside[0]!)).to.equal(raw);
      expect(String(warnings[0])).to.include(aside[0]);
      // The thread works again: a new comment is stored and listed, and what was put aside stays.
      const posted = await backend.post('t', draft('again'), guest, { ...options(), idempotencyKey: 'k' });
      expect((await backend.list('t', null, { limit: 10, ...options() })).comments.map((c) => c.id)).to.deep.equal([posted.id]);
      expect(localStorage.getItem(aside[0]!)).to.equal(raw);
    });
  }

  it('says the stored comments are damaged when there is no room to put them aside', async () => {
    localStorage.setItem(`${prefix}t`, '{not json');
    const storage = Object.create(localStorage, {
      getItem: { value: (key: string) => localStorage.getItem(key) },
      setItem: {
        value: () => {
          throw new DOMException('full', 'QuotaExceededError');
        },
      },
      removeItem: { value: (key: string) => localStorage.removeItem(key) },
    }) as Storage;
    const error = await rejection(new LocalBackend({ keyPrefix: prefix, storage }).list('t', null, { limit: 10, ...options() }));
    expect([error.code, error.message]).to.deep.equal(['server', 'The comments stored in this browser are damaged.']);
    // Nothing was thrown away.
    expect(localStorage.getItem(`${prefix}t`)).to.equal('{not json');
  });
});
