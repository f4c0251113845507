/**
 * A real OpenID Connect provider (`oidc-provider`) for the identity tests,
 * on 127.0.0.1 in the test runner's process: one public client with PKCE,
 * its login and consent pages (any login, any password), and accounts whose
 * claims the tests know.
 */
import { createServer } from 'node:http';
import Provider from 'oidc-provider';

export const OIDC_CLIENT_ID = 'parley-test';

/** Claims of the accounts the tests sign in as (the login typed picks one). */
export const OIDC_ACCOUNTS = {
  ada: { name: 'Ada Lovelace', email: 'ada@example.org', website: 'https://ada.example.org/' },
  grace: { name: 'Grace Hopper', email: 'grace@example.org' },
};

/** Starts the provider; `redirectUris` are the exact return addresses of the test pages. */
export async function startOidcProvider({ redirectUris }) {
  const server = createServer();
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const issuer = `http://127.0.0.1:${server.address().port}`;
  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: OIDC_CLIENT_ID,
        token_endpoint_auth_method: 'none',
        response_types: ['code'],
        grant_types: ['authorization_code'],
        redirect_uris: redirectUris,
      },
    ],
    claims: { openid: ['sub'], profile: ['name', 'website', 'picture'], email: ['email'] },
    conformIdTokenClaims: false,
    cookies: { keys: ['parley-test-cookie-key'] },
    features: { devInteractions: { enabled: true } },
    // Token endpoint CORS only for the origins of a client's redirect addresses, as a production provider does.
    clientBasedCORS: (_context, origin, client) => client.redirectUris.some((uri) => new URL(uri).origin === origin),
    ttl: { AccessToken: 3600, AuthorizationCode: 60, IdToken: 3600, Interaction: 600, Session: 3600, Grant: 3600 },
    async findAccount(_context, id) {
      const claims = OIDC_ACCOUNTS[id] ?? { name: id };
      return { accountId: id, claims: async () => ({ sub: id, ...claims }) };
    },
  });
  // The provider warns at each start on this Node.js version; it works.
  provider.on('server_error', (_context, error) => console.error('[oidc-provider]', error));
  server.on('request', provider.callback());
  return {
    issuer,
    clientId: OIDC_CLIENT_ID,
    stop: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
