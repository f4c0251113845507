import { ParleyError } from '../core/errors.js';
import type { Identity } from '../core/types.js';
import type { IdentityAdapter } from './identity-adapter.js';
import { identityOf, readUser, type SiteUser } from './user.js';

export type { SiteUser } from './user.js';

export interface SiteIdentityOptions {
  /** The site's name, for "You are commenting using your {label} account". */
  label: string;
  /** The signed-in user, if the page already knows them. */
  user?: SiteUser | null | undefined;
  /** Adapter id (default `site`). */
  id?: string | undefined;
  /** The site's login page: shown as "Log in with {label}" while nobody is signed in. */
  loginUrl?: string | undefined;
}

/** The document event a page may dispatch instead of setting `user`: `detail` is the user, or null. */
export const SITE_USER_EVENT = 'parley-site-user';

/**
 * Single sign-on with the host site's own login: the page hands Parley the
 * user it already knows (the `user` property, or a `parley-site-user` event
 * on the document), and Parley shows them as signed in without asking. A
 * change, such as signing out elsewhere on the page, shows at once.
 */
export class SiteIdentity implements IdentityAdapter {
  readonly id: string;
  readonly label: string;
  readonly #loginUrl: string | undefined;
  #user: SiteUser | null;
  readonly #listeners = new Set<(identity: Identity | null) => void>();

  constructor(options: SiteIdentityOptions) {
    this.id = options.id ?? 'site';
    this.label = options.label;
    this.#loginUrl = options.loginUrl;
    this.#user = options.user ?? null;
  }

  /** Only a site with a login page gets a button; otherwise the page signs the reader in itself. */
  get offersSignIn(): boolean {
    return this.#loginUrl !== undefined;
  }

  get user(): SiteUser | null {
    return this.#user;
  }

  set user(user: SiteUser | null) {
    this.#user = user;
    const identity = this.#identity();
    for (const listener of this.#listeners) listener(identity);
  }

  async restore(): Promise<Identity | null> {
    return this.#identity();
  }

  /** Goes to the site's login page, which brings the reader back signed in (the draft is saved). */
  async signIn(): Promise<Identity> {
    const identity = this.#identity();
    if (identity) return identity;
    if (!this.#loginUrl) throw new ParleyError('unauthorized', `Sign in to ${this.label} on the site first.`);
    location.assign(this.#loginUrl);
    // The page is leaving; nothing comes back to this call.
    return new Promise<Identity>(() => {});
  }

  /** Parley stops using the user; the site's own session is the site's to end (listen for `parley-signed-out`). */
  async signOut(): Promise<void> {
    this.user = null;
  }

  subscribe(listener: (identity: Identity | null) => void): () => void {
    if (this.#listeners.size === 0) document.addEventListener(SITE_USER_EVENT, this.#onEvent);
    this.#listeners.add(listener);
    return () => {
      this.#listeners.delete(listener);
      if (this.#listeners.size === 0) document.removeEventListener(SITE_USER_EVENT, this.#onEvent);
    };
  }

  /** `detail: null` signs out; a user without a name is ignored (any script can dispatch the event). */
  #onEvent = (event: Event): void => {
    const detail: unknown = (event as CustomEvent<unknown>).detail;
    if (detail === null) this.user = null;
    else {
      const user = readUser(detail);
      if (user) this.user = user;
    }
  };

  #identity(): Identity | null {
    const user = this.#user;
    return user && typeof user.name === 'string' && user.name.trim() !== '' ? identityOf(user, this) : null;
  }
}
