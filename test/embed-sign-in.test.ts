/**
 * `data-identities` on the script tag: the default script knows the guest
 * only; dist/parley-sign-in.js (here, src/sign-in.ts) adds the providers,
 * each set up by its own `data-<name>-…` attributes.
 */
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import '../src/define.js';
import { mountFromScript } from '../src/embed/mount.js';
import type { ParleyComments } from '../src/elements/parley-comments.js';

function scriptWith(data: Record<string, string>): HTMLScriptElement {
  const script = document.createElement('script');
  for (const [name, value] of Object.entries(data)) script.setAttribute(`data-${name}`, value);
  return script;
}

/** Runs `action`, returning what it wrote with console.warn. */
async function warningsOf(action: () => unknown): Promise<string[]> {
  const warnings: string[] = [];
  const original = console.warn;
  console.warn = (message: string) => warnings.push(message);
  try {
    await action();
  } finally {
    console.warn = original;
  }
  return warnings;
}

describe('data-identities without the sign-in providers', () => {
  it('knows the guest, and says which script the providers come with', async () => {
    const host = await fixture<HTMLDivElement>(html`<div></div>`);
    const script = scriptWith({ backend: 'local', identities: 'guest, oidc', 'oidc-issuer': 'https://id.example', 'oidc-client-id': 'c' });
    host.append(script);
    let element!: ParleyComments;
    const warnings = await warningsOf(() => (element = mountFromScript(script) as ParleyComments));
    expect(element.identities.map((adapter) => adapter.id)).to.deep.equal(['guest']);
    expect(warnings).to.deep.equal(['[parley] data-identities: "oidc" is not a sign-in this script knows (the providers come with parley-sign-in.js); left out.']);
  });
});

describe('data-identities with the sign-in providers', () => {
  before(async () => {
    await import('../src/sign-in.js');
  });

  it('makes each named provider from its settings, in the order given', async () => {
    const host = await fixture<HTMLDivElement>(html`<div></div>`);
    const script = scriptWith({
      backend: 'local',
      identities: 'guest,gitlab,oidc,mastodon,indieauth,site,broker',
      'gitlab-client-id': 'gl-client',
      'oidc-issuer': 'https://id.example',
      'oidc-client-id': 'oidc-client',
      'oidc-label': 'Example ID',
      'site-label': 'Example Blog',
      'broker-login-url': 'https://comments.example/login/github',
      'broker-label': 'GitHub',
    });
    host.append(script);
    const element = mountFromScript(script) as ParleyComments;
    expect(element.identities.map((adapter) => [adapter.id, adapter.label])).to.deep.equal([
      ['guest', 'Guest'],
      ['gitlab', 'GitLab'],
      ['oidc', 'Example ID'],
      ['mastodon', 'Mastodon'],
      ['indieauth', 'IndieAuth'],
      ['site', 'Example Blog'],
      ['broker', 'GitHub'],
    ]);
  });

  it('leaves out, with a message naming the attribute, a provider whose settings are missing', async () => {
    const host = await fixture<HTMLDivElement>(html`<div></div>`);
    const script = scriptWith({ backend: 'local', identities: 'guest,microsoft,oidc', 'oidc-issuer': 'https://id.example' });
    host.append(script);
    let element!: ParleyComments;
    const warnings = await warningsOf(() => (element = mountFromScript(script) as ParleyComments));
    expect(element.identities.map((adapter) => adapter.id)).to.deep.equal(['guest']);
    expect(warnings).to.deep.equal([
      '[parley] data-identities: "microsoft" needs data-microsoft-client-id; left out.',
      '[parley] data-identities: "oidc" needs data-oidc-issuer and data-oidc-client-id; left out.',
    ]);
  });
});

describe('dist/parley-sign-in.js through a real <script> tag', () => {
  it('signs in the user a server-rendered page writes in data-site-user', async () => {
    const host = await fixture<HTMLDivElement>(html`<div></div>`);
    const script = scriptWith({
      backend: 'local',
      thread: '/signed-in-by-the-site/',
      identities: 'guest,site',
      'site-label': 'Example Blog',
      'site-user': JSON.stringify({ name: 'Sam', avatar: 'https://blog.example/sam.png' }),
    });
    script.src = '/dist/parley-sign-in.js';
    host.append(script);
    await new Promise((resolve, reject) => {
      script.onload = resolve;
      script.onerror = () => reject(new Error('parley-sign-in.js failed to load (run the build first)'));
    });
    const element = host.querySelector('parley-comments') as ParleyComments;
    await element.updateComplete; // the first render comes in a task of its own, after the script's
    element.shadowRoot!.querySelector<HTMLTextAreaElement>('#comment-text')!.focus();
    await waitUntil(() => element.shadowRoot!.querySelector('[part~="signed-in"]'), 'not signed in');
    expect(element.shadowRoot!.querySelector('[part~="signed-in"]')!.textContent).to.contain('You are commenting using your Example Blog account.');
  });
});
