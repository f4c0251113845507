import { html, nothing, type TemplateResult } from 'lit/html.js';
import { isAbortError, toParleyError } from '../core/errors.js';
import type { Identity } from '../core/types.js';
import type { IdentityAdapter } from '../identity/identity-adapter.js';
import { addEnglishMessages } from '../i18n/en.js';
import { enSignIn } from '../i18n/en-sign-in.js';
import { safeIconUrl } from '../sanitize/urls.js';
import type { CreateSignInFlow, FormNotice, SignInFlow, SignInFlowHost } from './sign-in-flow.js';

addEnglishMessages(enSignIn);

/** A provider that asks for an address first (a Mastodon server, a website), and what is typed so far. */
/** A provider's question under way: what the reader typed, and what is wrong with it (said at the input). */
type Asking = { adapter: IdentityAdapter; value: string; problem?: FormNotice | undefined };

/** Signing in with providers: popups, a blocked popup, the address a provider asks for first. */
class ProviderSignIn implements SignInFlow {
  readonly #host: SignInFlowHost;
  /** Adapter whose sign-in is under way. */
  #connecting: IdentityAdapter | null = null;
  /** A provider whose popup the browser blocked: the reader may continue in this tab. */
  #blocked: IdentityAdapter | null = null;
  #asking: Asking | null = null;
  /** Keep a provider's sign-in for this tab (sessionStorage) rather than for this page only. */
  #staySignedIn = false;
  #controller: AbortController | undefined;

  constructor(host: SignInFlowHost) {
    this.#host = host;
  }

  /** Sets the flow's state and renders again. */
  #set(state: { connecting?: IdentityAdapter | null; blocked?: IdentityAdapter | null; asking?: Asking | null }): void {
    if ('connecting' in state) this.#connecting = state.connecting!;
    if ('blocked' in state) this.#blocked = state.blocked!;
    if ('asking' in state) this.#asking = state.asking!;
    this.#host.requestUpdate();
  }

  /** A provider button: sign in at once, or first ask for the address the provider needs. */
  #choose(adapter: IdentityAdapter): void {
    if (adapter.input) {
      this.#set({ asking: { adapter, value: this.#asking?.adapter === adapter ? this.#asking.value : '' } });
      this.#host.setNotice(null);
      this.#host.focusAfterRender('#identity-input');
      return;
    }
    this.#set({ asking: null });
    void this.#signIn(adapter);
  }

  #continue = (): void => {
    const asking = this.#asking;
    if (!asking || this.#connecting) return;
    const input = asking.value.trim();
    if (input === '') return this.#problem(asking.adapter, 'identityInputMissing');
    void this.#signIn(asking.adapter, input);
  };

  /** Says what is wrong with the address typed, at its input, and puts the reader back there. */
  #problem(adapter: IdentityAdapter, key: 'identityInputMissing' | 'identityInputInvalid', value = ''): void {
    if (this.#asking?.adapter === adapter) this.#set({ asking: { ...this.#asking, problem: { kind: 'error', key, params: { provider: adapter.label, value } } } });
    this.#host.focusAfterRender('#identity-input');
  }

  async #signIn(adapter: IdentityAdapter, input?: string): Promise<void> {
    const host = this.#host;
    this.#controller?.abort();
    const controller = (this.#controller = new AbortController());
    this.#set({ connecting: adapter, blocked: null });
    host.setNotice(null);
    host.saveDraft();
    try {
      // Called before any await: the adapter opens its popup within this click.
      const identity = await adapter.signIn({ signal: controller.signal, remember: this.#staySignedIn, ...(input === undefined ? {} : { input }) });
      if (controller.signal.aborted) return;
      host.setIdentity(identity);
      this.#set({ asking: null });
      host.announce(host.t('signedInAs', { provider: identity.providerLabel }));
      host.focusAfterRender('#comment-text');
      host.emitSignedIn({ identity });
    } catch (thrown) {
      if (controller.signal.aborted || isAbortError(thrown)) return;
      const error = toParleyError(thrown);
      if (error.code === 'popup_blocked') {
        this.#set({ blocked: adapter });
        host.focusAfterRender(adapter.signInWithRedirect ? '[part~="sign-in-here"]' : '[part~="popup-blocked"]');
      } else if (error.code === 'invalid' && adapter.input) {
        this.#problem(adapter, 'identityInputInvalid', input);
      } else {
        host.setNotice({ kind: 'error', key: 'errorSignIn', params: { provider: adapter.label } });
      }
      host.emitError(error);
    } finally {
      if (this.#controller === controller) this.#set({ connecting: null });
    }
  }

  /** The popup was blocked: the whole page goes to the provider; the draft is saved first and restored on return. */
  #signInHere = (): void => {
    const adapter = this.#blocked;
    if (!adapter?.signInWithRedirect) return;
    this.#host.saveDraft();
    const input = this.#asking?.adapter === adapter ? this.#asking.value.trim() : undefined;
    adapter.signInWithRedirect({ remember: this.#staySignedIn, ...(input ? { input } : {}) }).catch((thrown: unknown) => {
      this.#set({ blocked: null });
      this.#host.setNotice({ kind: 'error', key: 'errorSignIn', params: { provider: adapter.label } });
      this.#host.emitError(toParleyError(thrown));
    });
  };

  #cancel = (): void => {
    this.#controller?.abort();
    this.#set({ connecting: null, asking: null });
  };

  abort(): void {
    this.#controller?.abort();
  }

  /** Every adapter: the guest's fields are the form's, the others sign in here. */
  uses(): boolean {
    return true;
  }

  async signOut(identity: Identity): Promise<void> {
    this.#host.setIdentity(null);
    const adapter = this.#host.identities().find((candidate) => candidate.id === identity.provider);
    try {
      await adapter?.signOut();
    } catch (error) {
      console.warn(`[parley] signing out of ${identity.providerLabel} failed: ${String(error)}`);
    }
    this.#host.emitSignedOut({ provider: identity.provider });
  }

  async expired(identity: Identity): Promise<void> {
    await this.signOut(identity);
    this.#host.setNotice({ kind: 'error', key: 'errorSignInExpired' });
    this.#host.focusAfterRender('[part~="notice"]');
  }

  renderProviders(providers: readonly IdentityAdapter[]): TemplateResult | typeof nothing {
    if (providers.length === 0) return nothing;
    const { t } = this.#host;
    const connecting = this.#connecting;
    const blocked = this.#blocked;
    return html`<div part="identity-providers">
        ${providers.map(
          (adapter) => html`<button
            type="button"
            part="identity-button"
            data-provider=${adapter.id}
            aria-expanded=${adapter.input ? String(this.#asking?.adapter === adapter) : nothing}
            ?disabled=${connecting !== null}
            @click=${() => this.#choose(adapter)}
          >
            ${safeIconUrl(adapter.icon)
              ? html`<img part="identity-icon" src=${safeIconUrl(adapter.icon)!} alt="" width="20" height="20" />`
              : nothing}
            ${t('logInWith', { provider: adapter.label })}
          </button>`,
        )}
        <label part="checkbox stay-signed-in">
          <input
            type="checkbox"
            name="stay-signed-in"
            .checked=${this.#staySignedIn}
            @change=${(event: Event) => (this.#staySignedIn = (event.target as HTMLInputElement).checked)}
          />
          <span>${t('staySignedIn')}</span>
        </label>
      </div>
      ${this.#asking?.adapter.input ? this.#renderInput(this.#asking.adapter, this.#asking.value) : nothing}
      ${blocked
        ? html`<p part="popup-blocked" role="alert" tabindex="-1">
            ${blocked.signInWithRedirect
              ? html`${t('popupBlocked', { provider: blocked.label })}
                  <button type="button" part="sign-in-here" @click=${this.#signInHere}>${t('signInHere')}</button>`
              : t('popupBlockedRetry', { provider: blocked.label })}
          </p>`
        : nothing}
      ${connecting
        ? html`<p part="connecting" role="status">
            ${t('connecting', { provider: connecting.label })}
            <button type="button" part="cancel-sign-in" @click=${this.#cancel}>${t('cancel')}</button>
          </p>`
        : nothing}`;
  }

  /** The address a provider asks for, with its own Log in button (Enter works too, without posting the comment). */
  #renderInput(adapter: IdentityAdapter, value: string): TemplateResult {
    const { t } = this.#host;
    const input = adapter.input!;
    const problem = this.#asking?.problem;
    // The built-in providers' labels are the catalogue's, in the reader's language.
    const label = input.labelKey ? t(input.labelKey) : input.label;
    return html`<div part="identity-input">
      <label for="identity-input" part="field-label">${label}</label>
      <input
        id="identity-input"
        part="field-input identity-input-field"
        type=${input.type}
        autocomplete=${input.autocomplete ?? 'off'}
        placeholder=${input.placeholder ?? ''}
        aria-invalid=${problem ? 'true' : 'false'}
        aria-describedby="identity-input-error"
        .value=${value}
        @input=${(event: Event) => {
          if (this.#asking) this.#set({ asking: { ...this.#asking, value: (event.target as HTMLInputElement).value, problem: undefined } });
        }}
        @keydown=${(event: KeyboardEvent) => {
          // Enter signs in (without posting the comment); Escape puts the question away, back on its button.
          if (event.key === 'Enter') this.#continue();
          else if (event.key === 'Escape') {
            this.#set({ asking: null });
            this.#host.focusAfterRender(`[data-provider="${CSS.escape(adapter.id)}"]`);
          } else return;
          event.preventDefault();
        }}
      />
      <p part="field-error" id="identity-input-error" role=${problem ? 'alert' : nothing}>${problem ? t(problem.key, problem.params) : ''}</p>
      <button type="button" part="identity-continue" ?disabled=${this.#connecting !== null} @click=${this.#continue}>
        ${t('logInWith', { provider: adapter.label })}
      </button>
    </div>`;
  }

  renderSignedIn(identity: Identity): TemplateResult {
    const { t } = this.#host;
    const avatar = safeIconUrl(identity.avatar);
    return html`<div part="identity identity-signed-in">
      <p part="signed-in">
        ${avatar
          ? html`<img part="identity-avatar" src=${avatar} alt="" width="32" height="32" referrerpolicy="no-referrer" />`
          : nothing}
        <span>
          ${t('signedInAs', { provider: identity.providerLabel })}
          (<button type="button" part="sign-out" @click=${() => this.#chooseAgain(identity)}>${t('logOut')}</button> /
          <button type="button" part="change-identity" @click=${() => this.#chooseAgain(identity)}>${t('change')}</button>)
        </span>
      </p>
    </div>`;
  }

  /**
   * "Log Out" and "Change": sign out and offer the choices again, focus on the
   * first one (the button pressed is gone). Set with the sign-out's own render,
   * not after it: a later render would take focus from wherever the reader is then.
   */
  #chooseAgain(identity: Identity): void {
    void this.signOut(identity);
    this.#host.focusAfterRender('[part~="identity"] input, [part~="identity-button"]');
  }
}

export const createSignInFlow: CreateSignInFlow = (host) => new ProviderSignIn(host);
