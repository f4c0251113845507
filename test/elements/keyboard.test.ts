/**
 * Keyboard only: reply, cancel, load more and post with Tab, Enter, Space
 * Ctrl+Enter and Escape, with focus where the reader expects it after each.
 */
import { expect, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import type { ParleyComments } from '../../src/elements/parley-comments.js';
import { GuestIdentity } from '../../src/identity/guest.js';
import { createRestServer } from '../mocks/rest-server.js';
import { manyComments } from '../mocks/fixtures.js';
import { startWorker } from '../mocks/worker.js';
import { $, mount, settled } from './helpers.js';

/** The focused control in the widget, as "tag part-or-id". */
function focused(element: ParleyComments): string {
  const active = element.shadowRoot!.activeElement as HTMLElement | null;
  if (!active) return 'nothing';
  return `${active.localName} ${active.getAttribute('part')?.split(' ')[0] ?? active.id}`;
}

/** Presses Tab (Shift+Tab with `back`) until `wanted` holds, within the widget. */
async function tabUntil(element: ParleyComments, wanted: (element: ParleyComments) => boolean, back = false): Promise<void> {
  for (let step = 0; step < 20 && !wanted(element); step += 1) {
    if (back) await sendKeys({ down: 'Shift' });
    await sendKeys({ press: 'Tab' });
    if (back) await sendKeys({ up: 'Shift' });
  }
  expect(wanted(element), `not reached with ${back ? 'Shift+Tab' : 'Tab'} (at ${focused(element)})`).to.equal(true);
}

describe('<parley-comments> with the keyboard only', () => {
  let worker: Awaited<ReturnType<typeof startWorker>>;
  before(async () => {
    worker = await startWorker();
  });
  beforeEach(() => worker.use(...createRestServer({ endpoint: 'https://comments.test/api', threads: new Map([['keys', manyComments(3)]]) }).handlers));
  afterEach(() => worker.resetHandlers());

  it('replies, cancels, loads more and posts, focus following each step', async () => {
    const element = await mount('keys', { pageSize: 2, identities: [new GuestIdentity({ storageKey: 'parley:keyboard-guest' })] } as Partial<ParleyComments>);
    await settled(element);
    // Start where a reader tabbing in from the article above would: the first link of the first comment.
    ($(element, '[part~="comment-permalink"]') as HTMLElement).focus();

    // Reply with Enter: the form moves under the comment and takes focus.
    await tabUntil(element, (el) => focused(el) === 'button reply-button');
    const replyingTo = element.shadowRoot!.activeElement!.closest('article')!.dataset.commentId;
    await sendKeys({ press: 'Enter' });
    await element.updateComplete;
    expect(focused(element)).to.equal('textarea reply-textarea');
    expect($(element, '[part~="reply-title"]')!.textContent).to.contain('Leave a Reply to');

    // Cancel reply with Space (Shift+Tab back to it): focus returns to that comment's Reply button.
    await tabUntil(element, (el) => focused(el) === 'button cancel-reply', true);
    await sendKeys({ press: ' ' });
    await element.updateComplete;
    expect(focused(element)).to.equal('button reply-button');
    expect(element.shadowRoot!.activeElement!.closest('article')!.dataset.commentId).to.equal(replyingTo);

    // Load more with Enter: focus goes to the first new comment.
    await tabUntil(element, (el) => focused(el) === 'button load-more');
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => focused(element) === 'article comment', 'focus did not move to the new comments');
    expect(element.shadowRoot!.activeElement!.getAttribute('data-comment-id')).to.equal('t3');

    // Write and post with Ctrl+Enter: focus goes to the new comment.
    await tabUntil(element, (el) => focused(el) === 'textarea reply-textarea');
    await sendKeys({ type: 'Typed without a mouse.' });
    await tabUntil(element, (el) => focused(el) === 'input field-input' && (el.shadowRoot!.activeElement as HTMLInputElement).name === 'email');
    await sendKeys({ type: 'keys@example.com' });
    await sendKeys({ press: 'Tab' });
    await sendKeys({ type: 'Kay' });
    ($(element, '#comment-text') as HTMLTextAreaElement).focus();
    await sendKeys({ down: 'Control' });
    await sendKeys({ press: 'Enter' });
    await sendKeys({ up: 'Control' });
    await waitUntil(() => focused(element) === 'article comment' && element.shadowRoot!.activeElement!.textContent!.includes('Typed without a mouse.'), 'focus did not move to the posted comment', { timeout: 5000 });
    localStorage.removeItem('parley:keyboard-guest');
  });
  it('cancels a reply with Escape, keeping the text and returning focus to the Reply button', async () => {
    const element = await mount('keys', { pageSize: 3 } as Partial<ParleyComments>);
    await settled(element);
    const reply = element.shadowRoot!.querySelectorAll<HTMLButtonElement>('[part~="reply-button"]')[1]!;
    reply.focus();
    await sendKeys({ press: 'Enter' });
    await element.updateComplete;
    expect(focused(element)).to.equal('textarea reply-textarea');
    await sendKeys({ type: 'Half a thought' });
    // Escape from a guest field works as from the textarea.
    await tabUntil(element, (el) => focused(el) === 'input field-input');
    await sendKeys({ press: 'Escape' });
    await element.updateComplete;
    expect($(element, '[part~="cancel-reply"]'), 'still replying').to.equal(null);
    expect(focused(element)).to.equal('button reply-button');
    expect(element.shadowRoot!.activeElement, 'focus is on another Reply button').to.equal(reply);
    expect(($(element, '#comment-text') as HTMLTextAreaElement).value).to.equal('Half a thought');
    // Not replying, Escape leaves the form as it is.
    ($(element, '#comment-text') as HTMLTextAreaElement).focus();
    await sendKeys({ press: 'Escape' });
    await element.updateComplete;
    expect(focused(element)).to.equal('textarea reply-textarea');
    expect(($(element, '#comment-text') as HTMLTextAreaElement).value).to.equal('Half a thought');
    element.remove();
    localStorage.removeItem('parley:draft:rest:https://comments.test/api:keys');
  });
});
