/**
 * Where the script tag's on-demand files live: beside the script itself
 * (`parley-dompurify.js`, `parley-large-pages.js`, `parley-owner-names.js`,
 * `locales/fr.js` …).
 */

// Read while the script runs: afterwards document.currentScript is another script, or none.
const base = document.currentScript instanceof HTMLScriptElement ? document.currentScript.src : document.baseURI;

/** The address of `path` relative to the running script tag. */
export function besideScript(path: string): string {
  return new URL(path, base).href;
}
