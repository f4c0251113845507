/**
 * Owner and moderator badges, and names that only look like an owner's.
 * A badge comes only from the backend's `author.role`; a name that looks like
 * one of `owner-names` without that role is marked "Unverified".
 */
import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { mountFromScript } from '../../src/embed/mount.js';
import type { ParleyComments } from '../../src/elements/parley-comments.js';
import { GuestIdentity } from '../../src/identity/guest.js';
import type { IdentityAdapter } from '../../src/identity/identity-adapter.js';
import { createRestServer, type WireComment } from '../mocks/rest-server.js';
import { wireComment } from '../mocks/fixtures.js';
import { startWorker } from '../mocks/worker.js';
import { $, endpoint, mount, part, settled, type } from './helpers.js';

/** What the reader sees next to each author: name, then the badge or marker text (if any). */
function labels(element: ParleyComments): string[][] {
  return [...element.shadowRoot!.querySelectorAll('article')].map((article) => {
    const name = article.querySelector('[part~="comment-author"] bdi')!.textContent!;
    const marks = [...article.querySelectorAll('[part~="badge"], [part~="unverified-badge"]')].map(
      (node) => `${node.getAttribute('part')}: ${node.textContent!.trim()}`,
    );
    return [name, ...marks];
  });
}

const thread = (): WireComment[] => [
  wireComment('1', { author: { name: 'Ann Lee', url: null, avatar: null, role: 'owner' } }),
  wireComment('2', { author: { name: 'Mo', url: null, avatar: null, role: 'moderator' } }),
  // A Cyrillic А, then a zero-width joiner inside, then fullwidth letters with an accent.
  wireComment('3', { author: { name: '\u0410nn Lee', url: null, avatar: null } }),
  wireComment('4', { author: { name: 'An\u200Dn Lee', url: null, avatar: null } }),
  wireComment('5', { author: { name: 'Ａｎñ Ｌｅｅ', url: null, avatar: null } }),
  wireComment('6', { author: { name: 'Bob', url: null, avatar: null } }),
];

describe('<parley-comments> badges', () => {
  let worker: Awaited<ReturnType<typeof startWorker>>;
  before(async () => {
    worker = await startWorker();
  });
  afterEach(() => worker.resetHandlers());

  function serve(comments: WireComment[], extra = {}) {
    const server = createRestServer({ endpoint, threads: new Map([['thread-1', comments]]), ...extra });
    worker.use(...server.handlers);
    return server;
  }

  it('shows "Author" and "Moderator" for the roles the backend sends, and nothing else by default', async () => {
    serve(thread());
    const element = await mount();
    expect(labels(element)).to.deep.equal([
      ['Ann Lee', 'badge badge-owner: Author'],
      ['Mo', 'badge badge-moderator: Moderator'],
      ['\u0410nn Lee'],
      ['An\u200Dn Lee'],
      ['Ａｎñ Ｌｅｅ'],
      ['Bob'],
    ]);
    // The badge sits beside the name, outside the heading that labels the comment.
    const owner = $(element, '[data-comment-id="1"]')!;
    expect(owner.querySelector('[part~="comment-author"] [part~="badge"]')).to.equal(null);
    expect(owner.querySelector('[part~="comment-header"] > [part~="badge"]')).to.exist;
    await expect(element).to.be.accessible();
  });

  it('marks names that look like an owner name as "Unverified" when the backend gives them no role', async () => {
    serve(thread());
    const element = await mount('thread-1', { ownerNames: ['Ann Lee'] });
    expect(labels(element)).to.deep.equal([
      ['Ann Lee', 'badge badge-owner: Author'],
      ['Mo', 'badge badge-moderator: Moderator'],
      ['\u0410nn Lee', 'unverified-badge: Unverified'],
      ['An\u200Dn Lee', 'unverified-badge: Unverified'],
      ['Ａｎñ Ｌｅｅ', 'unverified-badge: Unverified'],
      ['Bob'],
    ]);
    await expect(element).to.be.accessible();
  });

  it('ignores roles it does not know, and a role never marks its comment unverified', async () => {
    serve([
      wireComment('1', { author: { name: 'Ann Lee', url: null, avatar: null, role: 'admin' as 'owner' } }),
      wireComment('2', { author: { name: 'ann lee', url: null, avatar: null, role: 'moderator' } }),
    ]);
    const element = await mount('thread-1', { ownerNames: ['Ann Lee'] });
    expect(labels(element)).to.deep.equal([
      ['Ann Lee', 'unverified-badge: Unverified'],
      ['ann lee', 'badge badge-moderator: Moderator'],
    ]);
  });

  it('marks an owner name with a role added in brackets, and shows an invisible name as "Anonymous", never empty', async () => {
    serve([
      wireComment('1', { author: { name: 'Ann Lee (Admin)', url: null, avatar: null } }),
      // A blank Braille pattern, and Hangul fillers: names that render as nothing.
      wireComment('2', { author: { name: '\u2800', url: 'https://reader.example/', avatar: null } }),
      wireComment('3', { author: { name: '\u115F\u1160', url: null, avatar: null } }),
    ]);
    const element = await mount('thread-1', { ownerNames: ['Ann Lee'] });
    expect(labels(element)).to.deep.equal([['Ann Lee (Admin)', 'unverified-badge: Unverified'], ['Anonymous'], ['Anonymous']]);
    // The author link has visible text, and the avatar its initial.
    expect($(element, '[data-comment-id="2"] [part~="comment-author"] a')!.textContent!.trim()).to.equal('Anonymous');
    expect($(element, '[data-comment-id="3"] [part~="comment-avatar"]')!.textContent!.trim()).to.equal('A');
  });

  it('reads owner-names as a comma-separated attribute and follows its changes', async () => {
    serve(thread());
    const element = await fixture<ParleyComments>(
      html`<parley-comments endpoint=${endpoint} thread="thread-1" owner-names="Somebody, Bob, "></parley-comments>`,
    );
    await settled(element);
    expect(element.ownerNames).to.deep.equal(['Somebody', 'Bob']);
    expect(labels(element).filter((row) => row.length > 1).map((row) => row[0])).to.deep.equal(['Ann Lee', 'Mo', 'Bob']);
    element.setAttribute('owner-names', 'ANN LEE');
    await element.updateComplete;
    expect(labels(element).filter((row) => row[1]?.startsWith('unverified')).map((row) => row[0])).to.deep.equal([
      '\u0410nn Lee',
      'An\u200Dn Lee',
      'Ａｎñ Ｌｅｅ',
    ]);
    element.removeAttribute('owner-names');
    await element.updateComplete;
    expect(element.ownerNames).to.deep.equal([]);
    expect(part(element, 'unverified-badge')).to.equal(null);
  });

  it('takes data-owner-names from the script tag', async () => {
    serve(thread());
    const host = await fixture<HTMLDivElement>(html`<div></div>`);
    const script = document.createElement('script');
    script.dataset.endpoint = endpoint;
    script.dataset.thread = 'thread-1';
    script.dataset.ownerNames = 'Ann Lee';
    host.append(script);
    const element = mountFromScript(script) as ParleyComments;
    await waitUntil(() => element.shadowRoot?.querySelectorAll('article').length === 6, 'the thread did not load');
    expect(element.ownerNames).to.deep.equal(['Ann Lee']);
    expect(labels(element)[2]).to.deep.equal(['\u0410nn Lee', 'unverified-badge: Unverified']);
  });

  it('does not give a guest a badge, whatever name they type, and marks a look-alike of the owner', async () => {
    const server = serve([], { accounts: { 'owner-token': { name: 'Ann Lee', role: 'owner' } } });
    localStorage.removeItem('parley:test-guest');
    const element = await mount('thread-1', {
      ownerNames: ['Ann Lee'],
      identities: [new GuestIdentity({ storageKey: 'parley:test-guest' })],
    });
    await type(element, '#comment-text', 'I am the author, trust me');
    await type(element, 'input[name="email"]', 'ann@example.com');
    await type(element, 'input[name="name"]', 'Ann Lee');
    part(element, 'submit-button')!.click();
    const { detail } = await oneEvent(element, 'parley-comment-posted');
    expect(detail.comment.author).to.not.have.property('role');
    expect((server.posts[0]!.body as { author: object }).author).to.not.have.property('role');
    await element.updateComplete;
    expect(labels(element)).to.deep.equal([['Ann Lee', 'unverified-badge: Unverified']]);
  });

  it('shows the badge on a comment the signed-in owner posts', async () => {
    serve([], { accounts: { 'owner-token': { name: 'Ann Lee', role: 'owner' } } });
    const owner: IdentityAdapter = {
      id: 'site',
      label: 'Site account',
      restore: async () => ({ provider: 'site', providerLabel: 'Site account', guest: false, name: 'Ann Lee', token: 'owner-token' }),
      signIn: async () => ({ provider: 'site', providerLabel: 'Site account', guest: false, name: 'Ann Lee', token: 'owner-token' }),
      signOut: async () => {},
    };
    const element = await mount('thread-1', { ownerNames: ['Ann Lee'], identities: [owner] });
    await element.updateComplete;
    await type(element, '#comment-text', 'Thanks for reading');
    part(element, 'submit-button')!.click();
    const { detail } = await oneEvent(element, 'parley-comment-posted');
    expect(detail.comment.author.role).to.equal('owner');
    await element.updateComplete;
    expect(labels(element)).to.deep.equal([['Ann Lee', 'badge badge-owner: Author']]);
    await expect(element).to.be.accessible();
  });
});
