import type { nothing, TemplateResult } from 'lit/html.js';
import type { Identity } from '../core/types.js';
import type { IdentityAdapter } from '../identity/identity-adapter.js';
import type { MessageKey } from '../i18n/en.js';
import type { MessageParams } from '../i18n/translate.js';
import type { ParleyEventDetails } from './events.js';

/** A message about the form, kept as its catalogue key: shown in the language of the moment. */
export interface FormNotice {
  kind: 'error' | 'success';
  key: MessageKey;
  params?: MessageParams | undefined;
  /** The backend's own words, said after the message. */
  detail?: string | undefined;
}

/** What a sign-in flow may read and change on its element. */
export interface SignInFlowHost {
  /** The element's identity adapters. */
  identities(): readonly IdentityAdapter[];
  t: (key: MessageKey, params?: MessageParams) => string;
  /** The flow's own state changed: render again. */
  requestUpdate(): void;
  /** The reader signed in (an identity) or out (null). */
  setIdentity(identity: Identity | null): void;
  setNotice(notice: FormNotice | null): void;
  focusAfterRender(selector: string): void;
  announce(text: string): void;
  emitSignedIn(detail: ParleyEventDetails['parley-signed-in']): void;
  emitSignedOut(detail: ParleyEventDetails['parley-signed-out']): void;
  emitError(error: ParleyEventDetails['parley-error']['error']): void;
  /** Puts the draft on disk before the reader is taken away (a popup, the whole page). */
  saveDraft(): void;
}

/**
 * Signing in with providers (buttons, popups, the address a provider asks
 * for, the signed-in line). The element holds one; the guest's fields are
 * the form's own. The default script tags, which know only the guest, carry
 * a stand-in (src/embed/guest-only-sign-in.ts) instead of the real flow
 * (src/elements/provider-sign-in.ts).
 */
export interface SignInFlow {
  /** Whether the element may use this adapter at all (the guest-only stand-in uses only adapters with fields). */
  uses(adapter: IdentityAdapter): boolean;
  /** The sign-in buttons and whatever a sign-in under way shows; `nothing` when there are no providers. */
  renderProviders(providers: readonly IdentityAdapter[]): TemplateResult | typeof nothing;
  /** "You are commenting using your {provider} account. (Log out / Change)" */
  renderSignedIn(identity: Identity): TemplateResult;
  signOut(identity: Identity): Promise<void>;
  /** A provider's sign-in ran out: sign out and say so; the comment stays in the form. */
  expired(identity: Identity): Promise<void>;
  /** Stops a sign-in under way (the element went away). */
  abort(): void;
}

export type CreateSignInFlow = (host: SignInFlowHost) => SignInFlow;
