/**
 * The sanitisation boundary. Comment bodies are sanitised once, when a
 * comment is first shown, into a DocumentFragment that the view places as it
 * is; they are never re-parsed.
 *
 * The browser's HTML Sanitizer API does the parsing where it exists; DOMPurify,
 * loaded on demand, where it does not. Both apply the same policy
 * (`policy.ts`), and the tests hold both to the same tables and corpus.
 */
import { ParleyError } from '../core/errors.js';
import { loadDomPurify } from './load-dompurify.js';
import { nativeSanitizer } from './native-engine.js';
import type { BodySanitizer } from './policy.js';

export { ALLOWED_TAGS, LINK_REL, MAX_BODY_LENGTH } from './policy.js';

/** The engine in use: the native one, or DOMPurify's once it has loaded. */
let engine: BodySanitizer | undefined;
/** The native engine, once looked for: null where the browser has none. */
let native: BodySanitizer | null | undefined;
let preparing: Promise<void> | undefined;

/** Which engine sanitises bodies in this browser: known once `prepareSanitizer()` has resolved. */
export function sanitizerEngine(): 'native' | 'dompurify' | undefined {
  if (!engine) return undefined;
  return engine === native ? 'native' : 'dompurify';
}

/** Takes the native engine when the browser has one (looked for once). */
function useNative(): boolean {
  if (native === undefined) native = nativeSanitizer();
  if (!native) return false;
  engine = native;
  return true;
}

/**
 * Makes `sanitizeCommentHtml` ready: at once where the browser sanitises
 * natively, else once DOMPurify has loaded. Rejects when it cannot load (a
 * failed request, a Content Security Policy that refuses it); a later call
 * tries again.
 */
export function prepareSanitizer(): Promise<void> {
  if (engine || useNative()) return Promise.resolve();
  preparing ??= loadDomPurify().then(
    (create) => {
      engine = create();
    },
    (error: unknown) => {
      preparing = undefined;
      // Where this browser needs it and it cannot load, no comment can be shown: said as a network failure.
      throw new ParleyError('network', `Could not load the sanitiser this browser needs (DOMPurify): ${String(error)}`, { cause: error });
    },
  );
  return preparing;
}

/**
 * Sanitises an untrusted HTML comment body into an inert DocumentFragment.
 * Place it in the page as it is; never turn it back into a string to edit it.
 * Where the browser has no HTML Sanitizer API, `prepareSanitizer()` must have
 * resolved first; Parley's element waits for it.
 */
export function sanitizeCommentHtml(html: string): DocumentFragment {
  if (!engine && !useNative()) throw new Error('[parley] the sanitiser is still loading: await prepareSanitizer() before sanitizeCommentHtml().');
  return engine!(html);
}
