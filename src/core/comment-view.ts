import { prepareSanitizer, sanitizeCommentHtml } from '../sanitize/sanitize-html.js';
import { cleanDisplayName, initialOf } from '../sanitize/text.js';
import { safeUrl } from '../sanitize/urls.js';
import { absoluteDateLabel, relativeTimeLabel } from '../i18n/dates.js';
import { yieldToMain } from './slices.js';
import type { ParleyComment } from './types.js';

/** What every comment's labels depend on; shared by a thread's views, so a language change reaches them all. */
export interface DisplayContext {
  /** BCP 47 tag for dates, e.g. `pt-BR`. */
  locale: string;
  /** Stand-in for a name that is empty once cleaned. */
  anonymousName: string;
}

/**
 * A comment made ready for display: the name cleaned, URLs checked, the body
 * sanitised and the dates formatted, each once, when first shown.
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
  /** The top-level comment it is shown under (itself at the top level). */
  root: CommentView;
}

let nextKey = 0;

function bodyElement(html: string): HTMLElement {
  const element = document.createElement('div');
  element.setAttribute('part', 'comment-body');
  element.append(sanitizeCommentHtml(html));
  // A comment runs in its own direction (English on an Arabic page, and back), whatever the page's is.
  // Set after the body is in: appending 12,500 elements under dir="auto" took Chromium 0.7 s, after it 3 ms.
  element.dir = 'auto';
  return element;
}

/**
 * Each field is worked out the first time the view reads it, then kept: adding
 * a 10,000-comment page only threads it, and each comment is cleaned,
 * sanitised and formatted once, in the slice that renders it.
 */
class PreparedComment implements CommentView {
  readonly key = `c${++nextKey}`;
  level = 1;
  readonly replies: CommentView[] = [];
  parent: CommentView | null = null;
  root: CommentView = this;
  #authorName: string | undefined;
  #authorUrl: string | null | undefined;
  #avatar: string | null | undefined;
  #initial: string | undefined;
  #body: HTMLElement | undefined;
  #dateLabel: string | undefined;
  #relativeLabel: string | undefined;
  /** The language the cached labels are in: another one makes them anew. */
  #labelsLocale: string | undefined;

  constructor(
    readonly comment: ParleyComment,
    readonly context: DisplayContext,
    readonly now: number,
  ) {}

  get authorName(): string {
    // A name that is empty once invisible characters are gone (a Braille blank, Hangul fillers) would leave an
    // empty, or empty but clickable, author row: it shows as the catalogue's stand-in instead.
    return (this.#authorName ??= cleanDisplayName(this.comment.author.name)) || this.context.anonymousName;
  }

  get authorUrl(): string | null {
    return this.#authorUrl === undefined ? (this.#authorUrl = safeUrl(this.comment.author.url)) : this.#authorUrl;
  }

  get avatar(): string | null {
    return this.#avatar === undefined ? (this.#avatar = safeUrl(this.comment.author.avatar)) : this.#avatar;
  }

  get initial(): string {
    return (this.#initial ??= initialOf(this.authorName));
  }

  get body(): HTMLElement {
    return (this.#body ??= bodyElement(this.comment.html));
  }

  get dateTime(): string {
    return this.comment.createdAt.toISOString();
  }

  get dateLabel(): string {
    this.#checkLocale();
    return (this.#dateLabel ??= absoluteDateLabel(this.comment.createdAt, this.context.locale));
  }

  get relativeLabel(): string {
    this.#checkLocale();
    return (this.#relativeLabel ??= relativeTimeLabel(this.comment.createdAt, this.now, this.context.locale));
  }

  #checkLocale(): void {
    if (this.#labelsLocale === this.context.locale) return;
    this.#labelsLocale = this.context.locale;
    this.#dateLabel = this.#relativeLabel = undefined;
  }
}

export function prepareComment(comment: ParleyComment, context: DisplayContext, now: number): CommentView {
  return new PreparedComment(comment, context, now);
}

/**
 * Does once what the first comments shown would otherwise pay for, each in a
 * task of its own: the date formatters of `context.locale`, then the
 * sanitiser's set-up. Called while a page is on its way; the page is rendered
 * only once this is done, so that cost never lands in the task that renders
 * the first comments.
 *
 * The first use of `Intl` in a page loads its data: 20 to 55 ms in one go,
 * measured here. The language's data, then number formatting (the largest
 * part), then the date formatters are loaded each in a task of their own, so
 * none of them is a long task.
 */
export async function warmUpCommentViews(context: DisplayContext): Promise<void> {
  const now = new Date();
  for (const step of [
    () => new Intl.Locale(context.locale).maximize(),
    () => new Intl.NumberFormat(context.locale).format(0),
    () => relativeTimeLabel(now, now.getTime(), context.locale) + absoluteDateLabel(now, context.locale),
  ]) {
    await yieldToMain();
    step();
  }
  try {
    await prepareSanitizer();
  } catch {
    return; // the page load, which waits for the sanitiser too, reports it
  }
  await yieldToMain();
  sanitizeCommentHtml('<p><a href="https://example.org/">.</a></p>');
}
