/**
 * Nothing a reader typed is lost: drafts across reloads, thread switches and
 * sign-ins; retries with the same idempotency key; offline posting; and clear
 * messages for input that cannot be posted as it is.
 */
import { expect, oneEvent, waitUntil } from '@open-wc/testing';
import { getResponse, http, HttpResponse } from 'msw';
import { RestBackend } from '../../src/backends/rest.js';
import { GuestIdentity } from '../../src/identity/guest.js';
import type { ParleyComments } from '../../src/elements/parley-comments.js';
import { threadedConversation } from '../mocks/fixtures.js';
import { createRestServer, type WireComment } from '../mocks/rest-server.js';
import { startWorker } from '../mocks/worker.js';
import { $, endpoint, mount, part, type } from './helpers.js';

const textarea = (element: ParleyComments) => $(element, '#comment-text') as HTMLTextAreaElement;
const input = (element: ParleyComments, name: string) => $(element, `input[name="${name}"]`) as HTMLInputElement;

function freshGuest(): GuestIdentity {
  return new GuestIdentity({ storageKey: 'parley:test-guest-never-lose' });
}

async function fillGuest(element: ParleyComments, text: string) {
  await type(element, '#comment-text', text);
  await type(element, 'input[name="email"]', 'ann@example.com');
  await type(element, 'input[name="name"]', 'Ann');
}

/** What the hidden status region says. */
const status = (element: ParleyComments) => $(element, '.visually-hidden[role="status"]')!.textContent!.trim();

/** Drafts are saved a moment after the last keystroke; a hidden page saves at once. */
function flushDraft() {
  window.dispatchEvent(new Event('pagehide'));
}

/** Pretends the browser went offline (or back online), as `navigator.onLine` and its events report it. */
function setOnline(online: boolean) {
  Object.defineProperty(navigator, 'onLine', { configurable: true, get: () => online });
  window.dispatchEvent(new Event(online ? 'online' : 'offline'));
}

describe('<parley-comments> never loses a comment', () => {
  let worker: Awaited<ReturnType<typeof startWorker>>;
  let server: ReturnType<typeof createRestServer>;
  let threads: Map<string, WireComment[]>;
  /** Comments on the server whose text contains `text`. */
  const stored = (text: string) => threads.get('thread-1')!.filter((comment) => comment.html.includes(text));

  before(async () => {
    worker = await startWorker();
  });
  beforeEach(() => {
    for (const key of Object.keys(localStorage)) if (key.startsWith('parley:')) localStorage.removeItem(key);
    threads = new Map([['thread-1', threadedConversation()], ['thread-2', []]]);
    server = createRestServer({ endpoint, threads });
    worker.use(...server.handlers);
  });
  afterEach(() => {
    worker.resetHandlers();
    delete (navigator as { onLine?: boolean }).onLine;
  });

  describe('drafts', () => {
    /** Page size 1: loads page two, starts a reply to Dave there, types it as a guest, and leaves the page. */
    async function replyOnPageTwoThenLeave(text: string) {
      const element = await mount('thread-1', { identities: [freshGuest()], pageSize: 1 });
      part(element, 'load-more')!.click();
      await waitUntil(() => element.shadowRoot!.querySelector('[data-comment-id="4"]'), 'page two never loaded');
      (element.shadowRoot!.querySelector('[data-comment-id="4"] [part~="reply-button"]') as HTMLElement).click();
      await element.updateComplete;
      await fillGuest(element, text);
      element.remove();
    }

    it('brings back the text, reply target, guest details and notify choice after a reload', async () => {
      const first = await mount('thread-1', { identities: [freshGuest()] });
      (first.shadowRoot!.querySelector('[data-comment-id="2"] [part~="reply-button"]') as HTMLElement).click();
      await first.updateComplete;
      await fillGuest(first, 'A reply I was writing');
      ($(first, 'input[name="replies"]') as HTMLInputElement).click();
      await first.updateComplete;
      first.remove(); // leaving the page saves at once

      const reloaded = await mount('thread-1', { identities: [freshGuest()] });
      await waitUntil(() => part(reloaded, 'cancel-reply'), 'the reply target was not restored');
      expect(textarea(reloaded).value).to.equal('A reply I was writing');
      expect(part(reloaded, 'reply-title')!.textContent!.trim()).to.equal('Leave a Reply to Bob');
      expect(input(reloaded, 'name').value).to.equal('Ann');
      expect(input(reloaded, 'email').value).to.equal('ann@example.com');
      expect(($(reloaded, 'input[name="replies"]') as HTMLInputElement).checked).to.equal(true);
      // Nothing on screen says so: the status region does, with the count, once the region is there to say it.
      expect($(reloaded, '.visually-hidden[role="status"]')!.textContent).to.equal('4 Comments Your unsent comment was restored.');
    });

    it('keeps a reply to a comment on a later page a reply after a reload: said in the form, posted as a reply', async () => {
      await replyOnPageTwoThenLeave('To Dave, from page two');

      const reloaded = await mount('thread-1', { identities: [freshGuest()], pageSize: 1 });
      expect(reloaded.shadowRoot!.querySelector('[data-comment-id="4"]'), 'page two is not loaded yet').to.equal(null);
      expect(part(reloaded, 'reply-title')!.textContent!.trim()).to.equal('Leave a Reply to Dave');
      expect(part(reloaded, 'cancel-reply')).to.not.equal(null);
      // Once its comment is loaded, the form goes under it.
      part(reloaded, 'load-more')!.click();
      await waitUntil(() => reloaded.shadowRoot!.querySelector('[data-comment-id="4"] + .form-host [part~="reply-form"]'), 'the form did not move under Dave');
      reloaded.remove();

      // Posted before its comment is loaded, it is still the reply it was.
      const again = await mount('thread-1', { identities: [freshGuest()], pageSize: 1 });
      expect(part(again, 'reply-title')!.textContent!.trim()).to.equal('Leave a Reply to Dave');
      part(again, 'submit-button')!.click();
      await oneEvent(again, 'parley-comment-posted');
      expect(stored('To Dave, from page two').map((comment) => comment.parentId)).to.deep.equal(['4']);
    });

    it('cancelling a reply whose comment is not loaded yet makes it a comment on the post', async () => {
      await replyOnPageTwoThenLeave('Second thoughts');

      const reloaded = await mount('thread-1', { identities: [freshGuest()], pageSize: 1 });
      part(reloaded, 'cancel-reply')!.click();
      await reloaded.updateComplete;
      expect(part(reloaded, 'cancel-reply')).to.equal(null);
      expect(reloaded.shadowRoot!.activeElement).to.equal(textarea(reloaded));
      part(reloaded, 'submit-button')!.click();
      await oneEvent(reloaded, 'parley-comment-posted');
      expect(stored('Second thoughts').map((comment) => comment.parentId)).to.deep.equal([null]);
    });

    it('saves while typing, without waiting for the page to be left', async () => {
      const element = await mount('thread-1', { identities: [freshGuest()] });
      await type(element, '#comment-text', 'Typed, then the tab crashed');
      await waitUntil(() => Object.keys(localStorage).some((key) => key.startsWith('parley:draft:')), 'never saved', { timeout: 2000 });
      const saved = JSON.parse(localStorage.getItem(Object.keys(localStorage).find((key) => key.startsWith('parley:draft:'))!)!);
      expect(saved.draft.text).to.equal('Typed, then the tab crashed');
    });

    it('keeps one draft per thread when the thread changes', async () => {
      const element = await mount('thread-1', { identities: [freshGuest()] });
      await type(element, '#comment-text', 'For thread one');
      element.thread = 'thread-2';
      await waitUntil(() => part(element, 'empty'), 'thread two never loaded');
      expect(textarea(element).value).to.equal('');
      await type(element, '#comment-text', 'For thread two');
      element.thread = 'thread-1';
      await waitUntil(() => part(element, 'thread'), 'thread one never loaded');
      expect(textarea(element).value).to.equal('For thread one');
      element.thread = 'thread-2';
      await waitUntil(() => part(element, 'empty'));
      expect(textarea(element).value).to.equal('For thread two');
    });

    it('is cleared only once the backend has stored the comment', async () => {
      worker.use(http.post(`${endpoint}/threads/:thread/comments`, () => HttpResponse.json({ error: { code: 'server', message: 'x' } }, { status: 500 }), { once: true }));
      const element = await mount('thread-1', { identities: [freshGuest()] });
      await fillGuest(element, 'Post me');
      part(element, 'submit-button')!.click();
      await oneEvent(element, 'parley-error');
      element.remove();
      const afterFailure = await mount('thread-1', { identities: [freshGuest()] });
      expect(textarea(afterFailure).value).to.equal('Post me');
      part(afterFailure, 'submit-button')!.click();
      await oneEvent(afterFailure, 'parley-comment-posted');
      flushDraft();
      afterFailure.remove();
      const afterSuccess = await mount('thread-1', { identities: [freshGuest()] });
      expect(textarea(afterSuccess).value).to.equal('');
      expect(Object.keys(localStorage).filter((key) => key.startsWith('parley:draft:'))).to.deep.equal([]);
    });

    it('survives signing in, and a cancelled sign-in', async () => {
      let finish: (() => void) | undefined;
      const provider = {
        id: 'site',
        label: 'Site',
        restore: async () => null,
        signIn: ({ signal }: { signal: AbortSignal }) =>
          new Promise<never>((_, reject) => {
            finish = () => reject(new Error('closed'));
            signal.addEventListener('abort', () => reject(signal.reason));
          }),
        signOut: async () => {},
      };
      const element = await mount('thread-1', { identities: [freshGuest(), provider] });
      await type(element, '#comment-text', 'Written before signing in');
      part(element, 'identity-button')!.click();
      await element.updateComplete;
      part(element, 'cancel-sign-in')!.click();
      await element.updateComplete;
      expect(textarea(element).value).to.equal('Written before signing in');
      part(element, 'identity-button')!.click();
      await element.updateComplete;
      finish!();
      await oneEvent(element, 'parley-error');
      expect(textarea(element).value).to.equal('Written before signing in');
    });
  });

  describe('retries', () => {
    it('shows "Retrying…", and posts exactly once with one idempotency key', async () => {
      let failures = 0;
      worker.use(
        http.post(`${endpoint}/threads/:thread/comments`, () => {
          if (failures === 2) return undefined;
          failures++;
          return HttpResponse.json({ error: { code: 'server', message: 'busy' } }, { status: 503 });
        }),
      );
      const element = await mount('thread-1', { identities: [freshGuest()] });
      element.retry = { baseDelay: 150 };
      await fillGuest(element, 'Through a busy server');
      part(element, 'submit-button')!.click();
      await waitUntil(() => part(element, 'retrying'), 'no retrying message');
      expect(part(element, 'retrying')!.textContent!.trim()).to.equal('Could not post yet. Retrying… (attempt 2 of 4)');
      expect(part(element, 'cancel-post')).to.not.equal(null);
      await oneEvent(element, 'parley-comment-posted');
      await element.updateComplete;
      expect(part(element, 'retrying')).to.equal(null);
      expect(server.posts).to.have.length(1);
      expect(stored('Through a busy server')).to.have.length(1);
    });

    it('once it gives up, says so in an alert and leaves no "Retrying…" in the status region', async () => {
      worker.use(http.post(`${endpoint}/threads/:thread/comments`, () => HttpResponse.error()));
      const element = await mount('thread-1', { identities: [freshGuest()] });
      element.retry = { attempts: 2, baseDelay: 600 }; // "Retrying…" shows for 300–600 ms
      await fillGuest(element, 'Into the void');
      part(element, 'submit-button')!.click();
      await waitUntil(() => status(element).startsWith('Could not post yet. Retrying…'), 'no retrying announcement');
      await waitUntil(() => part(element, 'notice'), 'never gave up');
      expect(part(element, 'notice')!.getAttribute('role')).to.equal('alert');
      expect(part(element, 'notice')!.textContent!.trim()).to.equal('Could not reach the comment server — your comment is still here, try again.');
      expect(status(element)).to.equal('');
    });

    it('can be cancelled while it waits; the comment stays, and so does its key', async () => {
      const keys: (string | null)[] = [];
      worker.use(
        http.post(`${endpoint}/threads/:thread/comments`, ({ request }) => {
          keys.push(request.headers.get('Idempotency-Key'));
          return HttpResponse.error();
        }),
      );
      const element = await mount('thread-1', { identities: [freshGuest()] });
      element.retry = { baseDelay: 60_000, maxDelay: 60_000 };
      await fillGuest(element, 'Cancel me, keep me');
      part(element, 'submit-button')!.click();
      await waitUntil(() => part(element, 'retrying'), 'no retrying message');
      part(element, 'cancel-post')!.click();
      await element.updateComplete;
      expect(part(element, 'notice')!.textContent!.trim()).to.equal('Posting was cancelled. Your comment is still here.');
      expect(status(element), '"Retrying…" left in the status region').to.equal('');
      expect(textarea(element).value).to.equal('Cancel me, keep me');
      expect(part(element, 'submit-button')!.getAttribute('aria-disabled')).to.equal('false');
      // The Cancel button is gone: focus goes back to the comment, not to the page.
      expect(element.shadowRoot!.activeElement).to.equal(textarea(element));
      worker.resetHandlers(...server.handlers);
      part(element, 'submit-button')!.click();
      await oneEvent(element, 'parley-comment-posted');
      expect(server.posts[0]!.headers.get('Idempotency-Key')).to.equal(keys[0]);
    });

    it('reuses the key after a reload, so a comment whose answer was lost is stored once', async () => {
      // The server stores the comment, but the answer never arrives.
      worker.use(
        http.post(
          `${endpoint}/threads/:thread/comments`,
          async ({ request }) => {
            await getResponse(server.handlers, request.clone());
            return HttpResponse.error();
          },
          { once: true },
        ),
      );
      const element = await mount('thread-1', { identities: [freshGuest()] });
      element.retry = { attempts: 1 };
      await fillGuest(element, 'Lost answer');
      part(element, 'submit-button')!.click();
      await oneEvent(element, 'parley-error');
      element.remove();
      const reloaded = await mount('thread-1', { identities: [freshGuest()] });
      expect(textarea(reloaded).value).to.equal('Lost answer');
      part(reloaded, 'submit-button')!.click();
      await oneEvent(reloaded, 'parley-comment-posted');
      const keys = server.posts.map((post) => post.headers.get('Idempotency-Key'));
      expect(keys).to.have.length(2);
      expect(keys[1]).to.equal(keys[0]);
      expect(stored('Lost answer')).to.have.length(1);
    });
  });

  describe('aborting', () => {
    it('aborts a post under way when the element is removed or the thread changes, keeping the draft', async () => {
      // A backend that never answers, and records the signal each post was given.
      const signals: AbortSignal[] = [];
      const rest = new RestBackend({ endpoint });
      const adapter = {
        storageKey: rest.storageKey,
        list: rest.list.bind(rest),
        post: (_thread: string, _draft: unknown, _identity: unknown, { signal }: { signal: AbortSignal }) => {
          signals.push(signal);
          return new Promise<never>((_, reject) => signal.addEventListener('abort', () => reject(signal.reason)));
        },
      };
      const element = await mount('thread-1', { adapter, identities: [freshGuest()] });
      await fillGuest(element, 'Removed mid-post');
      part(element, 'submit-button')!.click();
      await waitUntil(() => signals.length === 1, 'never posted');
      element.remove();
      expect(signals[0]!.aborted, 'aborted on removal').to.equal(true);

      const again = await mount('thread-1', { adapter, identities: [freshGuest()] });
      expect(textarea(again).value).to.equal('Removed mid-post');
      part(again, 'submit-button')!.click();
      await waitUntil(() => signals.length === 2, 'never posted');
      again.thread = 'thread-2';
      await again.updateComplete;
      expect(signals[1]!.aborted, 'aborted on a thread change').to.equal(true);
      await waitUntil(() => part(again, 'empty'));
      expect(textarea(again).value).to.equal('');
      expect(part(again, 'submit-button')!.getAttribute('aria-disabled')).to.equal('false');
      again.thread = 'thread-1';
      await waitUntil(() => part(again, 'thread'));
      expect(textarea(again).value).to.equal('Removed mid-post');
    });
  });

  describe('offline', () => {
    it('says so, keeps the comment, and posts it once back online when asked to', async () => {
      const element = await mount('thread-1', { identities: [freshGuest()] });
      await fillGuest(element, 'Written on a train');
      setOnline(false);
      part(element, 'submit-button')!.click();
      await element.updateComplete;
      expect(part(element, 'offline')!.textContent).to.contain('You are offline. Your comment is saved in this browser.');
      expect(server.posts).to.have.length(0);
      part(element, 'post-when-online')!.focus();
      part(element, 'post-when-online')!.click();
      await element.updateComplete;
      expect(part(element, 'offline')!.textContent!.trim()).to.equal('Your comment will be posted as soon as you are back online.');
      expect(part(element, 'submit-button')!.getAttribute('aria-disabled')).to.equal('true');
      // The button pressed is gone: focus goes back to the comment.
      expect(element.shadowRoot!.activeElement).to.equal(textarea(element));
      // Pressing Post Comment meanwhile changes nothing: it is already queued.
      part(element, 'submit-button')!.click();
      await element.updateComplete;
      expect(part(element, 'offline')!.textContent!.trim()).to.equal('Your comment will be posted as soon as you are back online.');
      const posted = oneEvent(element, 'parley-comment-posted');
      setOnline(true);
      await posted;
      expect(server.posts).to.have.length(1);
      expect(textarea(element).value).to.equal('');
    });

    it('without consent, only says it is back online', async () => {
      const element = await mount('thread-1', { identities: [freshGuest()] });
      await fillGuest(element, 'Not yet');
      setOnline(false);
      part(element, 'submit-button')!.click();
      await element.updateComplete;
      part(element, 'post-when-online')!.focus();
      setOnline(true);
      await element.updateComplete;
      expect(part(element, 'notice')!.textContent!.trim()).to.equal('You are back online. Your comment is ready to post.');
      // The question is gone with the button that answered it: focus moves to the button that posts.
      expect(element.shadowRoot!.activeElement).to.equal(part(element, 'submit-button'));
      expect(server.posts).to.have.length(0);
      expect(textarea(element).value).to.equal('Not yet');
    });

    it('a thread that could not load offline loads by itself once the browser is back online', async () => {
      setOnline(false);
      worker.use(http.get(`${endpoint}/threads/:thread/comments`, () => HttpResponse.error(), { once: true }));
      const element = await mount('thread-1');
      expect(part(element, 'error')!.textContent).to.contain('Could not load the comments.');
      setOnline(true);
      await waitUntil(() => element.shadowRoot!.querySelectorAll('[part~="comment"]').length === 4, 'the thread did not load once online');
      expect(part(element, 'error')).to.equal(null);
    });

    it('a thread loading by itself once online leaves focus in the comment box the reader is typing in', async () => {
      setOnline(false);
      worker.use(http.get(`${endpoint}/threads/:thread/comments`, () => HttpResponse.error(), { once: true }));
      const element = await mount('thread-1');
      await type(element, '#comment-text', 'Typing on the train');
      expect(element.shadowRoot!.activeElement).to.equal(textarea(element));
      setOnline(true);
      await waitUntil(() => element.shadowRoot!.querySelectorAll('[part~="comment"]').length === 4, 'the thread did not load once online');
      await element.updateComplete;
      expect(element.shadowRoot!.activeElement, 'focus moved away from the comment box').to.equal(textarea(element));
    });

    it('a thread that failed for another reason waits for Retry', async () => {
      worker.use(http.get(`${endpoint}/threads/:thread/comments`, () => HttpResponse.json({ error: { code: 'server', message: 'Down' } }, { status: 500 }), { once: true }));
      const element = await mount('thread-1');
      expect(part(element, 'error')).to.not.equal(null);
      setOnline(true);
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(part(element, 'error'), 'still showing the error').to.not.equal(null);
      part(element, 'retry-button')!.click();
      await waitUntil(() => element.shadowRoot!.querySelectorAll('[part~="comment"]').length === 4, 'Retry did not load the thread');
    });

    it('a network failure while offline stops retrying and asks', async () => {
      worker.use(http.post(`${endpoint}/threads/:thread/comments`, () => {
        setOnline(false);
        return HttpResponse.error();
      }));
      const element = await mount('thread-1', { identities: [freshGuest()] });
      await fillGuest(element, 'Cut off');
      part(element, 'submit-button')!.click();
      await waitUntil(() => part(element, 'offline'), 'offline not shown');
      expect(part(element, 'retrying')).to.equal(null);
      expect(textarea(element).value).to.equal('Cut off');
    });
  });

  describe('bad input', () => {
    it('shows the counter from four fifths of any limit on', async () => {
      const element = await mount('thread-1', { identities: [freshGuest()], maxLength: 20 });
      await type(element, '#comment-text', 'x'.repeat(15));
      expect(part(element, 'char-count')!.textContent).to.equal('');
      // 20 × (1 − 0.8) is 3.9999999999999996 in floating point, which once hid "4 characters left".
      await type(element, '#comment-text', 'x'.repeat(16));
      expect(part(element, 'char-count')!.textContent).to.equal('4 characters left');
    });

    it('counts down near the limit and refuses over-long text with its size', async () => {
      const element = await mount('thread-1', { identities: [freshGuest()], maxLength: 100 });
      await type(element, '#comment-text', 'x'.repeat(79));
      expect(part(element, 'char-count')!.textContent).to.equal('');
      await type(element, '#comment-text', 'x'.repeat(80));
      expect(part(element, 'char-count')!.textContent).to.equal('20 characters left');
      await type(element, '#comment-text', 'x'.repeat(99));
      expect(part(element, 'char-count')!.textContent).to.equal('1 character left');
      await type(element, '#comment-text', `${'x'.repeat(100)}😀😀`);
      expect(part(element, 'char-count')!.textContent).to.equal('2 characters over the limit');
      expect(part(element, 'char-count')!.getAttribute('part')).to.contain('char-count-over');
      await type(element, 'input[name="email"]', 'ann@example.com');
      await type(element, 'input[name="name"]', 'Ann');
      part(element, 'submit-button')!.click();
      await element.updateComplete;
      expect($(element, '#comment-text-error')!.textContent).to.equal('Your comment is 2 characters too long. Please shorten it to 100 characters.');
      expect(textarea(element).getAttribute('aria-invalid')).to.equal('true');
      expect(textarea(element).getAttribute('aria-describedby')).to.contain('comment-text-count');
      expect(server.posts).to.have.length(0);
    });

    it('a 100 kB paste is kept in the form and refused with a clear message', async () => {
      const element = await mount('thread-1', { identities: [freshGuest()] });
      const pasted = 'Lorem ipsum dolor sit amet. '.repeat(3700);
      await fillGuest(element, pasted);
      part(element, 'submit-button')!.click();
      await element.updateComplete;
      expect($(element, '#comment-text-error')!.textContent).to.match(/^Your comment is 93,?600 characters too long\. Please shorten it to 10,?000 characters\.$|^Your comment is 93600 characters too long\. Please shorten it to 10000 characters\.$/);
      expect(textarea(element).value).to.equal(pasted);
      expect(server.posts).to.have.length(0);
    });

    it('removes control characters and says so, in the text and in each detail', async () => {
      const element = await mount('thread-1', { identities: [freshGuest()] });
      await fillGuest(element, 'Bell\u0007 and\u0000 nul\nnewline kept');
      await type(element, 'input[name="name"]', 'Ann\u202E\u200Bnimda');
      await type(element, 'input[name="email"]', 'ann\u200B@example.com');
      await type(element, 'input[name="url"]', 'https://\u202Eann.example');
      part(element, 'submit-button')!.click();
      await element.updateComplete;
      expect(textarea(element).value).to.equal('Bell and nul\nnewline kept');
      expect(input(element, 'name').value).to.equal('Annnimda');
      expect($(element, '#comment-text-error')!.textContent).to.equal('Invisible control characters were removed from your comment. Check it, then post again.');
      const removed = 'Invisible characters were removed from this field. Check it, then post again.';
      expect($(element, '#field-name-error')!.textContent).to.equal(removed);
      expect($(element, '#field-email-error')!.textContent).to.equal(removed);
      expect($(element, '#field-url-error')!.textContent).to.equal(removed);
      expect(input(element, 'email').value).to.equal('ann@example.com');
      expect(input(element, 'url').value).to.equal('https://ann.example');
      expect(server.posts).to.have.length(0);
      part(element, 'submit-button')!.click();
      await oneEvent(element, 'parley-comment-posted');
      expect((server.posts[0]!.body as { text: string }).text).to.equal('Bell and nul\nnewline kept');
    });

    it('refuses empty and whitespace-only text, and an invalid email, at their fields', async () => {
      const element = await mount('thread-1', { identities: [freshGuest()] });
      await fillGuest(element, ' \n\t ');
      await type(element, 'input[name="email"]', 'ann@');
      part(element, 'submit-button')!.click();
      await element.updateComplete;
      expect($(element, '#comment-text-error')!.textContent).to.equal('Please type a comment.');
      expect($(element, '#field-email-error')!.textContent).to.equal('Please enter a valid email address, like name@example.com.');
      expect(part(element, 'notice')!.textContent!.trim()).to.equal('Please fix the 2 highlighted fields.');
    });

    it('takes a website without a scheme as https://', async () => {
      const element = await mount('thread-1', { identities: [freshGuest()] });
      await fillGuest(element, 'With my site');
      await type(element, 'input[name="url"]', 'ann.example');
      part(element, 'submit-button')!.click();
      await oneEvent(element, 'parley-comment-posted');
      expect((server.posts[0]!.body as { author: { url: string } }).author.url).to.equal('https://ann.example');
    });
  });
});
