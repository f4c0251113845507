/**
 * What a comment body may hold once sanitised, whichever engine parses it
 * (the browser's HTML Sanitizer API, or DOMPurify where that is missing).
 */
import { safeUrl } from './urls.js';

/** The WordPress comment allow-list plus paragraphs, line breaks, code blocks and lists. */
export const ALLOWED_TAGS = [
  'a', 'abbr', 'acronym', 'b', 'blockquote', 'br', 'cite', 'code', 'del', 'em', 'i', 'li',
  'ol', 'p', 'pre', 'q', 's', 'strike', 'strong', 'ul',
] as const;

const ALLOWED = new Set<string>(ALLOWED_TAGS);

/** Attributes allowed, per tag. Everything else is removed. */
export const ALLOWED_ATTRIBUTES: Readonly<Record<string, readonly string[]>> = {
  a: ['href', 'title'],
  abbr: ['title'],
  acronym: ['title'],
  blockquote: ['cite'],
  q: ['cite'],
  del: ['datetime'],
};

/**
 * Elements removed together with their content (DOMPurify's list): their
 * text is code, styles, media fallbacks or foreign markup, not prose. Every
 * other element that is not allowed is unwrapped, and its text kept.
 */
export const DROPPED_WITH_CONTENT = [
  'annotation-xml', 'audio', 'colgroup', 'desc', 'foreignobject', 'head', 'iframe', 'math', 'mi', 'mn', 'mo',
  'ms', 'mtext', 'noembed', 'noframes', 'noscript', 'plaintext', 'script', 'selectedcontent', 'style', 'svg',
  'template', 'thead', 'title', 'video', 'xmp',
] as const;

/**
 * The HTML elements, neither allowed nor dropped with their content, whose
 * text the native engine keeps (it cannot be told "every other element", and
 * DOMPurify keeps the text of any element it removes). Void elements are
 * simply removed, so they are not listed.
 */
export const UNWRAPPED = [
  'address', 'article', 'aside', 'bdi', 'bdo', 'big', 'blink', 'button', 'canvas', 'caption', 'center', 'data',
  'datalist', 'dd', 'details', 'dfn', 'dialog', 'dir', 'div', 'dl', 'dt', 'fieldset', 'figcaption', 'figure', 'font',
  'footer', 'form', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'header', 'hgroup', 'ins', 'kbd', 'label', 'legend', 'listing',
  'main', 'map', 'mark', 'marquee', 'menu', 'meter', 'nav', 'nobr', 'object', 'optgroup', 'option', 'output',
  'picture', 'progress', 'rb', 'rp', 'rt', 'rtc', 'ruby', 'samp', 'search', 'section', 'select', 'slot', 'small',
  'span', 'sub', 'summary', 'sup', 'table', 'tbody', 'td', 'textarea', 'tfoot', 'th', 'time', 'tr', 'tt', 'u', 'var',
] as const;

/** Every link in a comment body gets these. */
export const LINK_REL = 'nofollow ugc noopener noreferrer';

/** Longest body (in UTF-16 units) that is sanitised; longer ones are cut first. */
export const MAX_BODY_LENGTH = 100_000;

const HTML_NAMESPACE = 'http://www.w3.org/1999/xhtml';

/** What either engine does with a body: an inert fragment that holds only what the policy allows. */
export type BodySanitizer = (html: string) => DocumentFragment;

/** An HTML element the allow-list keeps (foreign elements of the same name are not). */
export function isAllowedElement(element: Element): boolean {
  return element.namespaceURI === HTML_NAMESPACE && ALLOWED.has(element.localName);
}

/** The body as it is sanitised: cut to MAX_BODY_LENGTH. */
export function boundedBody(html: string): string {
  return html.length > MAX_BODY_LENGTH ? html.slice(0, MAX_BODY_LENGTH) : html;
}

/**
 * Leaves an allowed element only its allowed attributes: URLs in `href` and
 * `cite` must be absolute http(s) or mailto (and are normalised), and every
 * link opens in a new tab with `rel="nofollow ugc noopener noreferrer"`.
 */
export function applyAttributePolicy(element: Element): void {
  const allowed = ALLOWED_ATTRIBUTES[element.localName];
  for (const name of element.getAttributeNames()) {
    if (!allowed?.includes(name)) element.removeAttribute(name);
    else if (name === 'href' || name === 'cite') {
      const url = safeUrl(element.getAttribute(name), { allowMailto: true });
      if (url === null) element.removeAttribute(name);
      else element.setAttribute(name, url);
    }
  }
  if (element.localName === 'a') {
    element.setAttribute('rel', LINK_REL);
    element.setAttribute('target', '_blank');
  }
}
