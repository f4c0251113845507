import { render } from 'lit/html.js';
import { afterRendering } from '../core/slices.js';
import type { CommentView } from '../core/comment-view.js';
import { listenToThread, renderTopLevelItems, withDescendants, type ThreadViewContext } from './thread-view.js';

/**
 * Comments (replies included) per block: a block renders in a few milliseconds
 * on a slow phone. styles.ts reserves room for this many while a block is off
 * screen and not yet laid out.
 */
const BLOCK_SIZE = 16;
/** The first block is smaller: it renders with the element's update (see `MANY_NEW_ROOTS`), and the first comments show sooner. */
const FIRST_BLOCK_SIZE = 4;
/** Work per slice before the browser gets the main thread back; far below a 50 ms long task. */
const SLICE_MS = 8;
/**
 * Placing this many new top-level comments takes about a slice (7,000 took
 * 10 to 25 ms here): beyond it, rendering starts in the next task, so the two
 * never make one long task.
 */
const MANY_NEW_ROOTS = 4_000;

/** Some consecutive top-level comments with their replies, rendered (and re-rendered) as one. */
interface Block {
  roots: CommentView[];
  /** Comments in the block, replies included, counted as its top-level comments joined. */
  size: number;
  /** Rendered at least once: later top-level comments start a new block rather than re-create this one. */
  rendered: boolean;
  /** Holds the block's items in the list; the browser skips its layout while it is off screen. */
  readonly element: HTMLElement;
}

/**
 * Renders a thread into one `<ol>`, in blocks of top-level comments. The
 * first block renders with the element's update (in the next task when
 * thousands of comments were placed in this one); the rest follow in short
 * slices between frames, so a 10,000-comment page never blocks the page for
 * long. A change re-renders only the blocks it touches (a new reply, the reply
 * form moving), so typing into the form costs the same for 10 comments as for
 * 10,000.
 *
 * A block is rendered afresh each time, into a fragment that then replaces its
 * items: nothing of lit-html's bookkeeping stays per comment (in a
 * 10,000-comment thread it outweighed the comments), its position markers are
 * dropped, and events are listened for once, on the list. Comment bodies and
 * the reply form are kept nodes, moved, never re-created.
 */
export class ThreadRenderer {
  /** The thread's list; the element places it, the renderer fills it. */
  readonly list: HTMLOListElement;
  readonly #blocks: Block[] = [];
  readonly #blockOf = new Map<CommentView, Block>();
  readonly #dirty = new Set<Block>();
  #rootCount = 0;
  #context: ThreadViewContext | undefined;
  #signature = '';
  #replyView: CommentView | undefined;
  /** A slice is queued; pausing drops it. */
  #queued: { cancelled: boolean } | undefined;
  #settled: Promise<void> = settledAlready;
  #resolveSettled: () => void = () => {};

  constructor(doc: Document) {
    this.list = doc.createElement('ol');
    this.list.setAttribute('part', 'thread');
    this.list.setAttribute('role', 'list');
    listenToThread(this.list, () => this.#context!);
  }

  /** Resolves once every block shows its latest state. */
  get settled(): Promise<void> {
    return this.#settled;
  }

  /**
   * Shows `roots` (the thread's top-level comments, in order) with `context`.
   * New top-level comments join a block; a new `signature` (everything each
   * comment's rendering depends on, but the reply target) re-renders every
   * block; the reply form moves under the new reply target at once.
   */
  show(roots: readonly CommentView[], context: ThreadViewContext, signature: string, replyView: CommentView | undefined): void {
    this.#context = context;
    const newRoots = roots.length - this.#rootCount;
    if (newRoots !== 0) this.#assign(roots);
    if (signature !== this.#signature) {
      this.#signature = signature;
      for (const block of this.#blocks) this.#dirty.add(block);
    }
    if (replyView !== this.#replyView) {
      this.#toggleReply(this.#replyView, false);
      this.#replyView = replyView;
      this.#toggleReply(replyView, true);
    }
    if (newRoots > MANY_NEW_ROOTS) this.#queueSlice();
    else this.#slice();
  }

  /** Opens (the form goes under it) or closes the reply to one comment, in place: its block is not re-created. */
  #toggleReply(view: CommentView | undefined, open: boolean): void {
    if (!view) return;
    this.reveal(view);
    const article = this.list.querySelector(`#${view.key}`);
    article?.querySelector('[part~="reply-button"]')?.setAttribute('aria-expanded', String(open));
    if (open) article?.after(this.#context!.form);
  }

  /** Marks the blocks of comments added under existing ones (replies, held comments) for rendering. */
  changed(views: readonly CommentView[]): void {
    for (const view of views) {
      const block = this.#blockOf.get(view.root);
      if (block) this.#dirty.add(block);
    }
  }

  /**
   * Renders the block of `view` now if it is waiting (to focus the comment),
   * leaving the others their turn: a permalink into a 10,000-comment thread
   * renders one block at once, not every block before it.
   */
  reveal(view: CommentView): void {
    const block = this.#blockOf.get(view.root);
    if (block && (this.#dirty.has(block) || !block.rendered)) this.#render(block);
  }

  /** Renders everything still waiting, now (before moving focus into the thread). */
  flush(): void {
    for (const block of this.#blocks) if (this.#dirty.has(block)) this.#render(block);
    this.#finish();
  }

  /** Stops rendering in the background (the element left the page); `show()` resumes. */
  pause(): void {
    if (this.#queued) this.#queued.cancelled = true;
    this.#queued = undefined;
  }

  /** Puts new top-level comments into blocks: after the comment before them, or in a new block at the end. */
  #assign(roots: readonly CommentView[]): void {
    const members = new Map<Block, CommentView[]>();
    let current: Block | undefined;
    for (const root of roots) {
      let block = this.#blockOf.get(root);
      if (!block) {
        block = this.#blockFor(current);
        block.size += withDescendants(root).length;
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
      // Room held while the block is off screen and not laid out yet: styles.ts gives a full block's (10em a
      // comment); a block of fewer (the last, a reader's new comment) holds its own, so a short thread shows no
      // blank space. Set on those blocks alone: a style of its own on each of hundreds of blocks costs style work.
      const estimate = block.size < BLOCK_SIZE ? `auto ${block.size * 10}em` : '';
      if (block.element.style.containIntrinsicSize !== estimate) block.element.style.containIntrinsicSize = estimate;
      // A new block goes in once complete (nothing in the list changes but the list's end).
      if (block.element.parentNode !== this.list) this.list.append(block.element);
    }
    this.#rootCount = roots.length;
  }

  /** The block a new top-level comment joins, given the block of the comment before it. */
  #blockFor(previous: Block | undefined): Block {
    const last = this.#blocks.at(-1);
    if (!previous) return this.#blocks[0] ?? this.#newBlock();
    // Comments that arrive later go into a block of their own, leaving the rendered ones untouched.
    const limit = previous === this.#blocks[0] ? FIRST_BLOCK_SIZE : BLOCK_SIZE;
    if (previous !== last || (previous.size < limit && !previous.rendered)) return previous;
    return this.#newBlock();
  }

  #newBlock(): Block {
    const doc = this.list.ownerDocument;
    const element = doc.createElement('div');
    // Not a list item itself: the items inside belong to the list.
    element.setAttribute('role', 'none');
    element.className = 'block';
    const block: Block = { roots: [], size: 0, rendered: false, element };
    this.#blocks.push(block);
    return block;
  }

  #render(block: Block): void {
    this.#dirty.delete(block);
    block.rendered = true;
    // Before rendering: the render moves the reply form (and any focus in it) into the fragment.
    const focus = this.#focusWithin(block);
    const fragment = this.list.ownerDocument.createDocumentFragment();
    render(renderTopLevelItems(block.roots, this.#context!), fragment);
    // Lit's markers serve updates, and a block is never updated: each render starts afresh.
    // The reply form keeps its own (it is updated in place), and bodies have none.
    const form = this.#context!.form;
    const markers = this.list.ownerDocument.createTreeWalker(fragment, NodeFilter.SHOW_ELEMENT | NodeFilter.SHOW_COMMENT, (node) =>
      node.nodeType === Node.COMMENT_NODE
        ? NodeFilter.FILTER_ACCEPT
        : node === form || (node as Element).getAttribute('part') === 'comment-body'
          ? NodeFilter.FILTER_REJECT
          : NodeFilter.FILTER_SKIP,
    );
    const found: ChildNode[] = [];
    while (markers.nextNode()) found.push(markers.currentNode as ChildNode);
    for (const marker of found) marker.remove();
    block.element.replaceChildren(fragment);
    focus?.();
  }

  /**
   * When focus is in a block about to be re-created, how to put it back: on
   * the same node if it is kept (the reply form's fields, with the caret), else
   * on the same control of the same comment.
   */
  #focusWithin(block: Block): (() => void) | undefined {
    const root = this.list.getRootNode() as Document | ShadowRoot;
    const active = root.activeElement as HTMLElement | null;
    if (!active || !this.list.contains(active)) return undefined;
    if (!block.element.contains(active)) return undefined;
    if (this.#context!.form.contains(active)) {
      const field = active as HTMLTextAreaElement;
      const selection = 'selectionStart' in field ? [field.selectionStart, field.selectionEnd] : null;
      return () => {
        field.focus({ preventScroll: true });
        if (selection) field.setSelectionRange(selection[0], selection[1]);
      };
    }
    const article = active.closest('article');
    const selector = article ? `#${article.id}${active === article ? '' : ' [part~="reply-button"]'}` : null;
    return () => {
      if (selector) this.list.querySelector<HTMLElement>(selector)?.focus({ preventScroll: true });
    };
  }

  /** Renders blocks in reading order for one slice (at least one block), then yields to the browser. */
  #slice = (): void => {
    this.#queued = undefined;
    const deadline = performance.now() + SLICE_MS;
    for (const block of this.#blocks) {
      if (!this.#dirty.has(block)) continue;
      this.#render(block);
      if (performance.now() >= deadline) break;
    }
    if (this.#dirty.size === 0) this.#finish();
    else this.#queueSlice();
  };

  /** Renders the next slice in a task of its own, after the browser has rendered. */
  #queueSlice(): void {
    if (this.#queued !== undefined) return;
    // A pending promise for `settled` only while work is left.
    if (this.#settled === settledAlready) this.#settled = new Promise((resolve) => (this.#resolveSettled = resolve));
    const queued = (this.#queued = { cancelled: false });
    afterRendering(() => {
      if (!queued.cancelled) this.#slice();
    });
  }

  #finish(): void {
    this.pause();
    this.#resolveSettled();
    this.#settled = settledAlready;
  }
}

const settledAlready = Promise.resolve();
