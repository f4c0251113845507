import { ParleyError, toParleyError } from '../core/errors.js';
import { parseInSlices, readTextInSlices } from './json-slices.js';

export { isRecord } from './guards.js';

/** Default time a request may take before it fails with `timeout`. */
export const DEFAULT_TIMEOUT_MS = 15_000;

/** Parses `Retry-After` (delta-seconds or an HTTP date) into seconds. */
export function parseRetryAfter(value: string | null, now = Date.now()): number | undefined {
  if (value === null || value.trim() === '') return undefined;
  if (/^\s*\d+\s*$/.test(value)) return Number(value);
  const date = Date.parse(value);
  if (Number.isNaN(date)) return undefined;
  return Math.max(0, Math.ceil((date - now) / 1000));
}

/**
 * fetch() and read the JSON body, within a timeout joined to the caller's
 * signal; network failures and timeouts become ParleyErrors, a caller's abort
 * stays an AbortError. The timer stops once the body is read: a finished
 * request holds nothing (not the element that made it) for the rest of the timeout.
 */
export async function fetchJson(
  url: string,
  init: RequestInit & { signal: AbortSignal },
  timeoutMs = DEFAULT_TIMEOUT_MS,
  /** The top-level list a very large answer is read in slices by (see json-slices.ts). */
  listKey?: string,
): Promise<{ response: Response; body: unknown }> {
  const timeout = new AbortController();
  const timer = setTimeout(() => timeout.abort(), timeoutMs);
  try {
    const response = await fetch(url, { ...init, signal: AbortSignal.any([init.signal, timeout.signal]) });
    return { response, body: await readJson(response, listKey) };
  } catch (error) {
    if (init.signal.aborted) throw init.signal.reason;
    if (timeout.signal.aborted) throw new ParleyError('timeout', 'The comment server took too long to answer.', { cause: error });
    throw toParleyError(error);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Reads a JSON body. On success responses anything that is not JSON becomes a
 * `server` error; on error responses a non-JSON body (an HTML error page) is
 * read as `undefined`, so the status and headers still decide the error.
 */
export async function readJson(response: Response, listKey?: string): Promise<unknown> {
  // A list that may be very large is read in slices, from its bytes on.
  const list = response.ok ? listKey : undefined;
  const text = list ? await readTextInSlices(response) : await response.text();
  try {
    return list ? await parseInSlices(text, list) : (JSON.parse(text) as unknown);
  } catch (error) {
    if (!response.ok) return undefined;
    const kind = /^\s*</.test(text) ? 'an HTML page' : 'malformed JSON';
    throw new ParleyError('server', `The comment server answered ${response.status} with ${kind} instead of JSON.`, {
      status: response.status,
      cause: error,
    });
  }
}
