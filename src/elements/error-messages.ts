import type { ParleyError, ParleyErrorCode } from '../core/errors.js';
import type { MessageKey } from '../i18n/en.js';

const KEY_BY_CODE: Record<ParleyErrorCode, MessageKey> = {
  invalid: 'errorInvalid',
  duplicate: 'errorDuplicate',
  flood: 'errorFlood',
  closed: 'errorClosed',
  unauthorized: 'errorUnauthorized',
  forbidden: 'errorForbidden',
  not_found: 'errorNotFound',
  rate_limited: 'errorRateLimited',
  network: 'errorNetwork',
  timeout: 'errorTimeout',
  server: 'errorServer',
  popup_blocked: 'errorPopupBlocked',
};

/** The catalogue message (and its parameters) that tells a reader what happened and what to do. */
export function errorMessage(error: ParleyError): { key: MessageKey; params: Record<string, number> } {
  if (error.code === 'rate_limited' && error.retryAfter !== undefined && error.retryAfter > 0) {
    return { key: 'errorRateLimitedFor', params: { count: error.retryAfter } };
  }
  return { key: KEY_BY_CODE[error.code], params: {} };
}
