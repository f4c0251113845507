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
