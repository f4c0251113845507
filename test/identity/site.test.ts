/**
 * The site's own login (SiteIdentity): the page hands Parley its user, by
 * property or by event, and Parley shows them signed in without asking;
 * their token goes to the comment server with the comment.
 */
import { expect, waitUntil } from '@open-wc/testing';
import type { ParleyComments } from '../../src/elements/parley-comments.js';
import { GuestIdentity } from '../../src/identity/guest.js';
import { SITE_USER_EVENT, SiteIdentity } from '../../src/identity/site.js';
import { createRestServer } from '../mocks/rest-server.js';
import { startWorker } from '../mocks/worker.js';
import { $, endpoint, mount, part, settled, type } from '../elements/helpers.js';

const signedInLine = (element: ParleyComments) => part(element, 'signed-in')?.textContent?.replace(/\s+/g, ' ').trim() ?? null;

describe('SiteIdentity (the site\'s own login)', () => {
  let worker: Awaited<ReturnType<typeof startWorker>>;
  let server: ReturnType<typeof createRestServer>;
  before(async () => {
    worker = await startWorker();
  });
  beforeEach(() => {
    server = createRestServer({ endpoint, threads: new Map([['thread-1', []]]), accounts: { 'site-token': { name: 'Sam from the site' } } });
    worker.use(...server.handlers);
  });
  afterEach(() => worker.resetHandlers());

  async function mountWith(site: SiteIdentity): Promise<ParleyComments> {
    const element = await mount('thread-1', { identities: [new GuestIdentity(), site] });
    $(element, '#comment-text')!.focus();
    await settled(element);
    return element;
  }

  it('shows the user the page hands over as signed in, without guest fields or a button', async () => {
    const element = await mountWith(new SiteIdentity({ label: 'Example Blog', user: { name: 'Sam', avatar: 'https://blog.example/sam.png' } }));
    await waitUntil(() => part(element, 'signed-in'), 'not signed in');
    expect(signedInLine(element)).to.contain('You are commenting using your Example Blog account.');
    expect(part(element, 'guest-fields')).to.equal(null);
    expect(($(element, '[part~="identity-avatar"]') as HTMLImageElement).src).to.equal('https://blog.example/sam.png');
  });

  it('follows the site live: signing out and in again elsewhere on the page shows at once', async () => {
    const site = new SiteIdentity({ label: 'Example Blog', user: { name: 'Sam' } });
    const element = await mountWith(site);
    await waitUntil(() => part(element, 'signed-in'), 'not signed in');
    await type(element, '#comment-text', 'Kept through the change.');
    site.user = null;
    await element.updateComplete;
    expect(part(element, 'signed-in')).to.equal(null);
    expect(part(element, 'guest-fields')).to.not.equal(null);
    // No login page: no button that could not work.
    expect(part(element, 'identity-button')).to.equal(null);
    document.dispatchEvent(new CustomEvent(SITE_USER_EVENT, { detail: { name: 'Sam again', token: 'site-token' } }));
    await element.updateComplete;
    expect(signedInLine(element)).to.contain('Example Blog');
    expect(($(element, '#comment-text') as HTMLTextAreaElement).value).to.equal('Kept through the change.');
  });

  it('posts with the site token, so the server stores the comment under the user it knows', async () => {
    const element = await mountWith(new SiteIdentity({ label: 'Example Blog', user: { name: 'Sam', token: 'site-token' } }));
    await waitUntil(() => part(element, 'signed-in'), 'not signed in');
    await type(element, '#comment-text', 'Signed in by the site.');
    ($(element, '[part~="submit-button"]') as HTMLButtonElement).click();
    await waitUntil(() => part(element, 'notice-success'), 'not posted');
    expect(server.posts[0]!.headers.get('Authorization')).to.equal('Bearer site-token');
    expect(server.posts[0]!.body).to.not.have.property('author');
    const names = [...element.shadowRoot!.querySelectorAll('[part~="comment-author"] bdi')].map((node) => node.textContent);
    expect(names).to.deep.equal(['Sam from the site']);
  });

  it('asks to sign in again, comment kept, when the server no longer accepts the token', async () => {
    const element = await mountWith(new SiteIdentity({ label: 'Example Blog', user: { name: 'Sam', token: 'stale-token' } }));
    await waitUntil(() => part(element, 'signed-in'), 'not signed in');
    await type(element, '#comment-text', 'Not lost when the sign-in expires.');
    ($(element, '[part~="submit-button"]') as HTMLButtonElement).click();
    await waitUntil(() => part(element, 'notice-error'), 'no error');
    expect(part(element, 'notice-error')!.textContent).to.contain('Your sign-in expired, sign in again');
    expect(part(element, 'signed-in')).to.equal(null);
    expect(($(element, '#comment-text') as HTMLTextAreaElement).value).to.equal('Not lost when the sign-in expires.');
  });

  it('offers the site login page as a button when given one, and ignores malformed events', async () => {
    const site = new SiteIdentity({ label: 'Example Blog', loginUrl: '/login' });
    const element = await mountWith(site);
    expect(part(element, 'identity-button')!.textContent).to.contain('Log in with Example Blog');
    document.dispatchEvent(new CustomEvent(SITE_USER_EVENT, { detail: { name: 42 } }));
    document.dispatchEvent(new CustomEvent(SITE_USER_EVENT, { detail: Object.create({ name: 'From the prototype' }) }));
    await element.updateComplete;
    expect(part(element, 'signed-in')).to.equal(null);
    // Signed in, a malformed event does not sign the user out; only `detail: null` does.
    site.user = { name: 'Sam' };
    await element.updateComplete;
    document.dispatchEvent(new CustomEvent(SITE_USER_EVENT, { detail: { name: '' } }));
    await element.updateComplete;
    expect(signedInLine(element)).to.contain('Example Blog');
    document.dispatchEvent(new CustomEvent(SITE_USER_EVENT, { detail: null }));
    await element.updateComplete;
    expect(part(element, 'signed-in')).to.equal(null);
  });

  it('stops listening to the document once its element is gone', async () => {
    const site = new SiteIdentity({ label: 'Example Blog' });
    const element = await mountWith(site);
    element.remove();
    document.dispatchEvent(new CustomEvent(SITE_USER_EVENT, { detail: { name: 'Late' } }));
    // Nobody listened: the adapter's user is unchanged.
    expect(site.user).to.equal(null);
  });
});
