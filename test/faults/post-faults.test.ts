/**
 * Fault injection: a comment posted through every failure a network or a
 * server can produce. For each fault: the message the reader sees, the draft
 * still there while it is unresolved, and exactly one comment on the server
 * at the end. Each case logs one `[faults]` line that `npm run test:faults`
 * tallies.
 */
import { expect, oneEvent, waitUntil } from '@open-wc/testing';
import { delay, getResponse, http, HttpResponse, type HttpHandler } from 'msw';
import { RestBackend } from '../../src/backends/rest.js';
import { GuestIdentity } from '../../src/identity/guest.js';
import type { ParleyComments } from '../../src/elements/parley-comments.js';
import { createRestServer, type WireComment } from '../mocks/rest-server.js';
import { startWorker } from '../mocks/worker.js';
import { $, endpoint, mount, part, type } from '../elements/helpers.js';

const POST = `${endpoint}/threads/:thread/comments`;
const HTML_ERROR_PAGE = '<!doctype html><html><head><title>502 Bad Gateway</title></head><body><h1>Bad Gateway</h1></body></html>';

interface Fault {
  name: string;
  /** Handlers put in front of the server; `store` hands a request to the real server. */
  handlers: (store: (request: Request) => Promise<Response | undefined>) => HttpHandler[];
  /** What the reader is told when the fault is not overcome automatically; absent: it posts by itself. */
  message?: string;
  /** Request timeout of the backend for this case, in ms. */
  timeoutMs?: number;
  /** Seconds the client must wait between the first two attempts (Retry-After). */
  waitsAtLeast?: number;
  offline?: boolean;
}

/** Fails the first `count` attempts with `respond`, then lets requests through. */
function failing(count: number, respond: (request: Request, store: (request: Request) => Promise<Response | undefined>) => Response | Promise<Response>) {
  return (store: (request: Request) => Promise<Response | undefined>) => {
    let seen = 0;
    return [
      http.post(POST, ({ request }) => {
        if (seen >= count) return undefined;
        seen++;
        return respond(request, store);
      }),
    ];
  };
}

const SERVER_ERROR = 'The comment server had a problem — your comment is still here, try again later.';
const NETWORK_ERROR = 'Could not reach the comment server — your comment is still here, try again.';

const faults: Fault[] = [
  { name: '500 with a JSON error', handlers: failing(1, () => HttpResponse.json({ error: { code: 'server', message: 'boom' } }, { status: 500 })), message: SERVER_ERROR },
  { name: '500 with an HTML error page', handlers: failing(1, () => new HttpResponse('<html><body>Internal Server Error</body></html>', { status: 500, headers: { 'Content-Type': 'text/html' } })), message: SERVER_ERROR },
  { name: '502 HTML page from a proxy, twice', handlers: failing(2, () => new HttpResponse(HTML_ERROR_PAGE, { status: 502, headers: { 'Content-Type': 'text/html' } })) },
  { name: '503 with Retry-After: 1', handlers: failing(1, () => HttpResponse.json({ error: { code: 'server', message: 'maintenance' } }, { status: 503, headers: { 'Retry-After': '1' } })), waitsAtLeast: 1 },
  { name: '504 gateway timeout', handlers: failing(1, () => new HttpResponse(null, { status: 504 })) },
  { name: '429 with Retry-After: 2', handlers: failing(1, () => HttpResponse.json({ error: { code: 'rate_limited', message: 'slow down' } }, { status: 429, headers: { 'Retry-After': '2' } })), waitsAtLeast: 2 },
  {
    name: '429 with Retry-After: 120',
    handlers: failing(1, () => HttpResponse.json({ error: { code: 'rate_limited', message: 'slow down' } }, { status: 429, headers: { 'Retry-After': '120' } })),
    message: 'You are posting too quickly. Try again in 120 seconds.',
  },
  { name: 'timeout (no answer)', handlers: failing(1, async () => { await delay('infinite'); return new HttpResponse(null); }), timeoutMs: 400 },
  { name: 'connection reset, once', handlers: failing(1, () => HttpResponse.error()) },
  { name: 'connection reset, every attempt', handlers: failing(4, () => HttpResponse.error()), message: NETWORK_ERROR },
  {
    name: '201 with malformed JSON (stored)',
    handlers: failing(1, async (request, store) => {
      await store(request);
      return new HttpResponse('{"comment": {"id": ', { status: 201, headers: { 'Content-Type': 'application/json' } });
    }),
    message: SERVER_ERROR,
  },
  {
    name: '201 whose body is lost (stored)',
    handlers: failing(1, async (request, store) => {
      await store(request);
      return HttpResponse.error();
    }),
  },
  {
    name: 'request delivered twice',
    handlers: failing(1, async (request, store) => {
      await store(request.clone());
      return (await store(request))!;
    }),
  },
  { name: 'very slow answer (3 s)', handlers: failing(1, async (request, store) => { await delay(3000); return (await store(request))!; }) },
  {
    name: 'huge answer (2 MB)',
    handlers: failing(1, async (request, store) => {
      const stored = (await (await store(request))!.json()) as { comment: WireComment };
      return HttpResponse.json({ padding: 'x'.repeat(2_000_000), comment: stored.comment }, { status: 201 });
    }),
  },
  { name: 'offline, then online', handlers: () => [], offline: true },
];

function setOnline(online: boolean) {
  Object.defineProperty(navigator, 'onLine', { configurable: true, get: () => online });
  window.dispatchEvent(new Event(online ? 'online' : 'offline'));
}

const savedDraftText = (): string | undefined => {
  const key = Object.keys(localStorage).find((candidate) => candidate.startsWith('parley:draft:'));
  return key ? (JSON.parse(localStorage.getItem(key)!) as { draft: { text: string } }).draft.text : undefined;
};

describe('posting through faults', function () {
  this.timeout(30_000);
  let worker: Awaited<ReturnType<typeof startWorker>>;
  let threads: Map<string, WireComment[]>;
  let server: ReturnType<typeof createRestServer>;

  before(async () => {
    worker = await startWorker();
  });
  beforeEach(() => {
    for (const key of Object.keys(localStorage)) if (key.startsWith('parley:')) localStorage.removeItem(key);
    threads = new Map([['faults', []]]);
    server = createRestServer({ endpoint, threads });
  });
  afterEach(() => {
    worker.resetHandlers();
    delete (navigator as { onLine?: boolean }).onLine;
  });

  for (const fault of faults) {
    it(fault.name, async () => {
      const text = `Through "${fault.name}"`;
      const attempts: number[] = [];
      const store = (request: Request) => getResponse(server.handlers, request);
      const counting = http.post(POST, () => {
        attempts.push(performance.now());
        return undefined;
      });
      worker.use(...server.handlers);
      worker.use(...fault.handlers(store));
      worker.use(counting);

      const adapter = new RestBackend({ endpoint, ...(fault.timeoutMs ? { timeoutMs: fault.timeoutMs } : {}) });
      const element: ParleyComments = await mount('faults', { adapter, identities: [new GuestIdentity({ storageKey: 'parley:faults-guest' })] });
      element.retry = { baseDelay: 50 };
      await type(element, '#comment-text', text);
      await type(element, 'input[name="email"]', 'ann@example.com');
      await type(element, 'input[name="name"]', 'Ann');

      if (fault.offline) setOnline(false);
      const outcome = Promise.race([
        oneEvent(element, 'parley-comment-posted').then(() => 'posted' as const),
        oneEvent(element, 'parley-error').then(() => 'error' as const),
      ]);
      part(element, 'submit-button')!.click();
      // Saved before the first attempt leaves, so a crash mid-post loses nothing.
      let draftKept = savedDraftText() === text;
      let seen = '';
      if (fault.offline) {
        await element.updateComplete;
        seen = part(element, 'offline')!.textContent!.replace(/\s+/g, ' ').trim();
        expect(seen).to.contain('You are offline. Your comment is saved in this browser.');
        draftKept &&= savedDraftText() === text && ($(element, '#comment-text') as HTMLTextAreaElement).value === text;
        part(element, 'post-when-online')!.click();
        await element.updateComplete;
        setOnline(true);
        expect(await outcome).to.equal('posted');
      } else if (fault.message) {
        expect(await outcome).to.equal('error');
        await element.updateComplete;
        seen = part(element, 'notice')!.textContent!.trim();
        expect(seen).to.equal(fault.message);
        // Unresolved: the comment is in the form and in the saved draft.
        draftKept &&= savedDraftText() === text && ($(element, '#comment-text') as HTMLTextAreaElement).value === text;
        // The reader tries again once the fault has passed.
        worker.resetHandlers(...server.handlers);
        const again = oneEvent(element, 'parley-comment-posted');
        part(element, 'submit-button')!.click();
        await again;
      } else {
        expect(await outcome).to.equal('posted');
        seen = part(element, 'notice')!.textContent!.trim();
      }
      if (fault.waitsAtLeast) {
        expect(attempts.length).to.be.at.least(2);
        expect(attempts[1]! - attempts[0]!, 'waited for Retry-After').to.be.at.least(fault.waitsAtLeast * 1000 - 50);
      }
      await waitUntil(() => !part(element, 'submit-button')?.hasAttribute('disabled'));
      const onServer = threads.get('faults')!.filter((comment) => comment.html.includes(text.replace(/"/g, '&quot;')) || comment.html.includes(text)).length;
      const keys = new Set(server.posts.map((post) => post.headers.get('Idempotency-Key')));
      expect(onServer, 'comments on the server').to.equal(1);
      expect(keys.size, 'one idempotency key for every attempt').to.equal(1);
      expect(draftKept, 'draft saved before posting and kept while unresolved').to.equal(true);
      expect(savedDraftText(), 'draft cleared once stored').to.equal(undefined);
      console.log(`[faults] ${JSON.stringify({ fault: fault.name, seen, draftKept, attempts: attempts.length, onServer, lost: onServer === 0 ? 1 : 0 })}`);
    });
  }
});
