import { render } from 'lit/html.js';
import type { CommentView } from '../core/comment-view.js';
import { renderTopLevelItems, type ThreadViewContext } from './thread-view.js';

/** Comments (replies included) per block: a block renders in a few milliseconds on a slow phone. */
const BLOCK_SIZE = 20;
/** Work per slice before the browser gets the main thread back; far below a 50 ms long task. */
const SLICE_MS = 8;

/** Some consecutive top-level comments with their replies: one lit-html render of its own. */
interface Block {
  roots: CommentView[];
  /** Comments in the block, replies included, counted as its top-level comments joined. */
  size: number;
  /** Marks the block's end in the list: the block renders just before it. */
  readonly end: Comment;
}

/**
 * Renders a thread into one `<ol>`, in blocks of top-level comments. The
 * first blocks render with the element's update; the rest follow in short
 * slices between frames, so a 10,000-comment page never blocks the page for
 * long. A change re-renders only the blocks it touches (a new reply, the reply
 * form moving), so typing into the form costs the same for 10 comments as for
 * 10,000.
 */
export class ThreadRenderer {
  /** The thread's list; the element places it, the renderer fills it. */
  readonly list: HTMLOListElement;
  readonly #host: object;
  readonly #blocks: Block[] = [];
  readonly #blockOf = new Map<CommentView, Block>();
  readonly #dirty = new Set<Block>();
  #rootCount = 0;
  #context: ThreadViewContext | undefined;
  #signature = '';
  #replyView: CommentView | undefined;
  #timer: ReturnType<typeof setTimeout> | undefined;
  #settled: Promise<void> = settledAlready;
  #resolveSettled: () => void = () => {};

  constructor(doc: Document, host: object) {
    this.list = doc.createElement('ol');
    this.list.setAttribute('part', 'thread');
    this.list.setAttribute('role', 'list');
    this.#host = host;
  }

  /** Resolves once every block shows its latest state. */
  get settled(): Promise<void> {
    return this.#settled;
  }

  /**
   * Shows `roots` (the thread's top-level comments, in order) with `context`.
   * New top-level comments join a block; a new `signature` (everything each
   * comment's rendering depends on, but the reply target) re-renders every
   * block; the blocks of the previous and the new reply target render now.
   */
  show(roots: readonly CommentView[], context: ThreadViewContext, signature: string, replyView: CommentView | undefined): void {
    this.#context = context;
    if (roots.length !== this.#rootCount) this.#assign(roots);
    if (signature !== this.#signature) {
      this.#signature = signature;
      for (const block of this.#blocks) this.#dirty.add(block);
    }
    if (replyView !== this.#replyView) {
      for (const view of [this.#replyView, replyView]) {
        const block = view && this.#blockOf.get(rootOf(view));
        if (block) this.#render(block);
      }
      this.#replyView = replyView;
    }
    this.#slice();
  }

  /** Marks the blocks of comments added under existing ones (replies, held comments) for rendering. */
  changed(views: readonly CommentView[]): void {
    for (const view of views) {
      const block = this.#blockOf.get(rootOf(view));
      if (block) this.#dirty.add(block);
    }
  }

  /** Renders everything still waiting, now (before moving focus into the thread). */
  flush(): void {
    for (const block of this.#blocks) if (this.#dirty.has(block)) this.#render(block);
    this.#finish();
  }

  /** Stops rendering in the background (the element left the page); `show()` resumes. */
  pause(): void {
    clearTimeout(this.#timer);
    this.#timer = undefined;
  }

  /** Puts new top-level comments into blocks: after the comment before them, or in a new block at the end. */
  #assign(roots: readonly CommentView[]): void {
    const members = new Map<Block, CommentView[]>();
    let current: Block | undefined;
    for (const root of roots) {
      let block = this.#blockOf.get(root);
      if (!block) {
        block = this.#blockFor(current);
        block.size += subtreeSize(root);
        this.#blockOf.set(root, block);
      }
      current = block;
      const list = members.get(block);
      if (list) list.push(root);
      else members.set(block, [root]);
    }
    for (const [block, list] of members) {
      if (list.length === block.roots.length) continue;
      block.roots = list;
      this.#dirty.add(block);
    }
    this.#rootCount = roots.length;
  }

  /** The block a new top-level comment joins, given the block of the comment before it. */
  #blockFor(previous: Block | undefined): Block {
    const last = this.#blocks.at(-1);
    if (!previous) return this.#blocks[0] ?? this.#newBlock();
    if (previous !== last || previous.size < BLOCK_SIZE) return previous;
    return this.#newBlock();
  }

  #newBlock(): Block {
    const block: Block = { roots: [], size: 0, end: this.list.ownerDocument.createComment('') };
    this.list.append(block.end);
    this.#blocks.push(block);
    return block;
  }

  #render(block: Block): void {
    this.#dirty.delete(block);
    render(renderTopLevelItems(block.roots, this.#context!), this.list, { renderBefore: block.end, host: this.#host });
  }

  /** Renders blocks in reading order for one slice (at least one block), then yields to the browser. */
  #slice = (): void => {
    this.#timer = undefined;
    const deadline = performance.now() + SLICE_MS;
    for (const block of this.#blocks) {
      if (!this.#dirty.has(block)) continue;
      this.#render(block);
      if (performance.now() >= deadline) break;
    }
    if (this.#dirty.size === 0) {
      this.#finish();
      return;
    }
    if (this.#timer === undefined) {
      // A pending promise for `settled` only while work is left.
      if (this.#settled === settledAlready) this.#settled = new Promise((resolve) => (this.#resolveSettled = resolve));
      this.#timer = setTimeout(this.#slice, 0);
    }
  };

  #finish(): void {
    this.pause();
    this.#resolveSettled();
    this.#settled = settledAlready;
  }
}

const settledAlready = Promise.resolve();

/** The top-level comment a comment belongs under. */
function rootOf(view: CommentView): CommentView {
  let root = view;
  while (root.parent) root = root.parent;
  return root;
}

/** A comment and its replies, counted without recursion (reply chains can be long). */
function subtreeSize(view: CommentView): number {
  let count = 0;
  const stack = [view];
  for (let next = stack.pop(); next; next = stack.pop()) {
    count++;
    for (const reply of next.replies) stack.push(reply);
  }
  return count;
}
