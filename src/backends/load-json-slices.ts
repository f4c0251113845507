/**
 * Where the reader of very large pages comes from: a module of its own, split
 * off by the bundler, since pages of a few dozen comments never need it. The
 * script-tag builds replace this file with `src/embed/load-json-slices.ts`,
 * which fetches it from beside the script.
 */
export type JsonSlices = typeof import('./json-slices.js');

export function loadJsonSlices(): Promise<JsonSlices> {
  return import('./json-slices.js');
}
