import type { CommentView } from './comment-view.js';
import { inSlices } from './slices.js';
import type { ParleyComment } from './types.js';

/**
 * The comments of one thread, threaded by `parentId`. Comments are prepared
 * (sanitised, formatted) once as they enter; later pages and new posts are
 * added without touching what is already there.
 */
export class ThreadState {
  readonly #prepare: (comment: ParleyComment) => CommentView;
  readonly #byId = new Map<string, CommentView>();
  /** Top-level comments (and orphans whose parent is unknown), oldest first. */
  readonly roots: CommentView[] = [];

  constructor(prepare: (comment: ParleyComment) => CommentView) {
    this.#prepare = prepare;
  }

  /** Number of comments held. */
  get size(): number {
    return this.#byId.size;
  }

  /** Number of approved comments held (the rest are the reader's own, awaiting moderation). */
  approved = 0;

  get(id: string): CommentView | undefined {
    return this.#byId.get(id);
  }

  /**
   * Adds comments (a page, or one new post); ids already present are ignored.
   * Returns the views that were added.
   */
  add(comments: readonly ParleyComment[]): CommentView[] {
    const fresh = new Map<string, CommentView>();
    for (const comment of comments) this.#prepareNew(comment, fresh);
    const added = [...fresh.values()];
    for (const view of added) this.#hold(view);
    for (const view of added) this.#attach(view);
    place(added);
    return added;
  }

  /**
   * `add()` for thousands of comments: the same work in slices, giving the
   * main thread back every few milliseconds (threading 10,000 comments at
   * once is a task of 25 to 60 ms). Once `signal` aborts while the comments
   * are being prepared, it stops and adds none of them (returning those it
   * prepared); once they are all prepared, it adds them all, so the thread
   * never keeps a comment it does not show.
   */
  async addInSlices(comments: readonly ParleyComment[], signal: AbortSignal): Promise<CommentView[]> {
    const fresh = new Map<string, CommentView>();
    let index = 0;
    await inSlices(() => {
      if (signal.aborted || index === comments.length) return true;
      this.#prepareNew(comments[index++]!, fresh);
      return false;
    });
    const added = [...fresh.values()];
    if (signal.aborted) return added;
    let held = 0;
    let attached = 0;
    await inSlices(() => {
      if (held < added.length) this.#hold(added[held++]!);
      else if (attached < added.length) this.#attach(added[attached++]!);
      return attached === added.length;
    });
    place(added);
    return added;
  }

  /** Prepares a comment that is neither held nor among `fresh` yet; a malformed one is left out. */
  #prepareNew(comment: ParleyComment, fresh: Map<string, CommentView>): void {
    if (!wellFormed(comment)) {
      console.warn('[parley] left out a malformed comment (id, author.name, html and createdAt are needed):', comment);
    } else if (!this.#byId.has(comment.id) && !fresh.has(comment.id)) fresh.set(comment.id, this.#prepare(comment));
  }

  /** Holds a prepared comment by id; all of a page are held before any is threaded (a reply may come before its parent). */
  #hold(view: CommentView): void {
    this.#byId.set(view.comment.id, view);
    if (view.comment.status === 'approved') this.approved += 1;
  }

  #attach(view: CommentView): void {
    const parentId = view.comment.parentId;
    const parent = parentId === null ? undefined : this.#byId.get(parentId);
    // Bad data may make a cycle; only a comment that already has replies (listed before it) can be above its parent.
    if (parent && parent !== view && !(view.replies.length > 0 && isAbove(view, parent))) {
      view.parent = parent;
      insertByDate(parent.replies, view);
    } else {
      insertByDate(this.roots, view);
    }
  }
}

/** True when `view` is one of `candidate`'s ancestors. */
function isAbove(view: CommentView, candidate: CommentView): boolean {
  for (let node = candidate.parent; node; node = node.parent) if (node === view) return true;
  return false;
}

/**
 * Sets the level and top-level comment of the comments just attached, each
 * once, from the highest down (a reply may have come before its parent), and
 * without recursion, so a long reply chain cannot overflow the stack. Their
 * replies are all among them: a comment held earlier never gains a parent.
 */
function place(added: readonly CommentView[]): void {
  const fresh = new Set(added);
  const stack = added.filter((view) => !view.parent || !fresh.has(view.parent));
  while (stack.length > 0) {
    const view = stack.pop()!;
    const parent = view.parent;
    view.level = parent ? parent.level + 1 : 1;
    view.root = parent ? parent.root : view;
    for (const reply of view.replies) stack.push(reply);
  }
}

/**
 * What the views cannot do without. The built-in adapters check every field
 * as it enters; a custom adapter's slip (an Invalid Date, no author) would
 * otherwise stop the whole thread from rendering.
 */
function wellFormed(comment: ParleyComment): boolean {
  const { id, author, html, createdAt } = comment ?? {};
  return id != null && typeof author?.name === 'string' && typeof html === 'string' && createdAt instanceof Date && !Number.isNaN(createdAt.getTime());
}

/** Keeps a list oldest first; equal dates keep arrival order. */
function insertByDate(list: CommentView[], view: CommentView): void {
  const time = view.comment.createdAt.getTime();
  let index = list.length;
  while (index > 0 && list[index - 1]!.comment.createdAt.getTime() > time) index--;
  list.splice(index, 0, view);
}
