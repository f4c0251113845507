/**
 * Where the look-alike name check comes from: a module of its own, split off
 * by the bundler, since only pages that set `owner-names` need it. The
 * script-tag builds replace this file with `src/embed/load-confusables.ts`,
 * which fetches it from beside the script.
 */
export type Confusables = typeof import('./confusables.js');

export function loadConfusables(): Promise<Confusables> {
  return import('./confusables.js');
}
