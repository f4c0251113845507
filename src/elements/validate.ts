import { safeUrl } from '../sanitize/urls.js';
import { normalizeWebsite } from '../identity/guest.js';
import type { IdentityField } from '../identity/identity-adapter.js';
import type { MessageKey } from '../i18n/en.js';

export type FormField = 'text' | IdentityField['name'];
export type FieldProblems = Partial<Record<FormField, MessageKey>>;

const EMAIL = /^[^\s@]+@[^\s@.]+(\.[^\s@.]+)+$/;

/**
 * Checks a comment before it is sent: text present, required details filled,
 * e-mail and website well formed. Returns one problem per field, in form order.
 */
export function validateComment(
  text: string,
  fields: readonly IdentityField[],
  values: Partial<Record<IdentityField['name'], string>>,
): FieldProblems {
  const problems: FieldProblems = {};
  if (text.trim() === '') problems.text = 'textRequired';
  for (const field of fields) {
    const value = (values[field.name] ?? '').trim();
    if (value === '') {
      if (field.required) problems[field.name] = field.name === 'email' ? 'emailRequired' : field.name === 'name' ? 'nameRequired' : 'urlInvalid';
    } else if (field.type === 'email' && !EMAIL.test(value)) {
      problems[field.name] = 'emailInvalid';
    } else if (field.type === 'url' && safeUrl(normalizeWebsite(value)) === null) {
      problems[field.name] = 'urlInvalid';
    }
  }
  return problems;
}
