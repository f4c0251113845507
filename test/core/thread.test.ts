import { expect } from '@open-wc/testing';
import { prepareComment } from '../../src/core/comment-view.js';
import { ThreadState } from '../../src/core/thread.js';
import { fromRestComment } from '../../src/backends/rest.js';
import { wireComment } from '../mocks/fixtures.js';

const comment = (id: string, parentId: string | null = null, second = Number(id)) =>
  fromRestComment(wireComment(id, { parentId, createdAt: new Date(Date.UTC(2024, 0, 1, 0, 0, second)).toISOString() }));

describe('ThreadState', () => {
  let prepared: string[];
  let thread: ThreadState;
  beforeEach(() => {
    prepared = [];
    thread = new ThreadState((c) => {
      prepared.push(c.id);
      return prepareComment(c, { locale: 'en', anonymousName: 'Anonymous' }, Date.UTC(2024, 0, 2));
    });
  });

  it('threads replies under their parents, oldest first, with levels', () => {
    thread.add([comment('1'), comment('2', '1'), comment('3', '2'), comment('4')]);
    expect(thread.roots.map((v) => v.comment.id)).to.deep.equal(['1', '4']);
    const one = thread.get('1')!;
    expect(one.replies.map((v) => v.comment.id)).to.deep.equal(['2']);
    expect(thread.get('3')!.level).to.equal(3);
    expect(thread.get('3')!.parent).to.equal(thread.get('2'));
  });

  it('handles a reply listed before its parent', () => {
    thread.add([comment('3', '2', 3), comment('2', '1', 2), comment('1', null, 1)]);
    expect(thread.roots.map((v) => v.comment.id)).to.deep.equal(['1']);
    expect(thread.get('3')!.level).to.equal(3);
  });

  it('prepares (sanitises, formats) each comment once, even when it arrives again', () => {
    thread.add([comment('1'), comment('2', '1')]);
    thread.add([comment('1'), comment('5')]);
    expect(prepared).to.deep.equal(['1', '2', '5']);
    expect(thread.size).to.equal(3);
  });

  it('adds later comments without rebuilding earlier views', () => {
    thread.add([comment('1')]);
    const before = thread.get('1');
    const [added] = thread.add([comment('9', '1')]);
    expect(thread.get('1')).to.equal(before);
    expect(before!.replies).to.deep.equal([added]);
  });

  it('shows orphans and cycles at the top level instead of losing them', () => {
    thread.add([comment('7', 'missing'), comment('8', '9', 8), comment('9', '8', 9)]);
    expect(thread.roots.map((v) => v.comment.id)).to.include.members(['7']);
    expect(thread.size).to.equal(3);
    const shown = new Set<string>();
    const walk = (views: typeof thread.roots) => views.forEach((v) => (shown.add(v.comment.id), walk(v.replies)));
    walk(thread.roots);
    expect([...shown].sort()).to.deep.equal(['7', '8', '9']);
  });
});

describe('prepareComment', () => {
  it('formats the relative and absolute date once', () => {
    const view = prepareComment(comment('1'), { locale: 'en', anonymousName: 'Anonymous' }, Date.UTC(2024, 0, 4, 0, 0, 1));
    expect(view.relativeLabel).to.equal('3 days ago');
    expect(view.dateLabel).to.contain('January 1, 2024');
    expect(view.dateTime).to.equal('2024-01-01T00:00:01.000Z');
  });

  it('names an author whose name is empty once invisible characters are removed "Anonymous"', () => {
    for (const name of ['', ' ', '\u2800', '\u115F\u1160', '\u200B\u202E', '\u{E0041}\u{E0064}']) {
      const view = prepareComment({ ...comment('1'), author: { name, url: null, avatar: null } }, { locale: 'en', anonymousName: 'Anonymous' }, Date.UTC(2024, 0, 4));
      expect(view.authorName, JSON.stringify(name)).to.equal('Anonymous');
      expect(view.initial).to.equal('A');
    }
  });
});
