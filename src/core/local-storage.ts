/**
 * The page's localStorage, or undefined where reading it throws (storage
 * disabled, sandboxed frames). Read on use, never at construction.
 */
export function pageLocalStorage(): Storage | undefined {
  try {
    return globalThis.localStorage;
  } catch {
    return undefined;
  }
}

/** The tab's sessionStorage, or undefined where reading it throws (as pageLocalStorage). */
export function pageSessionStorage(): Storage | undefined {
  try {
    return globalThis.sessionStorage;
  } catch {
    return undefined;
  }
}

/**
 * The JSON value stored under `key`; undefined when there is none, it does
 * not parse, or storage throws. What comes back is untrusted: check it.
 */
export function readStored(storage: Storage | undefined, key: string): unknown {
  try {
    const raw = storage?.getItem(key);
    return raw == null ? undefined : (JSON.parse(raw) as unknown);
  } catch {
    return undefined;
  }
}

/**
 * Stores `value` as JSON under `key`, or removes the key when `value` is
 * undefined. Best effort: storage that is full or disabled keeps nothing,
 * and the page goes on without it.
 */
export function writeStored(storage: Storage | undefined, key: string, value: unknown): void {
  try {
    if (value === undefined) storage?.removeItem(key);
    else storage?.setItem(key, JSON.stringify(value));
  } catch {
    /* not kept */
  }
}
