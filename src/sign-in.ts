/**
 * Side-effect entry: lets the script tag's `data-identities` name the sign-in
 * providers, each set up by its own `data-<name>-…` attributes. Kept out of
 * the default bundle; the script tag with it is dist/parley-sign-in.js.
 */
import { identityFactories } from './embed/identities.js';
import { BrokeredIdentity } from './identity/brokered.js';
import { IndieAuthIdentity } from './identity/indieauth.js';
import { MastodonIdentity } from './identity/mastodon.js';
import { OpenIdIdentity, type OpenIdOptions } from './identity/oidc.js';
import { openIdPresets } from './identity/oidc-presets.js';
import { SiteIdentity } from './identity/site.js';
import { readUser } from './identity/user.js';

/** The settings every OAuth provider takes: `data-<name>-redirect-uri`, `-send-token`, `-label`, `-icon`. */
function common(settings: DOMStringMap, prefix: string): Partial<OpenIdOptions> {
  const get = (key: string) => settings[`${prefix}${key}`];
  return {
    ...(get('RedirectUri') ? { redirectUri: get('RedirectUri')! } : {}),
    ...(get('SendToken') === 'true' ? { sendToken: true } : {}),
    ...(get('Label') ? { label: get('Label')! } : {}),
    ...(get('Icon') ? { icon: get('Icon')! } : {}),
  };
}

function needs(name: string, attribute: string): string {
  return `"${name}" needs data-${attribute}`;
}

Object.assign(identityFactories, {
  oidc: (s: DOMStringMap) =>
    s.oidcIssuer && s.oidcClientId
      ? new OpenIdIdentity({
          issuer: s.oidcIssuer,
          clientId: s.oidcClientId,
          ...common(s, 'oidc'),
          ...(s.oidcScope ? { scope: s.oidcScope } : {}),
          ...(s.oidcPrompt ? { prompt: s.oidcPrompt } : {}),
        })
      : needs('oidc', 'oidc-issuer and data-oidc-client-id'),
  gitlab: (s: DOMStringMap) =>
    s.gitlabClientId ? new OpenIdIdentity(openIdPresets.gitlab({ clientId: s.gitlabClientId, ...common(s, 'gitlab') }, s.gitlabHost)) : needs('gitlab', 'gitlab-client-id'),
  microsoft: (s: DOMStringMap) =>
    s.microsoftClientId
      ? new OpenIdIdentity(openIdPresets.microsoft({ clientId: s.microsoftClientId, ...common(s, 'microsoft') }, s.microsoftTenant))
      : needs('microsoft', 'microsoft-client-id'),
  mastodon: (s: DOMStringMap) => new MastodonIdentity(common(s, 'mastodon')),
  indieauth: (s: DOMStringMap) => {
    const { redirectUri, label, icon } = common(s, 'indieauth');
    return new IndieAuthIdentity({ redirectUri, label, icon, ...(s.indieauthClientId ? { clientId: s.indieauthClientId } : {}) });
  },
  site: (s: DOMStringMap) => {
    if (!s.siteLabel) return needs('site', 'site-label');
    let user = null;
    try {
      // A server-rendered page may write the signed-in user here; pages can also dispatch `parley-site-user`.
      user = readUser(s.siteUser ? JSON.parse(s.siteUser) : null);
    } catch {
      console.warn('[parley] data-site-user is not JSON; nobody is signed in.');
    }
    return new SiteIdentity({ label: s.siteLabel, user, ...(s.siteLoginUrl ? { loginUrl: s.siteLoginUrl } : {}) });
  },
  broker: (s: DOMStringMap) =>
    s.brokerLoginUrl && s.brokerLabel
      ? new BrokeredIdentity({ id: 'broker', label: s.brokerLabel, loginUrl: s.brokerLoginUrl, ...(s.brokerIcon ? { icon: s.brokerIcon } : {}) })
      : needs('broker', 'broker-login-url and data-broker-label'),
});
