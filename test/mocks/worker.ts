import { setupWorker, type SetupWorker } from 'msw/browser';

let worker: SetupWorker | undefined;

/** Starts (once) the msw service worker for a test file; handlers are swapped per test. */
export async function startWorker(): Promise<SetupWorker> {
  if (!worker) {
    worker = setupWorker();
    await worker.start({ serviceWorker: { url: '/mockServiceWorker.js' }, onUnhandledRequest: 'error', quiet: true });
  }
  return worker;
}
