import { expect } from '@open-wc/testing';
import { DraftStore, type SavedDraft } from '../../src/core/drafts.js';

const DAY = 24 * 60 * 60 * 1000;

const draft = (overrides: Partial<SavedDraft> = {}): SavedDraft => ({
  text: 'Half a thought',
  parentId: 'c-7',
  parentName: 'Bo',
  values: { name: 'Ann', email: 'ann@example.com' },
  notify: { replies: true, posts: false },
  idempotencyKey: null,
  ...overrides,
});

describe('DraftStore', () => {
  beforeEach(() => {
    for (const key of Object.keys(localStorage)) if (key.startsWith('parley:draft:')) localStorage.removeItem(key);
  });

  it('keeps a draft per backend and thread', () => {
    new DraftStore('rest:https://a.example', '/post/').save(draft({ idempotencyKey: 'key-1' }));
    expect(new DraftStore('rest:https://a.example', '/post/').read()).to.deep.equal(draft({ idempotencyKey: 'key-1' }));
    expect(new DraftStore('rest:https://a.example', '/other/').read()).to.equal(null);
    expect(new DraftStore('rest:https://b.example', '/post/').read()).to.equal(null);
  });

  it('removes the draft once its text is empty, and on clear()', () => {
    const store = new DraftStore('rest:x', '/t/');
    store.save(draft());
    store.save(draft({ text: '  \n ' }));
    expect(store.read()).to.equal(null);
    expect(localStorage.getItem(store.key)).to.equal(null);
    store.save(draft());
    store.clear();
    expect(store.read()).to.equal(null);
  });

  it('forgets drafts older than 30 days', () => {
    const store = new DraftStore('rest:x', '/t/');
    const now = Date.now();
    store.save(draft(), now - 31 * DAY);
    expect(store.read(now)).to.equal(null);
    store.save(draft(), now - 29 * DAY);
    expect(store.read(now)!.text).to.equal('Half a thought');
  });

  it('reads damaged or foreign data as no draft, keeping only well-typed fields', () => {
    const store = new DraftStore('rest:x', '/t/');
    for (const raw of ['{', '"text"', 'null', '[]', '{"draft":{},"savedAt":"soon"}']) {
      localStorage.setItem(store.key, raw);
      expect(store.read(), raw).to.equal(null);
    }
    localStorage.setItem(
      store.key,
      JSON.stringify({
        savedAt: Date.now(),
        draft: { text: 42, parentId: { id: 1 }, parentName: ['Bo'], values: { name: ['x'], email: 'e@example.com', admin: true }, notify: { replies: 'yes' }, idempotencyKey: 7 },
      }),
    );
    expect(store.read()).to.deep.equal({
      text: '',
      parentId: null,
      parentName: null,
      values: { email: 'e@example.com' },
      notify: { replies: false, posts: false },
      idempotencyKey: null,
    });
  });

  it('a __proto__ key in stored data pollutes nothing', () => {
    const store = new DraftStore('rest:x', '/t/');
    localStorage.setItem(store.key, `{"savedAt":${Date.now()},"draft":{"text":"hi","values":{"__proto__":{"polluted":1}},"__proto__":{"polluted":1}}}`);
    expect(store.read()!.text).to.equal('hi');
    expect(({} as Record<string, unknown>).polluted).to.equal(undefined);
  });

  it('keeps working, without saving, when storage throws', () => {
    const broken = {
      getItem() {
        throw new DOMException('denied', 'SecurityError');
      },
      setItem() {
        throw new DOMException('full', 'QuotaExceededError');
      },
      removeItem() {
        throw new DOMException('denied', 'SecurityError');
      },
    } as unknown as Storage;
    const store = new DraftStore('rest:x', '/t/', broken);
    expect(() => store.save(draft())).not.to.throw();
    expect(store.read()).to.equal(null);
    expect(() => store.clear()).not.to.throw();
  });
});
