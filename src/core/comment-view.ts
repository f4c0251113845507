import { sanitizeCommentHtml } from '../sanitize/sanitize-html.js';
import { cleanDisplayName, initialOf } from '../sanitize/text.js';
import { safeUrl } from '../sanitize/urls.js';
import { absoluteDateLabel, relativeTimeLabel } from '../i18n/dates.js';
import { en } from '../i18n/en.js';
import type { ParleyComment } from './types.js';

/**
 * A comment made ready for display: the name cleaned and URLs checked when it
 * enters the thread; the body sanitised and the dates formatted the first time
 * it is rendered (a 10,000-comment page is not sanitised in one task), and
 * never again.
 */
export interface CommentView {
  readonly comment: ParleyComment;
  /** Internal key, safe to use as a DOM id (backend ids are not). */
  readonly key: string;
  readonly authorName: string;
  /** http(s) author site, or null. */
  readonly authorUrl: string | null;
  /** http(s) avatar, or null (the initial letter is shown instead). */
  readonly avatar: string | null;
  readonly initial: string;
  /**
   * The sanitised body in its own `part="comment-body"` element, built once;
   * the view places this element (Lit moves it, never re-parses or clones it).
   */
  readonly body: HTMLElement;
  readonly dateTime: string;
  readonly dateLabel: string;
  readonly relativeLabel: string;
  /** Nesting level in the real thread: 1 for top-level comments. */
  level: number;
  /** Replies, oldest first. */
  readonly replies: CommentView[];
  /** The comment this replies to, when it is known. */
  parent: CommentView | null;
}

let nextKey = 0;

function bodyElement(html: string): HTMLElement {
  const element = document.createElement('div');
  element.setAttribute('part', 'comment-body');
  element.append(sanitizeCommentHtml(html));
  return element;
}

export function prepareComment(comment: ParleyComment, locale: string, now: number): CommentView {
  // A name that is empty once invisible characters are gone (a Braille blank, Hangul fillers) would leave an
  // empty, or empty but clickable, author row: it shows as the catalogue's stand-in instead.
  const authorName = cleanDisplayName(comment.author.name) || en.anonymousName;
  let body: HTMLElement | undefined;
  let dateLabel: string | undefined;
  let relativeLabel: string | undefined;
  return {
    comment,
    key: `c${++nextKey}`,
    authorName,
    authorUrl: safeUrl(comment.author.url),
    avatar: safeUrl(comment.author.avatar),
    initial: initialOf(authorName),
    get body() {
      return (body ??= bodyElement(comment.html));
    },
    dateTime: comment.createdAt.toISOString(),
    get dateLabel() {
      return (dateLabel ??= absoluteDateLabel(comment.createdAt, locale));
    },
    get relativeLabel() {
      return (relativeLabel ??= relativeTimeLabel(comment.createdAt, now, locale));
    },
    level: 1,
    replies: [],
    parent: null,
  };
}
