/**
 * Where the DOMPurify engine comes from: a module of its own, split off by
 * the bundler. The script-tag builds replace this file with
 * `src/embed/load-dompurify.ts`, which fetches it from beside the script.
 */
import type { BodySanitizer } from './policy.js';

export function loadDomPurify(): Promise<() => BodySanitizer> {
  return import('./dompurify-engine.js').then((module) => module.createDomPurifySanitizer);
}
