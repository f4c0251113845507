import { ParleyError } from '../core/errors.js';
import type { Identity } from '../core/types.js';
import { fetchJson, isRecord } from '../backends/http.js';
import { errorFromWordPress } from '../backends/wordpress.js';
import type { IdentityAdapter } from './identity-adapter.js';

const LABEL = 'WordPress';

/** The signed-in user (`/wp/v2/users/me`) as an identity whose `headers` prove it on each post. */
async function currentUser(endpoint: string, headers: Record<string, string>, provider: string): Promise<Identity> {
  const { response, body } = await fetchJson(`${endpoint.replace(/\/+$/, '')}/wp/v2/users/me`, {
    headers: { Accept: 'application/json', ...headers },
    signal: new AbortController().signal,
  });
  if (!response.ok) throw errorFromWordPress(response, body);
  if (!isRecord(body) || typeof body.name !== 'string') {
    throw new ParleyError('server', 'WordPress sent an invalid response for the signed-in user.');
  }
  const avatars = isRecord(body.avatar_urls) ? body.avatar_urls : {};
  const avatar = avatars['96'] ?? avatars['48'];
  return {
    provider,
    providerLabel: LABEL,
    name: body.name,
    ...(typeof body.url === 'string' && body.url ? { url: body.url } : {}),
    ...(typeof avatar === 'string' ? { avatar } : {}),
    headers,
    guest: false,
  };
}

export interface WordPressSessionOptions {
  /** The site's REST API root, e.g. `/wp-json` (same origin as the page). */
  endpoint: string;
  /**
   * The REST nonce WordPress gives a logged-in visitor
   * (`wp_create_nonce('wp_rest')`, e.g. `wpApiSettings.nonce`). Empty or
   * absent: the visitor is not logged in.
   */
  nonce?: string | undefined;
  /** Where "Log in with WordPress" goes; default `wp-login.php` of the site, coming back to this page. */
  loginUrl?: string | undefined;
}

/**
 * The visitor's own WordPress login, for themes on the same origin as the
 * site: the session cookie plus the `X-WP-Nonce` header the theme provides.
 */
export class WordPressSessionIdentity implements IdentityAdapter {
  readonly id = 'wordpress';
  readonly label = LABEL;
  readonly #options: WordPressSessionOptions;

  constructor(options: WordPressSessionOptions) {
    this.#options = options;
  }

  async restore(): Promise<Identity | null> {
    const { nonce, endpoint } = this.#options;
    if (!nonce) return null;
    try {
      return await currentUser(endpoint, { 'X-WP-Nonce': nonce }, this.id);
    } catch (error) {
      // An expired nonce or a logged-out session: the reader is simply not signed in.
      if (error instanceof ParleyError && (error.code === 'unauthorized' || error.code === 'forbidden')) return null;
      throw error;
    }
  }

  async signIn(): Promise<Identity> {
    const identity = await this.restore();
    if (identity) return identity;
    // The login page is the site's own; it brings the reader back here.
    const site = new URL(this.#options.endpoint.replace(/\/wp-json\/?$/, '/'), document.baseURI);
    const login = this.#options.loginUrl ?? `${site.href.replace(/\/?$/, '/')}wp-login.php?redirect_to=${encodeURIComponent(location.href)}`;
    location.assign(login);
    // The page is leaving: stay "Connecting…" (with Cancel) rather than report a failure.
    return new Promise<Identity>(() => {});
  }

  async signOut(): Promise<void> {
    // The WordPress session belongs to the site; Parley only stops using it on this page.
  }
}

export interface WordPressApplicationPasswordOptions {
  /** The site's REST API root, e.g. `https://blog.example/wp-json`. */
  endpoint: string;
  /** The WordPress user name. */
  username: string;
  /** An Application Password of that user (Users › Profile › Application Passwords); spaces allowed. */
  password: string;
}

/**
 * A WordPress user signed in with an Application Password (HTTP Basic auth),
 * from any origin. For sites and apps that hold the credentials themselves:
 * the reader is signed in as soon as the credentials check out, until they
 * choose Log Out.
 */
export class WordPressApplicationPasswordIdentity implements IdentityAdapter {
  readonly id = 'wordpress-app-password';
  readonly label = LABEL;
  readonly #options: WordPressApplicationPasswordOptions;
  #signedOut = false;

  constructor(options: WordPressApplicationPasswordOptions) {
    this.#options = options;
  }

  get #headers(): Record<string, string> {
    const bytes = new TextEncoder().encode(`${this.#options.username}:${this.#options.password}`);
    return { Authorization: `Basic ${btoa(String.fromCharCode(...bytes))}` };
  }

  async restore(): Promise<Identity | null> {
    return this.#signedOut ? null : currentUser(this.#options.endpoint, this.#headers, this.id);
  }

  async signIn(): Promise<Identity> {
    const identity = await currentUser(this.#options.endpoint, this.#headers, this.id);
    this.#signedOut = false;
    return identity;
  }

  async signOut(): Promise<void> {
    this.#signedOut = true;
  }
}
