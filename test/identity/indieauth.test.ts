/**
 * IndieAuth against mock websites and servers: what reading the reader's
 * website can fail with, and which profile URL a server may confirm.
 */
import { expect } from '@open-wc/testing';
import { delay, http, HttpResponse } from 'msw';
import { DEFAULT_TIMEOUT_MS } from '../../src/backends/http.js';
import type { Identity } from '../../src/core/types.js';
import { discoverIndieAuth, IndieAuthIdentity } from '../../src/identity/indieauth.js';
import { startWorker } from '../mocks/worker.js';
import { rejection, rejectionOf } from '../rejection.js';

const website = 'https://ann.example/';
const endpoint = 'https://auth.ann.example/auth';

/** A profile page that names `authorization` as its IndieAuth server. */
const profilePage = (authorization: string, status = 200) =>
  new HttpResponse(`<!doctype html><link rel="authorization_endpoint" href="${authorization}"><p>Ann's website.</p>`, { status, headers: { 'Content-Type': 'text/html' } });

/** The adapter with its answer check open to the tests. */
class TestIndieAuth extends IndieAuthIdentity {
  answer(url: URL, pending: Record<string, string>, signal = new AbortController().signal): Promise<Identity> {
    return this.finish(url, pending, signal);
  }
}

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

  describe('the profile URL the server confirms', () => {
    const pending = {
      state: 's',
      verifier: 'v',
      redirectUri: 'https://blog.example/post/',
      clientId: 'https://blog.example/',
      profile: website,
      authorizationEndpoint: endpoint,
      issuer: '',
    };
    let read: string[];

    /** Signs in with `website` typed; the server confirms `me`; `pages` are the websites there are, by the server they name. */
    function confirming(me: string, pages: Record<string, string> = {}, signal?: AbortSignal): Promise<Identity> {
      read = [];
      worker.use(
        http.post(endpoint, () => HttpResponse.json({ me, profile: { name: 'Ann' } })),
        ...Object.entries(pages).map(([page, authorization]) =>
          http.get(page, () => {
            read.push(page);
            return profilePage(authorization);
          }),
        ),
      );
      return new TestIndieAuth().answer(new URL('https://blog.example/post/?code=c&state=s'), pending, signal);
    }

    it('is taken as it is when it is the website typed', async () => {
      expect((await confirming('https://ann.example')).url).to.equal(website);
      expect(read).to.deep.equal([]);
    });

    it('is taken when it is another website that names the same server, on another host too', async () => {
      for (const me of ['https://ann.example/about/', 'https://ann.blog.example/']) {
        const identity = await confirming(me, { [me]: endpoint });
        expect(identity.url).to.equal(me);
        expect(read).to.deep.equal([me]);
      }
    });

    it('is refused when it names another server, even on the host typed (a shared domain)', async () => {
      for (const me of ['https://ann.example/~bob/', 'https://bob.example/']) {
        const error = await rejection(confirming(me, { [me]: 'https://auth.bob.example/auth' }));
        expect(error.code).to.equal('forbidden');
        expect(error.message).to.equal(`The IndieAuth server confirmed ${me}, which is not ${website} and does not name that server.`);
      }
    });

    it('is refused when it cannot be read, or is no profile URL', async () => {
      const me = 'https://gone.example/';
      for (const answer of [() => HttpResponse.error(), () => new HttpResponse(null, { status: 404 })]) {
        worker.use(http.get(me, answer));
        const error = await rejection(confirming(me));
        expect(error.code).to.equal('forbidden');
        expect(error.message).to.equal(`The IndieAuth server confirmed ${me}, which is not ${website} and does not name that server.`);
      }
      for (const me of ['http://ann.example/', 'https://ann.example:8443/', 'https://ann@ann.example/', '']) {
        expect((await rejection(confirming(me, { [me]: endpoint }))).message).to.equal('The IndieAuth server confirmed no profile URL.');
      }
    });

    it('stops when the reader cancels while the website is read', async () => {
      const controller = new AbortController();
      const me = 'https://ann.blog.example/';
      const reading = new Promise<void>((resolve) => worker.use(http.get(me, () => (resolve(), delay('infinite')))));
      const signingIn = confirming(me, {}, controller.signal);
      await reading;
      controller.abort();
      expect((await rejectionOf(signingIn)) as DOMException).to.have.property('name', 'AbortError');
    });
  });
});
