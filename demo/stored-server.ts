/**
 * The demo pages' comment server: the Parley REST protocol answered in the
 * browser (test/mocks/rest-server.ts), its threads kept in localStorage under
 * `storageKey` so comments survive a reload. Pages choose how requests reach it.
 */
import { createRestServer, type WireComment } from '../test/mocks/rest-server.js';
import { seedComments } from './seed.js';

export const DEMO_ENDPOINT = '/api';
export const DEMO_SITE_TOKEN = 'demo-site-session';

export function createStoredServer(storageKey: string): ReturnType<typeof createRestServer> & { forget(): void } {
  const threads = loadThreads(storageKey);
  const server = createRestServer({
    endpoint: DEMO_ENDPOINT,
    threads,
    latency: 250,
    // The demo's "site login" (demo/main.ts) signs in with this token.
    accounts: { [DEMO_SITE_TOKEN]: { name: 'Maya Okafor' } },
    onChange: () => localStorage.setItem(storageKey, JSON.stringify([...threads])),
  });
  return { ...server, forget: () => localStorage.removeItem(storageKey) };
}

function loadThreads(storageKey: string): Map<string, WireComment[]> {
  try {
    const saved = localStorage.getItem(storageKey);
    if (saved) return new Map(JSON.parse(saved) as [string, WireComment[]][]);
  } catch {
    /* fall through to the seed */
  }
  return new Map([['/2014/networking/', seedComments()]]);
}
