/**
 * The script tag's DOMPurify engine: `parley-dompurify.js`, beside the script
 * that is running (the build puts this file in place of
 * `src/sanitize/load-dompurify.ts`). Fetched only where the browser has no
 * HTML Sanitizer API.
 */
import type { BodySanitizer } from '../sanitize/policy.js';

// Read while the script runs: afterwards document.currentScript is another script, or none.
const base = document.currentScript instanceof HTMLScriptElement ? document.currentScript.src : document.baseURI;

export function loadDomPurify(): Promise<() => BodySanitizer> {
  return import(new URL('parley-dompurify.js', base).href).then(
    (module: { createDomPurifySanitizer: () => BodySanitizer }) => module.createDomPurifySanitizer,
  );
}
