import { ParleyComments } from '../elements/parley-comments.js';
import { identitiesFromScript } from './identities.js';

/**
 * Mounts a <parley-comments> for a script tag: every `data-<attribute>` of
 * the script becomes the element attribute of the same name (`loading`
 * defaults to `lazy`), `data-identities` lists the ways to comment, and
 * `data-message-<key>` replaces one message. The element goes
 * into the element named by `data-target`, else right after the script.
 */
export function mountFromScript(script: HTMLScriptElement, doc: Document = script.ownerDocument): HTMLElement {
  const element = doc.createElement('parley-comments');
  for (const attribute of ParleyComments.observedAttributes) {
    const value = script.getAttribute(`data-${attribute}`);
    if (value !== null) element.setAttribute(attribute, value);
  }
  // `data-message-leave-reply="Join the discussion"`: one message of the catalogue replaced.
  const messages: Record<string, string> = {};
  for (const [name, value] of Object.entries(script.dataset)) {
    if (/^message[A-Z]/.test(name) && value !== undefined) messages[name[7]!.toLowerCase() + name.slice(8)] = value;
  }
  if (Object.keys(messages).length > 0) (element as ParleyComments).messages = messages;
  // `data-identities="guest,oidc"`: the ways to comment, in order (default: the guest form).
  const identities = script.dataset.identities;
  if (identities !== undefined) (element as ParleyComments).identities = identitiesFromScript(identities, script.dataset);
  // A script tag loads the thread only once the reader nears it (`data-loading="eager"` opts out).
  if (!element.hasAttribute('loading')) element.setAttribute('loading', 'lazy');
  const place = () => {
    const selector = script.dataset.target;
    let target: Element | null = null;
    let problem = 'matches no element';
    try {
      target = selector ? doc.querySelector(selector) : null;
    } catch {
      problem = 'is not a valid CSS selector'; // "#2024-comments": an id starting with a digit needs escaping
    }
    if (selector && !target) console.warn(`[parley] data-target "${selector}" ${problem}; mounting after the script.`);
    if (target) target.append(element);
    else if (script.parentElement && script.parentElement !== doc.head) script.after(element);
    else doc.body.append(element);
  };
  // A script in <head>, or a target further down the page, waits for the document.
  if (doc.readyState === 'loading' && (script.dataset.target || !doc.body?.contains(script))) {
    doc.addEventListener('DOMContentLoaded', place, { once: true });
  } else {
    place();
  }
  return element;
}
