/**
 * The script tag's reader of very large pages: `parley-large-pages.js`,
 * beside the script that is running (the build puts this file in place of
 * `src/backends/load-json-slices.ts`). Fetched only for pages of more than a
 * hundred comments.
 */
import type { JsonSlices } from '../backends/load-json-slices.js';
import { besideScript } from './beside-script.js';

export function loadJsonSlices(): Promise<JsonSlices> {
  return import(besideScript('parley-large-pages.js'));
}
