/**
 * The demo's in-browser comment server: msw's service worker intercepts
 * requests to /api and answers with the Parley REST protocol, keeping comments
 * in localStorage so they survive a reload. No server to set up.
 */
import { http, HttpResponse } from 'msw';
import { setupWorker } from 'msw/browser';
import { createStoredServer, DEMO_ENDPOINT } from './stored-server.js';

/** Starts the mock server; `setOffline(true)` makes every request fail like a dropped connection. */
export async function startDemoBackend(): Promise<{ setOffline(offline: boolean): void; reset(): void }> {
  const server = createStoredServer('parley-demo:threads');
  const worker = setupWorker(...server.handlers);
  await worker.start({ serviceWorker: { url: '/mockServiceWorker.js' }, onUnhandledRequest: 'bypass', quiet: true });
  return {
    setOffline(offline) {
      worker.resetHandlers();
      if (offline) worker.use(http.all(`${DEMO_ENDPOINT}/*`, () => HttpResponse.error()));
    },
    reset() {
      server.forget();
      location.reload();
    },
  };
}
