import { expect } from '@open-wc/testing';
import { prepareComment, warmUpCommentViews } from '../../src/core/comment-view.js';
import { yieldToMain } from '../../src/core/slices.js';
import { ThreadState } from '../../src/core/thread.js';
import { fromRestComment } from '../../src/backends/rest.js';
import { wireComment } from '../mocks/fixtures.js';

const comment = (id: string, parentId: string | null = null, second = Number(id)) =>
  fromRestComment(wireComment(id, { parentId, createdAt: new Date(Date.UTC(2024, 0, 1, 0, 0, second)).toISOString() }));

/** Counts the turns other tasks get on the main thread until `stop()`. */
function countTasks(): { stop: () => number } {
  let tasks = 0;
  let stopped = false;
  void (async () => {
    while (!stopped) {
      await yieldToMain();
      if (!stopped) tasks += 1;
    }
  })();
  return {
    stop: () => {
      stopped = true;
      return tasks;
    },
  };
}

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

  it('threads a 20,000-deep reply chain in any order, with levels and its top-level comment (no recursion to overflow)', () => {
    const depth = 20_000;
    const chain = Array.from({ length: depth }, (_, i) => comment(`r${i}`, i === 0 ? null : `r${i - 1}`, i));
    const orders = {
      'oldest first': chain,
      'newest first': [...chain].reverse(),
      // The first reply listed after the rest of its chain: the chain is attached whole below it.
      'first reply last': [chain[0]!, ...chain.slice(2), chain[1]!],
    };
    for (const [order, page] of Object.entries(orders)) {
      const state = new ThreadState((c) => prepareComment(c, { locale: 'en', anonymousName: 'Anonymous' }, 0));
      state.add(page);
      const top = state.get('r0')!;
      const last = state.get(`r${depth - 1}`)!;
      expect(state.roots, order).to.deep.equal([top]);
      expect(last.level, order).to.equal(depth);
      expect(state.get('r1')!.level, order).to.equal(2);
      expect(last.root, order).to.equal(top);
      expect(last.parent, order).to.equal(state.get(`r${depth - 2}`));
    }
  });

  it('gives each comment the top-level comment it is shown under, also when its parent came in a later page', () => {
    thread.add([comment('1'), comment('3', '2', 3)]);
    thread.add([comment('2', '1', 2), comment('4', '3', 4), comment('5', '2', 5)]);
    expect(thread.get('1')!.root).to.equal(thread.get('1'));
    expect(thread.get('5')!.root).to.equal(thread.get('1'));
    expect(thread.get('5')!.level).to.equal(3);
    // '3' came before its parent was known: it stays at the top level, and its reply under it.
    expect(thread.get('3')!.root).to.equal(thread.get('3'));
    expect(thread.get('4')!.root).to.equal(thread.get('3'));
    expect(thread.get('4')!.level).to.equal(2);
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

  describe('addInSlices', () => {
    const threadOf = (state: ThreadState) => {
      const lines: string[] = [];
      const walk = (views: typeof state.roots) => views.forEach((v) => (lines.push(`${v.level}:${v.comment.id}`), walk(v.replies)));
      walk(state.roots);
      return lines;
    };

    it('threads a page as add() does: replies before their parents, repeats, orphans', async () => {
      const page = [comment('3', '2', 3), comment('2', '1', 2), comment('1', null, 1), comment('4'), comment('7', 'missing'), comment('2', '1', 2)];
      const sliced = new ThreadState((c) => prepareComment(c, { locale: 'en', anonymousName: 'Anonymous' }, 0));
      const added = await sliced.addInSlices(page, new AbortController().signal);
      thread.add(page);
      expect(threadOf(sliced)).to.deep.equal(threadOf(thread));
      expect(threadOf(sliced)).to.deep.equal(['1:1', '2:2', '3:3', '1:4', '1:7']);
      expect(added.map((v) => v.comment.id)).to.deep.equal(['3', '2', '1', '4', '7']);
    });

    it('gives the main thread back while it threads thousands of comments', async () => {
      const page = Array.from({ length: 20_000 }, (_, i) => comment(String(i + 1), i % 3 === 2 ? String(i) : null, i));
      const busy = new ThreadState((c) => {
        // Some arithmetic per comment (not a timed wait: Firefox's clock is too coarse for microseconds).
        let sum = 0;
        for (let step = 0; step < 200; step += 1) sum += Math.sqrt(step + c.id.length);
        return prepareComment(c, { locale: 'en', anonymousName: sum > -1 ? 'Anonymous' : '' }, 0);
      });
      const tasks = countTasks();
      const added = await busy.addInSlices(page, new AbortController().signal);
      const ran = tasks.stop();
      expect(added).to.have.length(20_000);
      expect(busy.roots).to.have.length(13_334);
      expect(busy.get('3')!.parent).to.equal(busy.get('2'));
      expect(ran, 'other tasks ran while the page was threaded').to.be.at.least(2);
    });

    it('stops where it is once its signal aborts (the thread was left)', async () => {
      const controller = new AbortController();
      const left = new ThreadState((c) => {
        if (c.id === '100') controller.abort();
        return prepareComment(c, { locale: 'en', anonymousName: 'Anonymous' }, 0);
      });
      const page = Array.from({ length: 5_000 }, (_, i) => comment(String(i + 1)));
      const added = await left.addInSlices(page, controller.signal);
      expect(added).to.have.length(100);
      expect(left.roots, 'nothing attached after the abort').to.have.length(0);
      expect(left.size, 'nothing held after the abort').to.equal(0);
    });
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

describe('warmUpCommentViews', () => {
  it('loads what dates need in several tasks, giving the main thread back between them', async () => {
    const tasks = countTasks();
    await warmUpCommentViews({ locale: 'fr-CA', anonymousName: 'Anonyme' });
    // The language's data, number formatting, the date formatters, the sanitiser: a task each.
    expect(tasks.stop(), 'other tasks run between the steps').to.be.at.least(4);
  });
});
