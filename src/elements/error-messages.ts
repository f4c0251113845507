import type { ParleyError, ParleyErrorCode } from '../core/errors.js';
import type { MessageKey } from '../i18n/en.js';

/** `not_found` → `NotFound`. */
type Camel<S extends string> = S extends `${infer Head}_${infer Tail}` ? `${Capitalize<Head>}${Camel<Tail>}` : Capitalize<S>;

/** The catalogue key of an error code: `not_found` → `errorNotFound` (returned as a MessageKey below, so a code without a message does not compile). */
type ErrorKey = `error${Camel<ParleyErrorCode>}`;

const keyOf = (code: ParleyErrorCode) => `error${code.replace(/(?:^|_)(\w)/g, (_, letter: string) => letter.toUpperCase())}` as ErrorKey;

/** The catalogue message (and its parameters) that tells a reader what happened and what to do; `error` comes through `toParleyError`, so its code is a known one. */
export function errorMessage(error: ParleyError): { key: MessageKey; params: Record<string, number> } {
  if (error.code === 'rate_limited' && error.retryAfter !== undefined && error.retryAfter > 0) {
    return { key: 'errorRateLimitedFor', params: { count: error.retryAfter } };
  }
  return { key: keyOf(error.code), params: {} };
}
