/**
 * axe in every state of the widget, in light, in dark (on a dark page, as a
 * site's dark mode shows it, and with theme="dark" on a light one) and right
 * to left: the thread, the form open, its validation errors, a reply under
 * way, a failed load, an empty thread, sign-in choices, signed in.
 */
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { http, HttpResponse } from 'msw';
import type { ParleyComments } from '../../src/elements/parley-comments.js';
import type { Identity } from '../../src/core/types.js';
import { GuestIdentity } from '../../src/identity/guest.js';
import type { IdentityAdapter } from '../../src/identity/identity-adapter.js';
import { createRestServer } from '../mocks/rest-server.js';
import { threadedConversation } from '../mocks/fixtures.js';
import { startWorker } from '../mocks/worker.js';
import { $, endpoint, part, settled } from './helpers.js';

/** A provider that signs in at once, for the signed-in state. */
class Instant implements IdentityAdapter {
  readonly id = 'instant';
  readonly label = 'Example ID';
  async restore(): Promise<Identity | null> {
    return null;
  }
  async signIn(): Promise<Identity> {
    return { provider: this.id, providerLabel: this.label, name: 'Kim', guest: false };
  }
  async signOut(): Promise<void> {}
}

const LOOKS = {
  light: { wrapper: '', attributes: '' },
  'dark page': { wrapper: 'background: #15171a; color: #e6e6e6; color-scheme: dark', attributes: '' },
  'theme="dark"': { wrapper: '', attributes: 'theme="dark"' },
  'right to left (he)': { wrapper: '', attributes: 'lang="he"' },
};

async function mountLook(look: keyof typeof LOOKS, thread: string): Promise<ParleyComments> {
  const { wrapper, attributes } = LOOKS[look];
  const host = await fixture<HTMLDivElement>(html`<div></div>`);
  host.setAttribute('style', wrapper);
  host.innerHTML = `<parley-comments backend="rest" endpoint="${endpoint}" thread="${thread}" ${attributes}></parley-comments>`;
  const element = host.querySelector('parley-comments')!;
  element.identities = [new GuestIdentity({ storageKey: 'parley:matrix-guest' }), new Instant()];
  await waitUntil(() => part(element, 'thread') || part(element, 'empty') || part(element, 'error'), 'not loaded', { timeout: 5000 });
  await settled(element);
  return element;
}

describe('accessibility in every state, light, dark and right to left', () => {
  let worker: Awaited<ReturnType<typeof startWorker>>;
  before(async () => {
    worker = await startWorker();
  });
  beforeEach(() =>
    worker.use(
      http.get(`${endpoint}/threads/broken/comments`, () => HttpResponse.json({ error: { code: 'server', message: 'down' } }, { status: 500 })),
      ...createRestServer({ endpoint, threads: new Map([['t', threadedConversation()], ['none', []]]) }).handlers,
    ),
  );
  afterEach(() => worker.resetHandlers());

  for (const look of Object.keys(LOOKS) as (keyof typeof LOOKS)[]) {
    it(`${look}: thread, form, errors, reply, signed in`, async () => {
      const element = await mountLook(look, 't');
      await expect(element, 'thread').to.be.accessible();
      $(element, '#comment-text')!.focus();
      await element.updateComplete;
      await expect(element, 'form open').to.be.accessible();
      ($(element, '[part~="submit-button"]') as HTMLButtonElement).click();
      await waitUntil(() => part(element, 'notice-error'), 'no validation errors');
      await expect(element, 'validation errors').to.be.accessible();
      (part(element, 'reply-button') as HTMLButtonElement).click();
      await element.updateComplete;
      await expect(element, 'replying').to.be.accessible();
      ($(element, '[data-provider="instant"]') as HTMLButtonElement).click();
      await waitUntil(() => part(element, 'signed-in'), 'not signed in');
      await expect(element, 'signed in').to.be.accessible();
    });

    it(`${look}: empty thread and failed load`, async () => {
      const empty = await mountLook(look, 'none');
      await expect(empty, 'empty').to.be.accessible();
      const failed = await mountLook(look, 'broken');
      await waitUntil(() => part(failed, 'retry-button'), 'no error state', { timeout: 8000 });
      await expect(failed, 'load error').to.be.accessible();
    });
  }
});
