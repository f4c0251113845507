/**
 * Which catalogue a page's language gets, where catalogues come from, and
 * which way the text runs. English is built in; the other shipped locales
 * are loaded on demand (`setLocaleLoader`), so a page carries only its own.
 */
import { en, type Messages } from './en.js';

/** The catalogues Parley ships besides English, by language subtag. */
export const SHIPPED_LOCALES = ['ar', 'de', 'es', 'fr', 'he', 'it', 'ja', 'nl', 'pl', 'pt', 'ru', 'zh'] as const;

/** Languages written right to left. */
const RIGHT_TO_LEFT = new Set(['ar', 'he', 'fa', 'ur', 'yi', 'ps', 'ckb', 'dv', 'sd', 'ug']);

const catalogues = new Map<string, Messages>([['en', en]]);
const loading = new Map<string, Promise<Messages | undefined>>();
let loader: ((locale: string) => Promise<Messages>) | undefined;

/** Adds (or replaces) the catalogue for a language subtag, e.g. `registerLocale('fr', french)`. */
export function registerLocale(locale: string, messages: Messages): void {
  catalogues.set(locale.toLowerCase(), messages);
}

/** Where catalogues not registered yet come from (the script tag loads them beside itself). */
export function setLocaleLoader(load: (locale: string) => Promise<Messages>): void {
  loader = load;
}

/** The primary language subtag, lower case: `pt_BR` → `pt`. */
export function language(tag: string): string {
  return tag.toLowerCase().split(/[-_]/)[0] ?? '';
}

/**
 * The catalogue a BCP 47 tag gets: the registered or shipped one for the
 * whole tag, else for its language (`pt-BR` → `pt`), else English.
 */
export function matchLocale(tag: string): string {
  const lower = tag.toLowerCase();
  const known = (candidate: string) => catalogues.has(candidate) || (SHIPPED_LOCALES as readonly string[]).includes(candidate);
  if (known(lower)) return lower;
  return known(language(lower)) ? language(lower) : 'en';
}

/**
 * `tag` as `Intl` takes it, for dates and plurals: `en_US`, a common slip in
 * `lang`, becomes `en-US`; a tag `Intl` refuses gives `fallback` (it would
 * throw, and no comment could be shown).
 */
export function intlLocale(tag: string, fallback: string): string {
  try {
    return Intl.getCanonicalLocales(tag.replace(/_/g, '-'))[0] ?? fallback;
  } catch {
    return fallback;
  }
}

/** The catalogue for a matched locale, if it is here already. */
export function catalogueFor(locale: string): Messages | undefined {
  return catalogues.get(locale);
}

/** Loads a matched locale's catalogue once; undefined (English is used) when it cannot be loaded. */
export function loadLocale(locale: string): Promise<Messages | undefined> {
  const ready = catalogues.get(locale);
  if (ready) return Promise.resolve(ready);
  let pending = loading.get(locale);
  if (!pending) {
    pending = (loader ? loader(locale) : Promise.reject(new Error('no locale loader is set')))
      .then((messages) => {
        catalogues.set(locale, messages);
        return messages;
      })
      .catch((error: unknown) => {
        console.warn(`[parley] the "${locale}" messages could not be loaded (${String(error)}); showing English.`);
        return undefined;
      });
    loading.set(locale, pending);
  }
  return pending;
}

export function directionOf(tag: string): 'ltr' | 'rtl' {
  return RIGHT_TO_LEFT.has(language(tag)) ? 'rtl' : 'ltr';
}
