import { ParleyError } from '../core/errors.js';
import type { Identity } from '../core/types.js';
import { fetchJson, isRecord } from '../backends/http.js';
import { walineData } from '../backends/waline.js';
import type { IdentityAdapter } from './identity-adapter.js';

export interface WalineIdentityOptions {
  /** The Waline server, e.g. `https://waline.example`. */
  endpoint: string;
  /** A token the site already holds for the reader (Waline's JWT). */
  token?: string | undefined;
  /** Or the reader's Waline account, exchanged for a token at `/api/token`. */
  email?: string | undefined;
  password?: string | undefined;
}

/**
 * A Waline user: the token (JWT) Waline issues at `/api/token`, sent as
 * `Authorization: Bearer` with each comment. For sites and apps that hold the
 * token or the account themselves; the reader is signed in as soon as it
 * checks out, until they choose Log Out.
 */
export class WalineIdentity implements IdentityAdapter {
  readonly id = 'waline';
  readonly label = 'Waline';
  readonly #endpoint: string;
  readonly #options: WalineIdentityOptions;
  #token: string | undefined;
  #signedOut = false;

  constructor(options: WalineIdentityOptions) {
    this.#endpoint = options.endpoint.replace(/\/+$/, '');
    this.#options = options;
    this.#token = options.token;
  }

  async restore(): Promise<Identity | null> {
    if (this.#signedOut || (!this.#token && !this.#options.password)) return null;
    return this.signIn({});
  }

  async signIn({ signal = new AbortController().signal }: { signal?: AbortSignal }): Promise<Identity> {
    if (!this.#token) {
      const { email, password } = this.#options;
      if (!email || !password) throw new ParleyError('unauthorized', 'The Waline identity needs a token, or an e-mail and password.');
      const data = await this.#call('/api/token', signal, { method: 'POST', body: JSON.stringify({ email, password }) });
      if (!isRecord(data) || typeof data.token !== 'string') throw new ParleyError('unauthorized', 'Waline did not accept that e-mail and password.');
      this.#token = data.token;
    }
    const profile = await this.#call('/api/token', signal, {});
    // An unknown or expired token is answered with an empty profile.
    if (!isRecord(profile) || typeof profile.display_name !== 'string') {
      this.#token = undefined;
      throw new ParleyError('unauthorized', 'Waline did not recognise the token.');
    }
    this.#signedOut = false;
    return {
      provider: this.id,
      providerLabel: this.label,
      name: profile.display_name,
      ...(typeof profile.url === 'string' && profile.url ? { url: profile.url } : {}),
      ...(typeof profile.avatar === 'string' && profile.avatar ? { avatar: profile.avatar } : {}),
      token: this.#token,
      guest: false,
    };
  }

  async signOut(): Promise<void> {
    this.#signedOut = true;
  }

  async #call(path: string, signal: AbortSignal, init: RequestInit): Promise<unknown> {
    const headers: Record<string, string> = { Accept: 'application/json', 'Content-Type': 'application/json' };
    if (this.#token) headers.Authorization = `Bearer ${this.#token}`;
    const { response, body } = await fetchJson(`${this.#endpoint}${path}?lang=en-US`, { ...init, headers, signal });
    // A wrong password comes back as a bare errno 1000, with no message.
    if (response.ok && isRecord(body) && body.errno === 1000 && !body.errmsg) {
      throw new ParleyError('unauthorized', 'Waline did not accept that e-mail and password.', { status: response.status });
    }
    return walineData(response, body);
  }
}
