/**
 * The script tag's DOMPurify engine: `parley-dompurify.js`, beside the script
 * that is running (the build puts this file in place of
 * `src/sanitize/load-dompurify.ts`). Fetched only where the browser has no
 * HTML Sanitizer API.
 */
import type { BodySanitizer } from '../sanitize/policy.js';
import { besideScript } from './beside-script.js';

export function loadDomPurify(): Promise<() => BodySanitizer> {
  return import(besideScript('parley-dompurify.js')).then(
    (module: { createDomPurifySanitizer: () => BodySanitizer }) => module.createDomPurifySanitizer,
  );
}
