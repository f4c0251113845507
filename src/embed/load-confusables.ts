/**
 * The script tag's look-alike name check: `parley-owner-names.js`, beside the
 * script that is running (the build puts this file in place of
 * `src/sanitize/load-confusables.ts`). Fetched only by pages that set
 * `data-owner-names`.
 */
import type { Confusables } from '../sanitize/load-confusables.js';
import { besideScript } from './beside-script.js';

export function loadConfusables(): Promise<Confusables> {
  return import(besideScript('parley-owner-names.js'));
}
