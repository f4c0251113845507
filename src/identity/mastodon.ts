import { ParleyError } from '../core/errors.js';
import { pageLocalStorage, readStored, writeStored } from '../core/local-storage.js';
import type { Identity } from '../core/types.js';
import { fetchJson, isRecord } from '../backends/http.js';
import type { IdentityInput } from './identity-adapter.js';
import { postForm, readAuthorizationResponse, secureAddress, textOf, thisPage } from './oauth.js';
import { OAuthIdentity, withParams, type Attempt } from './oauth-identity.js';
import { codeChallenge } from './pkce.js';
import { identityOf } from './user.js';

export interface MastodonIdentityOptions {
  /** Adapter id (default `mastodon`). */
  id?: string | undefined;
  /** Name on the button (default `Mastodon`). */
  label?: string | undefined;
  icon?: string | undefined;
  /** The app name a Mastodon server shows when asking the reader (default: this site's host). */
  clientName?: string | undefined;
  /** Where the server sends the reader back (default: this page's address without query and hash). */
  redirectUri?: string | undefined;
  /** Send the access token to the comment backend as `Authorization: Bearer` (for backends that verify it with the server). */
  sendToken?: boolean | undefined;
}

/** The app a Mastodon server registered for this site, kept per server and redirect address. */
interface RegisteredApp {
  clientId: string;
  clientSecret: string;
}

const SCOPE = 'read:accounts';

/**
 * The server a reader typed: `mastodon.social`, `https://mastodon.social`
 * or a handle such as `@ann@mastodon.social`. Returns its origin; anything
 * else is `invalid`.
 */
export function mastodonServer(typed: string): string {
  let text = typed.trim();
  const handle = /^@?[^@\s/]+@([^@\s/]+)$/.exec(text);
  if (handle) text = handle[1]!;
  if (!/^[a-z][a-z0-9+.-]*:\/\//i.test(text)) text = `https://${text}`;
  try {
    const url = secureAddress(text, 'A Mastodon server');
    if (!url.hostname.includes('.') && url.hostname !== 'localhost') throw new Error('no domain');
    return url.origin;
  } catch (error) {
    throw new ParleyError('invalid', `"${typed}" is not a Mastodon server address.`, { cause: error });
  }
}

/**
 * Sign-in with the reader's own Mastodon server (or any server with its
 * API): Parley registers itself as an app there (once per server, kept in
 * localStorage), then runs OAuth with PKCE in a popup and reads the account.
 */
export class MastodonIdentity extends OAuthIdentity {
  readonly id: string;
  readonly label: string;
  readonly icon: string | undefined;
  readonly input: IdentityInput = { label: 'Your Mastodon server', labelKey: 'mastodonServer', placeholder: 'mastodon.social', type: 'text', autocomplete: 'off' };
  protected readonly pendingFields = ['server', 'clientId', 'clientSecret'];
  readonly #options: MastodonIdentityOptions;

  constructor(options: MastodonIdentityOptions = {}) {
    super();
    this.#options = options;
    this.id = options.id ?? 'mastodon';
    this.label = options.label ?? 'Mastodon';
    this.icon = options.icon;
  }

  protected get redirectUri(): string {
    return this.#options.redirectUri ?? thisPage();
  }

  protected override target(input: string | undefined): string {
    return mastodonServer(input ?? '');
  }

  protected async prepare(server: string, secrets: { state: string; verifier: string; redirectUri: string }, signal: AbortSignal): Promise<Attempt> {
    const app = await this.#app(server, secrets.redirectUri, signal);
    const address = withParams(new URL('/oauth/authorize', server).href, {
      response_type: 'code',
      client_id: app.clientId,
      redirect_uri: secrets.redirectUri,
      scope: SCOPE,
      state: secrets.state,
      code_challenge: await codeChallenge(secrets.verifier),
      code_challenge_method: 'S256',
    });
    return { pending: { ...secrets, server, ...app }, address };
  }

  protected async finish(answer: URL, pending: Record<string, string>, signal: AbortSignal): Promise<Identity> {
    const { state, verifier, redirectUri, server, clientId, clientSecret } = pending as Record<string, string>;
    const code = readAuthorizationResponse(answer, { state: state!, server: server! });
    const tokens = await postForm(
      new URL('/oauth/token', server).href,
      { grant_type: 'authorization_code', code, client_id: clientId!, client_secret: clientSecret!, redirect_uri: redirectUri!, code_verifier: verifier!, scope: SCOPE },
      signal,
    );
    const accessToken = textOf(tokens, 'access_token');
    if (!accessToken) throw new ParleyError('unauthorized', 'The Mastodon server sent no access token.');
    return this.#account(server!, accessToken, signal);
  }

  /** This site's app on `server`: registered once, then kept. A server that cannot register it is not one. */
  async #app(server: string, redirectUri: string, signal: AbortSignal): Promise<RegisteredApp> {
    const key = `parley:mastodon-app:${server}:${redirectUri}`;
    const kept = readStored(pageLocalStorage(), key);
    if (isRecord(kept)) {
      const clientId = textOf(kept, 'clientId');
      const clientSecret = textOf(kept, 'clientSecret');
      if (clientId && clientSecret) return { clientId, clientSecret };
    }
    const { response, body } = await fetchJson(new URL('/api/v1/apps', server).href, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ client_name: this.#options.clientName ?? location.host, redirect_uris: redirectUri, scopes: SCOPE, website: location.origin }),
      signal,
    }).catch((error: unknown) => {
      signal.throwIfAborted();
      throw new ParleyError('invalid', `No Mastodon server answered at ${server}.`, { cause: error });
    });
    const registered = response.ok && isRecord(body) ? body : {};
    const clientId = textOf(registered, 'client_id');
    const clientSecret = textOf(registered, 'client_secret');
    if (!clientId || !clientSecret) throw new ParleyError('invalid', `${server} did not register the app as a Mastodon server does.`);
    const app = { clientId, clientSecret };
    writeStored(pageLocalStorage(), key, app);
    return app;
  }

  /** The signed-in account: display name (else username), profile URL and avatar; the token when it is to be sent. */
  async #account(server: string, accessToken: string, signal: AbortSignal): Promise<Identity> {
    const { response, body } = await fetchJson(new URL('/api/v1/accounts/verify_credentials', server).href, {
      headers: { Authorization: `Bearer ${accessToken}` },
      signal,
    });
    if (!response.ok || !isRecord(body)) throw new ParleyError('unauthorized', `The Mastodon server did not show the account (${response.status}).`);
    const name = textOf(body, 'display_name') ?? textOf(body, 'username');
    if (!name) throw new ParleyError('server', 'The Mastodon server sent an account without a name.');
    return identityOf({ name, url: textOf(body, 'url'), avatar: textOf(body, 'avatar'), token: this.#options.sendToken ? accessToken : undefined }, this);
  }
}
