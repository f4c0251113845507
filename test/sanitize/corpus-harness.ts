/**
 * Harness for the shared attack corpus (`/__corpus/xss-corpus.json`).
 *
 * For each entry it builds one protocol v1 comment with the payload in the
 * entry's field, renders it (through the real `<parley-comments>` element, or
 * through a deliberately unsafe renderer for the self-checks), performs the
 * entry's trigger on every element of the rendered user content, waits, and
 * evaluates the corpus oracles against the DOM, the `window.__xss` sink, the
 * network (Resource Timing) and global state.
 */
import { waitUntil } from '@open-wc/testing';
import '../../src/define.js';
import type { CommentBackend } from '../../src/backends/backend.js';
import { fromRestPage } from '../../src/backends/rest.js';
import type { ParleyComments } from '../../src/elements/parley-comments.js';
import { MAX_MARKS } from '../../src/sanitize/text.js';

// ------------------------------------------------------------------ corpus

export const FIELDS = ['body_html', 'body_markdown', 'author_name', 'author_url', 'avatar_url', 'any'] as const;
export type Field = (typeof FIELDS)[number];
export type Trigger = 'auto' | 'hover' | 'click' | 'focus' | 'key' | 'scroll' | 'drag' | 'submit' | 'interaction' | 'none';

export interface CorpusEntry {
  id: number;
  field: Field;
  category: string;
  kind: string;
  payload: string;
  trigger: Trigger;
  oracles: string[];
  exec_context: string;
  detect: string;
  legacy: boolean;
  note: string;
}

export interface Corpus {
  schema_version: number;
  fields: Record<string, string>;
  oracles: Record<string, string>;
  triggers: Record<string, string>;
  entries: CorpusEntry[];
}

/** Loads the corpus exactly as stored (JSON-decoded; payloads are never trimmed or normalised). */
export async function loadCorpus(): Promise<Corpus> {
  const response = await fetch('/__corpus/xss-corpus.json', { cache: 'no-store' });
  if (!response.ok) throw new Error(`could not load the corpus: HTTP ${response.status}`);
  return (await response.json()) as Corpus;
}

// ------------------------------------------------------------------ the sink

export interface SinkCall {
  id: string | null;
  raw: string;
  phase: string;
}

/** Every call of `window.__xss`, in order. */
export const sinkCalls: SinkCall[] = [];

/** The part of the run in progress; recorded with each sink call and navigation attempt. */
export const run = { phase: 'setup' };

function sink(...args: unknown[]): void {
  const first = args[0];
  let raw: string;
  try {
    raw = String(Array.isArray(first) ? first[0] : first);
  } catch {
    raw = '(unprintable argument)';
  }
  sinkCalls.push({ id: raw.match(/\d+/)?.[0] ?? null, raw, phase: run.phase });
}

// Installed when this module is evaluated, before any test renders anything: an own,
// non-writable, non-configurable property, so named access (<a id="__xss">) cannot shadow it.
Object.defineProperty(window, '__xss', { value: sink, writable: false, configurable: false, enumerable: false });

/** True while `window.__xss` is still the recording sink. */
export function sinkIntact(): boolean {
  const descriptor = Object.getOwnPropertyDescriptor(window, '__xss');
  return descriptor?.value === sink && !descriptor.writable && !descriptor.configurable && (window as unknown as { __xss: unknown }).__xss === sink;
}

// ------------------------------------------------------------------ network and navigation

export interface AttackerRequest {
  url: string;
  start: number;
}

/** Every resource request to a host ending in attacker.invalid, from Resource Timing. */
export const attackerRequests: AttackerRequest[] = [];
const seenRequests = new Set<string>();

function noteResource(entry: PerformanceEntry): void {
  if (!/^[a-z]+:\/\/[^/?#]*attacker\.invalid(?:[:/?#]|$)/i.test(entry.name)) return;
  const key = `${entry.name} ${entry.startTime}`;
  if (seenRequests.has(key)) return;
  seenRequests.add(key);
  attackerRequests.push({ url: entry.name, start: entry.startTime });
}

// Requests to .invalid hosts fail; browsers still report them in Resource Timing.
performance.setResourceTimingBufferSize(100_000);
new PerformanceObserver((list) => list.getEntries().forEach(noteResource)).observe({ type: 'resource', buffered: true });

/** Picks up entries the observer has not delivered yet. */
export function collectResources(): void {
  performance.getEntriesByType('resource').forEach(noteResource);
}

/** Attempts to leave or replace the page: unload, or window.open (recorded instead of opening). */
export const navigationAttempts: { what: string; phase: string }[] = [];
window.addEventListener('beforeunload', () => navigationAttempts.push({ what: 'beforeunload', phase: run.phase }));
window.open = ((url?: string | URL) => {
  navigationAttempts.push({ what: `window.open(${String(url)})`, phase: run.phase });
  return null;
}) as typeof window.open;

// ------------------------------------------------------------------ comments

export const BENIGN = {
  name: 'Benign Reader',
  url: 'https://reader.example/',
  // No avatar URL: the initial-letter avatar renders, so the name also flows into it.
  avatar: null as string | null,
  html: '<p>Benign comment.</p>',
};

export interface SentComment {
  id: string;
  name: string;
  url: string | null;
  avatar: string | null;
  html: string;
}

/** The comment a backend sends for an entry: the payload in its field, benign values elsewhere. */
export function commentFor(entry: CorpusEntry): SentComment {
  const sent: SentComment = { id: `entry-${entry.id}`, name: BENIGN.name, url: BENIGN.url, avatar: BENIGN.avatar, html: BENIGN.html };
  switch (entry.field) {
    case 'body_html':
      sent.html = entry.payload;
      break;
    case 'body_markdown':
      // Parley has no Markdown renderer yet: a backend's body is always HTML, so Markdown
      // source (and any inline HTML in it) reaches the sanitiser as an HTML body.
      sent.html = entry.payload;
      break;
    case 'author_name':
      sent.name = entry.payload;
      break;
    case 'author_url':
      sent.url = entry.payload;
      break;
    case 'avatar_url':
      sent.avatar = entry.payload;
      break;
    case 'any':
      // Every string field of the comment.
      Object.assign(sent, { id: entry.payload, name: entry.payload, url: entry.payload, avatar: entry.payload, html: entry.payload });
      break;
    default:
      throw new Error(`entry ${entry.id}: unknown field ${String(entry.field)}`);
  }
  return sent;
}

/** The members of a payload that is a JSON object ("{…}"), or null. */
function jsonObjectMembers(payload: string): string | null {
  if (!payload.startsWith('{') || !payload.endsWith('}')) return null;
  try {
    const value: unknown = JSON.parse(payload);
    if (value === null || typeof value !== 'object' || Array.isArray(value)) return null;
  } catch {
    return null;
  }
  const members = payload.slice(1, -1);
  return members === '' ? null : members;
}

/**
 * The protocol v1 list response, as JSON text. For `any` entries whose payload is a
 * JSON object (the prototype-pollution entries), its members are also spliced into
 * the page, the comment and the author objects, the way a hostile backend sends them.
 */
export function responseFor(entry: CorpusEntry, sent: SentComment): string {
  const members = entry.field === 'any' ? jsonObjectMembers(entry.payload) : null;
  const splice = (json: string) => (members ? `{${members},${json.slice(1)}` : json);
  const author = splice(JSON.stringify({ name: sent.name, url: sent.url, avatar: sent.avatar }));
  const rest = JSON.stringify({ parentId: null, html: sent.html, createdAt: '2024-01-01T12:00:00.000Z', status: 'approved' }).slice(1);
  const comment = splice(`{"id":${JSON.stringify(sent.id)},"author":${author},${rest}`);
  return splice(`{"comments":[${comment}],"next":null}`);
}

// ------------------------------------------------------------------ renderers

export interface Observations {
  /** Links clicked whose target is not http:, https: or mailto: (they were let through). */
  unsafeClicks: string[];
  /** Real (trusted) form submissions from inside the rendered comment, by target URL. */
  submissions: string[];
}

export type Renderer = (
  entry: CorpusEntry,
  sent: SentComment,
  responseText: string,
  slot: HTMLElement,
  observations: Observations,
) => Promise<ShadowRoot | HTMLElement>;

const XLINK = 'http://www.w3.org/1999/xlink';

/**
 * Capture listeners on the root of the rendered comment. A click on an HTML link to an
 * http:, https: or mailto: URL is prevented (it would leave the test page); every other
 * link is allowed to navigate, so a javascript: URL runs and a failure shows. Real form
 * submissions are recorded and stopped.
 */
function guard(root: ShadowRoot | HTMLElement, observations: Observations): void {
  root.addEventListener(
    'click',
    (event) => {
      const link = event
        .composedPath()
        .find((node): node is Element => node instanceof Element && (node.localName === 'a' || node.localName === 'area') && (node.hasAttribute('href') || node.hasAttributeNS(XLINK, 'href')));
      if (!link) return;
      const html = link instanceof HTMLAnchorElement || link instanceof HTMLAreaElement;
      const href = html ? link.href : (link.getAttribute('href') ?? link.getAttributeNS(XLINK, 'href') ?? '');
      let protocol = '';
      try {
        protocol = new URL(href, document.baseURI).protocol;
      } catch {
        /* not a URL: let it through */
      }
      if (html && ['http:', 'https:', 'mailto:'].includes(protocol)) event.preventDefault();
      else observations.unsafeClicks.push(href);
    },
    true,
  );
  root.addEventListener(
    'submit',
    (event) => {
      event.preventDefault();
      if (!event.isTrusted) return;
      const form = event.target as HTMLFormElement;
      const submitter = (event as SubmitEvent).submitter;
      observations.submissions.push(submitter?.getAttribute('formaction') ?? form.getAttribute('action') ?? '(no action)');
    },
    true,
  );
}

/**
 * The site's owner names given to the widget: the names the no_impersonation entries imitate.
 * The comments themselves never carry a role (responseFor sends none), as from a guest.
 */
export const OWNER_NAMES: readonly string[] = ['Blog Author', 'admin'];

/** The real element, with an adapter object whose list() runs the REST adapter's validation. */
export const widgetRenderer: Renderer = async (entry, _sent, responseText, slot, observations) => {
  const adapter: CommentBackend = {
    async list() {
      return fromRestPage(JSON.parse(responseText));
    },
    async post() {
      throw new Error('posting is not part of the corpus run');
    },
  };
  const element = document.createElement('parley-comments') as ParleyComments;
  element.thread = `corpus-${entry.id}`;
  element.adapter = adapter;
  element.ownerNames = OWNER_NAMES;
  slot.append(element);
  const root = element.shadowRoot!;
  guard(root, observations);
  // Follow the element's own updates (no polling delay, so perf_budget measures the render);
  // a render that throws or never finishes is judged by the oracles ("render"), not here.
  const done = () => root.querySelector('[part~="comment"], [part~="error"]');
  for (let update = 0; update < 10 && !done(); update++) {
    const ok = await element.updateComplete.then(() => true, () => false);
    if (!ok) break;
    if (!done()) await new Promise((resolve) => setTimeout(resolve, 0));
  }
  if (!done()) await waitUntil(() => root.querySelector('[part~="comment"], [part~="error"]'), `entry ${entry.id}: nothing rendered`, { timeout: 2000 }).catch(() => undefined);
  await element.updateComplete.catch(() => undefined);
  return root;
};

export interface UnsafeOptions {
  /** Render into the light DOM instead of a shadow root. */
  light?: boolean;
  /** Leave the body out (an over-stripping renderer). */
  dropBody?: boolean;
  /** Read the response with a naive recursive merge into defaults (prototype pollution). */
  naiveMerge?: boolean;
  /** Block the main thread this long while rendering. */
  busyMs?: number;
}

function naiveMerge(target: Record<string, unknown>, source: Record<string, unknown>): Record<string, unknown> {
  for (const key in source) {
    const value = source[key];
    if (value !== null && typeof value === 'object') {
      if (target[key] === null || typeof target[key] !== 'object') target[key] = {};
      naiveMerge(target[key] as Record<string, unknown>, value as Record<string, unknown>);
    } else {
      target[key] = value;
    }
  }
  return target;
}

/**
 * A deliberately unsafe renderer for the harness self-checks: same parts as the
 * widget, but every value is concatenated into HTML and parsed with innerHTML.
 */
export function unsafeRenderer(options: UnsafeOptions = {}): Renderer {
  return async (_entry, _sent, responseText, slot, observations) => {
    const data = (options.naiveMerge ? naiveMerge({}, JSON.parse(responseText)) : JSON.parse(responseText)) as {
      comments: Record<string, { id: string; author: { name: string; url: string | null; avatar: string | null }; html: string }>;
    };
    const comment = data.comments[0]!;
    const { name, url, avatar } = comment.author;
    const host = document.createElement('div');
    slot.append(host);
    const root = options.light ? host : host.attachShadow({ mode: 'open' });
    guard(root, observations);
    const started = performance.now();
    root.innerHTML = `<article part="comment" data-comment-id="${comment.id}"><header part="comment-header">
      <span part="comment-avatar">${name.slice(0, 1)}${avatar ? `<img part="comment-avatar-image" src="${avatar}">` : ''}</span>
      <h3 part="comment-author">${url ? `<a href="${url}">` : ''}<bdi>${name}</bdi>${url ? '</a>' : ''}</h3>
    </header><div part="comment-body">${options.dropBody ? '' : comment.html}</div></article>`;
    while (performance.now() - started < (options.busyMs ?? 0)) {
      /* busy */
    }
    return root;
  };
}

// ------------------------------------------------------------------ triggers

const INIT = { bubbles: true, cancelable: true, composed: true };

/** The user-content areas of a rendered comment and everything inside them. */
function userContent(root: ParentNode): Element[] {
  const areas = [...root.querySelectorAll('[part~="comment-body"], [part~="comment-author"], [part~="comment-avatar"]')];
  const all = new Set<Element>();
  for (const area of areas) {
    all.add(area);
    area.querySelectorAll('*').forEach((element) => all.add(element));
  }
  return [...all];
}

function hover(targets: Element[]): void {
  for (const element of targets) {
    for (const type of ['pointerover', 'pointerenter', 'pointermove']) element.dispatchEvent(new PointerEvent(type, INIT));
    for (const type of ['mouseover', 'mouseenter', 'mousemove']) element.dispatchEvent(new MouseEvent(type, INIT));
    for (const type of ['pointerout', 'pointerleave']) element.dispatchEvent(new PointerEvent(type, INIT));
    for (const type of ['mouseout', 'mouseleave']) element.dispatchEvent(new MouseEvent(type, INIT));
  }
}

function click(targets: Element[]): void {
  for (const element of targets) {
    element.dispatchEvent(new PointerEvent('pointerdown', INIT));
    element.dispatchEvent(new MouseEvent('mousedown', INIT));
    element.dispatchEvent(new PointerEvent('pointerup', INIT));
    element.dispatchEvent(new MouseEvent('mouseup', INIT));
    // A dispatched click runs the element's activation behaviour (links navigate, buttons submit).
    element.dispatchEvent(new MouseEvent('click', { ...INIT, button: 0, detail: 1 }));
  }
}

function focus(targets: Element[]): void {
  for (const element of targets) {
    (element as HTMLElement).focus?.();
    element.dispatchEvent(new FocusEvent('focus', { composed: true }));
    element.dispatchEvent(new FocusEvent('focusin', { bubbles: true, composed: true }));
    (element as HTMLElement).blur?.();
    element.dispatchEvent(new FocusEvent('blur', { composed: true }));
    element.dispatchEvent(new FocusEvent('focusout', { bubbles: true, composed: true }));
  }
}

function key(targets: Element[]): void {
  for (const element of targets) {
    (element as HTMLElement).focus?.();
    for (const type of ['keydown', 'keypress', 'keyup']) {
      element.dispatchEvent(new KeyboardEvent(type, { ...INIT, key: 'a', code: 'KeyA' }));
    }
    // The access-key chord.
    element.dispatchEvent(new KeyboardEvent('keydown', { ...INIT, key: 'a', code: 'KeyA', altKey: true, shiftKey: true }));
    if (element instanceof HTMLInputElement || element instanceof HTMLTextAreaElement) element.value += 'a';
    element.dispatchEvent(new InputEvent('beforeinput', { ...INIT, data: 'a', inputType: 'insertText' }));
    element.dispatchEvent(new InputEvent('input', { ...INIT, data: 'a', inputType: 'insertText' }));
  }
  document.dispatchEvent(new KeyboardEvent('keydown', { ...INIT, key: 'a', code: 'KeyA', altKey: true, shiftKey: true }));
}

function scroll(targets: Element[]): void {
  for (const element of targets) {
    element.scrollIntoView?.({ block: 'nearest' });
    element.scrollTop = 10;
    element.dispatchEvent(new Event('scroll'));
    element.dispatchEvent(new WheelEvent('wheel', { ...INIT, deltaY: 100 }));
    element.dispatchEvent(new Event('scrollend'));
  }
  document.dispatchEvent(new Event('scroll'));
}

function drag(targets: Element[]): void {
  for (const element of targets) {
    const dataTransfer = new DataTransfer();
    for (const type of ['dragstart', 'drag', 'dragenter', 'dragover', 'drop', 'dragend']) {
      element.dispatchEvent(new DragEvent(type, { ...INIT, dataTransfer }));
    }
  }
}

function submit(targets: Element[]): void {
  for (const element of targets) {
    if (!(element instanceof HTMLFormElement)) continue;
    try {
      element.requestSubmit();
    } catch {
      /* invalid form: the submit event below still runs its handlers */
    }
    element.dispatchEvent(new SubmitEvent('submit', INIT));
  }
}

/** Performs a corpus trigger on every element of the rendered user content. */
export function performTrigger(trigger: Trigger, root: ParentNode): void {
  const targets = userContent(root);
  switch (trigger) {
    case 'auto':
    case 'none':
      return;
    case 'hover':
      return hover(targets);
    case 'click':
      return click(targets);
    case 'focus':
      return focus(targets);
    case 'key':
      return key(targets);
    case 'scroll':
      return scroll(targets);
    case 'drag':
      return drag(targets);
    case 'submit':
      return submit(targets);
    case 'interaction':
      hover(targets);
      focus(targets);
      key(targets);
      click(targets);
      submit(targets);
      scroll(targets);
      drag(targets);
      return;
    default:
      throw new Error(`unknown trigger ${String(trigger)}`);
  }
}

// ------------------------------------------------------------------ oracles

export interface Finding {
  oracle: string;
  detail: string;
}

export interface EntryResult {
  entry: CorpusEntry;
  /** Oracles evaluated (the entry's own plus the baseline invariants). */
  checked: string[];
  /** Oracles of the entry that do not apply to Parley yet, with the reason. */
  notApplicable: string[];
  failures: Finding[];
  renderMs: number;
  /** Requests to attacker.invalid attributed to this entry (a failure only where no_attacker_request applies). */
  requests: string[];
}

/** Checked for every entry, whatever it lists: they are the widget's invariants. */
/** Parley's permalink around a comment's date (part `comment-permalink`): not user content. */
function isPermalink(element: Element): boolean {
  return element.localName === 'a' && (element.getAttribute('part') ?? '').split(/\s+/).includes('comment-permalink');
}

export const BASELINE = ['no_exec', 'no_active_elements', 'allow_list', 'no_style', 'no_clobber', 'safe_url', 'link_attrs', 'text_only', 'bidi_isolated', 'proto_clean', 'no_navigation'];

/** Corpus oracles that cannot be judged yet, and why (none at the moment). */
export const NOT_APPLICABLE_YET: Record<string, string> = {};

/** Milliseconds the README asks to wait after the trigger before judging. */
export const SETTLE_MS = 500;
/** perf_budget: the corpus suggests at most a 200 ms main-thread task for sanitise + render. */
export const PERF_BUDGET_MS = 200;

const ACTIVE = 'script, iframe, frame, frameset, object, embed, applet, base, meta, link, style, form, input, button, textarea, select, option, template, noscript, svg, math, portal, selectedcontent';
const BODY_TAGS: Record<string, readonly string[]> = {
  a: ['href', 'title', 'rel', 'target'],
  abbr: ['title'],
  acronym: ['title'],
  b: [],
  blockquote: ['cite'],
  br: [],
  cite: [],
  code: [],
  del: ['datetime'],
  em: [],
  i: [],
  li: [],
  ol: [],
  p: [],
  pre: [],
  q: ['cite'],
  s: [],
  strike: [],
  strong: [],
  ul: [],
};
const WIDGET_TAGS: Record<string, readonly string[]> = {
  a: ['part', 'href', 'rel', 'target'],
  bdi: [],
  img: ['part', 'src', 'alt', 'width', 'height', 'loading', 'decoding', 'referrerpolicy', 'hidden'],
};
const URL_ATTRIBUTES = new Set(['href', 'src', 'srcset', 'cite', 'action', 'formaction', 'poster', 'background', 'ping', 'data', 'lowsrc', 'dynsrc', 'longdesc', 'codebase', 'icon', 'manifest', 'xlink:href']);
const LOADING_ATTRIBUTES = new Set(['src', 'srcset', 'poster', 'background', 'data', 'style', 'action', 'formaction', 'lowsrc', 'dynsrc']);
const BIDI = /[\u202A-\u202E\u2066-\u2069\u200E\u200F\u061C]/u;
/** Invisible code points that belong to emoji (presentation selectors, keycaps, flag tag sequences). */
const EMOJI_INVISIBLES = /\p{Extended_Pictographic}[\uFE0E\uFE0F]|[#*0-9]\uFE0F\u20E3|\u{1F3F4}[\u{E0020}-\u{E007E}]+\u{E007F}/gu;
/**
 * What the name clean-up may remove or collapse: whitespace, controls, format and default-ignorable
 * characters, and the blank Braille pattern (a "letter" that shows nothing).
 */
const IGNORABLE = /[\s\p{Cc}\p{Cf}\p{Default_Ignorable_Code_Point}\u2800]/gu;

/** A name as the documented clean-up may leave it: no ignorables, at most MAX_MARKS combining marks per character. */
function comparableName(name: string): string {
  const segments = Array.from(new Intl.Segmenter(undefined, { granularity: 'grapheme' }).segment(name.replace(IGNORABLE, '')), (part) => part.segment);
  return segments
    .map((grapheme) => {
      let marks = 0;
      return grapheme.replace(/\p{M}/gu, (mark) => (++marks > MAX_MARKS ? '' : mark));
    })
    .join('');
}

/**
 * Letters that look Latin, as a reader takes them (the harness's own short list, not Parley's
 * table): the Cyrillic and Greek capitals and small letters of the corpus's look-alike names.
 */
const LOOKS_LATIN: Record<string, string> = {
  '\u0410': 'a', '\u0412': 'b', '\u0415': 'e', '\u041A': 'k', '\u041C': 'm', '\u041D': 'h', '\u041E': 'o', '\u0420': 'p', '\u0421': 'c', '\u0422': 't', '\u0425': 'x',
  '\u0430': 'a', '\u0435': 'e', '\u043E': 'o', '\u0440': 'p', '\u0441': 'c', '\u0443': 'y', '\u0445': 'x', '\u0456': 'i',
  '\u0391': 'a', '\u0392': 'b', '\u0395': 'e', '\u0397': 'h', '\u0399': 'i', '\u039A': 'k', '\u039C': 'm', '\u039D': 'n', '\u039F': 'o', '\u03A1': 'p', '\u03A4': 't', '\u03BF': 'o',
};

/** How a name reads: compatibility forms folded (NFKC: fullwidth, mathematical letters), nothing invisible, look-alikes as Latin, lower case. */
function reading(name: string): string {
  return Array.from(name.normalize('NFKC').replace(IGNORABLE, ''), (character) => LOOKS_LATIN[character] ?? character).join('').toLowerCase();
}

/** Whether a name reads as one of OWNER_NAMES: whole, or a part of it set apart by brackets or separators ("Blog Author (Admin)"). */
function readsAsOwner(name: string): boolean {
  const owners = new Set(OWNER_NAMES.map(reading));
  return [name, ...name.normalize('NFKC').split(/[()[\]{}|,:;]/u)].some((part) => owners.has(reading(part)));
}

interface Rendered {
  articles: Element[];
  article: Element | null;
  body: Element | null;
  author: Element | null;
  avatar: Element | null;
  error: string | null;
}

function inspect(root: ParentNode): Rendered {
  const articles = [...root.querySelectorAll('[part~="comment"]')];
  const article = articles.length === 1 ? articles[0]! : null;
  return {
    articles,
    article,
    body: article?.querySelector('[part~="comment-body"]') ?? null,
    author: article?.querySelector('[part~="comment-author"]') ?? null,
    avatar: article?.querySelector('[part~="comment-avatar"]') ?? null,
    error: root.querySelector('[part~="error"]')?.textContent?.trim() ?? null,
  };
}

const describeElement = (element: Element) => `<${element.localName}${element.getAttributeNames().map((name) => ` ${name}`).join('')}>`;
const descendants = (element: Element | null) => (element ? [...element.querySelectorAll('*')] : []);

/** Names used as id= or name= in a payload (candidates for DOM clobbering). */
export function clobberNames(payload: string): string[] {
  const names = new Set<string>();
  for (const match of payload.matchAll(/\b(?:id|name)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+))/gi)) {
    const name = match[1] ?? match[2] ?? match[3] ?? '';
    if (name !== '') names.add(name);
  }
  return [...names];
}

function typeOfGlobal(scope: 'window' | 'document', name: string): string {
  try {
    return typeof (scope === 'window' ? (window as unknown as Record<string, unknown>) : (document as unknown as Record<string, unknown>))[name];
  } catch {
    return 'throws';
  }
}

function prototypeKeys(): string[] {
  return Reflect.ownKeys(Object.prototype).map(String);
}

function parsesAs(value: string, protocols: string[]): string | null {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return `"${value}" is not an absolute URL`;
  }
  if (!protocols.includes(url.protocol)) return `"${value}" has protocol ${url.protocol}`;
  if (url.username || url.password) return `"${value}" carries credentials`;
  return null;
}

interface BatchContext {
  sinkCalls: SinkCall[];
  navigation: string[];
  locationBefore: string;
  locationAfter: string;
  clobberBefore: Map<string, string>;
  protoBefore: string[];
  protoAfter: string[];
  polluted: unknown;
  sinkIntact: boolean;
}

interface Subject {
  entry: CorpusEntry;
  sent: SentComment;
  root: ShadowRoot | HTMLElement;
  rendered: Rendered;
  observations: Observations;
  requests: string[];
  renderMs: number;
  soloMs?: number;
}

type Oracle = (subject: Subject, context: BatchContext) => string[];

const needsRender: Oracle = () => ['the comment was not rendered'];

const ORACLES: Record<string, Oracle> = {
  no_exec({ entry, observations }, context) {
    const problems = context.sinkCalls.filter((call) => call.id === String(entry.id)).map((call) => `window.__xss was called (${JSON.stringify(call.raw)})`);
    for (const href of observations.unsafeClicks) problems.push(`a click followed a link to ${JSON.stringify(href)} (not http:, https: or mailto:)`);
    if (!context.sinkIntact) problems.push('window.__xss is no longer the recording sink');
    return problems;
  },

  no_active_elements({ rendered, observations }) {
    const problems: string[] = [];
    for (const area of [rendered.body, rendered.author, rendered.avatar]) {
      if (!area) continue;
      for (const element of [area, ...descendants(area)]) if (element.matches(ACTIVE)) problems.push(`${describeElement(element)} in ${area.getAttribute('part')}`);
    }
    for (const action of observations.submissions) problems.push(`a form in the comment was submitted (to ${JSON.stringify(action)})`);
    return problems;
  },

  allow_list({ rendered }) {
    const problems: string[] = [];
    for (const element of descendants(rendered.body)) {
      const allowed = BODY_TAGS[element.localName];
      if (element.namespaceURI !== 'http://www.w3.org/1999/xhtml' || !allowed) {
        problems.push(`body contains ${describeElement(element)} (${element.namespaceURI})`);
        continue;
      }
      const extra = element.getAttributeNames().filter((name) => !allowed.includes(name));
      if (extra.length > 0) problems.push(`body <${element.localName}> has attributes ${extra.join(', ')}`);
    }
    for (const area of [rendered.author, rendered.avatar]) {
      for (const element of descendants(area)) {
        const allowed = WIDGET_TAGS[element.localName];
        if (!allowed) {
          problems.push(`${area!.getAttribute('part')} contains ${describeElement(element)}`);
          continue;
        }
        const extra = element.getAttributeNames().filter((name) => !allowed.includes(name));
        if (extra.length > 0) problems.push(`${area!.getAttribute('part')} <${element.localName}> has attributes ${extra.join(', ')}`);
      }
    }
    return problems;
  },

  no_style({ rendered }) {
    const problems: string[] = [];
    for (const area of [rendered.body, rendered.author]) {
      for (const element of descendants(area)) {
        if (element.hasAttribute('style')) problems.push(`${describeElement(element)} has style="${element.getAttribute('style')}"`);
        if (element.hasAttribute('class')) problems.push(`${describeElement(element)} has class="${element.getAttribute('class')}"`);
        if (element.localName === 'style') problems.push('a <style> element');
      }
    }
    const avatar = rendered.avatar as HTMLElement | null;
    if (avatar) {
      // The avatar element belongs to the widget. A style on it is only acceptable in the one
      // shape the widget sets itself (a numeric --_hue custom property for the initial's
      // colour, set through CSSOM); anything else would have come from the comment.
      const style = avatar.style;
      if (avatar.hasAttribute('style')) {
        const value = style.getPropertyValue('--_hue').trim();
        if (!(style.length === 1 && style.item(0) === '--_hue' && /^\d{1,3}$/.test(value) && Number(value) < 360)) {
          problems.push(`the avatar has style="${avatar.getAttribute('style')}"`);
        }
      }
      if (avatar.hasAttribute('class')) problems.push(`the avatar has class="${avatar.getAttribute('class')}"`);
      for (const element of descendants(avatar)) {
        if (element.hasAttribute('style') || element.hasAttribute('class') || element.localName === 'style') problems.push(`avatar contains ${describeElement(element)}`);
      }
    }
    return problems;
  },

  no_clobber({ entry, rendered }, context) {
    const problems: string[] = [];
    for (const name of clobberNames(entry.payload)) {
      for (const scope of ['window', 'document'] as const) {
        const before = context.clobberBefore.get(`${scope}.${name}`);
        const after = typeOfGlobal(scope, name);
        if (before !== undefined && before !== after) problems.push(`typeof ${scope}[${JSON.stringify(name)}] changed from ${before} to ${after}`);
      }
    }
    for (const area of [rendered.body, rendered.author, rendered.avatar]) {
      for (const element of descendants(area)) {
        for (const attribute of ['id', 'name']) {
          if (element.hasAttribute(attribute)) problems.push(`${describeElement(element)} keeps ${attribute}="${element.getAttribute(attribute)}"`);
        }
      }
    }
    if (!context.sinkIntact) problems.push('window.__xss was shadowed');
    return problems;
  },

  safe_url({ rendered }) {
    const problems: string[] = [];
    for (const element of [rendered.article!, ...descendants(rendered.article)]) {
      if (isPermalink(element) && !rendered.body?.contains(element)) {
        // Parley's own link to the comment: an in-page fragment built from the escaped comment id, nothing else.
        const href = element.getAttribute('href') ?? '';
        if (!/^#comment-[A-Za-z0-9%._~!*'()-]*$/.test(href)) problems.push(`${describeElement(element)} href: ${JSON.stringify(href)} is not an escaped #comment- fragment`);
        continue;
      }
      const inBody = rendered.body?.contains(element) ?? false;
      for (const attribute of element.attributes) {
        const name = attribute.name.toLowerCase();
        if (!URL_ATTRIBUTES.has(name)) continue;
        if (name === 'srcset' || name === 'ping') {
          problems.push(`${describeElement(element)} has ${name}`);
          continue;
        }
        const protocols = inBody && (name === 'href' || name === 'cite') ? ['http:', 'https:', 'mailto:'] : ['http:', 'https:'];
        const problem = parsesAs(attribute.value, protocols);
        if (problem) problems.push(`${describeElement(element)} ${name}: ${problem}`);
      }
    }
    return problems;
  },

  link_attrs({ rendered }) {
    const problems: string[] = [];
    for (const link of rendered.article!.querySelectorAll('a, area')) {
      // Parley's own permalink stays in the page: no user content, no new tab (its href is judged by safe_url).
      if (isPermalink(link) && !rendered.body?.contains(link)) continue;
      const rel = (link.getAttribute('rel') ?? '').toLowerCase().split(/\s+/);
      const missing = ['nofollow', 'ugc', 'noopener', 'noreferrer'].filter((token) => !rel.includes(token));
      if (missing.length > 0) problems.push(`${describeElement(link)} rel lacks ${missing.join(', ')}`);
      if (link.getAttribute('target') !== '_blank') problems.push(`${describeElement(link)} target is ${JSON.stringify(link.getAttribute('target'))}`);
      for (const attribute of ['ping', 'download']) if (link.hasAttribute(attribute)) problems.push(`${describeElement(link)} has ${attribute}`);
    }
    return problems;
  },

  text_only({ entry, sent, rendered }) {
    const bdis = rendered.author ? [...rendered.author.querySelectorAll('bdi')] : [];
    if (bdis.length !== 1) return [`expected one <bdi> in the author, found ${bdis.length}`];
    const bdi = bdis[0]!;
    const problems: string[] = [];
    if (bdi.children.length > 0) problems.push(`the name created elements: ${[...bdi.children].map(describeElement).join(' ')}`);
    const shown = bdi.textContent ?? '';
    if (entry.field === 'author_name' || entry.field === 'any') {
      // Compared without what the documented clean-up may remove or collapse.
      const expected = comparableName(sent.name);
      const actual = comparableName(shown);
      const truncated = actual.endsWith('…') && expected.startsWith(actual.slice(0, -1)) && expected.length > actual.length - 1;
      if (expected === '' ? shown !== 'Anonymous' : actual !== expected && !truncated) {
        problems.push(`the name shows ${JSON.stringify(shown)}, not the text of ${JSON.stringify(sent.name)}`);
      }
    } else if (shown !== sent.name) {
      problems.push(`the benign name shows as ${JSON.stringify(shown)}`);
    }
    return problems;
  },

  bidi_isolated({ rendered }) {
    const author = rendered.author;
    const bdi = author?.querySelector('bdi');
    if (!author || !bdi) return ['the name is not inside a <bdi>'];
    const problems: string[] = [];
    const walker = document.createTreeWalker(author, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      if (node.textContent!.trim() !== '' && !bdi.contains(node)) problems.push(`text outside the <bdi>: ${JSON.stringify(node.textContent)}`);
    }
    const text = author.textContent ?? '';
    const bidi = text.match(BIDI);
    if (bidi) problems.push(`bidi control U+${bidi[0].codePointAt(0)!.toString(16).toUpperCase()} remains in the name`);
    const leftover = (bdi.textContent ?? '').replace(EMOJI_INVISIBLES, '').replace(/\u200D/g, '').match(/[\p{Default_Ignorable_Code_Point}\p{Cc}]/u);
    if (leftover) problems.push(`invisible character U+${leftover[0].codePointAt(0)!.toString(16).toUpperCase()} remains in the name`);
    return problems;
  },

  proto_clean(_subject, context) {
    const problems: string[] = [];
    const added = context.protoAfter.filter((key) => !context.protoBefore.includes(key));
    if (added.length > 0) problems.push(`Object.prototype gained ${added.join(', ')}`);
    if (context.polluted !== undefined) problems.push(`({}).polluted is ${JSON.stringify(context.polluted)}`);
    return problems;
  },

  no_navigation(_subject, context) {
    const problems = context.navigation.map((what) => `navigation attempt: ${what}`);
    if (context.locationAfter !== context.locationBefore) problems.push(`location changed to ${context.locationAfter}`);
    return problems;
  },

  no_attacker_request({ rendered, requests, observations }) {
    const problems = requests.map((url) => `request to ${url}`);
    for (const element of [rendered.article!, ...descendants(rendered.article)]) {
      for (const attribute of element.attributes) {
        const name = attribute.name.toLowerCase();
        const loads = LOADING_ATTRIBUTES.has(name) || (name.endsWith('href') && !['a', 'area'].includes(element.localName));
        if (loads && attribute.value.includes('attacker.invalid')) problems.push(`${describeElement(element)} ${name} references attacker.invalid`);
      }
      if (element.localName === 'style' && element.textContent?.includes('attacker.invalid')) problems.push('a <style> references attacker.invalid');
    }
    for (const action of observations.submissions) if (action.includes('attacker.invalid')) problems.push(`form submitted to ${action}`);
    return problems;
  },

  preserved({ entry, sent, rendered }) {
    const problems: string[] = [];
    if (entry.field === 'body_html' || entry.field === 'body_markdown') {
      // The payload parsed in an inert document is what the reader should see.
      const source = new DOMParser().parseFromString(sent.html, 'text/html').body;
      const normalise = (text: string) => text.replace(/\s+/g, ' ').trim();
      const expected = normalise(source.textContent ?? '');
      const actual = normalise(rendered.body?.textContent ?? '');
      if (expected === '' || actual !== expected) problems.push(`body text is ${JSON.stringify(actual)}, expected ${JSON.stringify(expected)}`);
      for (const [tag, attributes] of Object.entries(BODY_TAGS)) {
        const before = [...source.querySelectorAll(tag)];
        const after = rendered.body ? [...rendered.body.querySelectorAll(tag)] : [];
        if (after.length !== before.length) {
          problems.push(`<${tag}> ×${before.length} became ×${after.length}`);
          continue;
        }
        before.forEach((original, index) => {
          for (const attribute of attributes) {
            if (attribute === 'rel' || attribute === 'target' || !original.hasAttribute(attribute)) continue;
            let value = original.getAttribute(attribute)!;
            if (attribute === 'href' || attribute === 'cite') value = new URL(value).href;
            const kept = after[index]!.getAttribute(attribute);
            if (kept !== value) problems.push(`<${tag} ${attribute}> is ${JSON.stringify(kept)}, expected ${JSON.stringify(value)}`);
          }
        });
      }
    } else if (entry.field === 'author_name') {
      const shown = rendered.author?.querySelector('bdi')?.textContent;
      if (shown !== sent.name) problems.push(`the name shows ${JSON.stringify(shown)}, expected ${JSON.stringify(sent.name)}`);
    } else if (entry.field === 'author_url') {
      const href = rendered.author?.querySelector('a')?.getAttribute('href');
      if (href !== new URL(sent.url!).href) problems.push(`the author link is ${JSON.stringify(href)}`);
    } else if (entry.field === 'avatar_url') {
      const src = rendered.avatar?.querySelector('img')?.getAttribute('src');
      if (src !== new URL(sent.avatar!).href) problems.push(`the avatar image is ${JSON.stringify(src)}`);
    } else {
      problems.push(`preserved is not defined for field ${entry.field}`);
    }
    return problems;
  },

  referrer_policy({ rendered }) {
    const img = rendered.avatar?.querySelector('img');
    if (!img) return ['no avatar image was rendered'];
    const problems: string[] = [];
    const expected: Record<string, string> = { referrerpolicy: 'no-referrer', loading: 'lazy', decoding: 'async' };
    for (const [name, value] of Object.entries(expected)) if (img.getAttribute(name) !== value) problems.push(`${name} is ${JSON.stringify(img.getAttribute(name))}`);
    for (const name of ['width', 'height']) if (!/^\d+$/.test(img.getAttribute(name) ?? '')) problems.push(`no explicit ${name}`);
    const problem = parsesAs(img.getAttribute('src') ?? '', ['https:']);
    if (problem) problems.push(`src: ${problem}`);
    return problems;
  },

  /**
   * A guest's name never gets a badge (badges come from backend roles only, and the comment
   * has none); a name that reads as an owner's carries the "Unverified" marker; a name that is
   * invisible shows a visible stand-in, never an empty name or an empty link.
   */
  no_impersonation({ sent, rendered }) {
    const problems: string[] = [];
    for (const badge of rendered.article!.querySelectorAll('[part~="badge"]')) {
      problems.push(`a badge is shown for a comment without a role: part="${badge.getAttribute('part')}" ${JSON.stringify(badge.textContent?.trim())}`);
    }
    const shown = rendered.author?.querySelector('bdi')?.textContent ?? '';
    const invisible = sent.name.replace(IGNORABLE, '') === '';
    const owner = readsAsOwner(sent.name) || readsAsOwner(shown);
    if (!invisible && !owner) problems.push(`the harness does not know whom ${JSON.stringify(sent.name)} imitates (owner names: ${OWNER_NAMES.join(', ')})`);
    if (owner) {
      const marker = rendered.article!.querySelector('[part~="unverified-badge"]');
      if (!marker || (marker.textContent ?? '').replace(IGNORABLE, '') === '') problems.push(`${JSON.stringify(shown)} reads as an owner's name but is not marked unverified`);
    }
    if ((rendered.author?.textContent ?? '').replace(IGNORABLE, '') === '') problems.push(`the author row shows no name (${JSON.stringify(shown)})`);
    for (const link of rendered.author?.querySelectorAll('a') ?? []) {
      if ((link.textContent ?? '').replace(IGNORABLE, '') === '') problems.push(`the author link to ${link.getAttribute('href')} has no visible text`);
    }
    return problems;
  },

  perf_budget({ soloMs }) {
    if (soloMs === undefined) return ['not measured'];
    return soloMs > PERF_BUDGET_MS ? [`rendering took ${soloMs.toFixed(1)} ms (budget ${PERF_BUDGET_MS} ms)`] : [];
  },
};

const DOM_ORACLES = new Set(['no_active_elements', 'allow_list', 'no_style', 'no_clobber', 'safe_url', 'link_attrs', 'text_only', 'bidi_isolated', 'no_attacker_request', 'preserved', 'referrer_policy', 'no_impersonation']);

function evaluate(subject: Subject, context: BatchContext): EntryResult {
  const { entry, rendered } = subject;
  const listed = entry.oracles.filter((oracle) => !(oracle in NOT_APPLICABLE_YET));
  const notApplicable = entry.oracles.filter((oracle) => oracle in NOT_APPLICABLE_YET);
  const checked = [...new Set([...listed, ...BASELINE])];
  const failures: Finding[] = [];
  if (!rendered.article) {
    const why = rendered.error ? `error shown: ${rendered.error}` : `${rendered.articles.length} comments rendered`;
    failures.push({ oracle: 'render', detail: `expected exactly one rendered comment (${why})` });
  }
  for (const oracle of checked) {
    const check = ORACLES[oracle] ?? (() => [`oracle ${oracle} is not implemented by this harness`]);
    const problems = !rendered.article && DOM_ORACLES.has(oracle) ? needsRender(subject, context) : check(subject, context);
    for (const detail of problems) failures.push({ oracle, detail });
  }
  return { entry, checked, notApplicable, failures, renderMs: subject.soloMs ?? subject.renderMs, requests: subject.requests };
}

// ------------------------------------------------------------------ batches

/** What a rendered comment referenced, kept after its batch is removed (to attribute late requests). */
interface SubjectSnapshot {
  id: number;
  oracles: string[];
  payload: string;
  /** Every attribute value and <style> text in the rendered comment. */
  strings: string[];
}

/** The batches run so far: their time window and what their comments referenced. */
export const batchWindows: { start: number; end: number; subjects: SubjectSnapshot[] }[] = [];

/** Requests already attributed to an entry. */
const judged = new Set<AttackerRequest>();

function createStage(): HTMLElement {
  // Every comment is laid out inside the viewport (stacked), so lazy images load as they would on screen.
  const stage = document.createElement('div');
  stage.style.cssText = 'position:fixed;inset:0 auto auto 0;width:800px;height:600px;overflow:hidden;';
  document.body.append(stage);
  return stage;
}

function createSlot(stage: HTMLElement): HTMLElement {
  const slot = document.createElement('div');
  slot.style.cssText = 'position:absolute;inset:0 auto auto 0;width:800px;';
  stage.append(slot);
  return slot;
}

function snapshot(subject: Subject): SubjectSnapshot {
  const strings: string[] = [];
  const container = subject.rendered.article ?? (subject.root as ParentNode);
  for (const element of container.querySelectorAll('*')) {
    for (const attribute of element.attributes) strings.push(attribute.value);
    if (element.localName === 'style') strings.push(element.textContent ?? '');
  }
  return { id: subject.entry.id, oracles: subject.entry.oracles, payload: subject.entry.payload, strings };
}

/** The comments a request came from: those referencing its URL exactly, else by host and path, else those whose payload names attacker.invalid, else all. */
function owners(subjects: SubjectSnapshot[], url: string): SubjectSnapshot[] {
  let where = url;
  try {
    const parsed = new URL(url);
    where = `${parsed.host}${parsed.pathname}`;
  } catch {
    /* keep the whole URL */
  }
  const exact = (value: string) => {
    if (value.includes(url)) return true;
    try {
      return new URL(value, document.baseURI).href === url;
    } catch {
      return false;
    }
  };
  const candidates = [
    subjects.filter((subject) => subject.strings.some(exact)),
    subjects.filter((subject) => subject.strings.some((value) => value.includes(where))),
    subjects.filter((subject) => subject.payload.includes('attacker.invalid')),
    subjects,
  ];
  return candidates.find((list) => list.length > 0) ?? [];
}

/**
 * Requests to attacker.invalid that started during the corpus run but were reported
 * after their batch was judged: failures for entries that list no_attacker_request.
 */
export function lateRequestFailures(since: number): string[] {
  collectResources();
  const failures: string[] = [];
  for (const request of attackerRequests) {
    if (request.start < since || judged.has(request)) continue;
    judged.add(request);
    const batch = batchWindows.find((window) => request.start >= window.start && request.start <= window.end);
    if (!batch) {
      failures.push(`request to ${request.url} outside any batch`);
      continue;
    }
    for (const owner of owners(batch.subjects, request.url)) {
      if (owner.oracles.includes('no_attacker_request')) failures.push(`#${owner.id} [no_attacker_request] late request to ${request.url}`);
    }
  }
  return failures;
}

const delay = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function renderOne(entry: CorpusEntry, renderer: Renderer, stage: HTMLElement): Promise<Subject> {
  const sent = commentFor(entry);
  const responseText = responseFor(entry, sent);
  const observations: Observations = { unsafeClicks: [], submissions: [] };
  const slot = createSlot(stage);
  const started = performance.now();
  let root: ShadowRoot | HTMLElement;
  let failure: string | null = null;
  try {
    root = await renderer(entry, sent, responseText, slot, observations);
  } catch (error) {
    root = slot;
    failure = `rendering threw ${String(error)}`;
  }
  const renderMs = performance.now() - started;
  const rendered = inspect(root);
  if (failure) rendered.error = failure;
  return { entry, sent, root, rendered, observations, requests: [], renderMs };
}

/**
 * Renders a batch of entries side by side, performs each entry's trigger, waits
 * SETTLE_MS, and evaluates every oracle. Entries with perf_budget are also
 * rendered once more on their own, timed.
 */
export async function runBatch(
  entries: CorpusEntry[],
  renderer: Renderer = widgetRenderer,
  settleMs = SETTLE_MS,
  /** For the self-check: keep waiting (up to 10 s more) until this holds, e.g. until expected sink calls arrived. */
  until?: () => boolean,
): Promise<EntryResult[]> {
  const clobberBefore = new Map<string, string>();
  for (const entry of entries) {
    for (const name of clobberNames(entry.payload)) {
      for (const scope of ['window', 'document'] as const) clobberBefore.set(`${scope}.${name}`, typeOfGlobal(scope, name));
    }
  }
  const protoBefore = prototypeKeys();
  const locationBefore = location.href;
  const sinkStart = sinkCalls.length;
  const navigationStart = navigationAttempts.length;
  const start = performance.now();
  const stage = createStage();
  try {
    const subjects = await Promise.all(entries.map((entry) => renderOne(entry, renderer, stage)));
    for (const subject of subjects) performTrigger(subject.entry.trigger, subject.root);
    await delay(settleMs);
    for (const deadline = performance.now() + 10_000; until && !until() && performance.now() < deadline; ) await delay(100);
    collectResources();
    const end = performance.now();
    for (const subject of subjects) {
      const now = inspect(subject.root);
      subject.rendered = { ...now, error: subject.rendered.error ?? now.error };
    }
    const snapshots = subjects.map(snapshot);
    const batchWindow = { start, end, subjects: snapshots };
    batchWindows.push(batchWindow);
    for (const request of attackerRequests) {
      if (request.start < start || request.start > end) continue;
      judged.add(request);
      for (const owner of owners(snapshots, request.url)) subjects.find((subject) => subject.entry.id === owner.id)!.requests.push(request.url);
    }
    const context: BatchContext = {
      sinkCalls: sinkCalls.slice(sinkStart),
      navigation: navigationAttempts.slice(navigationStart).map((attempt) => attempt.what),
      locationBefore,
      locationAfter: location.href,
      clobberBefore,
      protoBefore,
      protoAfter: prototypeKeys(),
      polluted: ({} as Record<string, unknown>).polluted,
      sinkIntact: sinkIntact(),
    };
    // Unattributable sink calls (no id in the argument) count against every entry of the batch.
    const anonymous = context.sinkCalls.filter((call) => call.id === null);
    stage.replaceChildren();
    // Undo any pollution before anything else runs, so one entry cannot affect the next.
    for (const keyName of context.protoAfter) {
      if (!protoBefore.includes(keyName)) delete (Object.prototype as Record<string, unknown>)[keyName];
    }
    for (const subject of subjects) {
      if (!subject.entry.oracles.includes('perf_budget')) continue;
      const solo = await renderOne(subject.entry, renderer, stage);
      subject.soloMs = solo.renderMs;
      stage.replaceChildren();
      // Requests of the timed render still belong to this batch (judged with the late ones).
      batchWindow.end = performance.now();
    }
    return subjects.map((subject) => {
      const result = evaluate(subject, context);
      for (const call of anonymous) result.failures.push({ oracle: 'no_exec', detail: `window.__xss was called without an id (${JSON.stringify(call.raw)}) during this batch` });
      return result;
    });
  } finally {
    stage.remove();
  }
}

// ------------------------------------------------------------------ report

export function formatFailures(results: EntryResult[]): string[] {
  return results.flatMap(({ entry, failures }) => failures.map(({ oracle, detail }) => `#${entry.id} ${entry.field}/${entry.category} [${oracle}] ${detail}`));
}

/** One line per category: entries run and passed, and the oracles the corpus listed for them. */
export function report(results: EntryResult[]): string {
  const byCategory = new Map<string, EntryResult[]>();
  for (const result of results) byCategory.set(result.entry.category, [...(byCategory.get(result.entry.category) ?? []), result]);
  const lines = ['Attack corpus report (per category: entries run / passed; listed oracles checked)'];
  let ran = 0;
  let passed = 0;
  for (const [category, group] of [...byCategory].sort(([a], [b]) => a.localeCompare(b))) {
    const ok = group.filter((result) => result.failures.length === 0);
    ran += group.length;
    passed += ok.length;
    const listed = new Map<string, number>();
    for (const { entry } of group) for (const oracle of entry.oracles) if (!(oracle in NOT_APPLICABLE_YET)) listed.set(oracle, (listed.get(oracle) ?? 0) + 1);
    const failed = group.filter((result) => result.failures.length > 0).map((result) => `#${result.entry.id}`);
    lines.push(
      `  ${category.padEnd(24)} ran ${String(group.length).padStart(3)}  passed ${String(ok.length).padStart(3)}` +
        `  [${[...listed].map(([oracle, count]) => `${oracle}×${count}`).join(', ')}]` +
        (failed.length > 0 ? `  FAILED: ${failed.join(' ')}` : ''),
    );
  }
  lines.push(`  ${'total'.padEnd(24)} ran ${String(ran).padStart(3)}  passed ${String(passed).padStart(3)}`);
  lines.push(`  baseline invariants checked on every entry: ${BASELINE.join(', ')}`);
  for (const [oracle, reason] of Object.entries(NOT_APPLICABLE_YET)) {
    const ids = results.filter((result) => result.notApplicable.includes(oracle)).map((result) => `#${result.entry.id}`);
    lines.push(`  ${oracle}: ${reason} (${ids.length} entries: ${ids.join(' ')})`);
  }
  for (const result of results) {
    if (result.requests.length === 0 || result.entry.oracles.includes('no_attacker_request')) continue;
    lines.push(`  note #${result.entry.id} (${result.entry.field}, oracles ${result.entry.oracles.join(', ')}) requested ${[...new Set(result.requests)].join(' ')}`);
  }
  const perf = results.filter((result) => result.entry.oracles.includes('perf_budget'));
  for (const result of perf) lines.push(`  perf_budget #${result.entry.id}: rendered alone in ${result.renderMs.toFixed(1)} ms (budget ${PERF_BUDGET_MS} ms)`);
  return lines.join('\n');
}
