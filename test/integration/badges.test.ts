/**
 * Owner badges against the real servers: the badge comes from what WordPress
 * and Waline know about a signed-in author, never from a name a guest types.
 */
import { expect } from '@open-wc/testing';
import '../../src/waline.js';
import { WordPressBackend } from '../../src/backends/wordpress.js';
import type { ParleyComments } from '../../src/elements/parley-comments.js';
import { WalineIdentity } from '../../src/identity/waline.js';
import { WordPressApplicationPasswordIdentity } from '../../src/identity/wordpress.js';
import { freshGuest, mountOn, postComment, realServers, signedInLine, unique, type RealServers } from './servers.js';

/** Badge or marker shown beside the comment with this id, as "part: text", or null. */
function markOf(element: ParleyComments, id: string): string | null {
  const mark = element.shadowRoot!.querySelector(`[data-comment-id="${id}"] :is([part~="badge"], [part~="unverified-badge"])`);
  return mark ? `${mark.getAttribute('part')}: ${mark.textContent!.trim()}` : null;
}

function idOf(outcome: Awaited<ReturnType<typeof postComment>>): string {
  expect(outcome).to.deep.include({ ok: true });
  return (outcome as { id: string }).id;
}

describe('badges on real servers', function () {
  this.timeout(30_000);
  let servers: RealServers;

  before(async () => {
    servers = await realServers();
  });

  it('WordPress: the post author\'s comment is "Author", a subscriber\'s is not, a guest using the author\'s name is "Unverified"', async () => {
    const wp = servers.wordpress;
    const thread = String(wp.posts.fresh);
    const signedIn = (user: 'admin' | 'reader') =>
      new WordPressApplicationPasswordIdentity({ endpoint: wp.rest, username: wp.users[user].username, password: wp.users[user].appPassword });

    const asAdmin = await mountOn({ backend: 'wordpress', endpoint: wp.rest, thread, 'owner-names': 'admin' }, { identities: [signedIn('admin')] });
    await signedInLine(asAdmin);
    const adminId = idOf(await postComment(asAdmin, unique('From the post author')));
    expect(markOf(asAdmin, adminId)).to.equal('badge badge-owner: Author');

    const asReader = await mountOn({ backend: 'wordpress', endpoint: wp.rest, thread }, { identities: [signedIn('reader')] });
    await signedInLine(asReader);
    const readerId = idOf(await postComment(asReader, unique('From a subscriber')));
    expect(markOf(asReader, readerId)).to.equal(null);

    const asGuest = await mountOn({ backend: 'wordpress', endpoint: wp.rest, thread, 'owner-names': 'admin' }, { identities: [freshGuest()] });
    const guestId = idOf(await postComment(asGuest, unique('Trust me'), { name: 'ADMlN', email: 'not-admin@example.com' }));
    expect(markOf(asGuest, guestId)).to.equal('unverified-badge: Unverified');

    // Listed again (every page), the roles are the same.
    const backend = new WordPressBackend({ endpoint: wp.rest });
    const roles = new Map<string, string | undefined>();
    for (let cursor: string | null = null, first = true; first || cursor !== null; first = false) {
      const page = await backend.list(thread, cursor, { limit: 100, signal: new AbortController().signal });
      for (const comment of page.comments) roles.set(comment.id, comment.author.role);
      cursor = page.next;
    }
    expect([roles.get(adminId), roles.get(readerId), roles.get(guestId)]).to.deep.equal(['owner', undefined, undefined]);
  });

  it('Waline: the administrator\'s comment is "Author"; a guest with the administrator\'s nick is "Unverified"', async () => {
    const waline = servers.waline;
    const thread = `/badges-${unique('run').split(' ')[1]}/`;
    const admin = new WalineIdentity({ endpoint: waline.open, email: waline.admin.email, password: waline.admin.password });
    const asAdmin = await mountOn({ backend: 'waline', endpoint: waline.open, thread }, { identities: [admin] });
    await signedInLine(asAdmin);
    const adminId = idOf(await postComment(asAdmin, unique('From the administrator')));
    expect(markOf(asAdmin, adminId)).to.equal('badge badge-owner: Author');
    await admin.signOut();

    const asGuest = await mountOn({ backend: 'waline', endpoint: waline.open, thread }, { identities: [freshGuest()] });
    const guestId = idOf(await postComment(asGuest, unique('Trust me'), { name: 'Parley Admin', email: 'guest@example.com' }));
    expect(markOf(asGuest, guestId)).to.equal(null);

    const reader = await mountOn({ backend: 'waline', endpoint: waline.open, thread, 'owner-names': 'Parley Admin' }, { identities: [freshGuest()] });
    expect(markOf(reader, adminId)).to.equal('badge badge-owner: Author');
    expect(markOf(reader, guestId)).to.equal('unverified-badge: Unverified');
  });
});
