import { html, nothing, render, type TemplateResult } from 'lit/html.js';
import { ReactiveElement, type PropertyDeclaration, type PropertyValues } from './reactive-element.js';
import type { CommentBackend } from '../backends/backend.js';
import { builtInBackends } from '../backends/built-in.js';
import { yieldToMain } from '../core/slices.js';
import { prepareComment, warmUpCommentViews, type CommentView, type DisplayContext } from '../core/comment-view.js';
import { DraftStore, type SavedDraft } from '../core/drafts.js';
import { ParleyError, isAbortError, toParleyError } from '../core/errors.js';
import { HeldComments } from '../core/held-comments.js';
import { DEFAULT_RETRY, withRetry, type RetryPolicy } from '../core/retry.js';
import { ThreadState } from '../core/thread.js';
import { defaultThreadId } from '../core/thread-id.js';
import type { CommentDraft, Identity, NotifyOptions, ParleyComment } from '../core/types.js';
import { randomId } from '../core/uuid.js';
import { GuestIdentity } from '../identity/guest.js';
import type { IdentityAdapter, IdentityField } from '../identity/identity-adapter.js';
import { en, type MessageKey, type Messages } from '../i18n/en.js';
import { catalogueFor, directionOf, intlLocale, language, loadLocale, matchLocale } from '../i18n/locales.js';
import { translate } from '../i18n/translate.js';
import { prepareSanitizer } from '../sanitize/sanitize-html.js';
import { cleanServerText } from '../sanitize/text.js';
import { errorMessage } from './error-messages.js';
import { createParleyEvent, type ParleyEventDetails, type ParleyEventName } from './events.js';
import { ownerNamesReady, prepareOwnerNames } from './owner-names.js';
import { pageAccent, pageLanguage, pageScheme, readableAccent, watchPage, type PageAccent } from './page-signals.js';
import { createSignInFlow } from './provider-sign-in.js';
import { renderReplyForm, type ReplyFormState } from './reply-form-view.js';
import type { FormNotice } from './sign-in-flow.js';
import { styles } from './styles.js';
import { ThreadRenderer } from './thread-renderer.js';
import { characterCount, removeControlCharacters, validateComment, type FormField } from './validate.js';

/** A problem at one field of the form: a catalogue message, or the backend's own words. */
type FieldError = { key: MessageKey; params?: Record<string, string | number> } | { text: string };

/** Names accepted by the `backend` attribute. */
export type BuiltInBackend = 'rest' | 'wordpress' | 'local' | 'waline';

const DEFAULT_PAGE_SIZE = 20;
const DEFAULT_MAX_DEPTH = 3;
/** Enough for a whole big thread at once; servers may page at a smaller maximum of their own. */
const MAX_PAGE_SIZE = 10_000;
/** Longest comment when neither the `max-length` attribute nor the backend says. */
const DEFAULT_MAX_LENGTH = 10_000;
/** A page of more comments than this is threaded in a task of its own, between its reading and its first render. */
const LARGE_PAGE = 1_000;
/** Pages a permalink loads beyond the first, at most, to find its comment. */
const PERMALINK_PAGES = 10;
/** The character counter shows from this many fifths of the limit on. */
const COUNTER_FROM_FIFTHS = 4;
/** Typing is saved this long after the last keystroke (and at once when the page is hidden). */
const DRAFT_SAVE_DELAY = 300;

type LoadState =
  | { kind: 'idle' }
  | { kind: 'loading' }
  | { kind: 'ready' }
  | { kind: 'error'; error: ParleyError; firstPage: boolean };

/** The control of a form field, for moving focus to it. */
function fieldSelector(field: FormField): string {
  return field === 'text' ? '#comment-text' : `#field-${field}`;
}

/** The comment id a `#comment-<id>` page address names, or null. */
function permalinkId(doc: Document): string | null {
  const match = /^#comment-(.+)$/.exec(doc.location.hash);
  if (!match) return null;
  try {
    return decodeURIComponent(match[1]!);
  } catch {
    return null;
  }
}

/** The browser knows it has no network (`navigator.onLine` is only trusted when false). */
function isOffline(): boolean {
  return navigator.onLine === false;
}

const warned = new Set<string>();
/** Warns once per distinct message, with the `[parley]` prefix. */
function warnOnce(message: string): void {
  if (warned.has(message)) return;
  warned.add(message);
  console.warn(`[parley] ${message}`);
}

/**
 * A comment thread with a reply form, talking to any comment backend.
 *
 * @summary Embeddable comment thread and reply form.
 * @tag parley-comments
 *
 * @fires parley-loaded - A page of comments was loaded. Bubbles, composed.
 * @fires parley-comment-submit - About to post; cancelable. Bubbles, composed.
 * @fires parley-comment-posted - The backend stored a comment. Bubbles, composed.
 * @fires parley-error - Loading, posting or signing in failed. Bubbles, composed.
 * @fires parley-signed-in - A reader signed in. Bubbles, composed.
 * @fires parley-signed-out - A reader signed out. Bubbles, composed.
 *
 * @csspart header - The heading above the thread ("3 Comments" / "Leave a Reply").
 * @csspart status - Loading message.
 * @csspart empty - Message shown when the thread has no comments.
 * @csspart closed - "Comments are closed.", shown instead of the form.
 * @csspart error - A failed load, with its Retry button.
 * @csspart retry-button - Retries a failed load.
 * @csspart thread - The list of top-level comments.
 * @csspart replies - A nested list of replies.
 * @csspart comment-item - The list item holding a comment and its replies.
 * @csspart comment - One comment (`<article>`); also `comment-pending` when held for moderation.
 * @csspart comment-header - Avatar, author, date of a comment.
 * @csspart comment-avatar - The avatar: a circle with the author's initial, covered by the photo when there is one.
 * @csspart comment-avatar-image - The avatar photo (http(s) only; removed if it fails to load).
 * @csspart comment-author - The author's name (a link when the author has a website).
 * @csspart comment-author-link - The link of an author's name to their website.
 * @csspart badge - "Author" or "Moderator" next to the name of an author whose role the backend vouches for; also `badge-owner` / `badge-moderator`.
 * @csspart unverified-badge - "Unverified" next to a name that looks like one of `owner-names` without the backend vouching for it.
 * @csspart comment-permalink - The link around a comment's date: `#comment-<id>`, which scrolls to and focuses the comment.
 * @csspart comment-date - The `<time>` of a comment.
 * @csspart in-reply-to - "In reply to {name}" on replies shown flat beyond the depth limit.
 * @csspart pending - "Your comment is awaiting moderation."
 * @csspart comment-body - The sanitised comment text.
 * @csspart reply-button - The Reply button of a comment.
 * @csspart load-more - The "Load more comments" button.
 * @csspart reply-form - The reply form.
 * @csspart reply-heading - The form's heading row.
 * @csspart reply-title - "Leave a Reply" / "Leave a Reply to {name}".
 * @csspart cancel-reply - The "Cancel reply" button.
 * @csspart reply-textarea - The comment textarea.
 * @csspart field - A labelled form field.
 * @csspart field-label - A field's label.
 * @csspart field-required - "(required)" in a field's label.
 * @csspart field-input - A guest detail input.
 * @csspart field-hint - A field's hint ("Address never made public").
 * @csspart field-error - A field's validation message.
 * @csspart identity - The identity section (guest fields and sign-in buttons, or the signed-in line).
 * @csspart identity-legend - "Fill in your details below or click an icon to log in:" above the guest fields and sign-in buttons.
 * @csspart identity-signed-in - The identity section when signed in.
 * @csspart guest-fields - The guest's Email, Name and Website fields.
 * @csspart identity-providers - The row of sign-in buttons.
 * @csspart identity-button - A "Log in with {provider}" button.
 * @csspart identity-icon - A provider's icon.
 * @csspart identity-avatar - The signed-in reader's avatar.
 * @csspart signed-in - "You are commenting using your {provider} account."
 * @csspart sign-out - The Log Out button.
 * @csspart change-identity - The Change button.
 * @csspart connecting - "Connecting to {provider}…" while signing in.
 * @csspart popup-blocked - The browser blocked a sign-in popup: what to do, with "Continue in this tab" where the provider can.
 * @csspart stay-signed-in - The "Stay signed in on this tab" checkbox beside the sign-in buttons (also `checkbox`).
 * @csspart identity-input - A provider's question before sign-in (your Mastodon server, your website), with its input (`identity-input-field`) and button (`identity-continue`).
 * @csspart identity-input-field - The input of a provider's question before sign-in (also `field-input`).
 * @csspart identity-continue - The "Log in with {provider}" button of a provider's question before sign-in.
 * @csspart sign-in-here - The "Continue in this tab" button (signs in through the whole page).
 * @csspart cancel-sign-in - Cancels a sign-in under way.
 * @csspart checkbox - A checkbox with its label (remember me, notifications).
 * @csspart notice - A message about the form (error or success); also `notice-error` / `notice-success`.
 * @csspart char-count - "120 characters left" near the length limit; also `char-count-over` past it.
 * @csspart retrying - "Could not post yet. Retrying…" while a post is retried.
 * @csspart cancel-post - Cancels a post under way (the comment stays in the form).
 * @csspart offline - "You are offline. Your comment is saved in this browser."
 * @csspart post-when-online - Asks for the comment to be posted once the browser is back online.
 * @csspart form-actions - The row holding the submit and cancel buttons.
 * @csspart submit-button - The "Post Comment" button.
 * @csspart submit-hint - "Press Ctrl+Enter to post."
 *
 * @cssprop [--parley-accent=light-dark(#1d4ed8, #93c5fd)] - Links, buttons, focus ring.
 * @cssprop [--parley-accent-text=light-dark(#fff, #0b1220)] - Text on accent-coloured buttons.
 * @cssprop [--parley-text=inherit] - Text colour (inherits the page's).
 * @cssprop [--parley-muted] - Secondary text (dates, hints).
 * @cssprop [--parley-background=transparent] - Background of the whole widget.
 * @cssprop [--parley-surface] - Background of the form and buttons.
 * @cssprop [--parley-border] - Border colour.
 * @cssprop [--parley-danger] - Error colour.
 * @cssprop [--parley-success] - Success colour.
 * @cssprop [--parley-radius=6px] - Corner radius.
 * @cssprop [--parley-spacing=1rem] - Base spacing.
 * @cssprop [--parley-indent=min(2.5rem, 6vw)] - Indentation of replies.
 * @cssprop [--parley-avatar-size=40px] - Avatar size.
 * @cssprop [--parley-avatar-background=#52606d] - Background of the avatar circle (behind the initial).
 * @cssprop [--parley-avatar-text=#fff] - Colour of the initial letter.
 * @cssprop [--parley-badge-background=var(--parley-accent)] - Background of the "Author" / "Moderator" badge.
 * @cssprop [--parley-badge-text=var(--parley-accent-text)] - Text colour of the badge.
 * @cssprop [--parley-font=inherit] - Font family (inherits the page's).
 * @cssprop [--parley-font-size=inherit] - Font size.
 * @cssprop [--parley-line-height=1.5] - Line height.
 * @cssprop [--parley-focus-ring] - Focus outline.
 * @cssprop [--parley-input-background=Field] - Input background.
 * @cssprop [--parley-input-text=FieldText] - Input text colour.
 */
export class ParleyComments extends ReactiveElement {
  static override styles = styles;

  static override properties: Record<string, PropertyDeclaration> = {
    backend: {},
    endpoint: {},
    thread: {},
    pageSize: { type: Number, attribute: 'page-size' },
    maxDepth: { type: Number, attribute: 'max-depth' },
    maxLength: { type: Number, attribute: 'max-length' },
    loading: {},
    // "Kim Reyes, Kim": each name without the spaces around it (the exact-match fallback compares names as they are).
    ownerNames: { attribute: 'owner-names', converter: (value) => value?.split(',').map((name) => name.trim()).filter(Boolean) ?? [] },
    adapter: { attribute: false },
    retry: { attribute: false },
    identities: { attribute: false },
    theme: {},
    messages: { attribute: false },
    // Internal reactive state.
    load: { state: true },
    loadingMore: { state: true },
    closed: { state: true },
    replyTo: { state: true },
    text: { state: true },
    values: { state: true },
    remember: { state: true },
    notify: { state: true },
    expanded: { state: true },
    posting: { state: true },
    retrying: { state: true },
    offline: { state: true },
    fieldErrors: { state: true },
    notice: { state: true },
    signedIn: { state: true },
    announcement: { state: true },
  };

  /** Also `lang` and `dir`: the language and direction may be set on the element itself. */
  static override get observedAttributes(): string[] {
    return [...super.observedAttributes, 'lang', 'dir'];
  }

  override attributeChangedCallback(attribute: string, old: string | null, value: string | null): void {
    if (attribute === 'lang' || attribute === 'dir') this.requestUpdate();
    else super.attributeChangedCallback(attribute, old, value);
  }

  /** Registers the element; safe to call more than once (e.g. script tag plus npm package). */
  static define(tag = 'parley-comments', registry: CustomElementRegistry = customElements): void {
    if (registry.get(tag)) return;
    // A class serves one tag per registry: a second tag gets a subclass of its own.
    registry.define(tag, registry.getName(this) ? class extends this {} : this);
  }

  /**
   * Built-in backend to use when no `adapter` is set: `rest`, `wordpress`,
   * `local`, or `waline` once `parley-comments/waline` is imported.
   */
  backend: string = 'rest';

  /** Base URL of the backend's API (`rest`), the site's REST API root `…/wp-json` (`wordpress`), or the Waline server (`waline`). */
  endpoint = '';

  /**
   * Thread id (often a URL path). Empty: the canonical URL's path, else
   * `location.pathname`.
   */
  thread = '';

  /** Top-level comments per page (1–10,000). */
  pageSize = DEFAULT_PAGE_SIZE;

  /** Deepest reply level shown indented; deeper replies are shown flat at this level. */
  maxDepth = DEFAULT_MAX_DEPTH;

  /**
   * Longest comment in characters; 0 (the default) takes the backend's limit,
   * else 10,000. The form counts down near the limit.
   */
  maxLength = 0;

  /**
   * `eager` (default) loads the thread at once; `lazy` waits until the
   * element is near the viewport (within 600px), so a page whose readers
   * never scroll to the comments makes no request. The script tag uses `lazy`.
   */
  loading: 'eager' | 'lazy' = 'eager';

  /**
   * Names of the site's owners (attribute: comma-separated). A comment whose
   * author has no role from the backend but whose name looks like one of
   * these (look-alike letters, accents and invisible characters folded) is
   * marked "Unverified" instead of passing for the owner.
   */
  ownerNames: readonly string[] = [];

  /**
   * How posting retries transient failures (network errors, timeouts, 429,
   * 502–504): `attempts` (default 4, the first included), `baseDelay` ms
   * (default 1000, doubled per retry, with jitter), `maxDelay` ms (default
   * 30000; a longer `Retry-After` is shown to the reader instead).
   */
  retry: Partial<RetryPolicy> = {};

  /** A backend adapter object; overrides `backend` and `endpoint`. */
  adapter: CommentBackend | null = null;

  /** Ways to identify: adapters with fields (the guest) and sign-in providers. */
  identities: readonly IdentityAdapter[] = [new GuestIdentity()];

  /**
   * `light`, `dark`, or `auto` (the default): follow the page's own toggle (a
   * `dark`/`light` class or `data-theme` on `<html>` or `<body>`), else its
   * `color-scheme`, else its background; a page that paints none is light, or
   * follows the reader's system setting where its root declares
   * `color-scheme: light dark`.
   * Live, without reload. A fixed `light` or `dark` paints its own background.
   */
  theme: 'light' | 'dark' | 'auto' = 'auto';

  /**
   * Messages to use instead of the catalogue's, e.g. `{ leaveReply: 'Join the
   * discussion' }` (script tag: `data-message-leave-reply`). A string for a
   * plural message serves every count.
   */
  messages: Partial<Record<MessageKey, Messages[MessageKey]>> = {};

  private load: LoadState = { kind: 'idle' };
  private loadingMore = false;
  /** The thread takes no new comments. */
  private closed = false;
  private replyTo: string | null = null;
  private text = '';
  private values: Partial<Record<IdentityField['name'], string>> = {};
  private remember = false;
  private notify: NotifyOptions = { replies: false, posts: false };
  private expanded = false;
  private posting = false;
  /** The retry attempt under way while posting, or null. */
  private retrying: number | null = null;
  /** Offline with an unsent comment: asking whether to post it once online, or queued to. */
  private offline: 'ask' | 'queued' | null = null;
  /** Problems at the form's fields: Parley's own as catalogue keys (they follow a language change), the backend's as its text. */
  private fieldErrors: Partial<Record<FormField, FieldError | undefined>> = {};
  private notice: FormNotice | null = null;
  private signedIn: Identity | null = null;
  /** Screen-reader announcement (polite). */
  private announcement = '';

  /** Language and stand-ins every comment view reads; changed in place when the page's language changes. */
  readonly #display: DisplayContext = { locale: 'en', anonymousName: en.anonymousName };
  /** The catalogue in use (with `messages` over it) and its language subtag. */
  #catalogue: Messages = en;
  #catalogueLocale = 'en';
  #catalogueSource: [Messages, ParleyComments['messages']] | undefined;
  #direction: 'ltr' | 'rtl' = 'ltr';
  #pageObserver: MutationObserver | undefined;
  /** Aborted when the element leaves the page: removes its listeners on the window, the document and the media query. */
  #connection: AbortController | undefined;
  #darkQuery: MediaQueryList | undefined;
  /** This element's `color-scheme`, adopted after the shared styles. */
  readonly #schemeSheet = new CSSStyleSheet();
  #scheme = '';
  /** The page's own light/dark choice, read again only when the page changes (reading it costs a style pass). */
  #pageScheme: 'light' | 'dark' | null | undefined;
  #pageAccent: PageAccent | null | undefined;
  /** Counts catalogue changes (a language, or `messages`): every comment is rendered again then. */
  #catalogueVersion = 0;
  #thread = this.#newThread();
  #renderer = new ThreadRenderer(document);
  /** The reply form's container: at the end, or under the comment being replied to (moved, not re-created). */
  readonly #formHost = Object.assign(document.createElement('div'), { className: 'form-host' });
  #next: string | null = null;
  /** The cursors of the pages loaded so far (null: the first). */
  readonly #cursors = new Set<string | null>();
  #total: number | undefined = undefined;
  /** The reader's comments held for moderation in this thread, kept in the browser. */
  #held: HeldComments | null = null;
  #resolved: { backend: CommentBackend | null; problem: string | null } | undefined;
  #loadController: AbortController | undefined;
  #postController: AbortController | undefined;
  /** Signing in with providers (the guest's fields are the form's own). */
  readonly #signInFlow = createSignInFlow({
    identities: () => this.#identities,
    t: (key, params) => this.t(key, params),
    requestUpdate: () => this.requestUpdate(),
    setIdentity: (identity) => (this.signedIn = identity),
    setNotice: (notice) => (this.notice = notice),
    focusAfterRender: (selector) => (this.#focusAfterRender = selector),
    announce: (text) => this.#announce(text),
    emitSignedIn: (detail) => this.#emit('parley-signed-in', detail),
    emitSignedOut: (detail) => this.#emit('parley-signed-out', detail),
    emitError: (error) => this.#emit('parley-error', { thread: this.threadId, action: 'sign-in', error }),
    saveDraft: () => this.#saveDraftNow(),
  });
  /** Stops following identities that change outside Parley. */
  readonly #identitySubscriptions: (() => void)[] = [];
  /** Reused while the same comment is retried; renewed once it is posted or changed. */
  #idempotencyKey: string | null = null;
  /** Where focus goes after the next render. */
  #focusAfterRender: string | null = null;
  /** The reader's unsent comment for this thread, kept in the browser. */
  #drafts: DraftStore | null = null;
  #draftTimer: ReturnType<typeof setTimeout> | undefined;
  /** Whether a lazy element has come near the viewport (it then stays loaded). */
  #nearViewport = false;
  #viewportObserver: IntersectionObserver | undefined;
  /** Pages loaded so far to find the comment a permalink names (0: not looking). */
  #permalinkPages = 0;
  /** The comment `#focusAfterRender` names, when it is one: only its block need be rendered before focusing it. */
  #focusView: CommentView | undefined;
  /** The first page is loading again after the reader pressed Retry: focus goes where the Retry button was. */
  #focusAfterRetry = false;
  /** A page is loading because the reader pressed "Load more" (not to find a linked comment). */
  #loadMorePressed = false;
  /** A draft was brought back when the thread was (re)loaded: said with the load's outcome. */
  #draftRestored = false;
  /** A restored reply target whose comment has not been loaded yet, and its author's name (the form says it). */
  #pendingReplyTo: string | null = null;
  #pendingReplyName: string | null = null;
  /** The look-alike name check on its way (see owner-names.ts), for `updateComplete`. */
  #ownerNamesLoading: Promise<unknown> | undefined;

  override connectedCallback(): void {
    super.connectedCallback();
    // Every listener on the page goes when the element leaves it.
    const signal = (this.#connection = new AbortController()).signal;
    window.addEventListener('online', this.#onOnline, { signal });
    window.addEventListener('hashchange', this.#showPermalink, { signal });
    // The page's language and theme toggle, followed live.
    this.#pageScheme = this.#pageAccent = undefined;
    this.#pageObserver = watchPage(this, this.#pageChanged, signal);
    // A site whose dark mode is a media query changes its background when the system setting changes.
    this.#darkQuery = matchMedia('(prefers-color-scheme: dark)');
    this.#darkQuery.addEventListener('change', this.#pageChanged, { signal });
    window.addEventListener('pagehide', this.#saveDraftNow, { signal });
    document.addEventListener('visibilitychange', this.#saveDraftNow, { signal });
    // Sign-ins may have changed while it was away (a sign-in or out on the site): read them again
    // (not the guest's remembered details, which would undo an unticked "Save my name…").
    if (this.hasUpdated) {
      this.#subscribeIdentities();
      void this.#restoreIdentities(this.#identities.filter((adapter) => !adapter.fields?.length));
    }
    // Re-attached after a removal that aborted a load: load again (the first page, or the next one); else finish rendering the thread.
    if (this.hasUpdated && this.load.kind !== 'ready') this.#loadFirstPage();
    else if (this.loadingMore) void this.#loadPage(this.#next);
    else if (this.hasUpdated) this.requestUpdate();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#connection?.abort();
    this.#pageObserver?.disconnect();
    this.#pageObserver = undefined;
    this.#viewportObserver?.disconnect();
    this.#viewportObserver = undefined;
    this.#renderer.pause();
    this.#saveDraftNow();
    this.#loadController?.abort();
    this.#postController?.abort();
    this.#signInFlow.abort();
    this.#unsubscribeIdentities();
  }

  protected override willUpdate(changed: PropertyValues): void {
    this.#followPage();
    if (changed.has('adapter') || changed.has('backend') || changed.has('endpoint')) this.#resolved = undefined;
    // Identities given before or after connection are restored alike (remembered guest details, sessions).
    if (changed.has('identities')) {
      void this.#restoreIdentities();
      if (this.isConnected) this.#subscribeIdentities();
    }
    // Owner names set once the thread is on its way: it is shown again once the look-alike check is here
    // (the first page waits for it, and a lazy element fetches nothing before the viewport).
    if (changed.has('ownerNames') && this.load.kind !== 'idle' && !ownerNamesReady()) {
      this.#ownerNamesLoading = prepareOwnerNames(this.ownerNames ?? [], this.#showAgain);
    }
    // Set before or after connection alike: the first update and any change of source (re)load the thread.
    const source = ['thread', 'backend', 'endpoint', 'adapter', 'pageSize'] as const;
    if (source.some((key) => changed.has(key))) this.#loadFirstPage();
  }

  protected override updated(): void {
    this.#showThread();
    const selector = this.#focusAfterRender;
    if (selector) {
      this.#focusAfterRender = null;
      // A comment still waiting for its turn to render is rendered now: its block alone when it is known.
      if (this.#focusView) this.#renderer.reveal(this.#focusView);
      this.#focusView = undefined;
      const find = () => this.renderRoot.querySelector<HTMLElement>(selector);
      let target = find();
      if (!target) {
        this.#renderer.flush();
        target = find();
      }
      target?.focus();
    }
  }

  /** Also waits for the thread's comments to be rendered (big threads render in slices), and for the look-alike name check. */
  override get updateComplete(): Promise<boolean> {
    const rendered = () => super.updateComplete.then(() => this.#renderer.settled);
    return rendered()
      .then(() => this.#ownerNamesLoading)
      .then(rendered)
      .then(() => true);
  }

  /** Moves focus to a comment once rendered. */
  #focusOn(view: CommentView): void {
    this.#focusAfterRender = `#${view.key}`;
    this.#focusView = view;
  }

  /** Renders again: given to what may change the thread's look later (the look-alike name check). */
  #showAgain = (): void => this.requestUpdate();

  /** Loads the thread again from its first page (a detached element does when it is attached again). */
  reload(): void {
    if (this.isConnected) this.#loadFirstPage();
    else this.load = { kind: 'idle' };
  }

  /** The thread id in use (the `thread` attribute or the page's default). */
  get threadId(): string {
    return this.thread || defaultThreadId(this.ownerDocument);
  }

  // ---------------------------------------------------------------- backend

  get #backend(): { backend: CommentBackend | null; problem: string | null } {
    if (this.#resolved) return this.#resolved;
    let resolved: { backend: CommentBackend | null; problem: string | null };
    if (this.adapter) resolved = { backend: this.adapter, problem: null };
    else {
      const name = this.backend || 'rest';
      const entry = Object.hasOwn(builtInBackends, name) ? builtInBackends[name] : undefined;
      if (!entry) {
        const known = Object.keys(builtInBackends).map((known) => `"${known}"`).join(', ');
        const waline = name === 'waline' ? 'the waline backend comes with parley-waline.js, or import "parley-comments/waline"; ' : '';
        resolved = { backend: null, problem: `unknown backend "${name}" (${waline}use ${known}, or set the adapter property).` };
      } else if (entry.needsEndpoint && !this.endpoint) {
        resolved = { backend: null, problem: `the ${name} backend needs an endpoint attribute.` };
      } else if (entry.needsEndpoint && !URL.canParse(this.endpoint, this.ownerDocument.baseURI)) {
        // Said now: as a failed request it would read as a network problem that Retry could fix.
        resolved = { backend: null, problem: `the endpoint "${this.endpoint}" is not a valid URL.` };
      } else {
        resolved = { backend: entry.create(this.endpoint), problem: null };
      }
    }
    if (resolved.problem) warnOnce(resolved.problem);
    return (this.#resolved = resolved);
  }

  /** Longest comment: the attribute, else the backend's limit, else the default. */
  get #maxLength(): number {
    const length = this.maxLength;
    if (Number.isInteger(length) && length >= 1) return length;
    if (length !== 0) warnOnce(`max-length must be a whole number of at least 1; using the backend's limit.`);
    return this.#backend.backend?.capabilities?.maxLength ?? DEFAULT_MAX_LENGTH;
  }

  get #pageSize(): number {
    const size = this.pageSize;
    if (Number.isInteger(size) && size >= 1 && size <= MAX_PAGE_SIZE) return size;
    warnOnce(`page-size must be a whole number from 1 to ${MAX_PAGE_SIZE}; using ${DEFAULT_PAGE_SIZE}.`);
    return DEFAULT_PAGE_SIZE;
  }

  /** Display depth: the attribute, capped by what the backend supports. */
  get #maxDepth(): number {
    let depth = this.maxDepth;
    if (!Number.isInteger(depth) || depth < 1) {
      warnOnce(`max-depth must be a whole number of at least 1; using ${DEFAULT_MAX_DEPTH}.`);
      depth = DEFAULT_MAX_DEPTH;
    }
    const supported = this.#backend.backend?.capabilities?.maxDepth;
    return supported ? Math.min(depth, supported) : depth;
  }

  #newThread(): ThreadState {
    return new ThreadState((comment) => prepareComment(comment, this.#display, Date.now()));
  }

  // ---------------------------------------------------------------- language and theme

  /** Language, direction and colour scheme from the element and the page around it (cheap: run every update). */
  #followPage(): void {
    const tag = pageLanguage(this);
    const locale = matchLocale(tag);
    const catalogue = catalogueFor(locale);
    if (!catalogue) {
      // Shown in the language it had (English at first) until the catalogue arrives; a lazy
      // element fetches nothing, its language included, until it comes near the viewport.
      if (this.loading !== 'lazy' || this.#nearViewport) void loadLocale(locale).then((loaded) => loaded && this.requestUpdate());
    } else if (catalogue !== this.#catalogueSource?.[0] || this.messages !== this.#catalogueSource[1]) {
      this.#catalogueSource = [catalogue, this.messages];
      this.#catalogueVersion += 1;
      // What the status region said is in the old language: it would be read, stale, by a screen reader's cursor.
      this.#announce('');
      this.#catalogue = { ...catalogue, ...this.messages } as Messages;
      this.#catalogueLocale = locale;
    }
    // Dates follow the page's full tag (pt-BR) when its catalogue is the one shown; a page in a language
    // without a catalogue (fa, nb) gets English throughout, not English words around Persian dates.
    this.#display.locale = this.#catalogueLocale === locale && language(tag) === language(locale) ? intlLocale(tag, locale) : this.#catalogueLocale;
    this.#display.anonymousName = this.#catalogue.anonymousName as string;
    const dir = this.getAttribute('dir');
    this.#direction = dir === 'rtl' || dir === 'ltr' ? dir : directionOf(this.#catalogueLocale);
    this.#applyScheme();
  }

  #pageChanged = (): void => {
    this.#pageScheme = this.#pageAccent = undefined;
    this.requestUpdate();
  };

  #applyScheme(): void {
    if (this.theme === 'auto' || !this.theme) this.#pageScheme ??= pageScheme(this);
    const theme = this.theme === 'light' || this.theme === 'dark' ? this.theme : (this.#pageScheme ?? 'light dark');
    if (this.#pageAccent === undefined) this.#pageAccent = pageAccent(this);
    // A scheme the page did not choose gets its own background: light text on a light page would be unreadable.
    const own = this.theme === 'light' || this.theme === 'dark' ? 'background:var(--parley-background,Canvas);color:var(--parley-text,CanvasText);' : '';
    // The page's accent-color, when it sets one that can be read in the scheme shown, is the default accent
    // (a computed colour: nothing else can get in).
    const dark = theme === 'light dark' ? !!this.#darkQuery?.matches : theme === 'dark';
    const accent = this.#pageAccent && readableAccent(this.#pageAccent, dark) ? `--_page-accent:${this.#pageAccent.color};` : '';
    const sheet = `:host{color-scheme:${theme};${own}${accent}}`;
    if (sheet === this.#scheme) return;
    this.#scheme = sheet;
    this.#schemeSheet.replaceSync(sheet);
    const sheets = this.renderRoot.adoptedStyleSheets;
    if (!sheets.includes(this.#schemeSheet)) this.renderRoot.adoptedStyleSheets = [...sheets, this.#schemeSheet];
  }

  /** `#comment-<id>` in the page address: scroll to that comment and focus it (the shadow root hides it from the browser). */
  #showPermalink = (): void => {
    const id = permalinkId(this.ownerDocument);
    if (id === null) return;
    // A lazy element still waiting for the viewport loads now; the first page shows the comment.
    if (this.#viewportObserver) return this.#loadNow();
    const view = this.#thread.get(id);
    if (view) {
      this.#permalinkPages = 0;
      this.#focusOn(view);
      this.requestUpdate();
    } else if (this.loadingMore) {
      // A page is on its way: it looks again once that page is there.
      this.#permalinkPages ||= 1;
    } else if (this.#next !== null && this.load.kind === 'ready' && this.#permalinkPages < PERMALINK_PAGES) {
      // Not among the pages loaded so far: the next ones are loaded, a few at most, until it turns up.
      this.#permalinkPages += 1;
      void this.#loadPage(this.#next);
    } else {
      this.#permalinkPages = 0;
    }
  };

  // ---------------------------------------------------------------- loading

  #loadFirstPage(): void {
    this.#loadController?.abort();
    // A reload keeps the reply under way; it is placed again once its comment is loaded.
    this.#keepReplyPending();
    this.#thread = this.#newThread();
    this.#renderer.pause();
    this.#renderer = new ThreadRenderer(this.ownerDocument);
    this.#next = null;
    this.#total = undefined;
    const key = this.#backend.backend?.storageKey;
    this.#held = key ? new HeldComments(key, this.threadId) : null;
    this.loadingMore = false;
    this.closed = false;
    this.#permalinkPages = 0;
    this.#switchDraft(key ?? 'adapter');
    // A reader who followed a link to one comment came to read it: no waiting for the viewport then.
    if (this.loading === 'lazy' && !this.#nearViewport && permalinkId(this.ownerDocument) === null) this.#waitForViewport();
    else this.#loadNow();
  }

  /** Loads the first page now, and whatever else a lazy element has been waiting for (its language). */
  #loadNow(): void {
    this.#viewportObserver?.disconnect();
    this.#viewportObserver = undefined;
    this.#nearViewport = true;
    void this.#loadPage(null);
  }

  /** Loads the first page once the element comes within 600px of the viewport. */
  #waitForViewport(): void {
    this.load = { kind: 'idle' };
    if (this.#viewportObserver || !this.isConnected) return;
    this.#viewportObserver = new IntersectionObserver(
      (entries) => {
        if (entries.some((entry) => entry.isIntersecting)) this.#loadNow();
      },
      { rootMargin: '600px 0px' },
    );
    this.#viewportObserver.observe(this);
  }

  async #loadPage(cursor: string | null): Promise<void> {
    const { backend } = this.#backend;
    if (!backend) {
      this.load = { kind: 'idle' };
      return;
    }
    const firstPage = cursor === null;
    const controller = (this.#loadController = new AbortController());
    if (firstPage) this.load = { kind: 'loading' };
    else this.loadingMore = true;
    this.#announce(this.t(firstPage ? 'loading' : 'loadingMore'));
    const thread = this.threadId;
    try {
      const listing = backend.list(thread, cursor, { limit: this.#pageSize, signal: controller.signal });
      // While the page is on its way, in tasks of their own so they never lengthen another.
      const warmedUp = firstPage ? warmUpCommentViews(this.#display) : undefined;
      // Comments are shown only once their bodies can be sanitised (at once where the browser does it natively),
      // and names that look like an owner's can be told.
      const [page] = await Promise.all([listing, prepareSanitizer(), warmedUp, prepareOwnerNames(this.ownerNames ?? [], this.#showAgain)]);
      // A custom adapter's page that is no page is the backend's fault, not the network's.
      if (!Array.isArray(page?.comments)) throw new ParleyError('server', 'The backend sent no list of comments.');
      const large = page.comments.length > LARGE_PAGE;
      if (controller.signal.aborted) return;
      // Reading, threading and rendering thousands of comments: in slices and tasks of their own, never one long task.
      const added = large ? await this.#thread.addInSlices(page.comments, controller.signal) : this.#thread.add(page.comments);
      if (large) await yieldToMain();
      if (controller.signal.aborted) return;
      this.#renderer.changed(added);
      this.#showHeld(page.comments);
      // A cursor that does not move on, or comes round again (a server's bug), ends the paging: "Load more"
      // would load the same pages forever.
      if (firstPage) this.#cursors.clear();
      this.#cursors.add(cursor);
      this.#next = this.#cursors.has(page.next ?? null) ? null : (page.next ?? null);
      this.#placePendingReply();
      if (page.total !== undefined) this.#total = page.total;
      if (firstPage && page.closed) this.closed = true;
      this.load = { kind: 'ready' };
      this.loadingMore = false;
      this.#announceWithDraft(this.#threadEmpty() ? this.t('empty') : this.#countLabel());
      // The button the reader pressed ("Load more", Retry) is gone: focus goes to the first new comment, else the form.
      // Pages loaded on their own (a permalink's comment, the network back) leave focus where the reader has it.
      if (this.#focusAfterRetry || this.#loadMorePressed) {
        if (added[0]) this.#focusOn(added[0]);
        else this.#focusAfterRender = '#comment-text';
      }
      this.#focusAfterRetry = false;
      this.requestUpdate();
      if (firstPage || this.#permalinkPages > 0) this.#showPermalink();
      this.#emit('parley-loaded', {
        thread,
        comments: page.comments,
        total: this.#total,
        hasMore: this.#next !== null,
        firstPage,
      });
    } catch (thrown) {
      if (controller.signal.aborted || isAbortError(thrown)) return;
      const error = toParleyError(thrown);
      this.load = { kind: 'error', error, firstPage };
      this.loadingMore = false;
      // Its button is gone (Retry, or "Load more" the reader pressed): focus goes to the Retry that came instead.
      if (this.#focusAfterRetry || (!firstPage && this.#loadMorePressed)) this.#focusAfterRender = '[part~="retry-button"]';
      this.#focusAfterRetry = false;
      // The error itself is an alert: the status region says only that a draft came back, if one did.
      this.#announceWithDraft('');
      this.#emit('parley-error', { thread, action: 'load', error });
    }
  }

  /** Adds the reader's held comments whose place (top level or a loaded parent) is now known. */
  #showHeld(listed: readonly ParleyComment[]): void {
    if (!this.#held) return;
    this.#held.prune(new Set(listed.filter((comment) => comment.status === 'approved').map((comment) => comment.id)));
    const placeable = this.#held.list().filter((held) => held.parentId === null || this.#thread.get(held.parentId));
    this.#addComments(placeable);
  }

  /** Adds comments to the thread, and their places to what the renderer updates. */
  #addComments(comments: readonly ParleyComment[]): CommentView[] {
    const added = this.#thread.add(comments);
    this.#renderer.changed(added);
    return added;
  }

  // ---------------------------------------------------------------- drafts

  /** Keeps the draft of the thread being left, and brings back the one of the thread shown now. */
  #switchDraft(backendKey: string): void {
    const store = new DraftStore(backendKey, this.threadId);
    if (this.#drafts?.key === store.key) return;
    this.#saveDraftNow();
    this.#postController?.abort(); // a post for the thread being left
    this.offline = null;
    this.notice = null;
    this.fieldErrors = {};
    this.#drafts = store;
    const saved = store.read();
    this.text = saved?.text ?? '';
    this.#pendingReplyTo = saved?.parentId ?? null;
    this.#pendingReplyName = saved?.parentName ?? null;
    this.notify = saved?.notify ?? { replies: false, posts: false };
    this.#idempotencyKey = saved?.idempotencyKey ?? null;
    this.#draftRestored = !!saved;
    if (saved) this.values = { ...this.values, ...saved.values };
  }

  /** The reply under way (placed or pending), as the draft keeps it. */
  get #replyTarget(): { id: string | null; name: string | null } {
    const view = this.replyTo === null ? undefined : this.#thread.get(this.replyTo);
    return view ? { id: view.comment.id, name: view.authorName } : { id: this.#pendingReplyTo, name: this.#pendingReplyName };
  }

  /** Takes the reply under way out of the thread (which is loading again), to be placed once its comment is back. */
  #keepReplyPending(): void {
    ({ id: this.#pendingReplyTo, name: this.#pendingReplyName } = this.#replyTarget);
    this.replyTo = null;
  }

  /**
   * Puts a restored reply under its comment once that comment is loaded.
   * Until then (or if it never comes) the form at the end says whom it
   * answers, and posting sends it as that reply: the backend says so if the
   * comment is gone.
   */
  #placePendingReply(): void {
    const target = this.#pendingReplyTo;
    if (target !== null && this.#thread.get(target)) {
      this.replyTo = target;
      this.#pendingReplyTo = this.#pendingReplyName = null;
    }
  }

  #currentDraft(): SavedDraft {
    const { id, name } = this.#replyTarget;
    return {
      text: this.text,
      parentId: id,
      parentName: name,
      values: this.values,
      notify: this.notify,
      idempotencyKey: this.#idempotencyKey,
    };
  }

  #scheduleDraftSave(): void {
    clearTimeout(this.#draftTimer);
    this.#draftTimer = setTimeout(this.#saveDraftNow, DRAFT_SAVE_DELAY);
  }

  /** Saves a pending change at once (the page is being hidden or left, or the thread changes). */
  #saveDraftNow = (): void => {
    if (this.#draftTimer !== undefined) this.#writeDraft();
  };

  #writeDraft(): void {
    clearTimeout(this.#draftTimer);
    this.#draftTimer = undefined;
    this.#drafts?.save(this.#currentDraft());
  }

  /** Loads again what failed: the first page, or the next one. */
  #loadAgain(): void {
    if (this.load.kind === 'error' && !this.load.firstPage) void this.#loadPage(this.#next);
    else this.#loadFirstPage();
  }

  #retryLoad = (): void => {
    this.#loadAgain();
    this.#focusAfterRetry = true;
  };

  #loadMore = (): void => {
    if (this.#next === null || this.loadingMore) return;
    this.#loadMorePressed = true;
    void this.#loadPage(this.#next).finally(() => (this.#loadMorePressed = false));
  };

  // ---------------------------------------------------------------- identity

  /** The identity adapters this element's sign-in flow can use (a guest-only script tag: the guest's alone). */
  get #identities(): IdentityAdapter[] {
    return (this.identities ?? []).filter((adapter) => this.#signInFlow.uses(adapter));
  }

  get #guestAdapter(): IdentityAdapter | null {
    if (this.#backend.backend?.capabilities?.guests === false) return null;
    return this.#identities.find((adapter) => adapter.fields && adapter.fields.length > 0) ?? null;
  }

  get #providers(): IdentityAdapter[] {
    return this.#identities.filter((adapter) => (!adapter.fields || adapter.fields.length === 0) && adapter.offersSignIn !== false);
  }

  async #restoreIdentities(adapters: readonly IdentityAdapter[] = this.#identities): Promise<void> {
    for (const adapter of adapters) {
      let identity: Identity | null = null;
      const wasSignedIn = this.signedIn?.provider === adapter.id;
      try {
        identity = await adapter.restore();
      } catch (thrown) {
        // A whole-page sign-in that failed on its way back: say so, as a popup sign-in would.
        if (!isAbortError(thrown)) {
          const error = toParleyError(thrown);
          this.expanded = true;
          this.notice = { kind: 'error', key: 'errorSignIn', params: { provider: adapter.label } };
          this.#emit('parley-error', { thread: this.threadId, action: 'sign-in', error });
        }
      }
      if (!identity) {
        // Signed out meanwhile (the site's own login while the element was detached).
        if (wasSignedIn && this.signedIn?.provider === adapter.id) this.signedIn = null;
        continue;
      }
      if (identity.guest) {
        // Remembered guest details pre-fill the form; typing wins over them.
        this.values = { name: identity.name, email: identity.email ?? '', url: identity.url ?? '', ...this.values };
        this.remember = true;
      } else if (!this.signedIn || this.signedIn.provider === adapter.id) {
        this.signedIn = identity;
      }
    }
  }

  /** Follows identities that change outside Parley (the site's own login). */
  #subscribeIdentities(): void {
    this.#unsubscribeIdentities();
    for (const adapter of this.#identities) {
      const stop = adapter.subscribe?.((identity) => {
        if (identity && (!this.signedIn || this.signedIn.provider === adapter.id)) this.signedIn = identity;
        else if (!identity && this.signedIn?.provider === adapter.id) this.signedIn = null;
      });
      if (stop) this.#identitySubscriptions.push(stop);
    }
  }

  #unsubscribeIdentities(): void {
    for (const stop of this.#identitySubscriptions.splice(0)) stop();
  }

  // ---------------------------------------------------------------- form

  #startReply = (view: CommentView): void => {
    this.replyTo = view.comment.id;
    this.#pendingReplyTo = this.#pendingReplyName = null;
    this.#scheduleDraftSave();
    this.expanded = true;
    this.notice = null;
    this.#focusAfterRender = '#comment-text';
  };

  #cancelReply = (): void => {
    const replyTo = this.replyTo;
    this.replyTo = this.#pendingReplyTo = this.#pendingReplyName = null;
    this.requestUpdate();
    this.#scheduleDraftSave();
    const view = replyTo === null ? undefined : this.#thread.get(replyTo);
    this.#focusAfterRender = view ? `#${view.key} [part~="reply-button"]` : '#comment-text';
  };

  #onText = (value: string): void => {
    this.text = value;
    this.#idempotencyKey = null;
    if (this.fieldErrors.text) this.fieldErrors = { ...this.fieldErrors, text: undefined };
    this.#scheduleDraftSave();
  };

  #onField = (name: IdentityField['name'], value: string): void => {
    this.values = { ...this.values, [name]: value };
    if (this.fieldErrors[name]) this.fieldErrors = { ...this.fieldErrors, [name]: undefined };
    this.#scheduleDraftSave();
  };

  #onCheckbox = (name: 'remember' | 'replies' | 'posts', checked: boolean): void => {
    if (name === 'remember') {
      this.remember = checked;
      // Unticked, the saved details go at once (a shared computer), not when the reader next posts; ticked, they are saved then.
      if (!checked) void this.#guestAdapter?.signOut().catch(() => undefined);
    } else {
      this.notify = { ...this.notify, [name]: checked };
    }
    this.#scheduleDraftSave();
  };

  /** Keys anywhere in the form: Escape cancels a reply (the text stays), Ctrl/⌘+Enter in the textarea or a field posts. */
  #onKeydown = (event: KeyboardEvent): void => {
    // A key that ends an input method's composition, or that a control inside already used, is not ours.
    if (event.isComposing || event.defaultPrevented) return;
    const target = event.target as HTMLInputElement;
    if (event.key === 'Escape' && this.#replyTarget.id !== null) {
      event.preventDefault();
      this.#cancelReply();
    } else if (event.key === 'Enter' && (event.ctrlKey || event.metaKey) && target.matches('input,textarea')) {
      event.preventDefault();
      target.form?.requestSubmit();
    }
  };

  #onSubmit = (event: SubmitEvent): void => {
    event.preventDefault();
    void this.#post();
  };

  async #post(): Promise<void> {
    if (this.posting || this.offline === 'queued') return;
    const { backend, problem } = this.#backend;
    if (!backend) {
      this.notice = { kind: 'error', key: 'notConfigured', params: { detail: problem ?? '' } };
      return;
    }
    this.expanded = true;
    this.notice = null;
    this.offline = null;
    const guest = this.signedIn ? null : this.#guestAdapter;
    if (!this.#checkForm(guest?.fields ?? [])) return;
    if (!this.signedIn && !guest) {
      this.notice = { kind: 'error', key: 'errorUnauthorized' };
      this.#focusAfterRender = '[part~="identity-button"]';
      return;
    }
    if (isOffline()) return this.#wentOffline();
    if (this.signedIn?.expiresAt !== undefined && this.signedIn.expiresAt <= Date.now()) return this.#signInFlow.expired(this.signedIn);

    const thread = this.threadId;
    const draft: CommentDraft = Object.freeze({ text: this.text, parentId: this.#replyTarget.id, notify: Object.freeze({ ...this.notify }) });
    this.posting = true;
    const controller = (this.#postController = new AbortController());
    const { signal } = controller;
    // Kept with the draft, so an attempt after a reload cannot store the comment twice.
    this.#idempotencyKey ??= randomId();
    const idempotencyKey = this.#idempotencyKey;
    this.#writeDraft();
    let identityUsed: Identity | undefined;
    try {
      const identity = (identityUsed = this.signedIn ?? (await guest!.signIn({ values: this.values, remember: this.remember, signal })));
      const allowed = this.#emit('parley-comment-submit', { thread, draft, identity });
      if (!allowed) return;
      // The new comment is shown once posted: the sanitiser must be there first (it is, once a page has loaded).
      await prepareSanitizer();
      const comment = await withRetry(() => backend.post(thread, draft, identity, { signal, idempotencyKey }), {
        signal,
        policy: this.#retryPolicy,
        // Offline, waiting is pointless: the reader is asked instead.
        shouldRetry: () => !isOffline(),
        onRetry: ({ attempt }) => {
          this.retrying = attempt;
          this.#announce(this.#retryingLabel());
        },
      });
      if (signal.aborted || thread !== this.threadId) return;
      const [view] = this.#addComments([comment]);
      if (comment.status === 'pending') this.#held?.add(comment);
      if (comment.status === 'approved' && this.#total !== undefined) this.#total += 1;
      this.#idempotencyKey = null;
      this.text = '';
      this.replyTo = this.#pendingReplyTo = this.#pendingReplyName = null;
      this.#drafts?.clear();
      const posted = comment.status === 'pending' ? 'postedPending' : 'posted';
      this.notice = { kind: 'success', key: posted };
      this.#announce(this.t(posted));
      if (view) this.#focusOn(view);
      this.#emit('parley-comment-posted', { thread, comment });
    } catch (thrown) {
      if (signal.aborted || isAbortError(thrown)) return;
      const error = toParleyError(thrown);
      // "Retrying…" is over: the outcome is an alert, or the offline question below.
      this.#announce('');
      if (error.code === 'network' && isOffline()) this.#wentOffline();
      else if (error.code === 'unauthorized' && identityUsed && !identityUsed.guest) await this.#signInFlow.expired(identityUsed);
      else this.#showPostError(error);
      this.#emit('parley-error', { thread, action: 'post', error });
    } finally {
      if (this.#postController === controller) {
        this.posting = false;
        this.retrying = null;
      }
    }
  }

  /**
   * Cleans and checks the form before posting. Invisible control characters
   * are removed (and the reader told); problems are shown at their fields.
   */
  #checkForm(fields: readonly IdentityField[]): boolean {
    const cleaned = removeControlCharacters(this.text, this.values);
    this.text = cleaned.text;
    this.values = { ...this.values, ...cleaned.values };
    const problems = validateComment(this.text, fields, this.values, this.#maxLength);
    const messages: Partial<Record<FormField, FieldError>> = {};
    for (const field of cleaned.changed) messages[field] = { key: field === 'text' ? 'textControl' : 'detailControl' };
    for (const [field, key] of Object.entries(problems) as [FormField, MessageKey][]) {
      messages[field] = { key, params: { count: characterCount(this.text) - this.#maxLength, max: this.#maxLength } };
    }
    const invalid = (['text', 'email', 'name', 'url'] as const).filter((field) => messages[field]);
    this.fieldErrors = messages;
    if (invalid.length === 0) return true;
    this.notice = { kind: 'error', key: 'fixFields', params: { count: invalid.length } };
    this.#focusAfterRender = fieldSelector(invalid[0]!);
    return false;
  }

  get #retryPolicy(): RetryPolicy {
    // `{ attempts: undefined }` keeps the default (spread, it would retry for ever).
    const given = Object.entries(this.retry ?? {}).filter(([, value]) => typeof value === 'number' && value >= 0);
    return { ...DEFAULT_RETRY, ...Object.fromEntries(given) };
  }

  #retryingLabel(): string {
    return this.t('retrying', { attempt: this.retrying ?? 1, attempts: this.#retryPolicy.attempts });
  }

  /** Cancel while posting (or retrying): the comment stays in the form, its idempotency key too. */
  #cancelPost = (): void => {
    if (!this.posting) return;
    this.#postController?.abort();
    this.posting = false;
    this.retrying = null;
    this.#announce('');
    this.notice = { kind: 'error', key: 'postCancelled' };
    // Its Cancel button is gone: the reader goes on with the comment.
    this.#focusAfterRender = '#comment-text';
  };

  /** Offline with a comment to post: say so, and offer to post it once the browser is back online. */
  #wentOffline(): void {
    this.#writeDraft(); // the message promises it is saved
    this.offline = 'ask';
    this.notice = null;
    this.#announce(this.t('offline'));
    this.#focusAfterRender = '[part~="post-when-online"]';
  }

  #postWhenOnline = (): void => {
    this.offline = 'queued';
    this.#announce(this.t('queuedForOnline'));
    this.#focusAfterRender = '#comment-text';
  };

  #onOnline = (): void => {
    // A thread that could not load for want of a network loads by itself once there is one.
    if (this.load.kind === 'error' && this.load.error.code === 'network') this.#loadAgain();
    if (this.offline === 'queued') {
      this.offline = null;
      void this.#post();
    } else if (this.offline === 'ask') {
      // The button that asked goes away: focus on it moves to the one that posts.
      if (this.renderRoot.activeElement?.matches('[part~="post-when-online"]')) this.#focusAfterRender = '[part~="submit-button"]';
      this.offline = null;
      this.notice = { kind: 'success', key: 'backOnline' };
      this.#announce(this.t(this.notice.key, this.notice.params));
    }
  };

  #showPostError(error: ParleyError): void {
    const { key, params } = errorMessage(error);
    // The fields on show: the text, and the guest's details unless signed in.
    const shown: FormField[] = ['text', ...((!this.signedIn && this.#guestAdapter?.fields?.map((field) => field.name)) || [])];
    // The backend may call the comment text "text", "content" or "comment".
    const { content, comment, ...named } = error.fields;
    const fields: Record<string, string | undefined> = { text: content ?? comment, ...named };
    const fieldErrors: Partial<Record<FormField, FieldError>> = {};
    const elsewhere: string[] = [];
    for (const [field, given] of Object.entries(fields)) {
      // The server's words, shown as they are but for what would reorder or hide them, and never a page long.
      const text = given && cleanServerText(given);
      if (!text) continue;
      if (shown.includes(field as FormField)) fieldErrors[field as FormField] = { text };
      else elsewhere.push(text);
    }
    this.fieldErrors = fieldErrors;
    const first = shown.find((field) => fieldErrors[field]);
    // Refused with no field on show to blame, "check the highlighted fields" would point at nothing: the messages
    // for fields not shown (a signed-in reader's e-mail, a captcha) say why instead.
    this.notice = error.code === 'invalid' && !first ? { kind: 'error', key: 'errorRefused', detail: elsewhere.join(' ') } : { kind: 'error', key, params };
    this.#focusAfterRender = first ? fieldSelector(first) : '[part~="notice"]';
  }

  // ---------------------------------------------------------------- helpers

  /** A message from the catalogue. */
  private t(key: MessageKey, params?: Record<string, string | number>): string {
    return translate(key, params, this.#catalogue, this.#display.locale);
  }

  #countLabel(): string {
    return this.#countLabelIsReply() ? this.t('leaveReply') : this.t('commentCount', { count: this.#commentCount() });
  }

  #countLabelIsReply(): boolean {
    return this.#commentCount() === 0;
  }

  /** The server's total, but never fewer than the approved comments on show (a server's stale or wrong total). */
  #commentCount(): number {
    return this.#total === undefined ? this.#thread.size : Math.max(this.#total, this.#thread.approved);
  }

  /** Nothing loaded and nothing more to load. A first page may hold nothing yet point to more (a server that filtered it): that is not an empty thread. */
  #threadEmpty(): boolean {
    return this.#thread.size === 0 && this.#next === null;
  }

  #announce(text: string): void {
    this.announcement = text;
  }

  /** Announces the outcome of a load, and a draft brought back by it (said once, as it is not shown anywhere else). */
  #announceWithDraft(text: string): void {
    this.#announce(this.#draftRestored ? `${text} ${this.t('draftRestored')}`.trim() : text);
    this.#draftRestored = false;
  }

  #emit<K extends ParleyEventName>(name: K, detail: ParleyEventDetails[K]): boolean {
    return this.dispatchEvent(createParleyEvent(name, detail));
  }

  // ---------------------------------------------------------------- render

  protected override render(): TemplateResult {
    const { problem } = this.#backend;
    const empty = this.load.kind === 'ready' && this.#threadEmpty();
    render(this.#renderForm(), this.#formHost, { host: this });
    return html`
      <section aria-labelledby="parley-header" lang=${this.#catalogueLocale} dir=${this.#direction}>
        <h2 part="header" id="parley-header">${this.#countLabel()}</h2>
        ${problem
          ? html`<p part="error" role="alert">${this.t('notConfigured', { detail: problem })}</p>`
          : this.#renderBody(empty)}
        ${problem || this.replyTo !== null ? nothing : this.#formHost}
        <div class="visually-hidden" role="status" aria-live="polite">${this.announcement}</div>
      </section>
    `;
  }

  #renderBody(empty: boolean): TemplateResult | typeof nothing {
    const load = this.load;
    if (load.kind === 'loading') return html`<p part="status">${this.t('loading')}</p>`;
    if (load.kind === 'error' && load.firstPage) return this.#renderLoadError(load.error);
    if (empty) return html`<p part="empty">${this.t('empty')}</p>`;
    return html`${this.#renderer.list}
      ${load.kind === 'error' ? this.#renderLoadError(load.error) : nothing}
      ${this.#next !== null && load.kind !== 'error'
        ? html`<button type="button" part="load-more" ?disabled=${this.loadingMore} @click=${this.#loadMore}>
            ${this.loadingMore ? this.t('loadingMore') : this.t('loadMore')}
          </button>`
        : nothing}`;
  }

  /** Hands the thread to its renderer, which renders what changed (see thread-renderer.ts). */
  #showThread(): void {
    if (this.load.kind !== 'ready' && this.load.kind !== 'error') return;
    const ownerNames = this.ownerNames ?? [];
    const maxDepth = this.#maxDepth;
    const replyTo = this.replyTo;
    this.#renderer.show(
      this.#thread.roots,
      {
        t: (key, params) => this.t(key, params),
        maxDepth,
        ownerNames,
        canReply: (view) => this.#canReply(view),
        replyTo,
        onReply: (id) => {
          const view = this.#thread.get(id);
          if (view) this.#startReply(view);
        },
        form: this.#formHost,
      },
      // What every comment's rendering depends on: a change re-renders the whole thread.
      [maxDepth, this.closed, this.#display.locale, this.#catalogueVersion, ownerNamesReady(), ...ownerNames].join('\n'),
      replyTo === null ? undefined : this.#thread.get(replyTo),
    );
  }

  #renderLoadError(error: ParleyError): TemplateResult {
    // The other messages are about posting ("your comment is still here", "check the highlighted fields"):
    // a load says only that it failed, unless the thread is not there.
    const detail = error.code === 'not_found' ? this.t('errorNotFound') : '';
    return html`<div part="error" role="alert">
      <span>${this.t('loadError')} ${detail}</span>
      <button type="button" part="retry-button" @click=${this.#retryLoad}>${this.t('retry')}</button>
    </div>`;
  }

  /** The character counter, once the text nears the limit (cheap while it is far below). */
  #lengthState(): ReplyFormState['length'] {
    const max = this.#maxLength;
    // Whole numbers only (0.2 × 20 is not 4 in floating point). The length in code units is never below
    // the count, so a text far below the limit is not counted.
    if (this.text.length * 5 < max * COUNTER_FROM_FIFTHS) return null;
    const count = characterCount(this.text);
    if (count * 5 < max * COUNTER_FROM_FIFTHS) return null;
    const left = max - count;
    return left >= 0 ? { over: false, label: this.t('charactersLeft', { count: left }) } : { over: true, label: this.t('charactersOver', { count: -left }) };
  }

  #canReply(view: CommentView): boolean {
    if (this.closed) return false;
    const supported = this.#backend.backend?.capabilities?.maxDepth;
    return supported === undefined || view.level < supported;
  }

  #renderForm(): TemplateResult {
    // A closed thread shows no form, unless the reader already has text in it (kept, so nothing typed is lost).
    if (this.closed && this.text === '') return html`<p part="closed">${this.t('errorClosed')}</p>`;
    const replyToName = this.#replyTarget.name;
    const notifyCaps = this.#backend.backend?.capabilities?.notify;
    return renderReplyForm(
      {
        text: this.text,
        values: this.values,
        remember: this.remember,
        notify: this.notify,
        expanded: this.expanded || this.text !== '' || replyToName !== null,
        posting: this.posting,
        retrying: this.retrying === null ? null : this.#retryingLabel(),
        offline: this.offline,
        length: this.#lengthState(),
        replyToName,
        // While the header says "Leave a Reply" (no comments counted yet), the form is named by it, not by a second one.
        titleId: this.#countLabelIsReply() && replyToName === null ? 'parley-header' : null,
        fieldErrors: Object.fromEntries(
          Object.entries(this.fieldErrors).map(([field, error]) => [field, error && ('text' in error ? error.text : this.t(error.key, error.params))]),
        ),
        notice: this.notice && { kind: this.notice.kind, text: `${this.t(this.notice.key, this.notice.params)} ${this.notice.detail ?? ''}`.trim() },
        signedIn: this.signedIn && this.#signInFlow.renderSignedIn(this.signedIn),
        guest: this.#guestAdapter,
        providers: this.#signInFlow.renderProviders(this.#providers),
        notifyOffered: { replies: notifyCaps?.replies === true, posts: notifyCaps?.posts === true },
      },
      {
        t: (key, params) => this.t(key, params),
        onText: this.#onText,
        onField: this.#onField,
        onCheckbox: this.#onCheckbox,
        onExpand: () => (this.expanded = true),
        onSubmit: this.#onSubmit,
        onCancelPost: this.#cancelPost,
        onPostWhenOnline: this.#postWhenOnline,
        onKeydown: this.#onKeydown,
        onCancelReply: this.#cancelReply,
      },
    );
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'parley-comments': ParleyComments;
  }
}
