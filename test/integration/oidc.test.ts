/**
 * OpenID Connect sign-in against a real provider (oidc-provider, started by
 * the test run): the whole popup flow in Chromium (log in, consent, back),
 * then a comment posted with the access token, which the comment server
 * checks with the provider's userinfo endpoint.
 */
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { http, bypass, passthrough } from 'msw';
import '../../src/define.js';
import { RestBackend } from '../../src/backends/rest.js';
import type { ParleyComments } from '../../src/elements/parley-comments.js';
import { GuestIdentity } from '../../src/identity/guest.js';
import { OpenIdIdentity } from '../../src/identity/oidc.js';
import { startWorker } from '../mocks/worker.js';
import { createRestServer, type RecordedPost, type WireComment } from '../mocks/rest-server.js';
import { $, part, settled, type } from '../elements/helpers.js';
import { WHOLE_PAGE_FLOW_MS, realServers, runDriver, type RealServers } from './servers.js';
import { capturePopups } from '../identity/capture-popups.js';

const endpoint = 'https://comments.test/api';
let servers: RealServers;
let posts: RecordedPost[];

function provider(options: Partial<ConstructorParameters<typeof OpenIdIdentity>[0]> = {}): OpenIdIdentity {
  return new OpenIdIdentity({
    issuer: servers.oidc.issuer,
    clientId: servers.oidc.clientId,
    label: 'Test ID',
    redirectUri: servers.oidc.redirectUris[0],
    sendToken: true,
    // The provider remembers the reader between tests; each test logs in afresh.
    prompt: 'login',
    ...options,
  });
}

async function mountWith(identities: ParleyComments['identities']): Promise<ParleyComments> {
  const element = await fixture<ParleyComments>(html`<parley-comments thread="oidc" .adapter=${new RestBackend({ endpoint })} .identities=${identities}></parley-comments>`);
  await waitUntil(() => part(element, 'empty') || part(element, 'thread'), 'the thread did not load');
  $(element, '#comment-text')!.focus();
  await settled(element);
  return element;
}

function signInButton(element: ParleyComments): HTMLButtonElement {
  return $(element, '[part~="identity-button"][data-provider="oidc"]') as HTMLButtonElement;
}

describe('OpenIdIdentity against a real OpenID provider', function () {
  // Popups are driven from outside the page, and are slow to open on a loaded machine.
  this.timeout(WHOLE_PAGE_FLOW_MS);

  before(async () => {
    servers = await realServers();
    const worker = await startWorker();
    const threads = new Map<string, WireComment[]>([['oidc', []]]);
    const server = createRestServer({
      endpoint,
      threads,
      // The comment server trusts a token only when the provider vouches for it.
      async verifyToken(token) {
        const response = await fetch(bypass(new Request(`${servers.oidc.issuer}/me`, { headers: { Authorization: `Bearer ${token}` } })));
        if (!response.ok) return undefined;
        const profile = (await response.json()) as { name?: string };
        return { name: profile.name ?? 'unknown' };
      },
    });
    posts = server.posts;
    worker.use(http.all(`${servers.oidc.issuer}/*`, () => passthrough()), ...server.handlers);
  });

  beforeEach(() => sessionStorage.clear());

  it('signs in through the popup, keeps the draft, and posts with a token the server verifies', async () => {
    const element = await mountWith([new GuestIdentity(), provider()]);
    await type(element, '#comment-text', 'Typed before signing in.');
    signInButton(element).click();
    await settled(element);
    expect(part(element, 'connecting')?.textContent).to.contain('Connecting to Test ID…');
    await runDriver('oidc-popup', { action: 'login', login: 'ada', returnUrl: servers.oidc.redirectUris[0] });
    await waitUntil(() => part(element, 'signed-in'), 'never signed in', { timeout: 8000 });
    expect(part(element, 'signed-in')!.textContent).to.contain('You are commenting using your Test ID account.');
    expect(part(element, 'guest-fields')).to.equal(null);
    expect(($(element, '#comment-text') as HTMLTextAreaElement).value).to.equal('Typed before signing in.');

    const before = posts.length;
    ($(element, '[part~="submit-button"]') as HTMLButtonElement).click();
    await waitUntil(() => part(element, 'notice-success'), 'the comment was not posted', { timeout: 8000 });
    const post = posts[before]!;
    expect(post.headers.get('Authorization')).to.match(/^Bearer .+/);
    expect(post.body).to.not.have.property('author');
    const names = [...element.shadowRoot!.querySelectorAll('[part~="comment-author"]')].map((node) => node.textContent!.trim());
    expect(names).to.include('Ada Lovelace');
  });

  it('stays signed in for the tab after a reload when asked to ("Stay signed in on this tab")', async () => {
    const first = await mountWith([new GuestIdentity(), provider()]);
    ($(first, 'input[name="stay-signed-in"]') as HTMLInputElement).click();
    signInButton(first).click();
    await runDriver('oidc-popup', { action: 'login', login: 'grace', returnUrl: servers.oidc.redirectUris[0] });
    await waitUntil(() => part(first, 'signed-in'), 'never signed in', { timeout: 8000 });
    first.remove();

    // A new element with a new adapter: what it knows comes from sessionStorage.
    const second = await mountWith([new GuestIdentity(), provider()]);
    await waitUntil(() => part(second, 'signed-in'), 'the sign-in was not restored');
    ($(second, '[part~="sign-out"]') as HTMLButtonElement).click();
    await settled(second);
    expect(part(second, 'signed-in')).to.equal(null);
    expect(Object.keys(sessionStorage).filter((key) => key.startsWith('parley:signed-in'))).to.deep.equal([]);
  });

  it('is not kept without that box: tokens stay in memory', async () => {
    const element = await mountWith([new GuestIdentity(), provider()]);
    signInButton(element).click();
    await runDriver('oidc-popup', { action: 'login', login: 'ada', returnUrl: servers.oidc.redirectUris[0] });
    await waitUntil(() => part(element, 'signed-in'), 'never signed in', { timeout: 8000 });
    expect(JSON.stringify({ ...sessionStorage })).to.not.contain('Ada');
    expect(document.cookie).to.equal('');
  });

  it('goes back to the choices, draft kept, when the reader closes the popup', async () => {
    const element = await mountWith([new GuestIdentity(), provider()]);
    await type(element, '#comment-text', 'Still here after closing the popup.');
    signInButton(element).click();
    await runDriver('oidc-popup', { action: 'close' });
    await waitUntil(() => !part(element, 'connecting'), 'still connecting', { timeout: 8000 });
    expect(part(element, 'signed-in')).to.equal(null);
    expect(signInButton(element).disabled).to.equal(false);
    expect(part(element, 'notice-error')).to.equal(null);
    expect(($(element, '#comment-text') as HTMLTextAreaElement).value).to.equal('Still here after closing the popup.');
  });

  it('cancels from the page: the popup closes and nothing is signed in', async () => {
    const element = await mountWith([new GuestIdentity(), provider()]);
    const { popups: opened, restore } = capturePopups();
    try {
      signInButton(element).click();
      await settled(element);
      ($(element, '[part~="cancel-sign-in"]') as HTMLButtonElement).click();
      await waitUntil(() => opened[0]?.closed, 'the popup stayed open');
      expect(part(element, 'connecting')).to.equal(null);
      expect(part(element, 'signed-in')).to.equal(null);
    } finally {
      restore();
    }
  });

  it('refuses a provider whose discovery document names another issuer', async () => {
    const element = await mountWith([new GuestIdentity(), provider({ issuer: `${servers.oidc.issuer}/` })]);
    const errors: string[] = [];
    element.addEventListener('parley-error', (event) => errors.push(event.detail.error.message));
    signInButton(element).click();
    await waitUntil(() => part(element, 'notice-error'), 'no error shown', { timeout: 8000 });
    expect(part(element, 'notice-error')!.textContent).to.contain('Signing in with Test ID did not work');
    expect(errors[0]).to.contain('names issuer');
    expect(part(element, 'signed-in')).to.equal(null);
  });

  it('signs in through the whole page when the popup is blocked, and brings the reader back with the draft', async function () {
    // A tab of its own goes to the provider and back: on a loaded 2-core CI machine that alone can take half a minute.
    this.timeout(WHOLE_PAGE_FLOW_MS);
    const url = servers.oidc.redirectUris[1]!;
    const result = (await runDriver('sign-in-redirect-flow', { url, provider: 'oidc', login: 'ada', draft: 'Written before the redirect.' })) as {
      blocked: string;
      signedIn: string;
      text: string;
      address: string;
      answer: string;
      replay: { signedIn: boolean; notice: string };
    };
    expect(result.blocked).to.contain('Your browser blocked the Test ID sign-in window.');
    expect(result.signedIn).to.contain('You are commenting using your Test ID account.');
    expect(result.text).to.equal('Written before the redirect.');
    // The provider's code and state leave the address bar.
    expect(result.address).to.equal(url);
    // Loading the same answer again (history, a shared link) signs nobody in: its state was used once.
    expect(result.answer).to.match(/[?&]code=/);
    expect(result.replay.signedIn).to.equal(false);
  });
});
