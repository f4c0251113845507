import { ParleyError, type ParleyErrorCode, type ParleyErrorOptions } from '../core/errors.js';
import type { Identity } from '../core/types.js';
import { fetchJson, fetchWithin, isRecord } from '../backends/http.js';
import { own } from '../backends/guards.js';
import type { IdentityInput } from './identity-adapter.js';
import { isLoopback, postForm, readAuthorizationResponse, secureAddress, textOf, thisPage } from './oauth.js';
import { OAuthIdentity, withParams, type Attempt } from './oauth-identity.js';
import { codeChallenge } from './pkce.js';
import { identityOf } from './user.js';

export interface IndieAuthIdentityOptions {
  /** Adapter id (default `indieauth`). */
  id?: string | undefined;
  /** Name on the button (default `IndieAuth`). */
  label?: string | undefined;
  icon?: string | undefined;
  /** This site's client id, a URL (default: this site's home page, `origin/`). */
  clientId?: string | undefined;
  /** Where the reader's server sends them back (default: this page's address without query and hash). */
  redirectUri?: string | undefined;
}

/** The reader's IndieAuth server, from their website. */
export interface IndieAuthEndpoints {
  /** Present when the server publishes metadata; then `iss` is checked on its answer. */
  issuer?: string | undefined;
  authorizationEndpoint: string;
}

/**
 * The profile URL a reader typed (`ann.example`, `https://ann.example`):
 * https added, an empty path made `/`, no fragment. Anything else is `invalid`.
 */
export function profileUrl(typed: string): string {
  let text = typed.trim();
  if (!/^[a-z][a-z0-9+.-]*:\/\//i.test(text)) text = `https://${text}`;
  try {
    const url = secureAddress(text, 'A website');
    if (url.username || url.password || (url.port && !isLoopback(url))) throw new Error('not a profile URL');
    url.hash = '';
    return url.href;
  } catch (error) {
    throw new ParleyError('invalid', `"${typed}" is not a website address.`, { cause: error });
  }
}

/**
 * `rel` → URL of the links a page names: in its HTTP `Link` header first,
 * then in its `<link>` elements (read as text: no parser, so nothing of the
 * page runs). The first link of each `rel` counts.
 */
export function pageLinks(header: string | null, html: string, base: string): Map<string, string> {
  const links = new Map<string, string>();
  const add = (rels: string | undefined, href: string): void => {
    for (const rel of (rels ?? '').toLowerCase().split(/\s+/)) if (rel && !links.has(rel)) links.set(rel, new URL(href, base).href);
  };
  for (const match of (header ?? '').matchAll(/<([^>]*)>\s*((?:;\s*[^;,]*)*)/g)) add(/;\s*rel\s*=\s*"?([^";]+)"?/i.exec(match[2]!)?.[1], match[1]!);
  for (const [tag] of html.matchAll(/<link\b[^>]*>/gi)) {
    const attributes = new Map<string, string>();
    for (const match of tag.matchAll(/([a-z-]+)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+))/gi)) {
      attributes.set(match[1]!.toLowerCase(), match[2] ?? match[3] ?? match[4] ?? '');
    }
    const href = attributes.get('href');
    if (href !== undefined) add(attributes.get('rel'), href);
  }
  return links;
}

/**
 * Finds the reader's IndieAuth server from their website: the
 * `indieauth-metadata` link (header first, then HTML), else the older
 * `authorization_endpoint` link. Needs CORS on the website. A website that
 * answers with an error status, or not within the request timeout, is
 * `not_found` (404), `server` or `timeout`.
 */
export async function discoverIndieAuth(profile: string, signal: AbortSignal): Promise<IndieAuthEndpoints> {
  const unread = (code: ParleyErrorCode, why: string, options: ParleyErrorOptions): ParleyError => new ParleyError(code, `Could not read your website ${profile}: ${why}.`, options);
  const { response, body: page } = await fetchWithin(profile, { headers: { Accept: 'text/html' }, signal }, (answer) => answer.text()).catch((error: ParleyError) => {
    signal.throwIfAborted();
    // A website the browser cannot read at all most often allows no cross-origin requests.
    throw error.code === 'timeout' ? unread('timeout', 'it did not answer in time', { cause: error }) : unread('invalid', 'it must allow cross-origin requests', { cause: error });
  });
  const { status } = response;
  if (!response.ok) throw unread(status === 404 ? 'not_found' : 'server', `it answered ${status}`, { status });
  const links = pageLinks(response.headers.get('Link'), page, response.url || profile);
  const metadataUrl = links.get('indieauth-metadata');
  if (metadataUrl) {
    const { response: answer, body } = await fetchJson(secureAddress(metadataUrl, 'The IndieAuth metadata').href, { signal });
    const metadata = answer.ok && isRecord(body) ? body : {};
    const issuer = textOf(metadata, 'issuer');
    const authorization = textOf(metadata, 'authorization_endpoint');
    // The issuer is a prefix of its metadata's address (IndieAuth, section 4.1.1).
    if (!issuer || !authorization || !metadataUrl.startsWith(issuer)) throw new ParleyError('invalid', `${profile} points to IndieAuth metadata that could not be read, or without a valid issuer.`);
    return { issuer, authorizationEndpoint: secureAddress(authorization, 'The authorization endpoint').href };
  }
  const authorization = links.get('authorization_endpoint');
  if (!authorization) throw new ParleyError('invalid', `${profile} names no IndieAuth server.`);
  return { authorizationEndpoint: secureAddress(authorization, 'The authorization endpoint').href };
}

/**
 * IndieAuth: the reader signs in with their own website. Its server is found
 * from the site, the reader approves there in a popup (PKCE, `state` and
 * `iss` checked), and the profile URL it confirms must be the one the reader
 * typed, or a website that names the same server.
 */
export class IndieAuthIdentity extends OAuthIdentity {
  readonly id: string;
  readonly label: string;
  readonly icon: string | undefined;
  readonly input: IdentityInput = { label: 'Your website', labelKey: 'yourWebsite', placeholder: 'https://you.example', type: 'url', autocomplete: 'url' };
  protected readonly pendingFields = ['clientId', 'profile', 'authorizationEndpoint', 'issuer'];
  readonly #options: IndieAuthIdentityOptions;

  constructor(options: IndieAuthIdentityOptions = {}) {
    super();
    this.#options = options;
    this.id = options.id ?? 'indieauth';
    this.label = options.label ?? 'IndieAuth';
    this.icon = options.icon;
  }

  protected get redirectUri(): string {
    return this.#options.redirectUri ?? thisPage();
  }

  protected override target(input: string | undefined): string {
    return profileUrl(input ?? '');
  }

  protected async prepare(profile: string, secrets: { state: string; verifier: string; redirectUri: string }, signal: AbortSignal): Promise<Attempt> {
    const clientId = this.#options.clientId ?? `${location.origin}/`;
    const endpoints = await discoverIndieAuth(profile, signal);
    const address = withParams(endpoints.authorizationEndpoint, {
      response_type: 'code',
      client_id: clientId,
      redirect_uri: secrets.redirectUri,
      state: secrets.state,
      code_challenge: await codeChallenge(secrets.verifier),
      code_challenge_method: 'S256',
      scope: 'profile email',
      me: profile,
    });
    return { pending: { ...secrets, clientId, profile, ...endpoints, issuer: endpoints.issuer ?? '' }, address };
  }

  protected async finish(answer: URL, pending: Record<string, string>, signal: AbortSignal): Promise<Identity> {
    const { state, verifier, clientId, redirectUri, profile, authorizationEndpoint, issuer } = pending as Record<string, string>;
    const code = readAuthorizationResponse(answer, { state: state!, ...(issuer ? { issuer, issParameter: true } : { server: new URL(authorizationEndpoint!).origin }) });
    // Only the profile is wanted: the code is redeemed at the authorization endpoint (IndieAuth, section 5.3.1).
    const body = await postForm(
      authorizationEndpoint!,
      { grant_type: 'authorization_code', code, client_id: clientId!, redirect_uri: redirectUri!, code_verifier: verifier! },
      signal,
    );
    const identity = identityFromIndieAuth(body, this);
    const { url } = identity;
    // IndieAuth, section 5.4: a server may not vouch for somebody else's website, even on the same host.
    if (url !== profile && (await discoverIndieAuth(url!, signal).catch(() => void signal.throwIfAborted()))?.authorizationEndpoint !== authorizationEndpoint) {
      throw new ParleyError('forbidden', `The IndieAuth server confirmed ${url}, which is not ${profile} and does not name that server.`);
    }
    return identity;
  }
}

/**
 * The identity from the server's answer: its `me`, a profile URL, is the
 * website. When that is not the one the reader typed, the caller checks
 * that it names the same server.
 */
export function identityFromIndieAuth(body: Record<string, unknown>, provider: { id: string; label: string }): Identity {
  let confirmed: URL;
  try {
    confirmed = new URL(profileUrl(textOf(body, 'me') ?? ''));
  } catch {
    throw new ParleyError('forbidden', 'The IndieAuth server confirmed no profile URL.');
  }
  const profile = own(body, 'profile');
  const details = isRecord(profile) ? profile : {};
  return identityOf({ name: textOf(details, 'name') ?? confirmed.host, url: confirmed.href, avatar: textOf(details, 'photo'), email: textOf(details, 'email') }, provider);
}
