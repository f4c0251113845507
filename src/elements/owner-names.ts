/**
 * Whether a comment's author name looks like one of the site's owners'
 * (`owner-names`): the look-alike check of `confusables.ts`, loaded on demand
 * since most pages set no owner names.
 */
import { OPTIONAL_PART_WAIT_MS, within } from '../core/within.js';
import { loadConfusables, type Confusables } from '../sanitize/load-confusables.js';

let check: Confusables['looksLikeOneOf'] | undefined;
let loading: Promise<void> | undefined;

/**
 * Loads the look-alike check, once, when there are owner names to compare
 * with; resolves once it is here, or after `OPTIONAL_PART_WAIT_MS` at most
 * (`whenHere` is called when it comes, however late). Never rejects: until
 * it comes, or where it cannot load, only names spelt exactly like an
 * owner's are caught (and a warning says why).
 */
export function prepareOwnerNames(names: readonly string[], whenHere: () => void): Promise<unknown> {
  if (check || names.length === 0) return Promise.resolve();
  loading ??= loadConfusables().then(
    (module) => {
      check = module.looksLikeOneOf;
    },
    (error: unknown) => {
      loading = undefined;
      console.warn(`[parley] the look-alike name check could not be loaded (${String(error)}); only names spelt exactly like an owner's are marked Unverified.`);
    },
  );
  void loading.then(() => check && whenHere());
  return within(loading, OPTIONAL_PART_WAIT_MS);
}

/** Whether the look-alike check is here (else names are compared as they are). */
export function ownerNamesReady(): boolean {
  return check !== undefined;
}

/** Whether `name` looks like one of `names` (see `prepareOwnerNames`). */
export function looksLikeOwner(name: string, names: readonly string[]): boolean {
  if (names.length === 0) return false;
  // Set from a script, the list may be anything (a string would match its substrings): as the check itself, only a list counts.
  return check ? check(name, names) : Array.isArray(names) && names.includes(name);
}
