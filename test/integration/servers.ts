import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { executeServerCommand } from '@web/test-runner-commands';
import '../../src/define.js';
import { GuestIdentity } from '../../src/identity/guest.js';
import type { ParleyComments } from '../../src/elements/parley-comments.js';
import { part, parts, settled, type } from '../elements/helpers.js';

/** Where the real servers started by the test run are, with their seed (see test/servers/real-servers-plugin.mjs). */
/**
 * Mocha timeout of a whole-page sign-in (a tab of its own goes to the provider
 * and back, each step waited for up to 30 s by the driver): generous, for a
 * loaded CI machine.
 */
export const WHOLE_PAGE_FLOW_MS = 90_000;

/**
 * Runs a command of the provider driver (test/servers/oidc-driver-plugin.mjs)
 * and waits for it to finish: the driver answers with a job id at once, as a
 * command's answer must arrive within the test runner's 20 s.
 */
export async function runDriver<T = unknown>(command: 'oidc-popup' | 'sign-in-redirect-flow', payload: Record<string, unknown>): Promise<T> {
  const id = await executeServerCommand(command, payload);
  const deadline = Date.now() + WHOLE_PAGE_FLOW_MS;
  for (;;) {
    const state = (await executeServerCommand('driver-job', { id })) as { done: boolean; result?: T };
    if (state.done) return state.result as T;
    if (Date.now() > deadline) throw new Error(`${command} did not finish within ${WHOLE_PAGE_FLOW_MS} ms`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

export interface RealServers {
  wordpress: {
    rest: string;
    posts: { threaded: number; fresh: number; closed: number; xss: number };
    threadedTotal: number;
    threadedRoots: number;
    users: Record<'admin' | 'reader', { username: string; password: string; appPassword: string; id: number }>;
  };
  waline: {
    open: string;
    strict: string;
    paths: { threaded: string; fresh: string; xss: string };
    threadedTotal: number;
    threadedRoots: number;
    admin: { email: string; password: string; token: string };
  };
  oidc: { issuer: string; clientId: string; redirectUris: string[] };
  /** Mock Mastodon and IndieAuth servers (test/servers/oauth-mocks.mjs). */
  oauthMocks: { origin: string };
}

let servers: Promise<RealServers> | undefined;

export function realServers(): Promise<RealServers> {
  servers ??= fetch('/__servers.json').then((response) => {
    if (!response.ok) throw new Error(`the real servers are not running (HTTP ${response.status})`);
    return response.json() as Promise<RealServers>;
  });
  return servers;
}

/** Mounts the element with the given attributes and properties and waits for its first page. */
export async function mountOn(attributes: Record<string, string>, properties: Partial<ParleyComments> = {}): Promise<ParleyComments> {
  const element = document.createElement('parley-comments');
  for (const [name, value] of Object.entries(attributes)) element.setAttribute(name, value);
  Object.assign(element, properties);
  await fixture(html`${element}`);
  await waitUntil(() => part(element, 'thread') || part(element, 'empty') || part(element, 'error'), 'no first page', { timeout: 8000 });
  await settled(element);
  return element;
}

/** Types a comment (and guest details when the guest fields are shown), posts it, and waits for the outcome. */
export async function postComment(
  element: ParleyComments,
  text: string,
  guest?: { name: string; email: string; url?: string },
): Promise<{ ok: true; id: string; status: string } | { ok: false; notice: string }> {
  await type(element, '#comment-text', text);
  if (guest) {
    await type(element, 'input[name="email"]', guest.email);
    await type(element, 'input[name="name"]', guest.name);
    if (guest.url) await type(element, 'input[name="url"]', guest.url);
  }
  const posted = oneEvent(element, 'parley-comment-posted').then((event) => ({
    ok: true as const,
    id: event.detail.comment.id,
    status: event.detail.comment.status,
  }));
  const failed = oneEvent(element, 'parley-error').then(async () => {
    await element.updateComplete;
    return { ok: false as const, notice: part(element, 'notice')?.textContent?.trim() ?? '' };
  });
  part(element, 'submit-button')!.click();
  const outcome = await Promise.race([posted, failed]);
  await element.updateComplete;
  return outcome;
}

/** A guest adapter with its own storage key, so remembered details never leak between tests. */
export function freshGuest(): GuestIdentity {
  return new GuestIdentity({ storageKey: `parley:test-guest:${Math.random()}` });
}

/** Focuses the textarea (the details below it show then) and waits for the signed-in line. */
export async function signedInLine(element: ParleyComments): Promise<HTMLElement> {
  (element.shadowRoot!.querySelector('#comment-text') as HTMLTextAreaElement).focus();
  await element.updateComplete;
  await waitUntil(() => part(element, 'signed-in'), 'the signed-in line never showed', { timeout: 8000 });
  return part(element, 'signed-in')!;
}

/** A run-unique word, so texts never collide with earlier runs' duplicate checks. */
export function unique(prefix: string): string {
  return `${prefix} ${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
}

/** Attack payloads of the shared corpus that fire on their own (no hover or click needed). */
export async function autoFiringPayloads(fields: string[], count: number): Promise<{ id: number; payload: string }[]> {
  const corpus = (await fetch('/__corpus/xss-corpus.json').then((r) => r.json())) as {
    entries: { id: number; field: string; payload: string; trigger: string }[];
  };
  return corpus.entries.filter((entry) => fields.includes(entry.field) && entry.trigger === 'auto').slice(0, count);
}

/** Records calls of the corpus's `window.__xss` sink from now on. */
export function watchSink(): unknown[] {
  const calls: unknown[] = [];
  (window as unknown as { __xss: (value: unknown) => void }).__xss = (value) => calls.push(value);
  return calls;
}

/** Every rendered body is inert: no active elements, no event handlers, no script URLs. */
export function expectInertBodies(element: ParleyComments): void {
  for (const body of parts(element, 'comment-body')) {
    expect(body.querySelector('script, iframe, object, embed, style, link, meta, base, form, svg, math')).to.equal(null);
    for (const node of body.querySelectorAll('*')) {
      for (const attribute of node.attributes) {
        expect(attribute.name, `event handler on <${node.localName}>`).not.to.match(/^on/i);
        if (['href', 'src', 'action', 'formaction', 'xlink:href'].includes(attribute.name)) {
          expect(attribute.value, `${attribute.name} on <${node.localName}>`).to.match(/^(https?:|mailto:|#|\/|[^:]*$)/i);
        }
      }
    }
  }
}

export { part, parts };
