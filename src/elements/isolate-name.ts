import { html, type TemplateResult } from 'lit/html.js';

/** Stands in for a name in a translated sentence, so the name can be wrapped in <bdi>. */
export const NAME_SLOT = '\u0000';

/**
 * A translated sentence with its `{name}` isolated in <bdi>, so a
 * right-to-left (or hostile) name cannot reorder the words around it.
 * Call with the sentence translated with `{ name: NAME_SLOT }`.
 */
export function withIsolatedName(sentence: string, name: string): TemplateResult {
  const [before = '', after = ''] = sentence.split(NAME_SLOT);
  return html`${before}<bdi>${name}</bdi>${after}`;
}
