/**
 * The strict-CSP demo page. Its comment server runs in the page: msw's
 * request handlers answer fetch() calls directly, without the service
 * worker the other demo pages use (registering a worker from a string URL is
 * a Trusted Types sink, and a real site has a real server anyway).
 */
import { FetchInterceptor } from '@mswjs/interceptors/fetch';
import { getResponse, http, HttpResponse, type HttpHandler } from 'msw';
import { wireDemoControls } from './controls.js';
import { createStoredServer, DEMO_ENDPOINT } from './stored-server.js';

const server = createStoredServer('parley-demo:csp-threads');
const offlineHandler = http.all(`${DEMO_ENDPOINT}/*`, () => HttpResponse.error());
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
    server.forget();
    location.reload();
  },
});

await import('../src/define.js');
