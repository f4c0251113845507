/**
 * The built script tags themselves (no npm modules on this page): the default
 * dist/parley.js carries the guest-only sign-in flow, dist/parley-sign-in.js
 * the providers' one. Each runs in a frame of its own.
 */
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import type { IdentityAdapter } from '../src/identity/identity-adapter.js';
import { enSignIn } from '../src/i18n/en-sign-in.js';

type FrameWindow = Window & typeof globalThis & { warnings: string[] };
type ScriptTagElement = HTMLElement & { identities: readonly IdentityAdapter[] };

/** A page whose only Parley is `script`, mounted on the in-browser backend. */
async function scriptTagPage(script: string): Promise<{ window: FrameWindow; element: ScriptTagElement }> {
  const frame = await fixture<HTMLIFrameElement>(html`<iframe></iframe>`);
  const frameWindow = frame.contentWindow as FrameWindow;
  frameWindow.warnings = [];
  const original = frameWindow.console.warn;
  frameWindow.console.warn = (message: string, ...rest: unknown[]) => {
    frameWindow.warnings.push(String(message));
    original.call(frameWindow.console, message, ...rest);
  };
  const tag = frame.contentDocument!.createElement('script');
  tag.src = script;
  Object.assign(tag.dataset, { backend: 'local', thread: `/guest-only/${Math.random()}`, loading: 'eager' });
  frame.contentDocument!.body.append(tag);
  await waitUntil(() => frame.contentDocument!.querySelector('parley-comments')?.shadowRoot?.querySelector('[part~="header"]'), `${script} mounted nothing`, {
    timeout: 10_000,
  });
  return { window: frameWindow, element: frame.contentDocument!.querySelector('parley-comments') as unknown as ScriptTagElement };
}

/** A provider, as a page might hand one to the element itself. */
const provider: IdentityAdapter = {
  id: 'example-provider',
  label: 'Example ID',
  restore: async () => null,
  signIn: async () => ({ provider: 'example-provider', providerLabel: 'Example ID', name: 'Ada', guest: false }),
  signOut: async () => {},
};

/** The site's own login, with a reader already signed in on the site. */
const signedInSite: IdentityAdapter = {
  id: 'example-site',
  label: 'Example site',
  offersSignIn: false,
  restore: async () => ({ provider: 'example-site', providerLabel: 'Example site', name: 'Ada', guest: false }),
  signIn: async () => {
    throw new Error('signed in on the site');
  },
  signOut: async () => {},
};

async function withProvider(script: string) {
  const page = await scriptTagPage(script);
  const { element } = page;
  const textarea = element.shadowRoot!.querySelector('textarea')!;
  textarea.focus();
  element.identities = [...element.identities, provider];
  await waitUntil(() => element.shadowRoot!.querySelector('[part~="guest-fields"]'), 'the form did not expand');
  await new Promise((resolve) => requestAnimationFrame(resolve));
  return { ...page, shadow: element.shadowRoot! };
}

describe('the sign-in flow of the built script tags', () => {
  it('dist/parley.js signs in guests only, and says where providers come from', async () => {
    const { window, shadow } = await withProvider('/dist/parley.js');
    expect(shadow.querySelectorAll('[part~="identity-button"]')).to.have.length(0);
    expect(shadow.querySelector('input[name="email"]')).to.exist;
    expect(window.warnings).to.include('[parley] sign-in providers need parley-sign-in.js (or the npm package); this script signs in guests only.');
  });

  it('dist/parley-sign-in.js shows a button for the same provider', async () => {
    const { window, shadow } = await withProvider('/dist/parley-sign-in.js');
    const buttons = [...shadow.querySelectorAll('[part~="identity-button"]')];
    expect(buttons.map((button) => button.textContent!.trim())).to.deep.equal(['Log in with Example ID']);
    expect(shadow.querySelector('input[name="email"]')).to.exist;
    expect(window.warnings.filter((warning) => warning.includes('sign-in providers'))).to.deep.equal([]);
  });

  it('dist/parley.js leaves out a site login that is already signed in: the guest form, no signed-in line it could not leave', async () => {
    const { window, element } = await scriptTagPage('/dist/parley.js');
    element.identities = [...element.identities, signedInSite];
    const shadow = element.shadowRoot!;
    shadow.querySelector('textarea')!.focus();
    await waitUntil(() => shadow.querySelector('[part~="guest-fields"]'), 'the guest fields did not show');
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(shadow.querySelector('[part~="identity-signed-in"]')).to.equal(null);
    expect(shadow.querySelector('input[name="email"]')).to.exist;
    expect(window.warnings).to.include('[parley] sign-in providers need parley-sign-in.js (or the npm package); this script signs in guests only.');
  });

  it('dist/parley-sign-in.js signs in with the same site login, with Log Out', async () => {
    const { element } = await scriptTagPage('/dist/parley-sign-in.js');
    element.identities = [...element.identities, signedInSite];
    const shadow = element.shadowRoot!;
    shadow.querySelector('textarea')!.focus();
    await waitUntil(() => shadow.querySelector('[part~="identity-signed-in"]'), 'not signed in');
    expect(shadow.querySelector('[part~="signed-in"]')!.textContent).to.contain('You are commenting using your Example site account.');
    expect(shadow.querySelector('[part~="sign-out"]')).to.exist;
  });

  it('dist/parley.js carries none of the provider flow\'s messages; dist/parley-sign-in.js carries them all', async () => {
    const [guestOnly, withProviders] = await Promise.all(['/dist/parley.js', '/dist/parley-sign-in.js'].map(async (file) => (await fetch(file)).text()));
    // The catalogue's entries: `key: "message"` (the test server may print the code again, spaced and escaped its own way).
    const carries = (code: string, key: string) => new RegExp(`\\b${key}\\s*:\\s*["'\`]`).test(code);
    const keys = Object.keys(enSignIn);
    expect(keys.filter((key) => carries(guestOnly, key))).to.deep.equal([]);
    expect(keys.filter((key) => !carries(withProviders, key))).to.deep.equal([]);
  });
});
