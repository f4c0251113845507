/**
 * Look-alike folding of display names, so a guest cannot pass for the site's
 * owner with a name that only looks the same ("Аnn" with a Cyrillic А,
 * "Ａｎｎ", "A\u200Dnn", "Ann" with a dotless ı, "Jirn" for "Jim").
 *
 * Two names that fold to the same skeleton look alike. The table is a small,
 * hand-picked list of the common look-alikes (not Unicode's full confusables
 * data): Cyrillic, Greek and Armenian letters that look Latin, a few Latin
 * variants, and digits that look like letters. Compatibility forms
 * (fullwidth, mathematical letters, ligatures) and accents are handled by
 * Unicode normalisation.
 */

/**
 * Pairs of (look-alike, Latin letter). Applied before and after lower-casing:
 * the capitals listed are those whose small letter looks like another Latin
 * letter (Greek Η is H, η is n). Each maps straight to its final letter
 * (everything like i or I goes to l).
 */
const PAIRS =
  'ΗhΝnΥyΜm' + // Greek capitals
  'аaвbеeєeкkмmнhоoпnрpсcтtуyүyхxьbіlјjѕsһhԁdԛqԝwӏl' + // Cyrillic
  'αaβbγyεeζzηnιlκkμuνvοoρpτtυuχxωwϲcϳj' + // Greek
  'օoսu' + // Armenian
  'ılɑaɡgǀl|l' + // Latin variants
  '0o1lil'; // digits and I/l: capital I lower-cases to i, which looks like l

let table: Map<string, string> | undefined;

function fold(text: string): string {
  table ??= new Map(PAIRS.match(/../gsu)!.map((pair) => [pair[0]!, pair[1]!]));
  return Array.from(text, (character) => table!.get(character) ?? character).join('');
}

/** Only this many UTF-16 units of a name are folded (display names are capped far below it). */
const MAX_INPUT = 1_000;

/**
 * The skeleton of a name: compatibility-decomposed, accents removed,
 * look-alikes mapped to Latin, lower-cased, everything but letters and digits
 * removed (spaces, punctuation, emoji and invisible characters such as
 * zero-width joiners and Hangul fillers), then "rn" read as "m" and "vv" as "w".
 */
export function nameSkeleton(name: string): string {
  return fold(fold(name.slice(0, MAX_INPUT).normalize('NFKD').replace(/\p{M}/gu, '')).toLowerCase())
    .replace(/[^\p{L}\p{N}]|[\u115F\u1160\u3164\uFFA0]/gu, '')
    .replace(/rn/g, 'm')
    .replace(/vv/g, 'w');
}

/** Whether two names look alike. Names without any letter or digit look like nothing. */
export function looksAlike(a: string, b: string): boolean {
  const skeleton = nameSkeleton(a);
  return skeleton !== '' && skeleton === nameSkeleton(b);
}

/**
 * Brackets and separators that set a part of a name apart. Readers take
 * "Blog Author (Admin)" or "Kim | moderator" as a name plus a role, so each
 * such part is also compared on its own. Hyphens and apostrophes are not
 * separators ("Mary-Ann", "O'Neill" stay whole).
 */
const SEPARATORS = /[()[\]{}<>|/\\,:;·•–—"“”«»]/u;

let lastNames: readonly string[] | undefined;
let lastSkeletons = new Set<string>();

/**
 * Whether `name`, or a part of it set apart by brackets or separators, looks
 * like one of `names`. The skeletons of `names` are kept while the same list
 * is passed again (as a render of the thread does).
 */
export function looksLikeOneOf(name: string, names: readonly string[]): boolean {
  if (names !== lastNames) {
    lastNames = names;
    // Set from a script, the list may be anything: only its strings count.
    const list: unknown[] = Array.isArray(names) ? names : [];
    lastSkeletons = new Set(list.filter((owner) => typeof owner === 'string').map(nameSkeleton).filter(Boolean));
  }
  if (lastSkeletons.size === 0) return false;
  // Compatibility forms first, so fullwidth brackets separate too.
  const text = name.slice(0, MAX_INPUT).normalize('NFKC');
  return [text, ...text.split(SEPARATORS)].some((part) => lastSkeletons.has(nameSkeleton(part)));
}
