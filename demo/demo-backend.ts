/**
 * The demo's in-browser comment server: msw intercepts requests to /api and
 * answers with the Parley REST protocol, keeping comments in localStorage so
 * they survive a reload. No server to set up.
 */
import { http, HttpResponse } from 'msw';
import { setupWorker } from 'msw/browser';
import { createRestServer, type WireComment } from '../test/mocks/rest-server.js';
import { seedComments } from './seed.js';

export const DEMO_ENDPOINT = '/api';
const STORAGE_KEY = 'parley-demo:threads';

function loadThreads(): Map<string, WireComment[]> {
  try {
    const saved = localStorage.getItem(STORAGE_KEY);
    if (saved) return new Map(JSON.parse(saved) as [string, WireComment[]][]);
  } catch {
    /* fall through to the seed */
  }
  return new Map([['/2014/networking/', seedComments()]]);
}

/** Starts the mock server; `offline()` makes every request fail like a dropped connection. */
export async function startDemoBackend(): Promise<{ setOffline(offline: boolean): void; reset(): void }> {
  const threads = loadThreads();
  const server = createRestServer({
    endpoint: DEMO_ENDPOINT,
    threads,
    latency: 250,
    onChange: () => localStorage.setItem(STORAGE_KEY, JSON.stringify([...threads])),
  });
  const worker = setupWorker(...server.handlers);
  await worker.start({ serviceWorker: { url: '/mockServiceWorker.js' }, onUnhandledRequest: 'bypass', quiet: true });
  return {
    setOffline(offline) {
      worker.resetHandlers();
      if (offline) worker.use(http.all(`${DEMO_ENDPOINT}/*`, () => HttpResponse.error()));
    },
    reset() {
      localStorage.removeItem(STORAGE_KEY);
      location.reload();
    },
  };
}
