/**
 * The strict-CSP demo page. Its comment server runs in the page: msw's
 * request handlers answer fetch() calls directly, without the service
 * worker the other demo pages use (registering a worker from a string URL is
 * a Trusted Types sink, and a real site has a real server anyway).
 */
import { FetchInterceptor } from '@mswjs/interceptors/fetch';
import { getResponse, http, HttpResponse, type HttpHandler } from 'msw';
import { createRestServer, type WireComment } from '../test/mocks/rest-server.js';
import { wireDemoControls } from './controls.js';
import { seedComments } from './seed.js';

const ENDPOINT = '/api';
const STORAGE_KEY = 'parley-demo:csp-threads';

function loadThreads(): Map<string, WireComment[]> {
  try {
    const saved = localStorage.getItem(STORAGE_KEY);
    if (saved) return new Map(JSON.parse(saved) as [string, WireComment[]][]);
  } catch {
    /* fall through to the seed */
  }
  return new Map([['/2014/networking/', seedComments()]]);
}

const threads = loadThreads();
const server = createRestServer({
  endpoint: ENDPOINT,
  threads,
  latency: 250,
  onChange: () => localStorage.setItem(STORAGE_KEY, JSON.stringify([...threads])),
});
const offlineHandler = http.all(`${ENDPOINT}/*`, () => HttpResponse.error());
let handlers: HttpHandler[] = server.handlers;

const interceptor = new FetchInterceptor();
interceptor.apply();
interceptor.on('request', async ({ request, controller }) => {
  const response = await getResponse(handlers, request);
  if (response) controller.respondWith(response);
});

wireDemoControls({
  setOffline(offline) {
    handlers = offline ? [offlineHandler] : server.handlers;
  },
  reset() {
    localStorage.removeItem(STORAGE_KEY);
    location.reload();
  },
});

await import('../src/define.js');
