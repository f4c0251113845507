/**
 * Backend-brokered sign-in (BrokeredIdentity): the backend's login page posts
 * the user back from the popup. Messages count only from that page's origin,
 * from the popup itself, with the attempt's state.
 */
import { expect } from '@open-wc/testing';
import { BrokeredIdentity, readBrokeredMessage } from '../../src/identity/brokered.js';
import { capturePopups } from './capture-popups.js';

const loginPage = new URL('/test/identity/broker-login.html', location.href);

function adapter(mode: string, extra: Record<string, string> = {}, page = loginPage): BrokeredIdentity {
  const loginUrl = new URL(page);
  loginUrl.search = new URLSearchParams({ mode, ...extra }).toString();
  return new BrokeredIdentity({ id: 'broker', label: 'Broker', loginUrl: loginUrl.href });
}

/** Resolves with what the sign-in came to, or 'pending' if it is still waiting after `ms`. */
function outcome(signIn: Promise<unknown>, ms = 1500): Promise<unknown> {
  return Promise.race([signIn.then((identity) => identity, (error: unknown) => error), new Promise((resolve) => setTimeout(() => resolve('pending'), ms))]);
}

describe('BrokeredIdentity', () => {
  it('signs in with the user the login page posts from the popup', async () => {
    const identity = await adapter('ok').signIn();
    expect(identity).to.deep.equal({
      provider: 'broker',
      providerLabel: 'Broker',
      name: 'Brooke Broker',
      avatar: 'https://avatars.example/brooke.png',
      token: 'brokered-token',
      guest: false,
    });
  });

  it('ignores a message with another state, and the popup closes when the reader cancels', async () => {
    const controller = new AbortController();
    const { popups, restore } = capturePopups();
    try {
      const signIn = adapter('wrong-state').signIn({ signal: controller.signal });
      expect(await outcome(signIn)).to.equal('pending');
      controller.abort();
      const error = await outcome(signIn);
      expect(error).to.be.instanceOf(DOMException);
      expect((error as DOMException).name).to.equal('AbortError');
      expect(popups[0]!.closed).to.equal(true);
    } finally {
      restore();
    }
  });

  it('ignores the right state from another window (here, the page itself)', async () => {
    const controller = new AbortController();
    const { popups, restore } = capturePopups();
    try {
      const signIn = adapter('silent').signIn({ signal: controller.signal });
      await new Promise((resolve) => setTimeout(resolve, 500));
      const state = new URL(popups[0]!.location.href).searchParams.get('state');
      expect(state).to.be.a('string');
      window.postMessage({ type: 'parley-sign-in', state, user: { name: 'Mallory' } }, location.origin);
      expect(await outcome(signIn)).to.equal('pending');
      controller.abort();
      await outcome(signIn);
    } finally {
      restore();
    }
  });

  it('ignores the popup once it shows another origin', async () => {
    // The same test server under another host name is another origin.
    const other = new URL(loginPage);
    other.hostname = other.hostname === '127.0.0.1' ? 'localhost' : '127.0.0.1';
    // Control: that origin serves the login page, and is believed when it is the one expected.
    expect((await adapter('ok', {}, other).signIn()).name).to.equal('Brooke Broker');
    const controller = new AbortController();
    const signIn = adapter('hop', { hop: other.href }).signIn({ signal: controller.signal });
    expect(await outcome(signIn, 2500)).to.equal('pending');
    controller.abort();
    await outcome(signIn);
  });

  it('fails as cancelled when the reader closes the popup', async () => {
    const { popups, restore } = capturePopups();
    try {
      const signIn = adapter('silent').signIn();
      await new Promise((resolve) => setTimeout(resolve, 300));
      popups[0]!.close();
      const error = await outcome(signIn);
      expect((error as DOMException).name).to.equal('AbortError');
    } finally {
      restore();
    }
  });

  it('reports a blocked popup as popup_blocked', async () => {
    const open = window.open;
    window.open = () => null;
    try {
      const error = await outcome(adapter('ok').signIn());
      expect((error as { code?: string }).code).to.equal('popup_blocked');
    } finally {
      window.open = open;
    }
  });

  it('reads only well-formed messages', () => {
    expect(readBrokeredMessage({ type: 'parley-sign-in', state: 's', user: { name: 'A' } })).to.deep.equal({ state: 's', user: { name: 'A' } });
    expect(readBrokeredMessage({ type: 'other', state: 's', user: {} })).to.equal(null);
    expect(readBrokeredMessage({ type: 'parley-sign-in', state: 1, user: {} })).to.equal(null);
    expect(readBrokeredMessage(Object.create({ type: 'parley-sign-in', state: 's', user: {} }))).to.equal(null);
    expect(readBrokeredMessage('parley-sign-in')).to.equal(null);
  });
});
