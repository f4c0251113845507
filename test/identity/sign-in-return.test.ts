/**
 * A whole-page sign-in coming back: which answers are read on the redirect
 * page, and what is left of the address once they are, accepted or refused.
 */
import { expect } from '@open-wc/testing';
import { MastodonIdentity } from '../../src/identity/mastodon.js';
import { returnFromSignIn } from '../../src/identity/oauth.js';
import { rejection } from '../rejection.js';

describe('The address after a whole-page sign-in', () => {
  const keyOf = (id: string) => `parley:sign-in-redirect:${id}`;
  let page: URL;
  let here: string;
  beforeEach(() => {
    page = new URL(location.href);
    here = `${page.origin}${page.pathname}`;
  });
  afterEach(() => {
    history.replaceState(history.state, '', page.href);
    for (const id of ['mastodon', 'other']) sessionStorage.removeItem(keyOf(id));
  });

  /** A pending Mastodon sign-in with `state`, sent back to `redirectUri` (this page by default). */
  function pending(state = 'the-state', redirectUri = here, id = 'mastodon'): void {
    const record = { state, verifier: 'v', redirectUri, returnTo: here, remember: false, server: 'https://mastodon.example', clientId: 'id', clientSecret: 'secret' };
    sessionStorage.setItem(keyOf(id), JSON.stringify(record));
  }

  /** This page with the page's own `keep=1` and hash, and the provider's `answer`. */
  function comeBack(answer: string): void {
    history.replaceState(history.state, '', `${page.pathname}?keep=1&${answer}#comments`);
  }

  const address = () => `${location.search}${location.hash}`;

  it('loses the answer and keeps the page\'s own query and hash when it is accepted', () => {
    pending();
    comeBack('code=a-code&state=the-state&iss=https%3A%2F%2Fmastodon.example');
    expect(returnFromSignIn('mastodon', ['verifier'])?.answer.searchParams.get('code')).to.equal('a-code');
    expect(address()).to.equal('?keep=1#comments');
  });

  it('loses it too when the provider answers with an error', async () => {
    pending();
    comeBack('error=server_error&error_description=Try+later&error_uri=https%3A%2F%2Fmastodon.example%2Fhelp&state=the-state');
    const error = await rejection(new MastodonIdentity().restore());
    expect(error.message).to.equal('The provider answered server_error: Try later');
    expect(address()).to.equal('?keep=1#comments');
  });

  it('loses it too when its iss is another server\'s', async () => {
    pending();
    comeBack('code=a-code&state=the-state&iss=https%3A%2F%2Fgitlab.example');
    expect((await rejection(new MastodonIdentity().restore())).code).to.equal('forbidden');
    expect(address()).to.equal('?keep=1#comments');
  });

  it('refuses an answer no sign-in of this tab waits for, on a pending one\'s redirect address, and loses it', async () => {
    pending('an-abandoned-attempt');
    comeBack('code=forged&state=not-this-tabs');
    const error = await rejection(new MastodonIdentity().restore());
    expect(error.code).to.equal('forbidden');
    expect(error.message).to.equal('The sign-in answer was refused: its state is not the one this sign-in sent.');
    expect(address()).to.equal('?keep=1#comments');
    expect(sessionStorage.getItem(keyOf('mastodon'))).to.equal(null);
  });

  it('leaves another pending sign-in\'s answer to it', async () => {
    pending('an-abandoned-attempt');
    pending('the-other-state', here, 'other');
    comeBack('code=its-code&state=the-other-state');
    expect(await new MastodonIdentity().restore()).to.equal(null);
    expect(address()).to.equal('?keep=1&code=its-code&state=the-other-state#comments');
    expect(returnFromSignIn('other', ['verifier'])?.answer.searchParams.get('code')).to.equal('its-code');
    expect(address()).to.equal('?keep=1#comments');
  });

  it('touches no address that is not the pending sign-in\'s redirect address, or that carries no answer', async () => {
    pending('an-abandoned-attempt', `${page.origin}/sign-in/mastodon`);
    comeBack('code=forged&state=not-this-tabs');
    expect(await new MastodonIdentity().restore()).to.equal(null);
    expect(address()).to.equal('?keep=1&code=forged&state=not-this-tabs#comments');

    pending('an-abandoned-attempt');
    comeBack('state=CA');
    expect(await new MastodonIdentity().restore()).to.equal(null);
    expect(address()).to.equal('?keep=1&state=CA#comments');

    sessionStorage.removeItem(keyOf('mastodon'));
    comeBack('code=forged&state=not-this-tabs');
    expect(await new MastodonIdentity().restore()).to.equal(null);
    expect(address()).to.equal('?keep=1&code=forged&state=not-this-tabs#comments');
  });
});
