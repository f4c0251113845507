/**
 * The sign-in flow of the guest-only script tags (dist/parley.js,
 * dist/parley-waline.js; the build puts this file in place of
 * `src/elements/provider-sign-in.ts`). Their `data-identities` knows only the
 * guest, whose fields are the form's own, so the provider flow would be dead
 * weight. An adapter without fields that a page hands such an element anyway
 * (a provider, the site's own login) is left out, and the page told where the
 * flow comes from: used, it would sign the reader in with no way to sign out.
 */
import { html, nothing } from 'lit/html.js';
import type { CreateSignInFlow } from '../elements/sign-in-flow.js';

let warned = false;

export const createSignInFlow: CreateSignInFlow = () => ({
  uses(adapter) {
    const guest = !!adapter.fields?.length;
    if (!guest && !warned) {
      warned = true;
      console.warn('[parley] sign-in providers need parley-sign-in.js (or the npm package); this script signs in guests only.');
    }
    return guest;
  },
  // No adapter it uses signs in: there are no buttons, and no signed-in line to show.
  renderProviders: () => nothing,
  renderSignedIn: () => html``,
  signOut: async () => {},
  expired: async () => {},
  abort() {},
});
