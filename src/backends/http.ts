import { ParleyError, toParleyError } from '../core/errors.js';
import { OPTIONAL_PART_WAIT_MS, within } from '../core/within.js';
import { loadJsonSlices, type JsonSlices } from './load-json-slices.js';

export { isRecord } from './guards.js';

/** Default time a request may take before it fails with `timeout`. */
export const DEFAULT_TIMEOUT_MS = 15_000;

/** The longest wait a `Retry-After` may ask for: a day (beyond it, a server's mistake, not a wait to show). */
const MAX_RETRY_AFTER = 86_400;

/** Parses `Retry-After` (delta-seconds or an HTTP date, which ends in GMT) into seconds, at most a day. */
export function parseRetryAfter(value: string | null, now = Date.now()): number | undefined {
  const text = value?.trim() ?? '';
  // Only these two forms: a browser's Date.parse reads "1.5" or "-5" as dates too.
  const seconds = /^\d+$/.test(text) ? Number(text) : /GMT$/.test(text) ? Math.ceil((Date.parse(text) - now) / 1000) : NaN;
  return Number.isNaN(seconds) ? undefined : Math.min(Math.max(0, seconds), MAX_RETRY_AFTER);
}

/**
 * A list in an answer that may be very large (thousands of comments): read
 * and parsed in slices (see json-slices.ts) by a module loaded for it.
 */
export interface LargeList {
  /** The answer's top-level key that holds the list. */
  key: string;
  /** The slicing reader; undefined when it could not be loaded (the answer is then read in one go). */
  reader: Promise<JsonSlices | undefined>;
}

let slices: Promise<JsonSlices | undefined> | undefined;

/**
 * Starts loading the reader of very large answers (once), so it is there by
 * the time the answer is: call it as the request is sent.
 */
export function largeList(key: string): LargeList {
  slices ??= loadJsonSlices().catch((error: unknown) => {
    slices = undefined;
    console.warn(`[parley] the reader of large pages could not be loaded (${String(error)}); reading the page in one go.`);
    return undefined;
  });
  return { key, reader: slices };
}

/**
 * fetch() and read the body with `read`, within a timeout joined to the
 * caller's signal; network failures and timeouts become ParleyErrors, a
 * caller's abort stays an AbortError. The timer stops once the body is read:
 * a finished request holds nothing (not the element that made it) for the
 * rest of the timeout.
 */
export async function fetchWithin<T>(
  url: string,
  init: RequestInit & { signal: AbortSignal },
  read: (response: Response) => Promise<T>,
  timeoutMs = DEFAULT_TIMEOUT_MS,
): Promise<{ response: Response; body: T }> {
  const timeout = new AbortController();
  const timer = setTimeout(() => timeout.abort(), timeoutMs);
  try {
    const response = await fetch(url, { ...init, signal: AbortSignal.any([init.signal, timeout.signal]) });
    return { response, body: await read(response) };
  } catch (error) {
    if (init.signal.aborted) throw init.signal.reason;
    if (timeout.signal.aborted) throw new ParleyError('timeout', 'The comment server took too long to answer.', { cause: error });
    throw toParleyError(error);
  } finally {
    clearTimeout(timer);
  }
}

/** fetchWithin, reading the JSON body (see readJson). */
export function fetchJson(
  url: string,
  init: RequestInit & { signal: AbortSignal },
  timeoutMs?: number,
  /** A list the answer may hold thousands of (see `largeList`). */
  large?: LargeList,
): Promise<{ response: Response; body: unknown }> {
  return fetchWithin(url, init, (response) => readJson(response, large), timeoutMs);
}

/**
 * Reads a JSON body. On success responses anything that is not JSON becomes a
 * `server` error; on error responses a non-JSON body (an HTML error page) is
 * read as `undefined`, so the status and headers still decide the error.
 */
export async function readJson(response: Response, large?: LargeList): Promise<unknown> {
  // A list that may be very large is read in slices, from its bytes on (by a reader that is not long in coming).
  const reader = response.ok && large ? await within(large.reader, OPTIONAL_PART_WAIT_MS) : undefined;
  const text = reader ? await reader.readTextInSlices(response) : await response.text();
  try {
    return reader ? await reader.parseInSlices(text, large!.key) : (JSON.parse(text) as unknown);
  } catch (error) {
    if (!response.ok) return undefined;
    const kind = /^\s*</.test(text) ? 'an HTML page' : 'malformed JSON';
    throw new ParleyError('server', `The comment server answered ${response.status} with ${kind} instead of JSON.`, {
      status: response.status,
      cause: error,
    });
  }
}
