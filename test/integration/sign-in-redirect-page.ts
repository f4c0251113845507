/**
 * The page behind the blocked-popup tests (the `sign-in-redirect-flow`
 * command drives it): the browser refuses every popup, as one with a popup
 * blocker does, so the reader signs in through the whole page and comes back
 * here. It offers the OpenID provider and Mastodon; whichever the reader
 * left with finishes the sign-in.
 */
import '../../src/define.js';
import { GuestIdentity } from '../../src/identity/guest.js';
import { MastodonIdentity } from '../../src/identity/mastodon.js';
import { OpenIdIdentity } from '../../src/identity/oidc.js';
import type { RealServers } from './servers.js';

window.open = () => null;

const servers = (await (await fetch('/__servers.json')).json()) as RealServers;
const redirectUri = `${location.origin}${location.pathname}`;
const element = document.createElement('parley-comments');
element.setAttribute('backend', 'local');
element.setAttribute('thread', 'redirect-thread');
element.identities = [
  new GuestIdentity(),
  // Only when the run started the provider (PARLEY_REAL_SERVERS may name a few servers).
  ...(servers.oidc ? [new OpenIdIdentity({ issuer: servers.oidc.issuer, clientId: servers.oidc.clientId, label: 'Test ID', redirectUri, prompt: 'login' })] : []),
  new MastodonIdentity({ redirectUri }),
];
document.querySelector('#comments')!.append(element);
