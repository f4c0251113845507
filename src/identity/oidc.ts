import { ParleyError } from '../core/errors.js';
import type { Identity } from '../core/types.js';
import { fetchJson, isRecord } from '../backends/http.js';
import { own } from '../backends/guards.js';
import { postForm, readAuthorizationResponse, refused, secureAddress, textOf, thisPage } from './oauth.js';
import { OAuthIdentity, withParams, type Attempt } from './oauth-identity.js';
import { codeChallenge, decodeBase64Url, randomToken } from './pkce.js';
import { identityOf, present } from './user.js';

export { readAuthorizationResponse } from './oauth.js';

export interface OpenIdOptions {
  /** The provider's issuer URL, exactly as its discovery document states it (e.g. `https://gitlab.com`). */
  issuer: string;
  /** The public client's id registered at the provider (no secret: the browser cannot keep one). */
  clientId: string;
  /** Adapter id, also the key of the kept sign-in (default `oidc`). Give each provider its own. */
  id?: string | undefined;
  /** Name on the button and in "You are commenting using your {label} account" (default: the issuer's host). */
  label?: string | undefined;
  /** Icon URL (http(s) or data:image) for the button. */
  icon?: string | undefined;
  /** Scopes to ask for (default `openid profile email`). */
  scope?: string | undefined;
  /** OpenID `prompt`, e.g. `select_account` (choose an account each time) or `login` (always ask to log in). */
  prompt?: string | undefined;
  /**
   * Where the provider sends the reader back; it must be registered at the
   * provider exactly. Default: this page's address without query and hash.
   */
  redirectUri?: string | undefined;
  /**
   * Send the access token to the comment backend as `Authorization: Bearer`
   * (for backends that verify it with the provider). Without it the backend
   * gets the profile only, as it gets a guest's details.
   */
  sendToken?: boolean | undefined;
}

/** The provider endpoints this adapter uses, from its discovery document. */
export interface OpenIdConfiguration {
  issuer: string;
  authorizationEndpoint: string;
  tokenEndpoint: string;
  userinfoEndpoint?: string | undefined;
  /** The provider adds `iss` to its answers (RFC 9207), so an answer without it is refused. */
  issParameter: boolean;
}

/** Leeway for clocks that disagree, in seconds. */
const CLOCK_SKEW = 120;

const discoveries = new Map<string, Promise<OpenIdConfiguration>>();

function endpoint(document: Record<string, unknown>, name: string): string {
  const value = own(document, name);
  if (typeof value !== 'string') throw new ParleyError('server', `The provider's discovery document has no ${name}.`);
  return secureAddress(value, `The provider's ${name}`).href;
}

/** Reads a discovery document; its `issuer` must be the configured one, character for character. */
export function readDiscovery(issuer: string, json: unknown): OpenIdConfiguration {
  if (!isRecord(json)) throw new ParleyError('server', 'The provider sent no discovery document.');
  if (own(json, 'issuer') !== issuer) {
    throw new ParleyError('server', `The provider's discovery document names issuer ${JSON.stringify(own(json, 'issuer'))}, not ${issuer}.`);
  }
  const userinfo = own(json, 'userinfo_endpoint');
  return {
    issuer,
    authorizationEndpoint: endpoint(json, 'authorization_endpoint'),
    tokenEndpoint: endpoint(json, 'token_endpoint'),
    ...(typeof userinfo === 'string' ? { userinfoEndpoint: endpoint(json, 'userinfo_endpoint') } : {}),
    issParameter: own(json, 'authorization_response_iss_parameter_supported') === true,
  };
}

/** OpenID discovery, once per issuer and page; over https (http on this machine only), as the endpoints it names. */
export function discover(issuer: string, signal: AbortSignal): Promise<OpenIdConfiguration> {
  let found = discoveries.get(issuer);
  if (!found) {
    secureAddress(issuer, 'The OpenID issuer');
    found = fetchJson(`${issuer.replace(/\/$/, '')}/.well-known/openid-configuration`, { signal }).then(({ response, body }) => {
      if (!response.ok) throw new ParleyError('server', `The provider's discovery document answered ${response.status}.`, { status: response.status });
      return readDiscovery(issuer, body);
    });
    discoveries.set(issuer, found);
    found.catch(() => discoveries.delete(issuer));
  }
  return found;
}

/** The claims of a JWT, without checking its signature (see checkIdToken). */
export function decodeJwtClaims(jwt: string): Record<string, unknown> {
  const parts = jwt.split('.');
  let claims: unknown;
  try {
    claims = parts.length === 3 ? JSON.parse(decodeBase64Url(parts[1]!)) : undefined;
  } catch {
    claims = undefined;
  }
  if (!isRecord(claims)) throw refused('its ID token is not a JWT');
  return claims;
}

/**
 * Checks an ID token received from the token endpoint (OpenID Connect Core
 * 3.1.3.7): issuer, audience, authorized party, nonce, expiry. Its signature
 * is not checked: the token came straight from the provider's token endpoint
 * over TLS, which the specification accepts in its place (item 6).
 */
export function checkIdToken(
  idToken: string,
  expected: { issuer: string; clientId: string; nonce: string; now?: number },
): Record<string, unknown> {
  const claims = decodeJwtClaims(idToken);
  const now = (expected.now ?? Date.now()) / 1000;
  const audience = own(claims, 'aud');
  const audiences = [audience].flat();
  if (own(claims, 'iss') !== expected.issuer) throw refused(`its ID token comes from issuer ${JSON.stringify(own(claims, 'iss'))}`);
  if (!audiences.includes(expected.clientId)) throw refused('its ID token is meant for another client');
  const azp = own(claims, 'azp');
  if ((audiences.length > 1 || azp !== undefined) && azp !== expected.clientId) throw refused('its ID token was issued to another party');
  if (own(claims, 'nonce') !== expected.nonce) throw refused('its ID token does not carry this sign-in\'s nonce');
  const exp = own(claims, 'exp');
  if (typeof exp !== 'number' || exp + CLOCK_SKEW < now) throw refused('its ID token has expired');
  const iat = own(claims, 'iat');
  if (typeof iat === 'number' && iat - CLOCK_SKEW > now) throw refused('its ID token is issued in the future');
  if (typeof own(claims, 'sub') !== 'string') throw refused('its ID token names no subject');
  return claims;
}

/** Parley's identity from the provider's claims: name, e-mail, website, picture. */
export function identityFromClaims(claims: Record<string, unknown>, provider: { id: string; label: string }): Identity {
  const email = textOf(claims, 'email');
  const name = textOf(claims, 'name') ?? textOf(claims, 'preferred_username') ?? textOf(claims, 'nickname') ?? (email?.split('@')[0] || undefined) ?? provider.label;
  return identityOf({ name, email, url: textOf(claims, 'website') ?? textOf(claims, 'profile'), avatar: textOf(claims, 'picture') }, provider);
}

/**
 * Sign-in with any OpenID Connect provider that allows public browser
 * clients: discovery from the issuer, Authorization Code with PKCE (S256),
 * `state`, `nonce` and `iss` checked, the code exchanged from the browser.
 * Opens a popup; where the browser blocks it, `signInWithRedirect()` goes
 * through the whole page and comes back. Tokens stay in memory, or in
 * `sessionStorage` (this tab only) when the reader asks to be remembered.
 */
export class OpenIdIdentity extends OAuthIdentity {
  readonly id: string;
  readonly label: string;
  readonly icon: string | undefined;
  protected readonly pendingFields = ['nonce'];
  readonly #options: OpenIdOptions;

  constructor(options: OpenIdOptions) {
    super();
    this.#options = options;
    this.id = options.id ?? 'oidc';
    this.label = options.label ?? new URL(options.issuer).host;
    this.icon = options.icon;
  }

  protected get redirectUri(): string {
    return this.#options.redirectUri ?? thisPage();
  }

  protected async prepare(_target: string, secrets: { state: string; verifier: string; redirectUri: string }, signal: AbortSignal): Promise<Attempt> {
    const configuration = await discover(this.#options.issuer, signal);
    const nonce = randomToken();
    const address = withParams(configuration.authorizationEndpoint, {
      response_type: 'code',
      client_id: this.#options.clientId,
      redirect_uri: secrets.redirectUri,
      scope: this.#options.scope ?? 'openid profile email',
      state: secrets.state,
      nonce,
      code_challenge: await codeChallenge(secrets.verifier),
      code_challenge_method: 'S256',
      ...(this.#options.prompt ? { prompt: this.#options.prompt } : {}),
    });
    return { pending: { ...secrets, nonce }, address };
  }

  protected async finish(answer: URL, pending: Record<string, string>, signal: AbortSignal): Promise<Identity> {
    const { state, nonce, verifier, redirectUri } = pending as Record<'state' | 'nonce' | 'verifier' | 'redirectUri', string>;
    const configuration = await discover(this.#options.issuer, signal);
    const code = readAuthorizationResponse(answer, { state, issuer: configuration.issuer, issParameter: configuration.issParameter });
    const body = await postForm(
      configuration.tokenEndpoint,
      { grant_type: 'authorization_code', code, redirect_uri: redirectUri, client_id: this.#options.clientId, code_verifier: verifier },
      signal,
    );
    const idToken = own(body, 'id_token');
    const accessToken = own(body, 'access_token');
    if (typeof idToken !== 'string') throw refused('the provider sent no ID token (is `openid` among the scopes?)');
    let claims = checkIdToken(idToken, { issuer: configuration.issuer, clientId: this.#options.clientId, nonce });
    if (configuration.userinfoEndpoint && typeof accessToken === 'string' && !own(claims, 'name')) {
      claims = { ...claims, ...(await this.#userinfo(configuration.userinfoEndpoint, accessToken, claims, signal)) };
    }
    const expiresIn = own(body, 'expires_in');
    const expiresAt = Date.now() + (typeof expiresIn === 'number' && expiresIn > 0 ? expiresIn : 3600) * 1000;
    const token = this.#options.sendToken && typeof accessToken === 'string' ? accessToken : undefined;
    return { ...identityFromClaims(claims, this), expiresAt, ...present({ token }) };
  }

  /** The userinfo endpoint's claims (its strings); its `sub` must be the ID token's. */
  async #userinfo(address: string, accessToken: string, claims: Record<string, unknown>, signal: AbortSignal): Promise<Record<string, unknown>> {
    const { response, body } = await fetchJson(address, { headers: { Authorization: `Bearer ${accessToken}` }, signal });
    if (!response.ok || !isRecord(body) || own(body, 'sub') !== own(claims, 'sub')) return {};
    // The profile claims read from them are strings, and nothing else is read once the ID token is checked.
    return Object.fromEntries(Object.entries(body).filter(([, value]) => typeof value === 'string'));
  }
}
