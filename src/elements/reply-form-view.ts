import { html, nothing, type TemplateResult } from 'lit/html.js';
import type { NotifyOptions } from '../core/types.js';
import type { IdentityAdapter, IdentityField } from '../identity/identity-adapter.js';
import type { MessageKey } from '../i18n/en.js';
import { NAME_SLOT, withIsolatedName } from './isolate-name.js';
import type { FormField } from './validate.js';

export interface ReplyFormState {
  text: string;
  values: Partial<Record<IdentityField['name'], string>>;
  remember: boolean;
  notify: NotifyOptions;
  /** The textarea has been focused (or holds text): show the rest of the form. */
  expanded: boolean;
  posting: boolean;
  /** "Retrying… (attempt 2 of 4)" while a post is retried, else null. */
  retrying: string | null;
  /** Offline with an unsent comment: asking to post it once online, or queued to. */
  offline: 'ask' | 'queued' | null;
  /** The character counter near the length limit, else null. */
  length: { over: boolean; label: string } | null;
  /** Name of the comment author being replied to, or null. */
  replyToName: string | null;
  /** When the thread header already says "Leave a Reply", the form points at it instead of repeating it. */
  titleId: string | null;
  fieldErrors: Partial<Record<FormField, string>>;
  notice: { kind: 'error' | 'success'; text: string } | null;
  /** The signed-in line (rendered by the sign-in flow), or null for a reader not signed in. */
  signedIn: TemplateResult | null;
  /** Adapter with fields (the guest), if guests may post. */
  guest: IdentityAdapter | null;
  /** The sign-in buttons and any sign-in under way (rendered by the sign-in flow), or `nothing` without providers. */
  providers: TemplateResult | typeof nothing;
  notifyOffered: { replies: boolean; posts: boolean };
}

export interface ReplyFormHandlers {
  t: (key: MessageKey, params?: Record<string, string | number>) => string;
  onText: (value: string) => void;
  onField: (name: IdentityField['name'], value: string) => void;
  onCheckbox: (name: 'remember' | 'replies' | 'posts', checked: boolean) => void;
  onExpand: () => void;
  onSubmit: (event: SubmitEvent) => void;
  onCancelPost: () => void;
  onPostWhenOnline: () => void;
  onKeydown: (event: KeyboardEvent) => void;
  onCancelReply: () => void;
}

const FIELD_LABEL: Record<IdentityField['name'], MessageKey> = { email: 'fieldEmail', name: 'fieldName', url: 'fieldUrl' };

/** The reply form, modelled on the classic "Leave a Reply" form. */
export function renderReplyForm(state: ReplyFormState, on: ReplyFormHandlers): TemplateResult {
  const { t } = on;
  const textError = state.fieldErrors.text;
  const titleId = state.titleId ?? 'reply-title';
  return html`<form
    part="reply-form"
    class=${state.expanded ? 'expanded' : ''}
    novalidate
    aria-labelledby=${titleId}
    @submit=${on.onSubmit}
    @keydown=${on.onKeydown}
  >
    ${state.titleId && state.replyToName === null
      ? nothing
      : html`<div part="reply-heading">
          <h3 part="reply-title" id="reply-title">
            ${state.replyToName === null
              ? t('leaveReply')
              : withIsolatedName(t('leaveReplyTo', { name: NAME_SLOT }), state.replyToName)}
          </h3>
          ${state.replyToName === null
            ? nothing
            : html`<button type="button" part="cancel-reply" @click=${on.onCancelReply}>${t('cancelReply')}</button>`}
        </div>`}
    <div part="field">
      <label for="comment-text" part="field-label">${t('commentLabel')} <span part="field-required">${t('required')}</span></label>
      <textarea
        id="comment-text"
        name="comment"
        part="reply-textarea"
        dir=${state.text ? 'auto' : nothing}
        placeholder=${t('commentPlaceholder')}
        required
        ?readonly=${state.posting}
        aria-invalid=${textError ? 'true' : 'false'}
        aria-describedby="comment-text-error comment-text-count"
        .value=${state.text}
        @input=${(event: InputEvent) => on.onText((event.target as HTMLTextAreaElement).value)}
        @focus=${on.onExpand}
      ></textarea>
      <p part="field-error" id="comment-text-error">${textError ?? ''}</p>
      <p part=${state.length?.over ? 'char-count char-count-over' : 'char-count'} id="comment-text-count">${state.length?.label ?? ''}</p>
    </div>
    ${state.expanded ? renderDetails(state, on) : nothing}
  </form>`;
}

function renderDetails(state: ReplyFormState, on: ReplyFormHandlers): TemplateResult {
  const { t } = on;
  // Error notices are alerts; every other message is said once, by the element's hidden status region.
  // The submit button stays focusable while it cannot post (aria-disabled), so focus on it is not lost.
  return html`${state.signedIn ?? renderIdentityPicker(state, on)}
    ${renderCheckboxes(state, on)}
    ${state.notice
      ? html`<p part="notice notice-${state.notice.kind}" role=${state.notice.kind === 'error' ? 'alert' : nothing} tabindex="-1">
          ${state.notice.text}
        </p>`
      : nothing}
    ${state.retrying ? html`<p part="retrying">${state.retrying}</p>` : nothing}
    ${renderOffline(state, on)}
    <div part="form-actions">
      <button
        type="submit"
        part="submit-button"
        aria-disabled=${state.posting || state.offline === 'queued' ? 'true' : 'false'}
        aria-describedby="submit-hint"
      >
        ${state.posting ? t('posting') : t('submit')}
      </button>
      ${state.posting ? html`<button type="button" part="cancel-post" @click=${on.onCancelPost}>${t('cancel')}</button>` : nothing}
      <span part="submit-hint" id="submit-hint">${t('submitHint')}</span>
    </div>`;
}

/** Offline with an unsent comment: it is saved; the reader may have it posted once the browser is online. */
function renderOffline(state: ReplyFormState, on: ReplyFormHandlers): TemplateResult | typeof nothing {
  const { t } = on;
  if (state.offline === null) return nothing;
  return html`<p part="offline">
    ${state.offline === 'queued'
      ? t('queuedForOnline')
      : html`${t('offline')}
          <button type="button" part="post-when-online" @click=${on.onPostWhenOnline}>${t('postWhenOnline')}</button>`}
  </p>`;
}

function renderIdentityPicker(state: ReplyFormState, on: ReplyFormHandlers): TemplateResult {
  const { t } = on;
  return html`<fieldset part="identity">
    ${state.providers === nothing
      ? html`<legend class="visually-hidden">${t('yourDetails')}</legend>`
      : html`<legend part="identity-legend">${t('fillInDetails')}</legend>`}
    ${state.guest?.fields
      ? html`<div part="guest-fields">${state.guest.fields.map((field) => renderField(field, state, on))}</div>`
      : nothing}
    ${state.providers}
  </fieldset>`;
}

function renderField(field: IdentityField, state: ReplyFormState, on: ReplyFormHandlers): TemplateResult {
  const { t } = on;
  const id = `field-${field.name}`;
  const error = state.fieldErrors[field.name];
  const hint = field.name === 'email' ? t('fieldEmailHint') : '';
  return html`<div part="field">
    <label for=${id} part="field-label">${t(FIELD_LABEL[field.name])} ${field.required ? html`<span part="field-required">${t('required')}</span>` : nothing}</label>
    <input
      id=${id}
      part="field-input"
      name=${field.name}
      type=${field.type}
      autocomplete=${field.autocomplete}
      ?required=${field.required}
      aria-invalid=${error ? 'true' : 'false'}
      aria-describedby=${hint ? `${id}-hint ${id}-error` : `${id}-error`}
      .value=${state.values[field.name] ?? ''}
      @input=${(event: InputEvent) => on.onField(field.name, (event.target as HTMLInputElement).value)}
    />
    ${hint ? html`<span part="field-hint" id="${id}-hint">${hint}</span>` : nothing}
    <p part="field-error" id="${id}-error">${error ?? ''}</p>
  </div>`;
}

function renderCheckboxes(state: ReplyFormState, on: ReplyFormHandlers): TemplateResult {
  const { t } = on;
  const box = (name: 'remember' | 'replies' | 'posts', label: MessageKey, checked: boolean) =>
    html`<label part="checkbox">
      <input
        type="checkbox"
        name=${name}
        .checked=${checked}
        @change=${(event: Event) => on.onCheckbox(name, (event.target as HTMLInputElement).checked)}
      />
      <span>${t(label)}</span>
    </label>`;
  return html`${state.notifyOffered.replies ? box('replies', 'notifyReplies', state.notify.replies) : nothing}
  ${state.notifyOffered.posts ? box('posts', 'notifyPosts', state.notify.posts) : nothing}
  ${!state.signedIn && state.guest ? box('remember', 'rememberMe', state.remember) : nothing}`;
}
