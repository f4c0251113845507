import { fixture, html } from '@open-wc/testing';
import '../../src/define.js';
import type { ParleyComments } from '../../src/elements/parley-comments.js';

export const endpoint = 'https://comments.test/api';

/** Mounts <parley-comments> on the test REST endpoint and waits for its first load to settle. */
export async function mount(thread = 'thread-1', extra: Partial<ParleyComments> = {}): Promise<ParleyComments> {
  const element = document.createElement('parley-comments');
  Object.assign(element, { backend: 'rest', endpoint, thread, ...extra });
  await fixture(html`${element}`);
  await settled(element);
  return element;
}

/**
 * Waits until neither the first page nor "Load more" is loading. A first load
 * in a fresh page (the browser's first use of Intl, the sanitiser, the mock
 * service worker) can take over a second when both browsers share two cores.
 * Polled here rather than with `waitUntil`, whose timeout timer stays pending
 * after it resolves and keeps the element alive until then.
 */
export async function settled(element: ParleyComments, timeout = 5_000): Promise<void> {
  const loading = () => part(element, 'status') || element.shadowRoot!.querySelector('[part~="load-more"][disabled]');
  for (const deadline = performance.now() + timeout; loading(); ) {
    if (performance.now() > deadline) throw new Error('Timeout: still loading');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  await element.updateComplete;
}

export function part(element: Element, name: string): HTMLElement | null {
  return element.shadowRoot!.querySelector(`[part~="${name}"]`);
}

export function parts(element: Element, name: string): HTMLElement[] {
  return [...element.shadowRoot!.querySelectorAll<HTMLElement>(`[part~="${name}"]`)];
}

export function $(element: Element, selector: string): HTMLElement | null {
  return element.shadowRoot!.querySelector(selector);
}

/** Types into an input or textarea the way a user does (value + input event). */
export async function type(element: ParleyComments, selector: string, value: string): Promise<void> {
  const input = $(element, selector) as HTMLInputElement | HTMLTextAreaElement;
  input.focus();
  input.value = value;
  input.dispatchEvent(new InputEvent('input', { bubbles: true, composed: true }));
  await element.updateComplete;
}

/** Authors of the rendered comments, in document order. */
export function authors(element: ParleyComments): string[] {
  return parts(element, 'comment-author').map((node) => node.textContent!.trim());
}
