import type { Identity } from '../core/types.js';

/** A field an identity adapter asks the reader to type in the form. */
export interface IdentityField {
  /** Form field name; also the `name` attribute of the input. */
  name: 'email' | 'name' | 'url';
  required: boolean;
  /** Input type (drives validation and the mobile keyboard). */
  type: 'email' | 'text' | 'url';
  /** `autocomplete` token, so browsers can fill it in. */
  autocomplete: string;
}

/** What a provider asks before it can sign in: a Mastodon server, a website. */
export interface IdentityInput {
  /** Label of the input, e.g. "Your Mastodon server". */
  label: string;
  /** A catalogue message to show as the label instead, in the reader's language (the built-in providers' own). */
  labelKey?: 'mastodonServer' | 'yourWebsite' | undefined;
  /** An example value, shown as the placeholder (the label says what it is). */
  placeholder?: string | undefined;
  type: 'text' | 'url';
  /** `autocomplete` token (`url` for a website). */
  autocomplete?: string | undefined;
}

export interface SignInRequest {
  /** What the reader typed into the adapter's `input`. */
  input?: string | undefined;
  /** Values of the adapter's declared fields, as typed. */
  values?: Partial<Record<IdentityField['name'], string>> | undefined;
  /** The reader asked to be remembered in this browser. */
  remember?: boolean | undefined;
  /** Aborted when the reader cancels or the element goes away. */
  signal?: AbortSignal | undefined;
}

/**
 * One way for a reader to say who they are: typed-in guest details, an OpenID
 * provider popup, the site's own login… The element lists one button per
 * adapter (or the adapter's fields) and never needs to know which kind it is.
 */
export interface IdentityAdapter {
  /** Stable id, e.g. `guest`, `oidc-gitlab`. */
  readonly id: string;
  /** Human name shown on the button and in "You are commenting using your {label} account". */
  readonly label: string;
  /** Icon URL (http(s) or data:image) shown beside the label. */
  readonly icon?: string | undefined;
  /**
   * Fields the reader types instead of signing in (the guest adapter). An
   * adapter with fields is shown as inputs, one without as a sign-in button.
   */
  readonly fields?: readonly IdentityField[] | undefined;
  /**
   * An identity remembered from an earlier visit, or null. For an adapter
   * with fields, the remembered values pre-fill the form.
   */
  restore(): Promise<Identity | null>;
  /** Signs in (may open a popup); rejects with a ParleyError on failure. */
  signIn(request: SignInRequest): Promise<Identity>;
  /**
   * Signs in through the whole page instead of a popup (offered when the
   * browser blocks the popup). The page leaves; `restore()` on the page the
   * provider returns to finishes the sign-in.
   */
  signInWithRedirect?(request: SignInRequest): Promise<void>;
  /** Forgets the identity (and anything remembered for it). */
  signOut(): Promise<void>;
  /** Asked for when its button is chosen, before `signIn` (which gets it as `request.input`). */
  readonly input?: IdentityInput | undefined;
  /** False hides the sign-in button (e.g. the site's own login without a login page). Default true. */
  readonly offersSignIn?: boolean | undefined;
  /**
   * For identities that change outside Parley (the site's own login): calls
   * `listener` with the new identity, or null when signed out. Returns the
   * function that stops listening.
   */
  subscribe?(listener: (identity: Identity | null) => void): () => void;
}
