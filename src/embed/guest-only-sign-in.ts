/**
 * The sign-in flow of the guest-only script tags (dist/parley.js,
 * dist/parley-waline.js; the build puts this file in place of
 * `src/elements/provider-sign-in.ts`). Their `data-identities` knows only the
 * guest, whose fields are the form's own, so the provider flow would be dead
 * weight. A page that hands such an element a provider adapter anyway is told
 * where the flow comes from.
 */
import { html, nothing } from 'lit/html.js';
import type { CreateSignInFlow } from '../elements/sign-in-flow.js';

let warned = false;

export const createSignInFlow: CreateSignInFlow = (host) => ({
  renderProviders(providers) {
    if (providers.length > 0 && !warned) {
      warned = true;
      console.warn('[parley] sign-in providers need parley-sign-in.js (or the npm package); this script signs in guests only.');
    }
    return nothing;
  },
  renderSignedIn: (identity) => html`<p part="identity identity-signed-in">${host.t('signedInAs', { provider: identity.providerLabel })}</p>`,
  async signOut() {
    host.setIdentity(null);
  },
  async expired() {
    host.setIdentity(null);
    host.setNotice({ kind: 'error', key: 'errorSignInExpired' });
  },
  abort() {},
});
