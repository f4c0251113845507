import { removeInvisible } from '../sanitize/text.js';
import { safeUrl } from '../sanitize/urls.js';
import { normalizeWebsite } from '../identity/guest.js';
import type { IdentityField } from '../identity/identity-adapter.js';
import type { MessageKey } from '../i18n/en.js';

export type FormField = 'text' | IdentityField['name'];
export type FieldProblems = Partial<Record<FormField, MessageKey>>;

const EMAIL = /^[^\s@]+@[^\s@.]+(\.[^\s@.]+)+$/;

/** C0/C1 control characters other than tab and line breaks: invisible, and refused or mangled by servers. */
const CONTROL_IN_TEXT = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/g;

/** Length of a comment as a reader counts it: Unicode characters (an emoji is one, not two). */
export function characterCount(text: string): number {
  let pairs = 0;
  for (let index = 0; index < text.length; index++) {
    const unit = text.charCodeAt(index);
    if (unit >= 0xd800 && unit <= 0xdbff) {
      const next = text.charCodeAt(index + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        pairs++;
        index++;
      }
    }
  }
  return text.length - pairs;
}

/**
 * Removes characters that cannot be posted: control characters from the
 * text, and from the details whatever a displayed name loses too (control,
 * bidi and invisible characters, which disguise a name). Says
 * which fields changed, so the reader is told and can check them.
 */
export function removeControlCharacters(
  text: string,
  values: Partial<Record<IdentityField['name'], string>>,
): { text: string; values: Partial<Record<IdentityField['name'], string>>; changed: FormField[] } {
  const changed: FormField[] = [];
  const cleanText = text.replace(CONTROL_IN_TEXT, '');
  if (cleanText !== text) changed.push('text');
  const cleanValues: Partial<Record<IdentityField['name'], string>> = {};
  for (const [name, value] of Object.entries(values) as [IdentityField['name'], string | undefined][]) {
    if (value === undefined) continue;
    cleanValues[name] = removeInvisible(value);
    if (cleanValues[name] !== value) changed.push(name);
  }
  return { text: cleanText, values: cleanValues, changed };
}

/**
 * Checks a comment before it is sent: text present and within `maxLength`
 * characters, required details filled, e-mail and website well formed.
 * Returns one problem per field, in form order.
 */
export function validateComment(
  text: string,
  fields: readonly IdentityField[],
  values: Partial<Record<IdentityField['name'], string>>,
  maxLength = Infinity,
): FieldProblems {
  const problems: FieldProblems = {};
  if (text.trim() === '') problems.text = 'textRequired';
  else if (characterCount(text) > maxLength) problems.text = 'textTooLong';
  for (const field of fields) {
    const value = (values[field.name] ?? '').trim();
    if (value === '') {
      if (field.required) problems[field.name] = field.name === 'email' ? 'emailRequired' : field.name === 'name' ? 'nameRequired' : 'urlInvalid';
    } else if (field.type === 'email' && !EMAIL.test(value)) {
      problems[field.name] = 'emailInvalid';
    } else if (field.type === 'url' && (/\s/.test(value) || safeUrl(normalizeWebsite(value)) === null)) {
      // A space is never part of an address ("my blog.example"); the URL parser would quietly encode it.
      problems[field.name] = 'urlInvalid';
    }
  }
  return problems;
}
