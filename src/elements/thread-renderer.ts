import { render } from 'lit/html.js';
import { afterRendering } from '../core/slices.js';
import type { CommentView } from '../core/comment-view.js';
import { listenToThread, renderItems, renderTopLevelItems, withDescendants, type ThreadViewContext } from './thread-view.js';

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

/**
 * A list of replies longer than this (replies of replies included) is split
 * into blocks of its own, each rendered in its turn: a comment with thousands
 * of replies is no one long task.
 */
const SPLIT_AT = 2 * BLOCK_SIZE;

/**
 * Some consecutive top-level comments with their replies, or some consecutive
 * items of one long list of replies, rendered (and re-rendered) as one.
 */
interface Block {
  /** Its top-level comments; or, in a block of replies, the items of their list it holds (see `listItems`). */
  items: CommentView[];
  /** The comment whose list of replies this block holds part of; null for a block of top-level comments. */
  owner: CommentView | null;
  /** The depth of its items' list (1: the thread's own). */
  depth: number;
  /** Comments in the block, replies included, counted as its items joined. */
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
  /** Every block, in reading order (the order they render in). */
  readonly #blocks: Block[] = [];
  /** The block of each top-level comment, and of each item of a split list. */
  readonly #blockOf = new Map<CommentView, Block>();
  /** The blocks each long list of replies is split into, by the comment it replies to. */
  readonly #splits = new Map<CommentView, Block[]>();
  /** The last block of top-level comments (blocks of replies may follow it in `#blocks`). */
  #lastTopBlock: Block | undefined;
  /** Where the next new block of replies goes in `#blocks`: after the block being rendered. */
  #insertAt = 0;
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
    this.#context = { ...context, split: this.#split };
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

  /**
   * Marks for rendering the blocks of comments added under existing ones
   * (replies, held comments): the block that lists the comment their list
   * belongs to, which splits that list again if it is long now.
   */
  changed(views: readonly CommentView[]): void {
    const maxDepth = this.#context?.maxDepth ?? 1;
    for (const view of views) {
      // Under a new top-level comment (or one itself): placed with it by #assign.
      if (!view.parent || !this.#blockOf.has(view.root)) continue;
      // Replies below the last indented level are listed flat, in the list of their ancestor one level above it.
      let owner = view.parent;
      while (owner.parent && owner.level >= maxDepth) owner = owner.parent;
      const block = this.#blockContaining(owner);
      if (block) this.#dirty.add(block);
    }
  }

  /** The block that renders `view`: its own, or the nearest one of an ancestor's (a comment in a list rendered in place). */
  #blockContaining(view: CommentView): Block | undefined {
    for (let node: CommentView | null = view; node; node = node.parent) {
      const block = this.#blockOf.get(node);
      if (block) return block;
    }
    return undefined;
  }

  /**
   * Renders the block of `view` now if it is waiting (to focus the comment),
   * leaving the others their turn: a permalink into a 10,000-comment thread
   * renders one block at once, not every block before it.
   */
  reveal(view: CommentView): void {
    // A comment in a long list of replies: the block holding the list first, which makes the list's blocks.
    for (let block = this.#blockContaining(view); block && (this.#dirty.has(block) || !block.rendered); block = this.#blockContaining(view)) {
      this.#render(block);
    }
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
      if (list.length === block.items.length) continue;
      block.items = list;
      this.#dirty.add(block);
      holdRoom(block);
      // A new block goes in once complete (nothing in the list changes but the list's end).
      if (block.element.parentNode !== this.list) this.list.append(block.element);
    }
    this.#rootCount = roots.length;
  }

  /**
   * Splits a long list of `owner`'s replies (its `items` at `depth`) into
   * blocks, or says to render it in place (undefined). Its blocks are kept
   * from one render of the block holding `owner` to the next: a block is
   * rendered again only when its items changed (new replies join the list's
   * end), and a new one takes its turn after the block being rendered.
   */
  #split = (owner: CommentView, items: readonly CommentView[], depth: number): Node[] | undefined => {
    // Each item with its replies, unless they are listed flat beside it.
    const flat = depth >= this.#context!.maxDepth;
    const groups: { items: CommentView[]; size: number }[] = [];
    let total = 0;
    for (const item of items) {
      const size = flat ? 1 : withDescendants(item).length;
      total += size;
      const group = groups.at(-1);
      if (group && group.size < BLOCK_SIZE) {
        group.items.push(item);
        group.size += size;
      } else groups.push({ items: [item], size });
    }
    if (total <= SPLIT_AT) return undefined;
    const blocks = this.#splits.get(owner) ?? [];
    this.#splits.set(owner, blocks);
    // A list only grows (replies are added, never taken away): its number of blocks too.
    groups.forEach((group, index) => {
      let block = blocks[index];
      if (!block) {
        block = this.#newBlock(owner, depth);
        blocks.push(block);
        this.#blocks.splice(this.#insertAt++, 0, block);
      }
      if (block.items.length !== group.items.length || block.items.some((item, at) => item !== group.items[at])) {
        block.items = group.items;
        block.size = group.size;
        this.#dirty.add(block);
        holdRoom(block);
      }
      for (const item of group.items) this.#blockOf.set(item, block);
    });
    return blocks.map((block) => block.element);
  };

  /** The block a new top-level comment joins, given the block of the comment before it. */
  #blockFor(previous: Block | undefined): Block {
    const last = this.#lastTopBlock;
    if (!previous) return this.#blocks[0] ?? this.#newBlock();
    // Comments that arrive later go into a block of their own, leaving the rendered ones untouched.
    const limit = previous === this.#blocks[0] ? FIRST_BLOCK_SIZE : BLOCK_SIZE;
    if (previous !== last || (previous.size < limit && !previous.rendered)) return previous;
    return this.#newBlock();
  }

  /** A new block of top-level comments at the end (a block of replies when it has an `owner`: #split places it). */
  #newBlock(owner: CommentView | null = null, depth = 1): Block {
    const doc = this.list.ownerDocument;
    const element = doc.createElement('div');
    // Not a list item itself: the items inside belong to the list.
    element.setAttribute('role', 'none');
    element.className = 'block';
    const block: Block = { items: [], owner, depth, size: 0, rendered: false, element };
    if (!owner) this.#blocks.push((this.#lastTopBlock = block));
    return block;
  }

  #render(block: Block): void {
    this.#dirty.delete(block);
    block.rendered = true;
    // Blocks of long lists of replies it makes go right after it, in order.
    this.#insertAt = this.#blocks.indexOf(block) + 1;
    // Before rendering: the render moves the reply form (and any focus in it) into the fragment.
    const focus = this.#focusWithin(block);
    const fragment = this.list.ownerDocument.createDocumentFragment();
    const context = this.#context!;
    render(block.owner ? renderItems(block.items, block.depth, context) : renderTopLevelItems(block.items, context), fragment);
    // Lit's markers serve updates, and a block is never updated: each render starts afresh.
    // The reply form keeps its own (it is updated in place), bodies have none, and blocks of replies are rendered on their own.
    const markers = this.list.ownerDocument.createTreeWalker(fragment, NodeFilter.SHOW_ELEMENT | NodeFilter.SHOW_COMMENT, (node) =>
      node.nodeType === Node.COMMENT_NODE
        ? NodeFilter.FILTER_ACCEPT
        : node === context.form || (node as Element).getAttribute('part') === 'comment-body' || (node as Element).className === 'block'
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

/**
 * Room held while a block is off screen and not laid out yet: styles.ts gives
 * a full block's (10em a comment); a block of fewer (the last, a reader's new
 * comment) holds its own, so a short thread shows no blank space. Set on those
 * blocks alone: a style of its own on each of hundreds of blocks costs style work.
 */
function holdRoom(block: Block): void {
  const estimate = block.size < BLOCK_SIZE ? `auto ${block.size * 10}em` : '';
  if (block.element.style.containIntrinsicSize !== estimate) block.element.style.containIntrinsicSize = estimate;
}
