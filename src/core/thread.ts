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

  get(id: string): CommentView | undefined {
    return this.#byId.get(id);
  }

  /**
   * Adds comments (a page, or one new post); ids already present are ignored.
   * Returns the views that were added.
   */
  add(comments: readonly ParleyComment[]): CommentView[] {
    const added: CommentView[] = [];
    for (const comment of comments) this.#enter(comment, added);
    for (const view of added) this.#attach(view);
    return added;
  }

  /**
   * `add()` for thousands of comments: the same work in slices, giving the
   * main thread back every few milliseconds (threading 10,000 comments at
   * once is a task of 25 to 60 ms). Stops where it is once `signal` aborts.
   */
  async addInSlices(comments: readonly ParleyComment[], signal: AbortSignal): Promise<CommentView[]> {
    const added: CommentView[] = [];
    let entered = 0;
    let attached = 0;
    await inSlices(() => {
      if (signal.aborted) return true;
      if (entered < comments.length) this.#enter(comments[entered++]!, added);
      else if (attached < added.length) this.#attach(added[attached++]!);
      return entered === comments.length && attached === added.length;
    });
    return added;
  }

  /** Prepares a comment not held yet, and notes it in `added`. */
  #enter(comment: ParleyComment, added: CommentView[]): void {
    if (this.#byId.has(comment.id)) return;
    const view = this.#prepare(comment);
    this.#byId.set(comment.id, view);
    added.push(view);
  }

  #attach(view: CommentView): void {
    const parentId = view.comment.parentId;
    const parent = parentId === null ? undefined : this.#byId.get(parentId);
    if (parent && !this.#isAncestor(view, parent)) {
      view.parent = parent;
      view.level = parent.level + 1;
      insertByDate(parent.replies, view);
      this.#relevel(view);
    } else {
      insertByDate(this.roots, view);
    }
  }

  /** True when `candidate` is `view` or one of its ancestors would be below it (a cycle in bad data). */
  #isAncestor(view: CommentView, candidate: CommentView): boolean {
    for (let node: CommentView | null = candidate; node; node = node.parent) if (node === view) return true;
    return false;
  }

  /** Replies that arrived before their parent keep correct levels. */
  #relevel(view: CommentView): void {
    for (const reply of view.replies) {
      reply.level = view.level + 1;
      this.#relevel(reply);
    }
  }
}

/** Keeps a list oldest first; equal dates keep arrival order. */
function insertByDate(list: CommentView[], view: CommentView): void {
  const time = view.comment.createdAt.getTime();
  let index = list.length;
  while (index > 0 && list[index - 1]!.comment.createdAt.getTime() > time) index--;
  list.splice(index, 0, view);
}
