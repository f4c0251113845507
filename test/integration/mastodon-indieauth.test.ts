/**
 * Mastodon and IndieAuth sign-in through the picker: the reader types their
 * server or website, a popup runs OAuth with PKCE against mock servers of the
 * documented endpoints (test/servers/oauth-mocks.mjs), and the form shows the
 * account, with the comment typed before kept.
 */
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import '../../src/define.js';
import type { ParleyComments } from '../../src/elements/parley-comments.js';
import { GuestIdentity } from '../../src/identity/guest.js';
import { IndieAuthIdentity } from '../../src/identity/indieauth.js';
import { MastodonIdentity } from '../../src/identity/mastodon.js';
import { $, part, settled, type } from '../elements/helpers.js';
import { WHOLE_PAGE_FLOW_MS, realServers, runDriver, type RealServers } from './servers.js';

let servers: RealServers;
const redirectUri = new URL('/test/integration/sign-in-return.html', location.href).href;

async function mountWith(): Promise<ParleyComments> {
  const identities = [new GuestIdentity(), new MastodonIdentity({ redirectUri }), new IndieAuthIdentity({ redirectUri })];
  const element = await fixture<ParleyComments>(html`<parley-comments backend="local" thread="fediverse" .identities=${identities}></parley-comments>`);
  await waitUntil(() => part(element, 'empty') || part(element, 'thread'), 'the thread did not load');
  $(element, '#comment-text')!.focus();
  await settled(element);
  return element;
}

/** Chooses a provider, types the address it asks for, and presses Enter in that input. */
async function signInWith(element: ParleyComments, provider: string, address: string): Promise<void> {
  ($(element, `[part~="identity-button"][data-provider="${provider}"]`) as HTMLButtonElement).click();
  await element.updateComplete;
  const input = $(element, '#identity-input') as HTMLInputElement;
  expect(element.shadowRoot!.activeElement).to.equal(input);
  await type(element, '#identity-input', address);
  input.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true, composed: true }));
}

const signedIn = (element: ParleyComments) => part(element, 'signed-in')?.textContent?.replace(/\s+/g, ' ').trim() ?? '';

describe('Mastodon and IndieAuth sign-in (mock servers)', () => {
  before(async () => {
    servers = await realServers();
  });
  beforeEach(() => {
    sessionStorage.clear();
    for (const key of Object.keys(localStorage)) if (key.startsWith('parley:mastodon-app:')) localStorage.removeItem(key);
  });

  it('Mastodon: registers the app on the typed server, signs in, shows the account and keeps the draft', async () => {
    const element = await mountWith();
    await type(element, '#comment-text', 'Hello from the Fediverse.');
    const before = (await (await fetch(`${servers.oauthMocks.origin}/__log`)).json()) as { appsRegistered: number };
    await signInWith(element, 'mastodon', servers.oauthMocks.origin);
    await waitUntil(() => part(element, 'signed-in'), 'never signed in', { timeout: 8000 });
    expect(signedIn(element)).to.contain('You are commenting using your Mastodon account.');
    expect(($(element, '#comment-text') as HTMLTextAreaElement).value).to.equal('Hello from the Fediverse.');

    // A second sign-in reuses the app registered on that server.
    ($(element, '[part~="sign-out"]') as HTMLButtonElement).click();
    await settled(element);
    await signInWith(element, 'mastodon', servers.oauthMocks.origin);
    await waitUntil(() => part(element, 'signed-in'), 'never signed in again', { timeout: 8000 });
    const after = (await (await fetch(`${servers.oauthMocks.origin}/__log`)).json()) as { appsRegistered: number };
    expect(after.appsRegistered - before.appsRegistered).to.equal(1);
  });

  it('Mastodon: says so when the typed address is not a server, without opening anything', async () => {
    const element = await mountWith();
    await signInWith(element, 'mastodon', 'not a server');
    await waitUntil(() => $(element, '#identity-input-error')?.textContent, 'no message');
    expect($(element, '#identity-input-error')!.textContent).to.contain('No Mastodon sign-in was found at “not a server”');
    expect(element.shadowRoot!.activeElement).to.equal($(element, '#identity-input'));
  });

  it('Mastodon: an empty address asks for one', async () => {
    const element = await mountWith();
    await signInWith(element, 'mastodon', '  ');
    expect($(element, '#identity-input-error')!.textContent).to.contain('Type the address to log in with Mastodon first.');
  });

  it('IndieAuth: finds the server from the website (HTML link or Link header) and signs in with the confirmed profile', async () => {
    for (const page of ['ann', 'header']) {
      sessionStorage.clear();
      const element = await mountWith();
      const website = `${servers.oauthMocks.origin}/indie/${page}/`;
      await signInWith(element, 'indieauth', website);
      await waitUntil(() => part(element, 'signed-in'), `never signed in (${page})`, { timeout: 8000 });
      expect(signedIn(element)).to.contain('You are commenting using your IndieAuth account.');
      element.remove();
    }
  });

  for (const [name, expectation] of [
    ['wrong-iss', 'an answer from another issuer'],
    ['impostor', 'a profile on another host'],
  ] as const) {
    it(`IndieAuth: refuses ${expectation}`, async () => {
      const element = await mountWith();
      const errors: string[] = [];
      element.addEventListener('parley-error', (event) => errors.push(event.detail.error.message));
      await signInWith(element, 'indieauth', `${servers.oauthMocks.origin}/indie/${name}/`);
      await waitUntil(() => part(element, 'notice-error'), 'no message', { timeout: 8000 });
      expect(part(element, 'signed-in')).to.equal(null);
      expect(errors[0]).to.match(name === 'wrong-iss' ? /issuer/ : /does not name that server/);
    });
  }

  it('IndieAuth: a reader who declines goes back to the choices without an error', async () => {
    const element = await mountWith();
    await signInWith(element, 'indieauth', `${servers.oauthMocks.origin}/indie/denied/`);
    await waitUntil(() => !part(element, 'connecting'), 'still connecting', { timeout: 8000 });
    expect(part(element, 'signed-in')).to.equal(null);
    expect(part(element, 'notice-error')).to.equal(null);
  });

  it('Mastodon: signs in through the whole page when the popup is blocked, draft kept', async function () {
    // A tab of its own goes to the server and back: on a loaded 2-core CI machine that alone can take half a minute.
    this.timeout(WHOLE_PAGE_FLOW_MS);
    const url = new URL('/test/integration/sign-in-redirect.html', location.href).href;
    const result = (await runDriver('sign-in-redirect-flow', {
      url,
      provider: 'mastodon',
      address: servers.oauthMocks.origin,
      draft: 'Kept across the trip to my server.',
    })) as { blocked: string; signedIn: string; text: string; address: string; replay: { signedIn: boolean } };
    expect(result.blocked).to.contain('Your browser blocked the Mastodon sign-in window.');
    expect(result.signedIn).to.contain('You are commenting using your Mastodon account.');
    expect(result.text).to.equal('Kept across the trip to my server.');
    expect(result.address).to.equal(url);
    expect(result.replay.signedIn).to.equal(false);
  });

  it('Mastodon: comes back to the page the reader left when the redirect address is another page', async function () {
    this.timeout(WHOLE_PAGE_FLOW_MS);
    // The article's address has a query; the redirect address (the page without it) is another page.
    const url = new URL('/test/integration/sign-in-redirect.html?article=2', location.href).href;
    const result = (await runDriver('sign-in-redirect-flow', {
      url,
      provider: 'mastodon',
      address: servers.oauthMocks.origin,
      draft: 'Written on article 2.',
    })) as { signedIn: string; text: string; address: string };
    expect(result.address).to.equal(url);
    expect(result.signedIn).to.contain('You are commenting using your Mastodon account.');
    expect(result.text).to.equal('Written on article 2.');
  });
});
