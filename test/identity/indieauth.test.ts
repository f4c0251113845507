/**
 * IndieAuth against mock websites and servers: what reading the reader's
 * website can fail with, and which profile URL a server may confirm.
 */
import { expect } from '@open-wc/testing';
import { delay, http, HttpResponse } from 'msw';
import { DEFAULT_TIMEOUT_MS } from '../../src/backends/http.js';
import { discoverIndieAuth } from '../../src/identity/indieauth.js';
import { startWorker } from '../mocks/worker.js';
import { rejection, rejectionOf } from '../rejection.js';

const website = 'https://ann.example/';
const endpoint = 'https://auth.ann.example/auth';

/** A profile page that names `authorization` as its IndieAuth server. */
const profilePage = (authorization: string, status = 200) =>
  new HttpResponse(`<!doctype html><link rel="authorization_endpoint" href="${authorization}"><p>Ann's website.</p>`, { status, headers: { 'Content-Type': 'text/html' } });

describe('IndieAuth', () => {
  let worker: Awaited<ReturnType<typeof startWorker>>;
  before(async () => {
    worker = await startWorker();
  });
  afterEach(() => worker.resetHandlers());

  describe('reading the reader\'s website', () => {
    const discover = (signal = new AbortController().signal) => discoverIndieAuth(website, signal);

    it('finds the server a readable website names', async () => {
      worker.use(http.get(website, () => profilePage(endpoint)));
      expect(await discover()).to.deep.equal({ authorizationEndpoint: endpoint });
    });

    it('says which status a website that could not be read answered', async () => {
      for (const [status, code] of [
        [404, 'not_found'],
        [410, 'server'],
        [500, 'server'],
      ] as const) {
        // An error page may name a server too: it is not the website's.
        worker.use(http.get(website, () => profilePage(endpoint, status)));
        const error = await rejection(discover());
        expect(error.code).to.equal(code);
        expect(error.status).to.equal(status);
        expect(error.message).to.equal(`Could not read your website ${website}: it answered ${status}.`);
      }
    });

    it('says so when the website cannot be reached (no cross-origin requests allowed, most often)', async () => {
      worker.use(http.get(website, () => HttpResponse.error()));
      const error = await rejection(discover());
      expect(error.code).to.equal('invalid');
      expect(error.message).to.equal(`Could not read your website ${website}: it must allow cross-origin requests.`);
    });

    describe('a website that never answers', () => {
      const setTimeoutOf = window.setTimeout;
      /** Resolves once the website has the request. */
      let asked: Promise<void>;
      beforeEach(() => {
        // The request timeout, cut short here.
        window.setTimeout = ((handler: TimerHandler, ms?: number, ...rest: unknown[]) =>
          setTimeoutOf(handler, ms === DEFAULT_TIMEOUT_MS ? 300 : ms, ...rest)) as typeof window.setTimeout;
        asked = new Promise((resolve) => worker.use(http.get(website, () => (resolve(), delay('infinite')))));
      });
      afterEach(() => (window.setTimeout = setTimeoutOf));

      it('is given up on after the request timeout', async () => {
        const error = await rejection(discover());
        expect(error.code).to.equal('timeout');
        expect(error.message).to.equal(`Could not read your website ${website}: it did not answer in time.`);
      });

      it('is left at once when the reader cancels, without an error to show', async () => {
        const controller = new AbortController();
        const reading = discover(controller.signal);
        await asked;
        controller.abort();
        expect((await rejectionOf(reading)) as DOMException).to.have.property('name', 'AbortError');
      });
    });
  });
});
