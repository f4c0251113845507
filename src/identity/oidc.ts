import { ParleyError } from '../core/errors.js';
import type { Identity } from '../core/types.js';
import { fetchJson, isRecord } from '../backends/http.js';
import { own } from '../backends/guards.js';
import type { IdentityAdapter, SignInRequest } from './identity-adapter.js';
import { finishReturn, forgetSignIn, keepSignIn, keptSignIn, postForm, readAuthorizationResponse, redirectForSignIn, refused, returnFromSignIn, secureAddress, textOf } from './oauth.js';
import { codeChallenge, decodeBase64Url, randomToken } from './pkce.js';
import { openSignInWindow, waitForRedirect } from './popup.js';

export { readAuthorizationResponse } from './oauth.js';

export interface OpenIdOptions {
  /** The provider's issuer URL, exactly as its discovery document states it (e.g. `https://gitlab.com`). */
  issuer: string;
  /** The public client's id registered at the provider (no secret: the browser cannot keep one). */
  clientId: string;
  /** Adapter id, also the key of the kept sign-in (default `oidc`). Give each provider its own. */
  id?: string;
  /** Name on the button and in "You are commenting using your {label} account" (default: the issuer's host). */
  label?: string;
  /** Icon URL (https or data:image) for the button. */
  icon?: string;
  /** Scopes to ask for (default `openid profile email`). */
  scope?: string;
  /** OpenID `prompt`, e.g. `select_account` (choose an account each time) or `login` (always ask to log in). */
  prompt?: string;
  /**
   * Where the provider sends the reader back; it must be registered at the
   * provider exactly. Default: this page's address without query and hash.
   */
  redirectUri?: string;
  /**
   * Send the access token to the comment backend as `Authorization: Bearer`
   * (for backends that verify it with the provider). Without it the backend
   * gets the profile only, as it gets a guest's details.
   */
  sendToken?: boolean;
}

/** The provider endpoints this adapter uses, from its discovery document. */
export interface OpenIdConfiguration {
  issuer: string;
  authorizationEndpoint: string;
  tokenEndpoint: string;
  userinfoEndpoint?: string;
  /** The provider adds `iss` to its answers (RFC 9207), so an answer without it is refused. */
  issParameter: boolean;
}

/** What one sign-in attempt must find again in the provider's answer. */
interface PendingSignIn {
  state: string;
  nonce: string;
  verifier: string;
  redirectUri: string;
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

/** OpenID discovery, once per issuer and page. */
export function discover(issuer: string, signal: AbortSignal): Promise<OpenIdConfiguration> {
  let found = discoveries.get(issuer);
  if (!found) {
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
  const audiences = Array.isArray(audience) ? audience : [audience];
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
  const url = textOf(claims, 'website') ?? textOf(claims, 'profile');
  const avatar = textOf(claims, 'picture');
  return {
    provider: provider.id,
    providerLabel: provider.label,
    name: textOf(claims, 'name') ?? textOf(claims, 'preferred_username') ?? textOf(claims, 'nickname') ?? (email?.split('@')[0] || undefined) ?? provider.label,
    ...(email ? { email } : {}),
    ...(url ? { url } : {}),
    ...(avatar ? { avatar } : {}),
    guest: false,
  };
}

/**
 * Sign-in with any OpenID Connect provider that allows public browser
 * clients: discovery from the issuer, Authorization Code with PKCE (S256),
 * `state`, `nonce` and `iss` checked, the code exchanged from the browser.
 * Opens a popup; where the browser blocks it, `signInWithRedirect()` goes
 * through the whole page and comes back. Tokens stay in memory, or in
 * `sessionStorage` (this tab only) when the reader asks to be remembered.
 */
export class OpenIdIdentity implements IdentityAdapter {
  readonly id: string;
  readonly label: string;
  readonly icon: string | undefined;
  readonly #options: OpenIdOptions;
  #identity: Identity | null = null;

  constructor(options: OpenIdOptions) {
    this.#options = options;
    this.id = options.id ?? 'oidc';
    this.label = options.label ?? new URL(options.issuer).host;
    this.icon = options.icon;
  }

  get #redirectUri(): string {
    return this.#options.redirectUri ?? `${location.origin}${location.pathname}`;
  }

  async restore(): Promise<Identity | null> {
    const returning = await this.#completeRedirect();
    if (returning) return returning;
    if (this.#identity && (this.#identity.expiresAt ?? Infinity) > Date.now()) return this.#identity;
    this.#identity = keptSignIn(this);
    return this.#identity;
  }

  signIn(request: SignInRequest = {}): Promise<Identity> {
    // Synchronously, before any await: a popup opened later is blocked.
    let popup: Window;
    try {
      popup = openSignInWindow();
    } catch (error) {
      return Promise.reject(error);
    }
    return this.#signInThrough(popup, request).finally(() => popup.close());
  }

  /**
   * The fallback when the popup is blocked: the whole page goes to the
   * provider and comes back to the redirect address, where `restore()`
   * finishes the sign-in. Save anything the reader typed first.
   */
  async signInWithRedirect(request: SignInRequest = {}): Promise<void> {
    const signal = request.signal ?? new AbortController().signal;
    const pending = this.#newAttempt();
    const address = await this.#authorizationUrl(pending, signal);
    redirectForSignIn(this.id, { ...pending }, request.remember ?? false, address);
  }

  async signOut(): Promise<void> {
    this.#identity = null;
    forgetSignIn(this.id);
  }

  #newAttempt(): PendingSignIn {
    if (!globalThis.crypto?.subtle) {
      throw new ParleyError('forbidden', 'Signing in needs a secure page (https): the browser offers no PKCE hashing here.');
    }
    return { state: randomToken(), nonce: randomToken(), verifier: randomToken(), redirectUri: this.#redirectUri };
  }

  async #authorizationUrl(pending: PendingSignIn, signal: AbortSignal): Promise<string> {
    const configuration = await discover(this.#options.issuer, signal);
    const address = new URL(configuration.authorizationEndpoint);
    const params = {
      response_type: 'code',
      client_id: this.#options.clientId,
      redirect_uri: pending.redirectUri,
      scope: this.#options.scope ?? 'openid profile email',
      state: pending.state,
      nonce: pending.nonce,
      code_challenge: await codeChallenge(pending.verifier),
      code_challenge_method: 'S256',
      ...(this.#options.prompt ? { prompt: this.#options.prompt } : {}),
    };
    for (const [name, value] of Object.entries(params)) address.searchParams.set(name, value);
    return address.href;
  }

  async #signInThrough(popup: Window, request: SignInRequest): Promise<Identity> {
    const signal = request.signal ?? new AbortController().signal;
    const pending = this.#newAttempt();
    popup.location.href = await this.#authorizationUrl(pending, signal);
    const answer = await waitForRedirect(popup, pending.redirectUri, signal);
    popup.close();
    return this.#finish(answer, pending, request.remember ?? false, signal);
  }

  /** Finishes a sign-in that went through the whole page, when this page is its way back. */
  async #completeRedirect(): Promise<Identity | null> {
    const back = returnFromSignIn(this.id, ['nonce', 'verifier', 'redirectUri']);
    if (!back) return null;
    return finishReturn(back, (answer, pending, remember) =>
      this.#finish(answer, pending as unknown as PendingSignIn, remember, new AbortController().signal),
    );
  }

  async #finish(answer: URL, pending: PendingSignIn, remember: boolean, signal: AbortSignal): Promise<Identity> {
    const configuration = await discover(this.#options.issuer, signal);
    const code = readAuthorizationResponse(answer, { state: pending.state, issuer: configuration.issuer, issParameter: configuration.issParameter });
    const body = await postForm(
      configuration.tokenEndpoint,
      { grant_type: 'authorization_code', code, redirect_uri: pending.redirectUri, client_id: this.#options.clientId, code_verifier: pending.verifier },
      signal,
    );
    const idToken = own(body, 'id_token');
    const accessToken = own(body, 'access_token');
    if (typeof idToken !== 'string') throw refused('the provider sent no ID token (is `openid` among the scopes?)');
    let claims = checkIdToken(idToken, { issuer: configuration.issuer, clientId: this.#options.clientId, nonce: pending.nonce });
    if (configuration.userinfoEndpoint && typeof accessToken === 'string' && !own(claims, 'name')) {
      claims = { ...claims, ...(await this.#userinfo(configuration.userinfoEndpoint, accessToken, claims, signal)) };
    }
    const expiresIn = own(body, 'expires_in');
    const expiresAt = Date.now() + (typeof expiresIn === 'number' && expiresIn > 0 ? expiresIn : 3600) * 1000;
    const token = this.#options.sendToken && typeof accessToken === 'string' ? accessToken : undefined;
    this.#identity = { ...identityFromClaims(claims, this), expiresAt, ...(token ? { token } : {}) };
    if (remember) keepSignIn(this.#identity);
    return this.#identity;
  }

  /** Profile claims from the userinfo endpoint; its `sub` must be the ID token's. */
  async #userinfo(address: string, accessToken: string, claims: Record<string, unknown>, signal: AbortSignal): Promise<Record<string, unknown>> {
    const { response, body } = await fetchJson(address, { headers: { Authorization: `Bearer ${accessToken}` }, signal });
    if (!response.ok || !isRecord(body) || own(body, 'sub') !== own(claims, 'sub')) return {};
    const profile: Record<string, unknown> = {};
    for (const name of ['name', 'preferred_username', 'nickname', 'email', 'website', 'profile', 'picture']) {
      const value = own(body, name);
      if (typeof value === 'string') profile[name] = value;
    }
    return profile;
  }
}
