/**
 * Clean-up of plain-text fields (author names). Names are always rendered as
 * text inside <bdi>; this also removes characters that reorder or hide text.
 */

// Bidi embeddings/overrides/isolates, marks, zero-width and other invisible formatting characters
// (every Default_Ignorable_Code_Point, including the tag characters that can smuggle hidden text),
// C0/C1 controls and interlinear annotation characters; and the blank Braille pattern, a "letter" that shows nothing.
const INVISIBLE = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u00AD\u034F\u061C\u115F\u1160\u17B4\u17B5\u180B-\u180F\u200B-\u200F\u202A-\u202E\u2060-\u206F\u2800\u3164\uFE00-\uFE0F\uFEFF\uFFA0\uFFF0-\uFFFB\u{1BCA0}-\u{1BCA3}\u{1D173}-\u{1D17A}\u{E0000}-\u{E0FFF}]/u;

// Invisible characters that are part of an emoji: a presentation selector after a pictograph,
// a keycap (digit/#/* + VS16 + U+20E3), and the short tag sequence of a subdivision flag.
const EMOJI_PART = /\p{Extended_Pictographic}[\uFE0E\uFE0F]|[#*0-9]\uFE0F\u20E3|\u{1F3F4}[\u{E0030}-\u{E0039}\u{E0061}-\u{E007A}]{2,7}\u{E007F}/u;

const STRIP = new RegExp(`(${EMOJI_PART.source})|${INVISIBLE.source}`, 'gu');

/** Longest display name shown, in graphemes (user-perceived characters). */
export const MAX_NAME_LENGTH = 80;

/** Only this many UTF-16 units of a name are examined, so a huge name costs no more than a long one. */
const MAX_NAME_INPUT = 1_000;

/**
 * Most combining marks kept on one character. Real writing stacks a few
 * (Vietnamese two, Indic and Tibetan clusters up to five); more only pile up
 * over the lines around the name ("Zalgo" text).
 */
export const MAX_MARKS = 6;

let segmenter: Intl.Segmenter | undefined;

/**
 * Text in which every UTF-16 unit is a grapheme of its own: Latin, Greek and
 * Cyrillic letters without combining marks, CJK ideographs, Hangul syllables.
 * Most names are; they skip the segmenter, whose first use alone takes tens
 * of milliseconds.
 */
export const ONE_UNIT_GRAPHEMES = /^[\u0020-\u02ff\u0370-\u0482\u048a-\u052f\u4e00-\u9fff\uac00-\ud7a3]*$/;

/** A name split into graphemes, so an emoji sequence or an accented letter is never cut in half. */
function graphemesOf(text: string): string[] {
  if (ONE_UNIT_GRAPHEMES.test(text)) return text.split('');
  segmenter ??= typeof Intl.Segmenter === 'function' ? new Intl.Segmenter(undefined, { granularity: 'grapheme' }) : undefined;
  return segmenter ? Array.from(segmenter.segment(text), (part) => part.segment) : Array.from(text);
}

/**
 * Strips control, bidi and invisible characters (keeping the zero-width joiner,
 * presentation selectors and flag tags that emoji sequences need), collapses
 * whitespace, keeps at most {@link MAX_MARKS} combining marks per character
 * and caps the length.
 */
export function cleanDisplayName(name: string): string {
  let input = name.length > MAX_NAME_INPUT ? name.slice(0, MAX_NAME_INPUT) : name;
  if (/[\uD800-\uDBFF]$/.test(input)) input = input.slice(0, -1); // half a surrogate pair left by the cut
  const collapsed = removeInvisible(input).replace(/\s+/g, ' ').trim();
  const characters = graphemesOf(collapsed).map((grapheme) => {
    let marks = 0;
    return grapheme.replace(/\p{M}/gu, (mark) => (++marks > MAX_MARKS ? '' : mark));
  });
  const capped = characters.length > MAX_NAME_LENGTH;
  return `${characters.slice(0, MAX_NAME_LENGTH).join('')}${capped ? '…' : ''}`;
}

/**
 * Removes control, bidi and invisible formatting characters, keeping what
 * emoji sequences need (the zero-width joiner, presentation selectors, flag tags).
 */
export function removeInvisible(text: string): string {
  return text.replace(STRIP, (match, emoji: string | undefined) => (emoji !== undefined || match === '\u200D' ? match : ''));
}

/** Longest message of a server's shown to the reader (a field's error), in UTF-16 units. */
const MAX_SERVER_TEXT = 300;

/**
 * A server's message for the reader (a field's error): control, bidi and
 * invisible characters removed, whitespace collapsed, at most 300 characters.
 */
export function cleanServerText(text: string): string {
  const clean = removeInvisible(text.slice(0, 4 * MAX_SERVER_TEXT)).replace(/\s+/g, ' ').trim();
  return clean.length > MAX_SERVER_TEXT ? `${clean.slice(0, MAX_SERVER_TEXT).replace(/[\uD800-\uDBFF]$/, '')}…` : clean;
}

/** The first character (grapheme) of a name, upper-cased, for the avatar fallback. */
export function initialOf(name: string): string {
  return (graphemesOf(name.slice(0, 32))[0] ?? '?').toLocaleUpperCase();
}
