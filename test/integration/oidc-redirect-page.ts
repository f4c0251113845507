/**
 * The page behind the blocked-popup test (the `oidc-redirect-flow` command
 * drives it): the browser refuses every popup, as one with a popup blocker
 * does, so the reader signs in through the whole page and comes back here.
 */
import '../../src/define.js';
import { GuestIdentity } from '../../src/identity/guest.js';
import { OpenIdIdentity } from '../../src/identity/oidc.js';
import type { RealServers } from './servers.js';

window.open = () => null;

const servers = (await (await fetch('/__servers.json')).json()) as RealServers;
const element = document.createElement('parley-comments');
element.setAttribute('backend', 'local');
element.setAttribute('thread', 'redirect-thread');
element.identities = [
  new GuestIdentity(),
  new OpenIdIdentity({
    issuer: servers.oidc.issuer,
    clientId: servers.oidc.clientId,
    label: 'Test ID',
    redirectUri: `${location.origin}${location.pathname}`,
    prompt: 'login',
  }),
];
document.querySelector('#comments')!.append(element);
