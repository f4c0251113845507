/**
 * <parley-comments> against real Waline servers (SQLite) started for this run
 * on 127.0.0.1: `open` (no moderation, no rate limit) and `strict` (every
 * guest comment held, one guest comment per hour per address).
 */
import { expect, waitUntil } from '@open-wc/testing';
// `backend="waline"` is opt-in, as for npm users.
import '../../src/waline.js';
import { WalineIdentity } from '../../src/identity/waline.js';
import { autoFiringPayloads, expectInertBodies, freshGuest, mountOn, part, parts, postComment, realServers, signedInLine, unique, watchSink, type RealServers } from './servers.js';

type Waline = RealServers['waline'];

/** The server's own list of a path, as its admin sees it (held comments included). */
async function serverComments(server: string, path: string, token: string): Promise<Record<string, any>[]> {
  const response = await fetch(`${server}/api/comment?path=${encodeURIComponent(path)}&page=1&pageSize=100&sortBy=insertedAt_asc&lang=en-US`, {
    headers: { Authorization: `Bearer ${token}` },
  });
  const body = (await response.json()) as { errno: number; data: { data: Record<string, any>[] } };
  expect(body.errno).to.equal(0);
  return body.data.data.flatMap((root) => [root, ...(root.children ?? [])]);
}


describe('Waline (real server)', function () {
  this.timeout(30_000);
  let waline: Waline;

  before(async () => {
    waline = (await realServers()).waline;
  });

  it('lists a threaded path page by page, replies nested under their parents', async () => {
    const element = await mountOn({ backend: 'waline', endpoint: waline.open, thread: waline.paths.threaded, 'page-size': '10', 'max-depth': '5' });
    expect(part(element, 'header')!.textContent!.trim()).to.equal(`${waline.threadedTotal} Comments`);
    const roots = () => element.shadowRoot!.querySelectorAll('[part~="thread"] > .block > li').length;
    expect(roots()).to.equal(10);
    const first = element.shadowRoot!.querySelector('[part~="thread"] > .block > li')!;
    // Reader 1 → Reply 1.1 → 1.1.1 → 1.1.1.1: three nested lists, oldest reply first.
    expect(first.querySelectorAll('[part~="replies"] [part~="replies"] [part~="replies"] [part~="comment"]')).to.have.length(1);
    const replyBodies = [...first.querySelectorAll('[part~="replies"] [part~="comment-body"]')].map((body) => body.textContent!.trim());
    expect(replyBodies).to.deep.equal(['Reply 1.1', 'Reply 1.1.1', 'Reply 1.1.1.1', 'Reply 1.2']);
    while (part(element, 'load-more')) {
      part(element, 'load-more')!.click();
      await waitUntil(() => !part(element, 'load-more')?.hasAttribute('disabled'), 'load more never finished', { timeout: 8000 });
      await element.updateComplete;
    }
    expect(roots()).to.equal(waline.threadedRoots);
    expect(parts(element, 'comment')).to.have.length(waline.threadedTotal);
  });

  it('posts a guest comment and a reply that Waline stores, Markdown rendered by the server', async () => {
    const element = await mountOn({ backend: 'waline', endpoint: waline.open, thread: waline.paths.fresh }, { identities: [freshGuest()] });
    const text = unique('Some **bold** words and a < b');
    const posted = await postComment(element, text, { name: 'Wally Guest', email: 'wally@example.com', url: 'https://wally.example/' });
    expect(posted).to.deep.include({ ok: true, status: 'approved' });
    const id = (posted as { id: string }).id;
    const body = element.shadowRoot!.querySelector(`[data-comment-id="${id}"] [part~="comment-body"]`)!;
    expect(body.querySelector('strong')!.textContent).to.equal('bold');

    element.shadowRoot!.querySelector<HTMLElement>(`[data-comment-id="${id}"] [part~="reply-button"]`)!.click();
    await element.updateComplete;
    const reply = await postComment(element, unique('A reply'));
    expect(reply).to.deep.include({ ok: true });

    const stored = await serverComments(waline.open, waline.paths.fresh, waline.admin.token);
    const top = stored.find((c) => String(c.objectId) === id)!;
    expect(top).to.deep.include({ nick: 'Wally Guest', link: 'https://wally.example/', mail: 'wally@example.com' });
    const child = stored.find((c) => String(c.objectId) === (reply as { id: string }).id)!;
    expect(String(child.pid)).to.equal(id);
    expect(String(child.rid)).to.equal(id);
  });

  it('posts signed in with a Waline token', async () => {
    const identity = new WalineIdentity({ endpoint: waline.open, email: waline.admin.email, password: waline.admin.password });
    const element = await mountOn({ backend: 'waline', endpoint: waline.open, thread: waline.paths.fresh }, { identities: [freshGuest(), identity] });
    expect((await signedInLine(element)).textContent).to.contain('You are commenting using your Waline account.');
    const posted = await postComment(element, unique('From the admin'));
    expect(posted).to.deep.include({ ok: true, status: 'approved' });
    const stored = (await serverComments(waline.open, waline.paths.fresh, waline.admin.token)).find((c) => String(c.objectId) === (posted as { id: string }).id)!;
    expect(stored.user_id).to.equal(1);
  });

  it('says Waline refused a duplicate, keeping the text', async () => {
    const element = await mountOn({ backend: 'waline', endpoint: waline.open, thread: waline.paths.fresh }, { identities: [freshGuest()] });
    const text = unique('Said twice on Waline');
    const details = { name: 'Dee', email: 'dee@example.com' };
    expect(await postComment(element, text, details)).to.deep.include({ ok: true });
    const twice = await postComment(element, text, details);
    expect(twice).to.deep.equal({ ok: false, notice: 'Duplicate comment: it looks as though you’ve already said that.' });
    expect((element.shadowRoot!.querySelector('#comment-text') as HTMLTextAreaElement).value).to.equal(text);
  });

  // The strict server takes one guest comment per hour from this address: the held one, then the flood error.
  it('shows a held comment as awaiting moderation after a reload, then the flood error', async () => {
    const attributes = { backend: 'waline', endpoint: waline.strict, thread: waline.paths.fresh };
    const element = await mountOn(attributes, { identities: [freshGuest()] });
    const posted = await postComment(element, unique('Hold me, Waline'), { name: 'Moe', email: 'moe@example.com' });
    expect(posted).to.deep.include({ ok: true, status: 'pending' });
    const id = (posted as { id: string }).id;
    element.remove();

    const reloaded = await mountOn(attributes, { identities: [freshGuest()] });
    const article = reloaded.shadowRoot!.querySelector(`[data-comment-id="${id}"]`)!;
    expect(article.querySelector('[part~="pending"]')!.textContent).to.equal('Your comment is awaiting moderation.');
    const again = await postComment(reloaded, unique('Too soon'), { name: 'Moe', email: 'moe@example.com' });
    expect(again).to.deep.equal({ ok: false, notice: 'You are posting comments too quickly. Slow down, then try again.' });
  });

  it('renders attack payloads stored by Waline inert', async () => {
    const payloads = await autoFiringPayloads(['body_markdown', 'body_html'], 30);
    expect(payloads.length).to.equal(30);
    for (const entry of payloads) {
      // As the admin: no rate limit, no duplicate check; the nick and link carry payloads too.
      const response = await fetch(`${waline.open}/api/comment?lang=en-US`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${waline.admin.token}` },
        body: JSON.stringify({ comment: `${entry.payload}\n\n${unique(String(entry.id))}`, url: waline.paths.xss, ua: navigator.userAgent }),
      });
      expect(((await response.json()) as { errno: number }).errno, `storing entry ${entry.id}`).to.equal(0);
    }
    const calls = watchSink();
    const element = await mountOn({ backend: 'waline', endpoint: waline.open, thread: waline.paths.xss, 'page-size': '100' });
    expect(parts(element, 'comment').length).to.be.at.least(30);
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(calls, 'no payload ran').to.deep.equal([]);
    expectInertBodies(element);
  });
});
