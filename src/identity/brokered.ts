import { ParleyError } from '../core/errors.js';
import type { Identity } from '../core/types.js';
import { isRecord, own } from '../backends/guards.js';
import type { IdentityAdapter, SignInRequest } from './identity-adapter.js';
import { randomToken } from './pkce.js';
import { identityOf, readUser } from './user.js';
import { openSignInWindow } from './popup.js';

export interface BrokeredIdentityOptions {
  /** Adapter id, e.g. `github-via-server`. */
  id: string;
  /** Name on the button and in "You are commenting using your {label} account". */
  label: string;
  icon?: string | undefined;
  /**
   * The backend's login page for this provider. Parley adds `state` and
   * `origin` (this page's origin) to it; the page does the OAuth dance on the
   * server and ends by posting the result to `window.opener`.
   */
  loginUrl: string;
}

/** How often the opener checks whether the reader closed the popup. */
const CLOSED_POLL_MS = 250;

/**
 * Reads the message a login page posts back:
 * `{ type: 'parley-sign-in', state, user: { name, avatar?, url?, email?, token? } }`.
 * Returns null for any message that is not one (other scripts post messages too).
 */
export function readBrokeredMessage(data: unknown): { state: string; user: Record<string, unknown> } | null {
  if (!isRecord(data) || own(data, 'type') !== 'parley-sign-in') return null;
  const state = own(data, 'state');
  const user = own(data, 'user');
  return typeof state === 'string' && isRecord(user) ? { state, user } : null;
}

/**
 * Sign-in brokered by the comment backend (as Remark42, Waline and Artalk
 * do it): a popup opens the backend's login page, which runs the OAuth flow
 * on the server and posts the signed-in user back. A message counts only
 * from the login page's origin, from that popup, with this attempt's `state`.
 */
export class BrokeredIdentity implements IdentityAdapter {
  readonly id: string;
  readonly label: string;
  readonly icon: string | undefined;
  readonly #loginUrl: URL;
  #identity: Identity | null = null;

  constructor(options: BrokeredIdentityOptions) {
    this.id = options.id;
    this.label = options.label;
    this.icon = options.icon;
    this.#loginUrl = new URL(options.loginUrl, location.href);
  }

  async restore(): Promise<Identity | null> {
    return this.#identity;
  }

  signIn(request: SignInRequest = {}): Promise<Identity> {
    let popup: Window;
    try {
      popup = openSignInWindow();
    } catch (error) {
      return Promise.reject(error);
    }
    const state = randomToken();
    const address = new URL(this.#loginUrl);
    address.searchParams.set('state', state);
    address.searchParams.set('origin', location.origin);
    popup.location.href = address.href;
    return this.#waitForUser(popup, state, request.signal).finally(() => popup.close());
  }

  async signOut(): Promise<void> {
    this.#identity = null;
  }

  #waitForUser(popup: Window, state: string, signal?: AbortSignal): Promise<Identity> {
    const origin = this.#loginUrl.origin;
    return new Promise((resolve, reject) => {
      const stop = (): void => {
        window.removeEventListener('message', onMessage);
        clearInterval(timer);
        signal?.removeEventListener('abort', onAbort);
      };
      const onAbort = (): void => {
        stop();
        reject(new DOMException('Sign-in was cancelled.', 'AbortError'));
      };
      const onMessage = (event: MessageEvent): void => {
        // Only the login page, in the popup this attempt opened, with this attempt's state.
        if (event.origin !== origin || event.source !== popup) return;
        const message = readBrokeredMessage(event.data);
        if (!message || message.state !== state) return;
        stop();
        const user = readUser(message.user);
        if (!user) {
          reject(new ParleyError('unauthorized', `${this.label} sent no user name.`));
          return;
        }
        resolve((this.#identity = identityOf(user, this)));
      };
      const timer = setInterval(() => {
        if (popup.closed) onAbort();
      }, CLOSED_POLL_MS);
      window.addEventListener('message', onMessage);
      if (signal?.aborted) onAbort();
      else signal?.addEventListener('abort', onAbort, { once: true });
    });
  }
}
