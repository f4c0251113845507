/**
 * Sanitising with DOMPurify, where the browser has no HTML Sanitizer API.
 * The only module that imports DOMPurify; it is loaded on demand (the script
 * tag fetches it as `parley-dompurify.js`, beside itself), so browsers with
 * the native sanitiser never download it.
 */
import DOMPurify, { type Config } from 'dompurify';
import { ALLOWED_TAGS, applyAttributePolicy, boundedBody, DROPPED_WITH_CONTENT, type BodySanitizer } from './policy.js';

/**
 * The Trusted Types policy bodies are parsed through. Parley's own name, not
 * DOMPurify's default `dompurify`: a page that runs its own DOMPurify creates
 * that one too, and a CSP refuses a second policy of the same name unless it
 * says 'allow-duplicates'.
 */
const TRUSTED_TYPES_POLICY_NAME = 'parley';

/** The part of `window.trustedTypes` used here (the DOM library types do not declare it yet). */
interface TrustedTypesFactory {
  createPolicy(name: string, rules: { createHTML(html: string): string; createScriptURL(url: string): string }): NonNullable<Config['TRUSTED_TYPES_POLICY']>;
}

/**
 * A private DOMPurify instance with the comment policy. Its hooks and
 * settings never leak into the page's own DOMPurify, nor the page's into it.
 */
export function createDomPurifySanitizer(): BodySanitizer {
  const purify = DOMPurify(window);
  const config: Config & { RETURN_DOM_FRAGMENT: true } = {
    ALLOWED_TAGS: [...ALLOWED_TAGS],
    // Per tag, and with URL checks, in the hook below.
    ALLOWED_ATTR: ['href', 'title', 'cite', 'datetime'],
    ALLOW_DATA_ATTR: false,
    ALLOW_ARIA_ATTR: false,
    ALLOW_UNKNOWN_PROTOCOLS: false,
    ALLOWED_URI_REGEXP: /^(?:https?|mailto):/i,
    // DOMPurify applies ALLOWED_URI_REGEXP to every attribute that is not URI-safe, which
    // would drop every del[datetime] ("2024-01-01" is not a URL); it is plain text.
    ADD_URI_SAFE_ATTR: ['datetime'],
    FORBID_CONTENTS: [...DROPPED_WITH_CONTENT],
    RETURN_DOM_FRAGMENT: true,
  };
  // The policy hands a body, unchanged, to DOMPurify's parser (an inert document) and is
  // reachable only from here. Script URLs are never needed: it makes none. If the page's
  // CSP refuses it, DOMPurify falls back on its own policy (`dompurify`).
  try {
    config.TRUSTED_TYPES_POLICY = (window as { trustedTypes?: TrustedTypesFactory }).trustedTypes?.createPolicy(TRUSTED_TYPES_POLICY_NAME, {
      createHTML: (html) => html,
      createScriptURL: () => '',
    });
  } catch {
    /* refused by the CSP's trusted-types list */
  }
  // Set once: passing the settings to each sanitize() call would make DOMPurify read them again every time.
  purify.setConfig(config);
  purify.addHook('afterSanitizeAttributes', (node) => {
    if (node.nodeType === Node.ELEMENT_NODE) applyAttributePolicy(node as Element);
  });
  // DOMPurify returns null instead of a fragment when the parsed document has no <body>
  // (a body that starts with <frameset>); such a body has nothing to show.
  return (html) => (purify.sanitize(boundedBody(html)) as unknown as DocumentFragment | null) ?? document.createDocumentFragment();
}
