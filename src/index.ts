/**
 * Parley: an embeddable comment widget. This entry exports classes, adapters
 * and types without registering anything; import `parley-comments/define`
 * (or call `ParleyComments.define()`) to register the element.
 */
// The shipped languages load on demand, each from a module of its own.
import './i18n/shipped-locales.js';

export { ParleyComments, type BuiltInBackend } from './elements/parley-comments.js';
export type { ParleyEventDetails, ParleyEventName } from './elements/events.js';

export type { CommentBackend, BackendCapabilities, ListOptions, PostOptions } from './backends/backend.js';
export { RestBackend, fromRestComment, fromRestPage, toRestPostBody, errorFromResponse, type RestBackendOptions } from './backends/rest.js';
export {
  WordPressBackend,
  fromWordPressComment,
  toWordPressPostBody,
  errorFromWordPress,
  type WordPressBackendOptions,
  type WordPressCommentContext,
} from './backends/wordpress.js';
export {
  WalineBackend,
  fromWalineComment,
  fromWalinePage,
  toWalinePostBody,
  errorFromWaline,
  type WalineBackendOptions,
} from './backends/waline.js';
export { LocalBackend, type LocalBackendOptions } from './backends/local.js';

export type { IdentityAdapter, IdentityField, IdentityInput, SignInRequest } from './identity/identity-adapter.js';
export { GuestIdentity, type GuestIdentityOptions } from './identity/guest.js';
export {
  WordPressSessionIdentity,
  WordPressApplicationPasswordIdentity,
  type WordPressSessionOptions,
  type WordPressApplicationPasswordOptions,
} from './identity/wordpress.js';
export { WalineIdentity, type WalineIdentityOptions } from './identity/waline.js';
export { OpenIdIdentity, type OpenIdOptions } from './identity/oidc.js';
export { openIdPresets } from './identity/oidc-presets.js';
export { BrokeredIdentity, type BrokeredIdentityOptions } from './identity/brokered.js';
export { MastodonIdentity, type MastodonIdentityOptions } from './identity/mastodon.js';
export { IndieAuthIdentity, type IndieAuthIdentityOptions } from './identity/indieauth.js';
export { SiteIdentity, SITE_USER_EVENT, type SiteIdentityOptions, type SiteUser } from './identity/site.js';

export { ParleyError, ERROR_CODES, type ParleyErrorCode, type ParleyErrorOptions } from './core/errors.js';
export type { RetryPolicy } from './core/retry.js';
export type {
  Author,
  AuthorRole,
  CommentDraft,
  CommentPage,
  CommentStatus,
  Identity,
  NotifyOptions,
  ParleyComment,
} from './core/types.js';

export { prepareSanitizer, sanitizeCommentHtml, sanitizerEngine } from './sanitize/sanitize-html.js';
export { type Messages, type MessageKey } from './i18n/en.js';
export { englishMessages } from './i18n/english.js';
export { registerLocale, setLocaleLoader, SHIPPED_LOCALES } from './i18n/locales.js';
