/**
 * Clean-up of plain-text fields (author names). Names are always rendered as
 * text inside <bdi>; this also removes characters that reorder or hide text.
 */

// Bidi embeddings/overrides/isolates, marks, zero-width and other invisible formatting characters.
const INVISIBLE = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u00AD\u061C\u115F\u1160\u17B4\u17B5\u180E\u200B-\u200F\u202A-\u202E\u2060-\u206F\u3164\uFE00-\uFE0F\uFEFF\uFFA0\uFFF9-\uFFFB]/g;

/** Longest display name shown, in code points. */
export const MAX_NAME_LENGTH = 80;

/**
 * Strips control, bidi and invisible characters (keeping the zero-width joiner
 * that emoji sequences need), collapses whitespace and caps the length.
 */
export function cleanDisplayName(name: string): string {
  const withoutInvisible = name.replace(INVISIBLE, (char) => (char === '\u200D' ? char : ''));
  const collapsed = withoutInvisible.replace(/\s+/g, ' ').trim();
  const codePoints = Array.from(collapsed);
  return codePoints.length > MAX_NAME_LENGTH ? `${codePoints.slice(0, MAX_NAME_LENGTH).join('')}…` : collapsed;
}

/** The first character (grapheme) of a name, upper-cased, for the avatar fallback. */
let graphemes: Intl.Segmenter | undefined;

export function initialOf(name: string): string {
  graphemes ??= typeof Intl.Segmenter === 'function' ? new Intl.Segmenter(undefined, { granularity: 'grapheme' }) : undefined;
  const first = graphemes ? graphemes.segment(name)[Symbol.iterator]().next().value?.segment : Array.from(name)[0];
  return (first ?? '?').toLocaleUpperCase();
}
