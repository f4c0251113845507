import { expect } from '@open-wc/testing';
import { HeldComments } from '../../src/core/held-comments.js';
import type { ParleyComment } from '../../src/core/types.js';

const DAY = 24 * 60 * 60 * 1000;

function held(id: string, parentId: string | null = null): ParleyComment {
  return {
    id,
    parentId,
    author: { name: 'Ann', url: null, avatar: null },
    html: `<p>${id}</p>`,
    createdAt: new Date('2024-05-01T10:00:00Z'),
    status: 'pending',
  };
}

describe('HeldComments', () => {
  const key = 'parley:held:test:https://comments.example:/post/';
  beforeEach(() => localStorage.removeItem(key));

  it('keeps held comments per backend and thread, as pending comments', () => {
    new HeldComments('test:https://comments.example', '/post/').add(held('a', 'root'));
    const listed = new HeldComments('test:https://comments.example', '/post/').list();
    expect(listed).to.have.length(1);
    expect(listed[0]).to.deep.include({ id: 'a', parentId: 'root', status: 'pending', html: '<p>a</p>' });
    expect(listed[0]!.createdAt.toISOString()).to.equal('2024-05-01T10:00:00.000Z');
    expect(new HeldComments('test:https://comments.example', '/other/').list()).to.deep.equal([]);
  });

  it('never takes a role from storage: only a backend can vouch for one', () => {
    const store = new HeldComments('test:https://comments.example', '/post/');
    store.add({ ...held('a'), author: { name: 'Kim', url: null, avatar: null, role: 'owner' } });
    expect(JSON.parse(localStorage.getItem(key)!)[0].comment.author).to.deep.equal({ name: 'Kim', url: null, avatar: null });
    // Written by something else into the page's storage.
    localStorage.setItem(key, JSON.stringify([{ comment: { ...held('b'), createdAt: '2024-05-01T10:00:00Z', author: { name: 'Kim', url: null, avatar: null, role: 'owner' } }, savedAt: Date.now() }]));
    expect(store.list()[0]!.author).to.deep.equal({ name: 'Kim', url: null, avatar: null });
  });

  it('forgets comments once listed by the backend, and after 30 days', () => {
    const store = new HeldComments('test:https://comments.example', '/post/');
    const now = Date.now();
    store.add(held('a'), now);
    store.add(held('b'), now - 31 * DAY);
    store.add(held('c'), now);
    expect(store.list(now).map((c) => c.id)).to.deep.equal(['a', 'c']);
    store.prune(new Set(['a']), now);
    expect(store.list(now).map((c) => c.id)).to.deep.equal(['c']);
    store.prune(new Set(['c']), now);
    expect(localStorage.getItem(key)).to.equal(null);
  });

  it('skips damaged entries and survives damaged storage', () => {
    localStorage.setItem(key, JSON.stringify([{ comment: { id: 'x' }, savedAt: Date.now() }, { comment: 'junk' }, 7]));
    expect(new HeldComments('test:https://comments.example', '/post/').list()).to.deep.equal([]);
    localStorage.setItem(key, '{not json');
    expect(new HeldComments('test:https://comments.example', '/post/').list()).to.deep.equal([]);
  });
});
