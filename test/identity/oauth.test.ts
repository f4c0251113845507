/**
 * What the OAuth adapters share (OpenID, Mastodon, IndieAuth): which answers
 * they accept, where, and what the popup they open can reach.
 */
import { expect } from '@open-wc/testing';
import { ParleyError } from '../../src/core/errors.js';
import type { Identity } from '../../src/core/types.js';
import { IndieAuthIdentity } from '../../src/identity/indieauth.js';
import { MastodonIdentity } from '../../src/identity/mastodon.js';
import { readAuthorizationResponse, returnFromSignIn } from '../../src/identity/oauth.js';
import { OpenIdIdentity } from '../../src/identity/oidc.js';
import { waitForRedirect } from '../../src/identity/popup.js';
import { rejectionOf } from '../rejection.js';
import { capturePopups } from './capture-popups.js';

/** The redirect page's address carrying the provider's parameters. */
function answer(params: Record<string, string>): URL {
  const url = new URL('https://blog.example/post/');
  for (const [name, value] of Object.entries(params)) url.searchParams.set(name, value);
  return url;
}

/** Runs `body` with fetch recording the addresses asked for (and failing them). */
async function recordingFetches(body: (fetched: string[]) => Promise<void>): Promise<void> {
  const fetched: string[] = [];
  const original = window.fetch;
  window.fetch = async (input: RequestInfo | URL, init?: RequestInit) => {
    const address = String(input instanceof Request ? input.url : input);
    // The test runner's own requests go on.
    if (new URL(address, location.href).origin === location.origin) return original(input, init);
    fetched.push(address);
    throw new TypeError('Failed to fetch');
  };
  try {
    await body(fetched);
  } finally {
    window.fetch = original;
  }
}

class TestMastodon extends MastodonIdentity {
  answer(url: URL, pending: Record<string, string>): Promise<Identity> {
    return this.finish(url, pending, new AbortController().signal);
  }
}

class TestIndieAuth extends IndieAuthIdentity {
  answer(url: URL, pending: Record<string, string>): Promise<Identity> {
    return this.finish(url, pending, new AbortController().signal);
  }
}

describe('OAuth answers', () => {
  describe('mix-up: an answer another server issued', () => {
    const server = 'https://mastodon.example';

    it('is refused when its iss is not on the server that was asked, with no issuer to match exactly', () => {
      const refused = (iss: string) => () => readAuthorizationResponse(answer({ code: 'c', state: 's', iss }), { state: 's', server });
      for (const iss of ['https://gitlab.example', 'https://mastodon.example.evil.example/', 'https://mastodon.example@evil.example/']) {
        expect(refused(iss)).to.throw(ParleyError, `The sign-in answer was refused: it comes from issuer ${JSON.stringify(iss)}, not ${server}.`);
      }
    });

    it('is accepted without iss, or with one on the server itself', () => {
      expect(readAuthorizationResponse(answer({ code: 'c', state: 's' }), { state: 's', server })).to.equal('c');
      for (const iss of [server, `${server}/`, `${server}/oauth`]) {
        expect(readAuthorizationResponse(answer({ code: 'c', state: 's', iss }), { state: 's', server })).to.equal('c');
      }
    });

    it('Mastodon sends no code another server issued to the server the reader typed', async () => {
      const pending = { state: 's', verifier: 'v', redirectUri: 'https://blog.example/post/', server, clientId: 'id', clientSecret: 'secret' };
      await recordingFetches(async (fetched) => {
        const error = await rejectionOf(new TestMastodon().answer(answer({ code: 'gitlab-code', state: 's', iss: 'https://gitlab.example' }), pending));
        expect(error).to.be.instanceOf(ParleyError);
        expect((error as ParleyError).code).to.equal('forbidden');
        expect(fetched).to.deep.equal([]);
      });
    });

    it('IndieAuth without metadata sends no code another server issued to the endpoint it found', async () => {
      const pending = {
        state: 's',
        verifier: 'v',
        redirectUri: 'https://blog.example/post/',
        clientId: 'https://blog.example/',
        profile: 'https://ann.example/',
        authorizationEndpoint: 'https://auth.ann.example/auth',
        issuer: '',
      };
      await recordingFetches(async (fetched) => {
        const error = await rejectionOf(new TestIndieAuth().answer(answer({ code: 'gitlab-code', state: 's', iss: 'https://gitlab.example' }), pending));
        expect(error).to.be.instanceOf(ParleyError);
        expect((error as ParleyError).code).to.equal('forbidden');
        expect(fetched).to.deep.equal([]);
      });
    });
  });

  describe('returnFromSignIn', () => {
    const key = 'parley:sign-in-redirect:test';
    let page: URL;
    beforeEach(() => (page = new URL(location.href)));
    afterEach(() => {
      history.replaceState(history.state, '', page.href);
      sessionStorage.removeItem(key);
    });

    /** This page carrying an answer with `state`, for a whole-page sign-in sent back to `redirectUri`. */
    function comeBack(redirectUri: string): void {
      sessionStorage.setItem(key, JSON.stringify({ state: 'the-state', verifier: 'v', redirectUri, returnTo: page.href, remember: false }));
      history.replaceState(history.state, '', `${page.pathname}?code=a-code&state=the-state`);
    }

    it('takes the answer on the redirect address this sign-in sent', () => {
      comeBack(`${page.origin}${page.pathname}`);
      const back = returnFromSignIn('test', ['verifier', 'redirectUri']);
      expect(back?.answer.searchParams.get('code')).to.equal('a-code');
      expect(sessionStorage.getItem(key)).to.equal(null);
    });

    it('ignores an answer that arrives on another page than that redirect address, and uses the attempt up', () => {
      comeBack(`${page.origin}/sign-in/mastodon`);
      // (A URL in a failed assertion cannot be reported: compare its address.)
      expect(returnFromSignIn('test', ['verifier', 'redirectUri'])?.answer.href).to.equal(undefined);
      expect(sessionStorage.getItem(key)).to.equal(null);
    });
  });

  describe('the sign-in popup', () => {
    it('cannot reach back to the page: the provider\'s pages get no window.opener', async () => {
      const { popups, restore } = capturePopups();
      const controller = new AbortController();
      try {
        const signIn = new OpenIdIdentity({ issuer: `${location.origin}/no-provider-here`, clientId: 'client' }).signIn({ signal: controller.signal });
        expect(popups).to.have.length(1);
        expect(popups[0]!.opener, 'the popup holds a window.opener').to.equal(null);
        controller.abort();
        await rejectionOf(signIn);
        expect(popups[0]!.closed).to.equal(true);
      } finally {
        restore();
      }
    });

    it('is still followed without it, to another site and back to the redirect page', async () => {
      const redirectUri = `${location.origin}/test/integration/sign-in-return.html`;
      // The same test server under another host name is another site; its page goes on to `hop`.
      const provider = new URL('/test/identity/broker-login.html', location.href);
      provider.hostname = provider.hostname === '127.0.0.1' ? 'localhost' : '127.0.0.1';
      provider.search = new URLSearchParams({ mode: 'hop', hop: redirectUri }).toString();
      const popup = window.open('about:blank', '_blank', 'popup')!;
      try {
        popup.opener = null;
        const waiting = waitForRedirect(popup, redirectUri, AbortSignal.timeout(8000));
        popup.location.href = provider.href;
        expect((await waiting).searchParams.get('mode')).to.equal('ok');
      } finally {
        popup.close();
      }
    });
  });
});
