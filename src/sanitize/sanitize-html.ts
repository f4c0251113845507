/**
 * The sanitisation boundary: the only module that imports DOMPurify.
 * Comment bodies are sanitised once, when a comment enters the thread, into a
 * DocumentFragment that the view places as it is; they are never re-parsed.
 */
import DOMPurify, { type Config, type DOMPurify as DOMPurifyInstance } from 'dompurify';
import { safeUrl } from './urls.js';

/** The WordPress comment allow-list plus paragraphs, line breaks, code blocks and lists. */
export const ALLOWED_TAGS = [
  'a', 'abbr', 'acronym', 'b', 'blockquote', 'br', 'cite', 'code', 'del', 'em', 'i', 'li',
  'ol', 'p', 'pre', 'q', 's', 'strike', 'strong', 'ul',
] as const;

/** Attributes allowed, per tag. Everything else is removed. */
const ALLOWED_ATTRIBUTES: Record<string, readonly string[]> = {
  a: ['href', 'title'],
  abbr: ['title'],
  acronym: ['title'],
  blockquote: ['cite'],
  q: ['cite'],
  del: ['datetime'],
};

/** Every link in a comment body gets these. */
export const LINK_REL = 'nofollow ugc noopener noreferrer';

/** Longest body (in UTF-16 units) that is sanitised; longer ones are cut first. */
export const MAX_BODY_LENGTH = 100_000;

/**
 * The Trusted Types policy bodies are parsed through. Parley's own name, not
 * DOMPurify's default `dompurify`: a page that runs its own DOMPurify creates
 * that one too, and a CSP refuses a second policy of the same name unless it
 * says 'allow-duplicates'.
 */
export const TRUSTED_TYPES_POLICY_NAME = 'parley';

/** The part of `window.trustedTypes` used here (the DOM library types do not declare it yet). */
interface TrustedTypesFactory {
  createPolicy(name: string, rules: { createHTML(html: string): string; createScriptURL(url: string): string }): NonNullable<Config['TRUSTED_TYPES_POLICY']>;
}

let purify: DOMPurifyInstance | undefined;

/**
 * A private instance, created on first use (importing Parley where there is
 * no DOM, as in server-side rendering, must not fail). Its hooks and settings
 * never leak into the page's own DOMPurify.
 */
function instance(): DOMPurifyInstance {
  if (purify) return purify;
  purify = DOMPurify(window);
  // The policy hands a body, unchanged, to DOMPurify's parser (an inert document) and is
  // reachable only from here. Script URLs are never needed: it makes none. If the page's
  // CSP refuses it, DOMPurify falls back on its own policy (`dompurify`).
  try {
    CONFIG.TRUSTED_TYPES_POLICY = (window as { trustedTypes?: TrustedTypesFactory }).trustedTypes?.createPolicy(TRUSTED_TYPES_POLICY_NAME, {
      createHTML: (html) => html,
      createScriptURL: () => '',
    });
  } catch {
    /* refused by the CSP's trusted-types list */
  }
  // Set once: passing the settings to each sanitize() call would make DOMPurify read them again every time.
  purify.setConfig(CONFIG);
  purify.addHook('uponSanitizeAttribute', (node, data) => {
    const allowed = ALLOWED_ATTRIBUTES[node.nodeName.toLowerCase()];
    if (!allowed?.includes(data.attrName)) data.keepAttr = false;
  });
  purify.addHook('afterSanitizeAttributes', (node) => {
    const element = node as Element;
    for (const attribute of ['href', 'cite']) {
      const value = element.getAttribute?.(attribute);
      if (value === null || value === undefined) continue;
      const url = safeUrl(value, { allowMailto: true });
      if (url === null) element.removeAttribute(attribute);
      else element.setAttribute(attribute, url);
    }
    if (element.nodeName === 'A') {
      element.setAttribute('rel', LINK_REL);
      element.setAttribute('target', '_blank');
    }
  });
  return purify;
}

const CONFIG: Config & { RETURN_DOM_FRAGMENT: true } = {
  ALLOWED_TAGS: [...ALLOWED_TAGS],
  ALLOWED_ATTR: ['href', 'title', 'cite', 'datetime', 'rel', 'target'],
  ALLOW_DATA_ATTR: false,
  ALLOW_ARIA_ATTR: false,
  ALLOW_UNKNOWN_PROTOCOLS: false,
  ALLOWED_URI_REGEXP: /^(?:https?|mailto):/i,
  // DOMPurify applies ALLOWED_URI_REGEXP to every attribute that is not URI-safe, which
  // would drop every del[datetime] ("2024-01-01" is not a URL); it is plain text.
  ADD_URI_SAFE_ATTR: ['datetime'],
  RETURN_DOM_FRAGMENT: true,
};

/**
 * Sanitises an untrusted HTML comment body into an inert DocumentFragment.
 * Place it in the page as it is; never turn it back into a string to edit it.
 */
export function sanitizeCommentHtml(html: string): DocumentFragment {
  const input = html.length > MAX_BODY_LENGTH ? html.slice(0, MAX_BODY_LENGTH) : html;
  // DOMPurify returns null instead of a fragment when the parsed document has no <body>
  // (a body that starts with <frameset>); such a body has nothing to show.
  return (instance().sanitize(input) as unknown as DocumentFragment | null) ?? document.createDocumentFragment();
}
