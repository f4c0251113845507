import { expect, oneEvent, waitUntil } from '@open-wc/testing';
import { http, HttpResponse } from 'msw';
import { GuestIdentity } from '../../src/identity/guest.js';
import type { IdentityAdapter } from '../../src/identity/identity-adapter.js';
import type { ParleyComments } from '../../src/elements/parley-comments.js';
import { createRestServer } from '../mocks/rest-server.js';
import { threadedConversation } from '../mocks/fixtures.js';
import { startWorker } from '../mocks/worker.js';
import { $, endpoint, mount, part, parts, type } from './helpers.js';

/** A guest adapter that remembers into its own storage, so tests never share state. */
function freshGuest(): GuestIdentity {
  localStorage.removeItem('parley:test-guest');
  return new GuestIdentity({ storageKey: 'parley:test-guest' });
}

async function fillGuest(element: ParleyComments, text = 'Great post!') {
  await type(element, '#comment-text', text);
  await type(element, 'input[name="email"]', 'ann@example.com');
  await type(element, 'input[name="name"]', 'Ann');
}

async function submit(element: ParleyComments) {
  part(element, 'submit-button')!.click();
  await element.updateComplete;
}

describe('<parley-comments> reply form', () => {
  let worker: Awaited<ReturnType<typeof startWorker>>;
  let server: ReturnType<typeof createRestServer>;

  before(async () => {
    worker = await startWorker();
  });
  beforeEach(() => {
    // Held comments and drafts are kept per thread in localStorage; each test starts without any.
    for (const key of Object.keys(localStorage)) if (/^parley:(held|draft):/.test(key)) localStorage.removeItem(key);
    server = createRestServer({ endpoint, threads: new Map([['thread-1', threadedConversation()]]) });
    worker.use(...server.handlers);
  });
  afterEach(() => worker.resetHandlers());

  it('starts compact with a labelled textarea, and reveals the details on focus', async () => {
    const element = await mount('thread-1', { identities: [freshGuest()] });
    const textarea = $(element, '#comment-text') as HTMLTextAreaElement;
    // Required, and said so in its label as the guest fields are.
    expect($(element, 'label[for="comment-text"]')!.textContent).to.equal('Comment (required)');
    expect(textarea.required).to.equal(true);
    expect(part(element, 'reply-title')!.textContent!.trim()).to.equal('Leave a Reply');
    expect(part(element, 'guest-fields')).to.equal(null);
    const compact = textarea.getBoundingClientRect().height;
    textarea.focus();
    await element.updateComplete;
    await waitUntil(() => textarea.getBoundingClientRect().height > compact * 1.5, 'textarea did not expand');
    // With no sign-in buttons there is no icon to click: the group's name (not shown) says only what it holds.
    const legend = part(element, 'identity')!.querySelector('legend')!;
    expect(legend.textContent).to.equal('Your details');
    expect(legend.className).to.equal('visually-hidden');
  });

  it('has real email, name and website inputs with autocomplete, required marks and hints', async () => {
    const element = await mount('thread-1', { identities: [freshGuest()] });
    ($(element, '#comment-text') as HTMLTextAreaElement).focus();
    await element.updateComplete;
    const inputs = parts(element, 'field-input') as HTMLInputElement[];
    expect(inputs.map((input) => [input.name, input.type, input.getAttribute('autocomplete'), input.required])).to.deep.equal([
      ['email', 'email', 'email', true],
      ['name', 'text', 'name', true],
      ['url', 'url', 'url', false],
    ]);
    expect($(element, 'label[for="field-email"]')!.textContent).to.equal('Email (required)');
    expect($(element, 'label[for="field-url"]')!.textContent!.trim()).to.equal('Website');
    expect($(element, '#field-email-hint')!.textContent).to.equal('Address never made public');
    expect(inputs[0]!.getAttribute('aria-describedby')).to.contain('field-email-hint');
    expect(part(element, 'submit-button')!.textContent!.trim()).to.equal('Post Comment');
    await expect(element).to.be.accessible();
  });

  it('ties validation messages to their fields and focuses the first invalid one', async () => {
    const element = await mount('thread-1', { identities: [freshGuest()] });
    ($(element, '#comment-text') as HTMLTextAreaElement).focus();
    await element.updateComplete;
    await type(element, 'input[name="email"]', 'not-an-address');
    await type(element, 'input[name="url"]', 'javascript:alert(1)');
    await submit(element);
    expect(element.shadowRoot!.activeElement).to.equal($(element, '#comment-text'));
    const textarea = $(element, '#comment-text')!;
    expect(textarea.getAttribute('aria-invalid')).to.equal('true');
    expect($(element, '#comment-text-error')!.textContent).to.equal('Please type a comment.');
    expect($(element, '#field-email-error')!.textContent).to.equal('Please enter a valid email address, like name@example.com.');
    expect($(element, '#field-name-error')!.textContent).to.equal('Please enter your name.');
    expect($(element, '#field-url-error')!.textContent).to.equal('Please enter a valid web address, like https://example.com.');
    expect($(element, '#field-url')!.getAttribute('aria-describedby')).to.equal('field-url-error');
    expect(part(element, 'notice')!.textContent).to.contain('Please fix the 4 highlighted fields.');
    expect(server.posts).to.have.length(0);
    await expect(element).to.be.accessible();
    // Fixing a field clears its message.
    await type(element, 'input[name="email"]', 'ann@example.com');
    expect($(element, '#field-email-error')!.textContent).to.equal('');
    expect($(element, '#field-email')!.getAttribute('aria-invalid')).to.equal('false');
  });

  it('refuses a website with a space in it, which the browser would otherwise encode into a dead link', async () => {
    const element = await mount('thread-1', { identities: [freshGuest()] });
    await fillGuest(element, 'My blog');
    for (const website of ['my blog.example', 'https://my blog.example']) {
      await type(element, 'input[name="url"]', website);
      await submit(element);
      expect($(element, '#field-url-error')!.textContent, website).to.equal('Please enter a valid web address, like https://example.com.');
    }
    expect(server.posts).to.have.length(0);
    await type(element, 'input[name="url"]', '//my-blog.example');
    await submit(element);
    await oneEvent(element, 'parley-comment-posted');
    expect((server.posts[0]!.body as { author: { url: string } }).author.url).to.equal('https://my-blog.example');
  });

  it('focuses the first invalid detail when only the details are wrong', async () => {
    const element = await mount('thread-1', { identities: [freshGuest()] });
    await type(element, '#comment-text', 'Hello');
    await type(element, 'input[name="email"]', 'ann@example.com');
    await submit(element);
    expect(element.shadowRoot!.activeElement).to.equal($(element, '#field-name'));
  });

  it('posts as a guest: the comment appears in place, the form resets, events fire', async () => {
    const element = await mount('thread-1', { identities: [freshGuest()] });
    await fillGuest(element, 'a < b && c > d\n\n<script>x</script>');
    await type(element, 'input[name="url"]', 'ann.example');
    const submitting = oneEvent(element, 'parley-comment-submit');
    await submit(element);
    const submitEvent = await submitting;
    expect(submitEvent.cancelable).to.equal(true);
    expect(submitEvent.detail.draft.text).to.equal('a < b && c > d\n\n<script>x</script>');
    expect(submitEvent.detail.identity.url).to.equal('https://ann.example');
    const posted = await oneEvent(element, 'parley-comment-posted');
    expect(posted.detail.comment.author.name).to.equal('Ann');
    await element.updateComplete;
    const article = $(element, `[data-comment-id="${posted.detail.comment.id}"]`)!;
    expect(article.querySelector('[part~="comment-body"]')!.textContent).to.equal('a < b && c > d<script>x</script>');
    expect(article.querySelector('script')).to.equal(null);
    expect(element.shadowRoot!.activeElement).to.equal(article);
    expect(($(element, '#comment-text') as HTMLTextAreaElement).value).to.equal('');
    expect(part(element, 'notice')!.textContent!.trim()).to.equal('Your comment was posted.');
    // Said once: by the element's status region, not also by the notice.
    const saying = [...element.shadowRoot!.querySelectorAll('[role="status"], [role="alert"], [aria-live]')].filter((node) =>
      node.textContent!.includes('Your comment was posted.'),
    );
    expect(saying).to.have.length(1);
    expect(part(element, 'header')!.textContent!.trim()).to.equal('5 Comments');
    expect(server.posts).to.have.length(1);
    expect((server.posts[0]!.body as { author: unknown }).author).to.deep.equal({ name: 'Ann', email: 'ann@example.com', url: 'https://ann.example' });
  });

  it('makes the button and the text inert while posting, keeping focus on the button, so one click posts once', async () => {
    worker.use(
      http.post(`${endpoint}/threads/:thread/comments`, async () => {
        await new Promise((resolve) => setTimeout(resolve, 200));
        return HttpResponse.json({ comment: threadedConversation()[3] }, { status: 201 });
      }),
    );
    let calls = 0;
    const element = await mount('thread-1', { identities: [freshGuest()] });
    element.addEventListener('parley-comment-submit', () => calls++);
    await fillGuest(element);
    const button = part(element, 'submit-button') as HTMLButtonElement;
    button.focus();
    button.click();
    await element.updateComplete;
    expect(button.getAttribute('aria-disabled')).to.equal('true');
    expect(button.textContent!.trim()).to.equal('Posting…');
    // A disabled button would drop the keyboard focus to the page; this one keeps it.
    expect(element.shadowRoot!.activeElement).to.equal(button);
    // What is being sent is what the form shows: typing meanwhile would be wiped by the reset after the post.
    expect(($(element, '#comment-text') as HTMLTextAreaElement).readOnly).to.equal(true);
    button.click();
    ($(element, '#comment-text') as HTMLTextAreaElement).dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', ctrlKey: true, bubbles: true }));
    await oneEvent(element, 'parley-comment-posted');
    expect(calls).to.equal(1);
  });

  it('submits with Ctrl+Enter from the textarea', async () => {
    const element = await mount('thread-1', { identities: [freshGuest()] });
    await fillGuest(element);
    const posted = oneEvent(element, 'parley-comment-posted');
    $(element, '#comment-text')!.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', ctrlKey: true, bubbles: true, composed: true }));
    await posted;
    expect(server.posts).to.have.length(1);
  });

  it('submits with Ctrl+Enter from a guest field too (the hint is on the form\'s button, not the textarea)', async () => {
    const element = await mount('thread-1', { identities: [freshGuest()] });
    await fillGuest(element);
    const posted = oneEvent(element, 'parley-comment-posted');
    $(element, 'input[name="name"]')!.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', ctrlKey: true, bubbles: true, composed: true }));
    await posted;
    expect(server.posts).to.have.length(1);
  });

  it('lets a listener veto the post with preventDefault, keeping the text', async () => {
    const element = await mount('thread-1', { identities: [freshGuest()] });
    element.addEventListener('parley-comment-submit', (event) => event.preventDefault());
    await fillGuest(element, 'Vetoed');
    await submit(element);
    await element.updateComplete;
    expect(server.posts).to.have.length(0);
    expect(($(element, '#comment-text') as HTMLTextAreaElement).value).to.equal('Vetoed');
  });

  it('replies: the form moves under the comment, says whom it answers, and Cancel reply puts it back', async () => {
    const element = await mount('thread-1', { identities: [freshGuest()] });
    const bob = $(element, '[data-comment-id="2"]')!;
    const replyButton = bob.querySelector('[part~="reply-button"]') as HTMLButtonElement;
    expect(replyButton.getAttribute('aria-label')).to.equal('Reply to Bob');
    replyButton.click();
    await element.updateComplete;
    const form = part(element, 'reply-form')!;
    expect(form.closest('li')).to.equal(bob.closest('li'));
    expect(part(element, 'reply-title')!.textContent!.replace(/\s+/g, ' ').trim()).to.equal('Leave a Reply to Bob');
    expect(element.shadowRoot!.activeElement).to.equal($(element, '#comment-text'));
    await expect(element).to.be.accessible();

    await fillGuest(element, 'Replying to Bob');
    part(element, 'cancel-reply')!.click();
    await element.updateComplete;
    expect(part(element, 'reply-form')!.closest('li')).to.equal(null);
    expect(element.shadowRoot!.activeElement).to.equal(replyButton);
    // The text typed while replying is still there.
    expect(($(element, '#comment-text') as HTMLTextAreaElement).value).to.equal('Replying to Bob');
  });

  it('posts a reply with its parentId and shows it under its parent', async () => {
    const element = await mount('thread-1', { identities: [freshGuest()] });
    ($(element, '[data-comment-id="4"] [part~="reply-button"]') as HTMLButtonElement).click();
    await element.updateComplete;
    await fillGuest(element, 'A reply to Dave');
    await submit(element);
    const { detail } = await oneEvent(element, 'parley-comment-posted');
    expect(detail.comment.parentId).to.equal('4');
    await element.updateComplete;
    const dave = $(element, '[data-comment-id="4"]')!.closest('li')!;
    expect(dave.querySelector(`[part~="replies"] [data-comment-id="${detail.comment.id}"]`)).to.exist;
    expect(part(element, 'reply-form')!.closest('li')).to.equal(null);
  });

  it('shows a held comment to its author as awaiting moderation', async () => {
    worker.resetHandlers();
    worker.use(...createRestServer({ endpoint, threads: new Map(), moderateGuests: true }).handlers);
    const element = await mount('thread-1', { identities: [freshGuest()] });
    await fillGuest(element, 'Please approve me');
    await submit(element);
    const { detail } = await oneEvent(element, 'parley-comment-posted');
    expect(detail.comment.status).to.equal('pending');
    await element.updateComplete;
    const article = $(element, `[data-comment-id="${detail.comment.id}"]`)!;
    expect(article.querySelector('[part~="pending"]')!.textContent).to.equal('Your comment is awaiting moderation.');
    expect(part(element, 'notice')!.textContent!.trim()).to.equal('Your comment was sent and is awaiting moderation.');
  });

  it('keeps a held comment visible to its author after a reload, until it is listed approved', async () => {
    worker.resetHandlers();
    const threads = new Map<string, ReturnType<typeof threadedConversation>>([['held-thread', []]]);
    worker.use(...createRestServer({ endpoint, threads, moderateGuests: true }).handlers);
    const first = await mount('held-thread', { identities: [freshGuest()] });
    await fillGuest(first, 'Held for review');
    await submit(first);
    const { detail } = await oneEvent(first, 'parley-comment-posted');
    first.remove();

    const again = await mount('held-thread', { identities: [freshGuest()] });
    await waitUntil(() => parts(again, 'comment').length === 1);
    expect(part(again, 'pending')!.textContent).to.equal('Your comment is awaiting moderation.');
    expect(part(again, 'comment-body')!.textContent).to.contain('Held for review');
    again.remove();

    // Approved by a moderator: the server lists it, and the browser forgets its copy.
    threads.set('held-thread', [{ ...detail.comment, createdAt: detail.comment.createdAt.toISOString(), status: 'approved', html: '<p>Held for review</p>' }]);
    const approved = await mount('held-thread', { identities: [freshGuest()] });
    expect(parts(approved, 'comment')).to.have.length(1);
    expect(part(approved, 'pending')).to.equal(null);
    expect(Object.keys(localStorage).filter((key) => key.startsWith('parley:held:'))).to.deep.equal([]);
  });

  it('replaces the form with "Comments are closed." on a closed thread', async () => {
    worker.resetHandlers();
    const threads = new Map([['closed-thread', threadedConversation()]]);
    worker.use(...createRestServer({ endpoint, threads, closed: new Set(['closed-thread']) }).handlers);
    const element = await mount('closed-thread');
    expect(part(element, 'closed')!.textContent).to.equal('Comments are closed.');
    expect(part(element, 'reply-form')).to.equal(null);
    expect(parts(element, 'reply-button')).to.have.length(0);
    expect(parts(element, 'comment')).to.have.length(4);
  });

  const failures: { code: string; status: number; message: string; retryAfter?: string }[] = [
    { code: 'duplicate', status: 409, message: 'Duplicate comment: it looks as though you’ve already said that.' },
    { code: 'flood', status: 429, message: 'You are posting comments too quickly. Slow down, then try again.' },
    { code: 'closed', status: 403, message: 'Comments are closed.' },
    { code: 'unauthorized', status: 401, message: 'You need to sign in to comment here.' },
    { code: 'forbidden', status: 403, message: 'You are not allowed to comment here.' },
    { code: 'not_found', status: 404, message: 'This comment thread could not be found.' },
    // Longer than the longest automatic wait (30 s): told to the reader, not retried.
    { code: 'rate_limited', status: 429, message: 'You are posting too quickly. Try again in 120 seconds.', retryAfter: '120' },
    { code: 'server', status: 500, message: 'The comment server had a problem — your comment is still here, try again later.' },
  ];

  for (const { code, status, message, retryAfter } of failures) {
    it(`keeps the comment and says what happened on "${code}"`, async () => {
      worker.use(
        http.post(`${endpoint}/threads/:thread/comments`, () =>
          HttpResponse.json({ error: { code, message: 'server wording' } }, { status, headers: retryAfter ? { 'Retry-After': retryAfter } : {} }),
        ),
      );
      const element = await mount('thread-1', { identities: [freshGuest()] });
      await fillGuest(element, 'Do not lose me');
      const failed = oneEvent(element, 'parley-error');
      await submit(element);
      const { detail } = await failed;
      expect(detail.action).to.equal('post');
      expect(detail.error.code).to.equal(code);
      await element.updateComplete;
      expect(part(element, 'notice')!.textContent!.trim()).to.equal(message);
      expect(part(element, 'notice')!.getAttribute('role')).to.equal('alert');
      expect(($(element, '#comment-text') as HTMLTextAreaElement).value).to.equal('Do not lose me');
      expect(($(element, 'input[name="name"]') as HTMLInputElement).value).to.equal('Ann');
      expect(part(element, 'submit-button')!.getAttribute('aria-disabled')).to.equal('false');
      expect(($(element, '#comment-text') as HTMLTextAreaElement).readOnly).to.equal(false);
    });
  }

  it('keeps the comment when the network keeps failing, and a later attempt reuses the Idempotency-Key', async () => {
    const failedKeys: (string | null)[] = [];
    worker.use(
      http.post(`${endpoint}/threads/:thread/comments`, ({ request }) => {
        if (failedKeys.length === 2) return undefined; // the network is back: on to the server
        failedKeys.push(request.headers.get('Idempotency-Key'));
        return HttpResponse.error();
      }),
    );
    const element = await mount('thread-1', { identities: [freshGuest()] });
    element.retry = { attempts: 2, baseDelay: 20 };
    await fillGuest(element, 'Survive the blip');
    await submit(element);
    await oneEvent(element, 'parley-error');
    await element.updateComplete;
    expect(failedKeys).to.have.length(2);
    expect(part(element, 'notice')!.textContent!.trim()).to.equal(
      'Could not reach the comment server — your comment is still here, try again.',
    );
    expect(($(element, '#comment-text') as HTMLTextAreaElement).value).to.equal('Survive the blip');
    await submit(element);
    await oneEvent(element, 'parley-comment-posted');
    expect(server.posts).to.have.length(1);
    expect(failedKeys[1]).to.equal(failedKeys[0]);
    expect(failedKeys[0]).to.match(/^[0-9a-f-]{36}$/);
    expect(server.posts[0]!.headers.get('Idempotency-Key')).to.equal(failedKeys[0]);

    // The next comment gets a new key.
    await type(element, '#comment-text', 'Another one');
    await submit(element);
    await oneEvent(element, 'parley-comment-posted');
    expect(server.posts[1]!.headers.get('Idempotency-Key')).to.not.equal(failedKeys[0]);
  });

  it('maps server field errors onto the fields', async () => {
    worker.use(
      http.post(`${endpoint}/threads/:thread/comments`, () =>
        HttpResponse.json({ error: { code: 'invalid', message: 'x', fields: { email: 'This address is banned.' } } }, { status: 400 }),
      ),
    );
    const element = await mount('thread-1', { identities: [freshGuest()] });
    await fillGuest(element);
    await submit(element);
    await oneEvent(element, 'parley-error');
    await element.updateComplete;
    expect($(element, '#field-email-error')!.textContent).to.equal('This address is banned.');
    expect(element.shadowRoot!.activeElement).to.equal($(element, '#field-email'));
    expect(part(element, 'notice')!.textContent!.trim()).to.equal('The comment server did not accept this comment. Check the highlighted fields.');
  });

  it('shows a server\'s field message without what would reorder or hide it, and at most 300 characters long', async () => {
    const huge = `\u202EBanned\u200B here. ${'x'.repeat(200_000)}`;
    worker.use(
      http.post(`${endpoint}/threads/:thread/comments`, () =>
        HttpResponse.json({ error: { code: 'invalid', message: 'x', fields: { email: huge, text: '\u2066\u2067\u200F' } } }, { status: 400 }),
      ),
    );
    const element = await mount('thread-1', { identities: [freshGuest()] });
    await fillGuest(element);
    await submit(element);
    await oneEvent(element, 'parley-error');
    await element.updateComplete;
    const shown = $(element, '#field-email-error')!.textContent!;
    expect(shown.startsWith('Banned here. xxx')).to.equal(true);
    expect(shown.length).to.equal(301);
    expect(shown.endsWith('x…')).to.equal(true);
    // A message of nothing but invisible characters is no message.
    expect($(element, '#comment-text-error')!.textContent).to.equal('');
    expect($(element, '#comment-text')!.getAttribute('aria-invalid')).to.equal('false');
  });

  it('says why the server refused a comment when no field on show is to blame', async () => {
    const answers = [
      { code: 'invalid', message: 'Refused.', fields: { email: 'This address is banned.' } },
      { code: 'invalid', message: 'For the logs: rule 12 matched.' },
    ];
    worker.use(http.post(`${endpoint}/threads/:thread/comments`, () => HttpResponse.json({ error: answers.shift() }, { status: 400 })));
    // A signed-in reader has no e-mail field: the message for it is said in the notice.
    const member: IdentityAdapter = {
      id: 'example-id',
      label: 'Example ID',
      restore: async () => ({ provider: 'example-id', providerLabel: 'Example ID', guest: false, name: 'Member', token: 'secret-token' }),
      signIn: async () => {
        throw new Error('not used');
      },
      signOut: async () => {},
    };
    const element = await mount('thread-1', { identities: [member] });
    await type(element, '#comment-text', 'Great post!');
    // The server's `message` is for its logs: with no field message at all, the notice says only that it refused.
    for (const said of ['The comment server did not accept this comment. This address is banned.', 'The comment server did not accept this comment.']) {
      await submit(element);
      await oneEvent(element, 'parley-error');
      await element.updateComplete;
      expect(part(element, 'notice')!.textContent!.trim()).to.equal(said);
      expect(element.shadowRoot!.activeElement).to.equal(part(element, 'notice'));
      expect($(element, '#comment-text-error')!.textContent).to.equal('');
      expect(($(element, '#comment-text') as HTMLTextAreaElement).value).to.equal('Great post!');
    }
  });

  it('remembers the guest details only when asked, and pre-fills them next time', async () => {
    const guest = freshGuest();
    const element = await mount('thread-1', { identities: [guest] });
    await fillGuest(element);
    const remember = $(element, 'input[name="remember"]') as HTMLInputElement;
    expect(remember.checked).to.equal(false);
    expect(remember.closest('label')!.textContent!.trim()).to.equal(
      'Save my name, email, and website in this browser for the next time I comment.',
    );
    await submit(element);
    await oneEvent(element, 'parley-comment-posted');
    expect(localStorage.getItem('parley:test-guest')).to.equal(null);

    await fillGuest(element, 'Second comment');
    remember.click();
    await submit(element);
    await oneEvent(element, 'parley-comment-posted');
    expect(JSON.parse(localStorage.getItem('parley:test-guest')!)).to.deep.equal({ name: 'Ann', email: 'ann@example.com', url: '' });

    const again = await mount('thread-1', { identities: [new GuestIdentity({ storageKey: 'parley:test-guest' })] });
    ($(again, '#comment-text') as HTMLTextAreaElement).focus();
    await again.updateComplete;
    await waitUntil(() => ($(again, 'input[name="name"]') as HTMLInputElement).value === 'Ann');
    expect(($(again, 'input[name="remember"]') as HTMLInputElement).checked).to.equal(true);

    // Unticking forgets them at once, without posting: the next visit starts with empty fields.
    ($(again, 'input[name="remember"]') as HTMLInputElement).click();
    await waitUntil(() => localStorage.getItem('parley:test-guest') === null, 'the saved details are still there after unticking');
    const third = await mount('thread-1', { identities: [new GuestIdentity({ storageKey: 'parley:test-guest' })] });
    ($(third, '#comment-text') as HTMLTextAreaElement).focus();
    await third.updateComplete;
    expect(($(third, 'input[name="name"]') as HTMLInputElement).value).to.equal('');
    expect(($(third, 'input[name="remember"]') as HTMLInputElement).checked).to.equal(false);
  });

  it('restores identities given after the element is connected', async () => {
    localStorage.setItem('parley:test-guest', JSON.stringify({ name: 'Late', email: 'late@example.com', url: '' }));
    const element = await mount('thread-1', { identities: [] });
    element.identities = [new GuestIdentity({ storageKey: 'parley:test-guest' })];
    ($(element, '#comment-text') as HTMLTextAreaElement).focus();
    await element.updateComplete;
    await waitUntil(() => ($(element, 'input[name="name"]') as HTMLInputElement | null)?.value === 'Late', 'not restored');
    localStorage.removeItem('parley:test-guest');
  });

  it('offers notify-me checkboxes only when the backend supports them', async () => {
    const element = await mount('thread-1', { identities: [freshGuest()] });
    ($(element, '#comment-text') as HTMLTextAreaElement).focus();
    await element.updateComplete;
    // The REST backend declares reply notifications, not post notifications.
    expect($(element, 'input[name="replies"]')).to.exist;
    expect($(element, 'input[name="posts"]')).to.equal(null);
    ($(element, 'input[name="replies"]') as HTMLInputElement).click();
    await fillGuest(element);
    await submit(element);
    await oneEvent(element, 'parley-comment-posted');
    expect((server.posts[0]!.body as { notify: unknown }).notify).to.deep.equal({ replies: true, posts: false });

    const local = await mount('thread-1', { backend: 'local', identities: [freshGuest()] });
    ($(local, '#comment-text') as HTMLTextAreaElement).focus();
    await local.updateComplete;
    expect($(local, 'input[name="replies"]')).to.equal(null);
  });

  describe('with a sign-in provider', () => {
    function provider(result: 'ok' | 'fail' = 'ok'): IdentityAdapter & { signedOut: number } {
      return {
        id: 'example-id',
        label: 'Example ID',
        signedOut: 0,
        async restore() {
          return null;
        },
        async signIn() {
          if (result === 'fail') throw new Error('popup closed');
          return { provider: 'example-id', providerLabel: 'Example ID', guest: false, name: 'Member', token: 'secret-token' };
        },
        async signOut() {
          this.signedOut++;
        },
      };
    }

    it('shows a named button per provider after the guest fields, and signs in', async () => {
      const adapter = provider();
      const element = await mount('thread-1', { identities: [freshGuest(), adapter] });
      ($(element, '#comment-text') as HTMLTextAreaElement).focus();
      await element.updateComplete;
      const button = part(element, 'identity-button')!;
      expect(button.textContent!.trim()).to.equal('Log in with Example ID');
      // Tab order follows document order: guest inputs come before the provider buttons.
      expect(parts(element, 'field-input').every((input) => input.compareDocumentPosition(button) & Node.DOCUMENT_POSITION_FOLLOWING)).to.equal(true);
      await expect(element).to.be.accessible();
      const signedIn = oneEvent(element, 'parley-signed-in');
      button.click();
      expect((await signedIn).detail.identity.name).to.equal('Member');
      await element.updateComplete;
      expect(part(element, 'signed-in')!.textContent!.replace(/\s+/g, ' ')).to.contain(
        'You are commenting using your Example ID account. (Log Out / Change)',
      );
      expect(part(element, 'guest-fields')).to.equal(null);
      await expect(element).to.be.accessible();

      await type(element, '#comment-text', 'As a member');
      await submit(element);
      await oneEvent(element, 'parley-comment-posted');
      expect(server.posts[0]!.headers.get('Authorization')).to.equal('Bearer secret-token');
      expect(server.posts[0]!.body).to.not.have.property('author');

      const signedOut = oneEvent(element, 'parley-signed-out');
      part(element, 'sign-out')!.click();
      expect((await signedOut).detail.provider).to.equal('example-id');
      expect(adapter.signedOut).to.equal(1);
      await element.updateComplete;
      expect(part(element, 'guest-fields')).to.exist;
    });

    it('keeps the draft and says so when sign-in fails', async () => {
      const element = await mount('thread-1', { identities: [freshGuest(), provider('fail')] });
      await type(element, '#comment-text', 'Keep me');
      const failed = oneEvent(element, 'parley-error');
      part(element, 'identity-button')!.click();
      expect((await failed).detail.action).to.equal('sign-in');
      await element.updateComplete;
      expect(part(element, 'notice')!.textContent).to.contain('Signing in with Example ID did not work.');
      expect(($(element, '#comment-text') as HTMLTextAreaElement).value).to.equal('Keep me');
    });
  });
});
