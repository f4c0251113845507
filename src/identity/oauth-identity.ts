import { ParleyError } from '../core/errors.js';
import type { Identity } from '../core/types.js';
import type { IdentityAdapter, SignInRequest } from './identity-adapter.js';
import { finishReturn, forgetSignIn, keepSignIn, keptSignIn, redirectForSignIn, returnFromSignIn } from './oauth.js';
import { randomToken } from './pkce.js';
import { openSignInWindow, waitForRedirect } from './popup.js';

/** One sign-in attempt: what the provider's answer must match (`state`) and where it comes back. */
export interface Attempt {
  /** String fields only: they are kept in sessionStorage across a whole-page sign-in. */
  pending: Record<string, string> & { state: string; verifier: string; redirectUri: string };
  /** The provider's authorization address for this attempt. */
  address: string;
}

/**
 * What every OAuth sign-in here does alike: the popup opened within the
 * click, the whole-page route when it is blocked, the sign-in kept for the
 * tab on request, sign-out. A provider says how an attempt starts
 * (`prepare`) and how its answer becomes an identity (`finish`).
 */
export abstract class OAuthIdentity implements IdentityAdapter {
  abstract readonly id: string;
  abstract readonly label: string;
  abstract readonly icon: string | undefined;
  #identity: Identity | null = null;

  /** Fields of `Attempt.pending` besides `state`, `verifier` and `redirectUri`. */
  protected abstract readonly pendingFields: readonly string[];

  /** Where the provider sends the reader back. */
  protected abstract get redirectUri(): string;

  /** Checks what the reader typed (a server, a website); throws `invalid`. Providers that ask nothing ignore it. */
  protected target(input: string | undefined): string {
    return input ?? '';
  }

  /** Starts an attempt for `target`: discovery or registration, then the authorization address. */
  protected abstract prepare(target: string, secrets: { state: string; verifier: string; redirectUri: string }, signal: AbortSignal): Promise<Attempt>;

  /** Turns the provider's answer into an identity (the code exchanged, the profile read). */
  protected abstract finish(answer: URL, pending: Record<string, string>, signal: AbortSignal): Promise<Identity>;

  async restore(): Promise<Identity | null> {
    const back = returnFromSignIn(this.id, ['verifier', ...this.pendingFields]);
    if (back) return finishReturn(back, (answer, pending, remember) => this.#complete(answer, pending, remember));
    if (this.#identity && (this.#identity.expiresAt ?? Infinity) > Date.now()) return this.#identity;
    this.#identity = keptSignIn(this);
    return this.#identity;
  }

  signIn(request: SignInRequest = {}): Promise<Identity> {
    try {
      const target = this.target(request.input);
      // Synchronously, before any await: a popup opened later is blocked.
      const popup = openSignInWindow();
      // The provider's pages need no way back to this one (it reads the popup's address itself).
      popup.opener = null;
      return this.#throughPopup(popup, target, request).finally(() => popup.close());
    } catch (error) {
      return Promise.reject(error);
    }
  }

  /**
   * The fallback when the popup is blocked: the whole page goes to the
   * provider and comes back to the redirect address, where `restore()`
   * finishes the sign-in.
   */
  async signInWithRedirect(request: SignInRequest = {}): Promise<void> {
    const attempt = await this.#attempt(this.target(request.input), request.signal);
    redirectForSignIn(this.id, attempt.pending, request.remember, attempt.address);
  }

  async signOut(): Promise<void> {
    this.#identity = null;
    forgetSignIn(this.id);
  }

  #attempt(target: string, signal = new AbortController().signal): Promise<Attempt> {
    if (!globalThis.crypto?.subtle) {
      throw new ParleyError('forbidden', 'Signing in needs a secure page (https): the browser offers no PKCE hashing here.');
    }
    return this.prepare(target, { state: randomToken(), verifier: randomToken(), redirectUri: this.redirectUri }, signal);
  }

  async #throughPopup(popup: Window, target: string, { signal, remember }: SignInRequest): Promise<Identity> {
    const { pending, address } = await this.#attempt(target, signal);
    popup.location.href = address;
    const answer = await waitForRedirect(popup, pending.redirectUri, signal);
    popup.close();
    return this.#complete(answer, pending, remember, signal);
  }

  async #complete(answer: URL, pending: Record<string, string>, remember?: boolean, signal = new AbortController().signal): Promise<Identity> {
    this.#identity = await this.finish(answer, pending, signal);
    if (remember) keepSignIn(this.#identity);
    return this.#identity;
  }
}

/** Adds `params` to an authorization endpoint's address. */
export function withParams(endpoint: string, params: Record<string, string>): string {
  const address = new URL(endpoint);
  for (const [name, value] of Object.entries(params)) address.searchParams.set(name, value);
  return address.href;
}
