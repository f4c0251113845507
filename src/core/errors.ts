/** Stable error codes every adapter maps its failures into. */
export type ParleyErrorCode =
  | 'invalid'
  | 'duplicate'
  | 'flood'
  | 'closed'
  | 'unauthorized'
  | 'forbidden'
  | 'not_found'
  | 'rate_limited'
  | 'network'
  | 'timeout'
  | 'server'
  | 'popup_blocked';

export const ERROR_CODES: readonly ParleyErrorCode[] = [
  'invalid',
  'duplicate',
  'flood',
  'closed',
  'unauthorized',
  'forbidden',
  'not_found',
  'rate_limited',
  'network',
  'timeout',
  'server',
  'popup_blocked',
];

export interface ParleyErrorOptions {
  /** Messages per form field (`name`, `email`, `url`, `text`). */
  fields?: Record<string, string> | undefined;
  /** Seconds to wait before trying again (from `Retry-After`). */
  retryAfter?: number | undefined;
  /** HTTP status, when there was one. */
  status?: number | undefined;
  cause?: unknown | undefined;
}

/**
 * The one error type Parley's adapters throw. The UI picks its message from
 * `code` (never by matching English text); `message` is the backend's own
 * wording, kept for logs and developers.
 */
export class ParleyError extends Error {
  override readonly name = 'ParleyError';
  readonly code: ParleyErrorCode;
  readonly fields: Readonly<Record<string, string>>;
  readonly retryAfter: number | undefined;
  readonly status: number | undefined;

  constructor(code: ParleyErrorCode, message: string, options: ParleyErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    this.fields = Object.freeze({ ...(options.fields ?? {}) });
    this.retryAfter = options.retryAfter;
    this.status = options.status;
  }
}

export function isErrorCode(value: unknown): value is ParleyErrorCode {
  return typeof value === 'string' && (ERROR_CODES as readonly string[]).includes(value);
}

/** Turns anything thrown into a ParleyError (an abort stays an abort). */
export function toParleyError(error: unknown): ParleyError {
  if (error instanceof Error && error.name === 'ParleyError') {
    const { code, message, fields, retryAfter, status } = error as ParleyError;
    if (error instanceof ParleyError && isErrorCode(code)) return error;
    // Another copy's class (the script tag and the npm package on one page), or a code Parley does not know.
    return new ParleyError(isErrorCode(code) ? code : 'server', message, { fields, retryAfter, status, cause: error });
  }
  if (error instanceof DOMException && error.name === 'TimeoutError') {
    return new ParleyError('timeout', 'The comment server took too long to answer.', { cause: error });
  }
  if (error instanceof TypeError) {
    // fetch() rejects with a TypeError when the network fails.
    return new ParleyError('network', 'Could not reach the comment server.', { cause: error });
  }
  let message = 'The comment backend failed.';
  try {
    message = error instanceof Error ? error.message : String(error);
  } catch {
    // A thrown value with no string form (Object.create(null)): the message above.
  }
  return new ParleyError('server', message, { cause: error });
}

export function isAbortError(error: unknown): boolean {
  return error instanceof DOMException && error.name === 'AbortError';
}
