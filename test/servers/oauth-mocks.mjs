/**
 * Small mock servers of the documented Mastodon and IndieAuth endpoints (no
 * real server of either starts on a test machine), on 127.0.0.1. Both check
 * what a real one checks: registered client and redirect address, PKCE S256,
 * codes used once; their consent pages approve at once.
 *
 * Mastodon (https://docs.joinmastodon.org/methods/apps/, /methods/oauth/):
 *   POST /api/v1/apps, GET /oauth/authorize, POST /oauth/token,
 *   GET /api/v1/accounts/verify_credentials
 * IndieAuth (https://indieauth.spec.indieweb.org/):
 *   GET /indie/<name>/ (a profile page with its metadata link; `header` sends
 *   it as a Link header instead), GET /indie/metadata, GET /indie/auth
 *   (authorization), POST /indie/auth (profile redemption).
 *   Profile names that change the answer: `denied` (the reader declines),
 *   `wrong-iss` (another issuer), `impostor` (confirms a profile on another host).
 */
import { createHash, randomBytes } from 'node:crypto';
import { createServer } from 'node:http';

const s256 = (verifier) => createHash('sha256').update(verifier).digest('base64url');
const token = () => randomBytes(16).toString('base64url');

async function readBody(request) {
  const chunks = [];
  for await (const chunk of request) chunks.push(chunk);
  const text = Buffer.concat(chunks).toString('utf8');
  return (request.headers['content-type'] ?? '').includes('json') ? JSON.parse(text || '{}') : Object.fromEntries(new URLSearchParams(text));
}

export async function startOAuthMocks() {
  const apps = new Map(); // client_id → { secret, redirectUri }
  const codes = new Map(); // code → { kind, client, redirectUri, challenge, me }
  const tokens = new Map(); // access token → account
  const log = { appsRegistered: 0, tokensIssued: 0, refused: [] };
  const server = createServer();
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${server.address().port}`;
  const issuer = `${origin}/indie/`;

  const send = (response, status, body, headers = {}) => {
    const json = typeof body !== 'string';
    response.writeHead(status, { 'Content-Type': json ? 'application/json' : 'text/html; charset=utf-8', ...headers });
    response.end(json ? JSON.stringify(body) : body);
  };
  const refuse = (response, why) => {
    log.refused.push(why);
    send(response, 400, { error: 'invalid_grant', error_description: why });
  };
  const redirect = (response, target, params) => {
    const url = new URL(target);
    for (const [name, value] of Object.entries(params)) url.searchParams.set(name, value);
    response.writeHead(302, { Location: url.href });
    response.end();
  };

  /** Checks a code's redemption as both protocols require: once, same client and address, the PKCE verifier. */
  const redeem = (response, body, kind) => {
    const grant = codes.get(body.code);
    codes.delete(body.code);
    if (!grant || grant.kind !== kind) return refuse(response, 'unknown or used code');
    if (grant.client !== body.client_id) return refuse(response, 'another client');
    if (grant.redirectUri !== body.redirect_uri) return refuse(response, 'another redirect_uri');
    if (s256(body.code_verifier ?? '') !== grant.challenge) return refuse(response, 'PKCE verifier does not match');
    return grant;
  };

  server.on('request', async (request, response) => {
    // Browsers call these from another origin.
    response.setHeader('Access-Control-Allow-Origin', '*');
    response.setHeader('Access-Control-Allow-Headers', 'Authorization, Content-Type');
    response.setHeader('Access-Control-Expose-Headers', 'Link');
    if (request.method === 'OPTIONS') return send(response, 204, '');
    const url = new URL(request.url, origin);
    const query = Object.fromEntries(url.searchParams);

    // ---- Mastodon
    if (request.method === 'POST' && url.pathname === '/api/v1/apps') {
      const body = await readBody(request);
      if (!body.client_name || !body.redirect_uris) return send(response, 422, { error: 'Validation failed' });
      const app = { id: token(), client_id: token(), client_secret: token(), redirect_uri: body.redirect_uris, name: body.client_name };
      apps.set(app.client_id, { secret: app.client_secret, redirectUri: body.redirect_uris });
      log.appsRegistered += 1;
      return send(response, 200, app);
    }
    if (request.method === 'GET' && url.pathname === '/oauth/authorize') {
      const app = apps.get(query.client_id);
      if (!app || app.redirectUri !== query.redirect_uri) return send(response, 400, '<p>Unknown client or redirect address.</p>');
      if (query.code_challenge_method !== 'S256' || !query.code_challenge) return send(response, 400, '<p>PKCE required.</p>');
      const code = token();
      codes.set(code, { kind: 'mastodon', client: query.client_id, redirectUri: query.redirect_uri, challenge: query.code_challenge });
      return redirect(response, query.redirect_uri, { code, state: query.state });
    }
    if (request.method === 'POST' && url.pathname === '/oauth/token') {
      const body = await readBody(request);
      const grant = redeem(response, body, 'mastodon');
      if (!grant) return undefined;
      if (apps.get(body.client_id)?.secret !== body.client_secret) return refuse(response, 'wrong client secret');
      const accessToken = token();
      tokens.set(accessToken, { username: 'ann', display_name: 'Ann on Mastodon', url: `${origin}/@ann`, avatar: `${origin}/avatars/ann.png` });
      log.tokensIssued += 1;
      return send(response, 200, { access_token: accessToken, token_type: 'Bearer', scope: 'read:accounts', created_at: Date.now() / 1000 });
    }
    if (request.method === 'GET' && url.pathname === '/api/v1/accounts/verify_credentials') {
      const account = tokens.get(/^Bearer (.+)$/.exec(request.headers.authorization ?? '')?.[1]);
      return account ? send(response, 200, account) : send(response, 401, { error: 'The access token is invalid' });
    }

    // ---- IndieAuth
    const profile = /^\/indie\/([a-z-]+)\/$/.exec(url.pathname);
    if (request.method === 'GET' && profile && profile[1] !== 'auth') {
      const metadata = `${origin}/indie/metadata`;
      if (profile[1] === 'header') return send(response, 200, '<p>A profile page.</p>', { Link: `<${metadata}>; rel="indieauth-metadata"` });
      return send(response, 200, `<!doctype html><link rel="me" href="https://elsewhere.example/"><link href='${metadata}' rel="indieauth-metadata"><p>A profile page.</p>`);
    }
    if (request.method === 'GET' && url.pathname === '/indie/metadata') {
      return send(response, 200, { issuer, authorization_endpoint: `${origin}/indie/auth`, token_endpoint: `${origin}/indie/token`, code_challenge_methods_supported: ['S256'] });
    }
    if (request.method === 'GET' && url.pathname === '/indie/auth') {
      if (query.code_challenge_method !== 'S256' || !query.code_challenge || !query.client_id) return send(response, 400, '<p>Bad request.</p>');
      if (query.me?.includes('/denied/')) return redirect(response, query.redirect_uri, { error: 'access_denied', state: query.state, iss: issuer });
      const code = token();
      codes.set(code, { kind: 'indieauth', client: query.client_id, redirectUri: query.redirect_uri, challenge: query.code_challenge, me: query.me });
      const iss = query.me?.includes('/wrong-iss/') ? 'https://other-issuer.example/' : issuer;
      return redirect(response, query.redirect_uri, { code, state: query.state, iss });
    }
    if (request.method === 'POST' && url.pathname === '/indie/auth') {
      const grant = redeem(response, await readBody(request), 'indieauth');
      if (!grant) return undefined;
      const me = grant.me.includes('/impostor/') ? 'https://somebody-else.example/' : grant.me;
      log.tokensIssued += 1;
      return send(response, 200, { me, profile: { name: 'Ann Example', photo: `${origin}/avatars/ann.png`, email: 'ann@example.org' } });
    }

    if (url.pathname === '/__log') return send(response, 200, log);
    return send(response, 404, { error: 'Not found' });
  });

  return { origin, stop: () => new Promise((resolve) => server.close(() => resolve())) };
}
