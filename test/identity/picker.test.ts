/**
 * The "click an icon to log in" picker in each of its states: accessible
 * (axe), reachable and usable with the keyboard alone, guest fields first,
 * then one named button per provider.
 */
import { expect, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import type { Identity } from '../../src/core/types.js';
import { ParleyError } from '../../src/core/errors.js';
import type { ParleyComments } from '../../src/elements/parley-comments.js';
import { GuestIdentity } from '../../src/identity/guest.js';
import type { IdentityAdapter, SignInRequest } from '../../src/identity/identity-adapter.js';
import { MastodonIdentity } from '../../src/identity/mastodon.js';
import { OpenIdIdentity } from '../../src/identity/oidc.js';
import { $, mount, part, settled, type } from '../elements/helpers.js';

const ICON = 'data:image/svg+xml,%3Csvg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 1 1"/%3E';

/** A provider whose sign-in the test finishes (or fails) by hand, to hold each state. */
class ManualProvider implements IdentityAdapter {
  signInWithRedirect?: () => Promise<void>;
  constructor(
    readonly id = 'manual',
    /** Whether it can sign in through the whole page when its popup is blocked. */
    wholePage = true,
  ) {
    if (wholePage) this.signInWithRedirect = async () => {};
  }
  readonly label = 'Example ID';
  readonly icon = ICON;
  requests: SignInRequest[] = [];
  #finish: ((identity: Identity) => void) | undefined;
  #fail: ((error: unknown) => void) | undefined;
  async restore(): Promise<Identity | null> {
    return null;
  }
  signIn(request: SignInRequest): Promise<Identity> {
    this.requests.push(request);
    return new Promise((resolve, reject) => {
      this.#finish = resolve;
      this.#fail = reject;
    });
  }
  finish(expiresAt?: number): void {
    this.#finish?.({
      provider: this.id,
      providerLabel: this.label,
      name: 'Kim',
      avatar: 'https://avatars.example/kim.png',
      guest: false,
      ...(expiresAt === undefined ? {} : { expiresAt }),
    });
  }
  fail(error: unknown): void {
    this.#fail?.(error);
  }
  async signOut(): Promise<void> {}
}

async function mountPicker(provider = new ManualProvider()): Promise<ParleyComments> {
  const element = await mount('thread-1', { backend: 'local', identities: [new GuestIdentity(), provider, new MastodonIdentity()] } as Partial<ParleyComments>);
  $(element, '#comment-text')!.focus();
  await settled(element);
  return element;
}

/** The element's focused control, described as the reader's screen reader would name it. */
function focused(element: ParleyComments): string {
  const active = element.shadowRoot!.activeElement as HTMLElement | null;
  if (!active) return 'nothing';
  if (active instanceof HTMLInputElement || active instanceof HTMLTextAreaElement) return `${active.localName} ${active.name || active.id}`;
  return `${active.localName} ${active.textContent!.replace(/\s+/g, ' ').trim()}`;
}

describe('identity picker', () => {
  it('is accessible in every state: choices, connecting, blocked, asking for a server, signed in', async () => {
    const provider = new ManualProvider();
    const element = await mountPicker(provider);
    await expect(element).to.be.accessible();

    ($(element, '[data-provider="manual"]') as HTMLButtonElement).click();
    await element.updateComplete;
    expect(part(element, 'connecting')!.textContent).to.contain('Connecting to Example ID…');
    await expect(element).to.be.accessible();

    provider.fail(new ParleyError('popup_blocked', 'blocked'));
    await waitUntil(() => part(element, 'popup-blocked'), 'no blocked message');
    await expect(element).to.be.accessible();

    ($(element, '[data-provider="mastodon"]') as HTMLButtonElement).click();
    await element.updateComplete;
    expect(($(element, 'label[for="identity-input"]') as HTMLElement).textContent).to.contain('Your Mastodon server');
    await expect(element).to.be.accessible();

    ($(element, '[data-provider="manual"]') as HTMLButtonElement).click();
    provider.finish();
    await waitUntil(() => part(element, 'signed-in'), 'not signed in');
    await expect(element).to.be.accessible();
  });

  it('gives every provider button a name of its own, not just an icon', async () => {
    const element = await mountPicker();
    const names = [...element.shadowRoot!.querySelectorAll('[part~="identity-button"]')].map((button) => button.textContent!.replace(/\s+/g, ' ').trim());
    expect(names).to.deep.equal(['Log in with Example ID', 'Log in with Mastodon']);
    expect(($(element, '[part~="identity-icon"]') as HTMLImageElement).alt).to.equal('');
  });

  it('is reached with Tab in reading order: guest fields, then the providers, then posting', async () => {
    const element = await mountPicker();
    const order: string[] = [focused(element)];
    for (let step = 0; step < 8; step += 1) {
      await sendKeys({ press: 'Tab' });
      order.push(focused(element));
    }
    expect(order).to.deep.equal([
      'textarea comment',
      'input email',
      'input name',
      'input url',
      'button Log in with Example ID',
      'button Log in with Mastodon',
      'input stay-signed-in',
      'input remember',
      'button Post Comment',
    ]);
  });

  it('signs in with the keyboard alone, and puts the reader back in the comment', async () => {
    const provider = new ManualProvider();
    const element = await mountPicker(provider);
    ($(element, '[data-provider="manual"]') as HTMLButtonElement).focus();
    await sendKeys({ press: 'Enter' });
    await element.updateComplete;
    expect(provider.requests).to.have.length(1);
    provider.finish();
    await waitUntil(() => part(element, 'signed-in'), 'not signed in');
    await element.updateComplete;
    expect(focused(element)).to.equal('textarea comment');

    // Log Out with Space: the choices come back, and focus goes to the first of them (its button is gone).
    ($(element, '[part~="sign-out"]') as HTMLButtonElement).focus();
    await sendKeys({ press: ' ' });
    await element.updateComplete;
    expect(part(element, 'signed-in')).to.equal(null);
    expect(part(element, 'guest-fields')).to.not.equal(null);
    expect(focused(element)).to.equal('input email');

    // Change with Enter: the same, and a later render (typing in the comment) moves focus nowhere.
    ($(element, '[data-provider="manual"]') as HTMLButtonElement).click();
    provider.finish();
    await waitUntil(() => part(element, 'change-identity'), 'not signed in again');
    await element.updateComplete;
    ($(element, '[part~="change-identity"]') as HTMLButtonElement).focus();
    await sendKeys({ press: 'Enter' });
    await element.updateComplete;
    expect(focused(element)).to.equal('input email');
    ($(element, '#comment-text') as HTMLTextAreaElement).focus();
    await sendKeys({ type: 'Hi' });
    await element.updateComplete;
    expect(focused(element)).to.equal('textarea comment');
    expect(($(element, '#comment-text') as HTMLTextAreaElement).value).to.equal('Hi');
  });

  it('asks for the server, then signs in from the input with Enter (not posting the comment)', async () => {
    const element = await mountPicker();
    let opened = 0;
    const open = window.open;
    window.open = () => {
      opened += 1;
      return null;
    };
    try {
      ($(element, '[data-provider="mastodon"]') as HTMLButtonElement).focus();
      await sendKeys({ press: 'Enter' });
      await element.updateComplete;
      expect(focused(element)).to.equal('input identity-input');
      await sendKeys({ type: 'mastodon.example' });
      await sendKeys({ press: 'Enter' });
      await waitUntil(() => part(element, 'popup-blocked'), 'the sign-in did not start');
      expect(opened).to.equal(1);
      expect(part(element, 'notice-error')).to.equal(null);
      expect(focused(element)).to.equal('button Continue in this tab');
    } finally {
      window.open = open;
    }
  });

  it('says what is wrong with the address at its input, and Escape puts the question away, back on its button', async () => {
    const element = await mountPicker();
    const mastodon = $(element, '[data-provider="mastodon"]') as HTMLButtonElement;
    expect(mastodon.getAttribute('aria-expanded')).to.equal('false');
    mastodon.focus();
    await sendKeys({ press: 'Enter' });
    await element.updateComplete;
    expect(mastodon.getAttribute('aria-expanded')).to.equal('true');
    const input = $(element, '#identity-input') as HTMLInputElement;
    expect(input.getAttribute('aria-invalid')).to.equal('false');
    // Empty: said at the input (an alert it describes), not in the form's notice near "Post Comment".
    await sendKeys({ press: 'Enter' });
    await element.updateComplete;
    const error = $(element, '#identity-input-error')!;
    expect(error.textContent).to.equal('Type the address to log in with Mastodon first.');
    expect(error.getAttribute('role')).to.equal('alert');
    expect(input.getAttribute('aria-invalid')).to.equal('true');
    expect(input.getAttribute('aria-describedby')).to.equal('identity-input-error');
    expect(part(element, 'notice-error')).to.equal(null);
    expect(focused(element)).to.equal('input identity-input');
    await expect(element).to.be.accessible();
    // Typing takes the message away.
    await sendKeys({ type: 'm' });
    await element.updateComplete;
    expect(error.textContent).to.equal('');
    expect(input.getAttribute('aria-invalid')).to.equal('false');
    await sendKeys({ press: 'Escape' });
    await element.updateComplete;
    expect($(element, '#identity-input')).to.equal(null);
    expect(mastodon.getAttribute('aria-expanded')).to.equal('false');
    expect(focused(element)).to.equal('button Log in with Mastodon');
  });

  it('labels the question in the reader\'s language', async () => {
    const element = await mount('thread-1', { backend: 'local', identities: [new GuestIdentity(), new MastodonIdentity()] } as Partial<ParleyComments>);
    element.setAttribute('lang', 'fr');
    await waitUntil(() => part(element, 'header')!.textContent!.includes('Laisser'), 'not in French', { timeout: 5_000 });
    $(element, '#comment-text')!.focus();
    await element.updateComplete;
    ($(element, '[data-provider="mastodon"]') as HTMLButtonElement).click();
    await element.updateComplete;
    expect($(element, 'label[for="identity-input"]')!.textContent!.trim()).to.equal('Votre serveur Mastodon');
  });

  it('asks to sign in again when the sign-in has expired, before posting, and keeps the comment', async () => {
    const provider = new ManualProvider();
    const element = await mountPicker(provider);
    ($(element, '[data-provider="manual"]') as HTMLButtonElement).click();
    provider.finish(Date.now() + 200);
    await waitUntil(() => part(element, 'signed-in'), 'not signed in');
    await type(element, '#comment-text', 'Written while the sign-in ran out.');
    await new Promise((resolve) => setTimeout(resolve, 300));
    ($(element, '[part~="submit-button"]') as HTMLButtonElement).click();
    await waitUntil(() => part(element, 'notice-error'), 'no message');
    expect(part(element, 'notice-error')!.textContent).to.contain('Your sign-in expired, sign in again');
    expect(part(element, 'signed-in')).to.equal(null);
    expect(($(element, '#comment-text') as HTMLTextAreaElement).value).to.equal('Written while the sign-in ran out.');
  });

  it('tells the reader a popup was blocked, without "Continue in this tab" when the provider cannot go through the page', async () => {
    const provider = new ManualProvider('popup-only', false);
    const element = await mount('thread-1', { backend: 'local', identities: [new GuestIdentity(), provider] } as Partial<ParleyComments>);
    $(element, '#comment-text')!.focus();
    await settled(element);
    ($(element, '[data-provider="popup-only"]') as HTMLButtonElement).click();
    provider.fail(new ParleyError('popup_blocked', 'blocked'));
    await waitUntil(() => part(element, 'popup-blocked'), 'no blocked message');
    expect(part(element, 'popup-blocked')!.textContent).to.contain('Allow pop-ups for this site and try again');
    expect(part(element, 'sign-in-here')).to.equal(null);
    expect(part(element, 'notice-error')).to.equal(null);
  });

  it('says so when a whole-page sign-in fails on its way back, comment kept', async () => {
    // The page comes back from the provider with an answer for a sign-in this tab started.
    const back = new URL(location.href);
    sessionStorage.setItem(
      'parley:sign-in-redirect:oidc',
      JSON.stringify({ state: 'the-state', verifier: 'v', redirectUri: `${back.origin}${back.pathname}`, nonce: 'n', returnTo: back.href, remember: false }),
    );
    history.replaceState(history.state, '', `${back.pathname}?code=a-code&state=the-state`);
    const errors: string[] = [];
    document.addEventListener('parley-error', (event) => errors.push(event.detail.action), { once: true });
    // The provider is not there (its discovery document answers 404): the sign-in cannot be finished.
    const provider = new OpenIdIdentity({ issuer: `${location.origin}/no-provider-here`, clientId: 'client', label: 'Example ID' });
    try {
      const element = await mount('thread-1', { backend: 'local', identities: [new GuestIdentity(), provider] } as Partial<ParleyComments>);
      await waitUntil(() => part(element, 'notice-error'), 'no message', { timeout: 8000 });
      expect(part(element, 'notice-error')!.textContent).to.contain('Signing in with Example ID did not work');
      expect(errors).to.deep.equal(['sign-in']);
      // The provider's answer has left the address bar, and cannot be used again.
      expect(location.search).to.not.contain('code=');
      expect(sessionStorage.getItem('parley:sign-in-redirect:oidc')).to.equal(null);
    } finally {
      history.replaceState(history.state, '', back.href);
    }
  });
});
