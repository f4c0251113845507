import type { OpenIdOptions } from './oidc.js';

/** Settings a preset takes: the client id, plus anything of OpenIdOptions to override. */
type PresetOptions = Omit<OpenIdOptions, 'issuer'> & { clientId: string };

/**
 * Ready settings for providers that accept public browser clients (PKCE, no
 * secret, CORS on the token endpoint). Each returns options for
 * `new OpenIdIdentity(…)`; register the redirect address with the provider.
 * Google is not among them: its token endpoint asks web clients for a secret,
 * which a page cannot keep (sign in with Google through `BrokeredIdentity`).
 */
export const openIdPresets = {
  gitlab: (options: PresetOptions, host = 'https://gitlab.com'): OpenIdOptions => ({ id: 'gitlab', label: 'GitLab', scope: 'openid profile email', ...options, issuer: host }),
  /** Personal Microsoft accounts (the `consumers` tenant, whose issuer is fixed); pass `tenant` for a work directory. */
  microsoft: (options: PresetOptions, tenant = '9188040d-6c67-4c5b-b112-36a304b66dad'): OpenIdOptions => ({
    id: 'microsoft',
    label: 'Microsoft',
    ...options,
    issuer: `https://login.microsoftonline.com/${tenant}/v2.0`,
  }),
  /** `domain`: the Auth0 tenant, e.g. `example.eu.auth0.com`. */
  auth0: (options: PresetOptions, domain: string): OpenIdOptions => ({ id: 'auth0', label: 'Auth0', ...options, issuer: `https://${domain}/` }),
  /** `url`: the Keycloak server, e.g. `https://sso.example`; `realm`: its realm. */
  keycloak: (options: PresetOptions, url: string, realm: string): OpenIdOptions => ({
    id: 'keycloak',
    label: 'Keycloak',
    ...options,
    issuer: `${url.replace(/\/$/, '')}/realms/${realm}`,
  }),
};
