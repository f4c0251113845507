/**
 * How long a thread waits for an optional part fetched on demand (the reader
 * of large pages, the look-alike name check) before it goes on without it:
 * a file that never comes must not hold the comments back.
 */
export const OPTIONAL_PART_WAIT_MS = 3_000;

/** The value of `promise`, or undefined when it has not settled within `ms` (it goes on, unwatched). */
export function within<T>(promise: Promise<T>, ms: number): Promise<T | undefined> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<undefined>((resolve) => {
    timer = setTimeout(() => resolve(undefined), ms);
  });
  return Promise.race([promise, late]).finally(() => clearTimeout(timer));
}
