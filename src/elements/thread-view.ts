import { html, nothing, type TemplateResult } from 'lit/html.js';
import type { CommentView } from '../core/comment-view.js';
import { NAME_SLOT, withIsolatedName } from './isolate-name.js';
import { looksLikeOwner } from './owner-names.js';

export interface ThreadViewContext {
  /** Looks up a catalogue message. */
  t: (
    key: 'reply' | 'replyTo' | 'inReplyTo' | 'awaitingModeration' | 'badgeOwner' | 'badgeModerator' | 'unverifiedName',
    params?: Record<string, string>,
  ) => string;
  /** Names of the site's owners: a comment without a role whose name looks like one of them is marked unverified. */
  ownerNames: readonly string[];
  /** Deepest level shown indented; deeper replies are listed flat at this level. */
  maxDepth: number;
  /** Whether the backend accepts a reply to this comment. */
  canReply: (view: CommentView) => boolean;
  /** Id of the comment being replied to; the form renders under it. */
  replyTo: string | null;
  /** A Reply button was pressed (listened for on the list, see thread-renderer.ts). */
  onReply: (commentId: string) => void;
  /** The reply form's container, placed under the comment being replied to. */
  form: Node;
  /**
   * The blocks a long list of replies is split into, to render in slices of
   * their own; undefined renders the list in place (see thread-renderer.ts).
   */
  split?: (owner: CommentView, items: readonly CommentView[], depth: number) => Node[] | undefined;
}

/**
 * The `<li>`s of some top-level comments and their replies (the thread's `<ol>`
 * is the renderer's, see thread-renderer.ts).
 */
export function renderTopLevelItems(roots: readonly CommentView[], context: ThreadViewContext): TemplateResult[] {
  return renderItems(listItems(roots, 1, context.maxDepth), 1, context);
}

/** The `<li>`s of the items of one list (see `listItems`) at `depth`. */
export function renderItems(items: readonly CommentView[], depth: number, context: ThreadViewContext): TemplateResult[] {
  // Not keyed: new comments (posts, "Load more") arrive at the end of their list, where
  // Lit appends them and leaves the existing items untouched; a keyed repeat would cost
  // more bytes than it saves work.
  return items.map((view) => renderItem(view, depth, context));
}

/** The items of a list of `views` at `depth`: at the last indented level, every deeper reply follows its ancestor, flat. */
export function listItems(views: readonly CommentView[], depth: number, maxDepth: number): readonly CommentView[] {
  return depth < maxDepth ? views : views.flatMap(withDescendants);
}

/** A comment and every reply below it, in thread order; without recursion, so a long reply chain cannot overflow the stack. */
export function withDescendants(view: CommentView): CommentView[] {
  const list: CommentView[] = [];
  const stack = [view];
  while (stack.length > 0) {
    const next = stack.pop()!;
    list.push(next);
    for (let index = next.replies.length; index-- > 0; ) stack.push(next.replies[index]!);
  }
  return list;
}

function renderItem(view: CommentView, depth: number, context: ThreadViewContext): TemplateResult {
  const nested = depth < context.maxDepth && view.replies.length > 0;
  const items = nested ? listItems(view.replies, depth + 1, context.maxDepth) : [];
  return html`<li part="comment-item">
    ${renderComment(view, depth, context)}
    ${context.replyTo === view.comment.id ? context.form : nothing}
    ${nested
      ? html`<ol part="replies" role="list">
          ${context.split?.(view, items, depth + 1) ?? renderItems(items, depth + 1, context)}
        </ol>`
      : nothing}
  </li>`;
}

function renderComment(view: CommentView, depth: number, context: ThreadViewContext): TemplateResult {
  const { t } = context;
  const flattened = view.level > depth && view.parent !== null;
  const pending = view.comment.status === 'pending';
  return html`<article
    part=${pending ? 'comment comment-pending' : 'comment'}
    id=${view.key}
    tabindex="-1"
    aria-labelledby="${view.key}-author"
    data-comment-id=${view.comment.id}
  >
    <header part="comment-header">
      ${renderAvatar(view)}
      <h3 part="comment-author" id="${view.key}-author">
        ${view.authorUrl
          ? html`<a part="comment-author-link" href=${view.authorUrl} rel="nofollow ugc noopener noreferrer" target="_blank"><bdi>${view.authorName}</bdi></a>`
          : html`<bdi>${view.authorName}</bdi>`}
      </h3>
      ${renderBadge(view, context)}
      <a part="comment-permalink" href="#comment-${encodeURIComponent(view.comment.id)}"
        ><time part="comment-date" datetime=${view.dateTime} title=${view.dateLabel}>${view.relativeLabel}</time></a
      >
      ${flattened
        ? html`<span part="in-reply-to">${withIsolatedName(t('inReplyTo', { name: NAME_SLOT }), view.parent!.authorName)}</span>`
        : nothing}
    </header>
    ${pending ? html`<p part="pending">${t('awaitingModeration')}</p>` : nothing}
    ${view.body}
    ${context.canReply(view)
      ? html`<button
          type="button"
          part="reply-button"
          aria-label=${replyLabel(t, view.authorName)}
          aria-expanded=${context.replyTo === view.comment.id ? 'true' : 'false'}
        >
          ${t('reply')}
        </button>`
      : nothing}
  </article>`;
}

/**
 * "Author" or "Moderator" for a role the backend vouches for; "Unverified" for
 * anyone else whose name looks like an owner's (see
 * docs/decisions/0005-owner-badges-and-look-alike-names.md).
 */
function renderBadge(view: CommentView, { t, ownerNames }: ThreadViewContext): TemplateResult | typeof nothing {
  const role = view.comment.author.role;
  if (role === 'owner' || role === 'moderator') {
    return html`<span part="badge badge-${role}">${t(role === 'owner' ? 'badgeOwner' : 'badgeModerator')}</span>`;
  }
  return looksLikeOwner(view.authorName, ownerNames) ? html`<span part="unverified-badge">${t('unverifiedName')}</span>` : nothing;
}

/** The initial letter is always there; a photo, when the URL is safe, covers it and is removed if it fails to load. */
function renderAvatar(view: CommentView): TemplateResult {
  return html`<span part="comment-avatar" aria-hidden="true"
    >${view.initial}${view.avatar
      ? html`<img
          part="comment-avatar-image"
          src=${view.avatar}
          alt=""
          width="40"
          height="40"
          loading="lazy"
          decoding="async"
          referrerpolicy="no-referrer"
        />`
      : nothing}</span
  >`;
}

/**
 * Listens on the thread's list for what its comments need: Reply buttons, and
 * avatar photos that fail (hidden, so the initial shows) or load. One listener
 * for the thread, none per comment.
 */
export function listenToThread(list: HTMLElement, context: () => ThreadViewContext): void {
  list.addEventListener('click', (event) => {
    const button = (event.target as Element).closest('[part~="reply-button"]');
    const id = button?.closest('article')?.dataset.commentId;
    if (id !== undefined) context().onReply(id);
  });
  const showImage = (event: Event) => {
    const image = event.target as HTMLElement;
    if (image.matches('[part~="comment-avatar-image"]')) image.hidden = event.type === 'error';
  };
  // Neither event bubbles: caught on the way down.
  list.addEventListener('error', showImage, true);
  list.addEventListener('load', showImage, true);
}

/**
 * "Reply to {name}", when it holds the visible word (in any case); else, as
 * with a site's own word for Reply, that word and the name: the visible label
 * must be part of the accessible name (WCAG 2.5.3).
 */
function replyLabel(t: ThreadViewContext['t'], name: string): string {
  const reply = t('reply');
  const label = t('replyTo', { name });
  return label.toLowerCase().includes(reply.toLowerCase()) ? label : `${reply}: ${name}`;
}
