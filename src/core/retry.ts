import { ParleyError, toParleyError } from './errors.js';

/** How a post is retried after a transient failure. */
export interface RetryPolicy {
  /** Attempts in all, the first included (1 = never retry). Default 4. */
  attempts: number;
  /** Delay before the first retry in ms; doubled for each further one. Default 1000. */
  baseDelay: number;
  /**
   * Longest wait in ms, also for a server's `Retry-After`. A server that asks
   * for longer gets no automatic retry: the reader is told when to try again.
   * Default 30000.
   */
  maxDelay: number;
}

export const DEFAULT_RETRY: RetryPolicy = { attempts: 4, baseDelay: 1000, maxDelay: 30_000 };

/** HTTP statuses that say "try again later" rather than "this comment is wrong". */
const TRANSIENT_STATUS = new Set([429, 502, 503, 504]);

/** Whether a failed post may simply be sent again (with the same idempotency key). */
export function isTransient(error: ParleyError): boolean {
  return (
    error.code === 'network' ||
    error.code === 'timeout' ||
    error.code === 'rate_limited' ||
    (error.code === 'server' && error.status !== undefined && TRANSIENT_STATUS.has(error.status))
  );
}

/**
 * Milliseconds to wait before retry number `retry` (1 for the first), or null
 * when the error should be shown instead. Exponential backoff with jitter
 * (half to all of the step, so many readers do not retry in lock-step),
 * never sooner than the server's `Retry-After`.
 */
export function retryDelay(error: ParleyError, retry: number, policy: RetryPolicy, random = Math.random): number | null {
  if (!isTransient(error) || retry >= policy.attempts) return null;
  const step = Math.min(policy.maxDelay, policy.baseDelay * 2 ** (retry - 1));
  const backoff = step / 2 + (random() * step) / 2;
  const asked = (error.retryAfter ?? 0) * 1000;
  if (asked > policy.maxDelay) return null;
  return Math.round(Math.max(backoff, asked));
}

/** Waits `ms`, or rejects with the signal's reason as soon as it aborts. */
export function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(signal.reason);
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal.reason);
    };
    signal.addEventListener('abort', onAbort, { once: true });
  });
}

export interface RetryProgress {
  /** The attempt about to be made (2 for the first retry). */
  attempt: number;
  /** Milliseconds until it is made. */
  delay: number;
  /** What failed. */
  error: ParleyError;
}

/**
 * Runs `send` until it succeeds, fails for good, or `signal` aborts. Before
 * each retry `onRetry` is told what failed and how long the wait is;
 * `shouldRetry` may veto a retry (say, the browser went offline).
 */
export async function withRetry<T>(
  send: () => Promise<T>,
  {
    signal,
    policy,
    onRetry,
    shouldRetry = () => true,
  }: {
    signal: AbortSignal;
    policy: RetryPolicy;
    onRetry: (progress: RetryProgress) => void;
    shouldRetry?: ((error: ParleyError) => boolean) | undefined;
  },
): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await send();
    } catch (thrown) {
      if (signal.aborted) throw signal.reason;
      const error = toParleyError(thrown);
      const delay = retryDelay(error, attempt, policy);
      if (delay === null || !shouldRetry(error)) throw error;
      onRetry({ attempt: attempt + 1, delay, error });
      await sleep(delay, signal);
    }
  }
}
