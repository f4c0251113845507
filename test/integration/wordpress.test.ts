/**
 * <parley-comments> against a real WordPress (Debian's package, MariaDB,
 * `php -S`), started for this run on 127.0.0.1 with a seeded blog.
 */
import { expect, waitUntil } from '@open-wc/testing';
import { WordPressApplicationPasswordIdentity, WordPressSessionIdentity } from '../../src/identity/wordpress.js';
import { autoFiringPayloads, expectInertBodies, freshGuest, mountOn, part, parts, postComment, realServers, signedInLine, unique, watchSink, type RealServers } from './servers.js';

type WordPress = RealServers['wordpress'];

/** The server's own view of a post's comments, read with the admin's Application Password (held ones included). */
async function serverComments(wp: WordPress, post: number): Promise<Record<string, any>[]> {
  const { username, appPassword } = wp.users.admin;
  const response = await fetch(`${wp.rest}/wp/v2/comments?post=${post}&per_page=100&status=all&context=edit`, {
    headers: { Authorization: `Basic ${btoa(`${username}:${appPassword}`)}` },
  });
  expect(response.status).to.equal(200);
  const all = (await response.json()) as Record<string, any>[];
  // `status=all` leaves out held comments; ask for them too.
  const held = await fetch(`${wp.rest}/wp/v2/comments?post=${post}&per_page=100&status=hold&context=edit`, {
    headers: { Authorization: `Basic ${btoa(`${username}:${appPassword}`)}` },
  }).then((r) => r.json() as Promise<Record<string, any>[]>);
  return [...all, ...held];
}


describe('WordPress (real server)', function () {
  this.timeout(30_000);
  let wp: WordPress;

  before(async () => {
    wp = (await realServers()).wordpress;
  });

  it('lists a threaded post page by page, replies nested under their parents', async () => {
    const element = await mountOn({ backend: 'wordpress', endpoint: wp.rest, thread: String(wp.posts.threaded), 'page-size': '10', 'max-depth': '5' });
    expect(part(element, 'header')!.textContent!.trim()).to.equal(`${wp.threadedTotal} Comments`);
    const roots = () => element.shadowRoot!.querySelectorAll('[part~="thread"] > .block > li').length;
    expect(roots()).to.equal(10);
    // Reader 1's reply chain is nested three levels below it.
    const first = element.shadowRoot!.querySelector('[part~="thread"] > .block > li')!;
    expect(first.querySelectorAll('[part~="replies"] [part~="replies"] [part~="replies"] [part~="comment"]').length).to.be.greaterThan(0);
    for (let more = 0; part(element, 'load-more'); more++) {
      expect(more).to.be.lessThan(5);
      part(element, 'load-more')!.click();
      await waitUntil(() => !part(element, 'load-more')?.hasAttribute('disabled'), 'load more never finished', { timeout: 8000 });
      await element.updateComplete;
    }
    expect(roots()).to.equal(wp.threadedRoots);
    expect(parts(element, 'comment')).to.have.length(wp.threadedTotal);
  });

  it('finds the post by its slug or URL too', async () => {
    const bySlug = await mountOn({ backend: 'wordpress', endpoint: wp.rest, thread: 'threaded-post', 'page-size': '5' });
    expect(part(bySlug, 'header')!.textContent!.trim()).to.equal(`${wp.threadedTotal} Comments`);
    const byUrl = await mountOn({ backend: 'wordpress', endpoint: wp.rest, thread: `${wp.rest.replace(/\/wp-json$/, '')}/threaded-post/`, 'page-size': '5' });
    expect(parts(byUrl, 'comment').length).to.equal(parts(bySlug, 'comment').length);
  });

  it('finds the post from the addresses of its comment pages and inner pages', async () => {
    // WordPress serves both as the post (cpage=2, page=2); a slug lookup of "comment-page-2" or "2" finds nothing.
    const origin = wp.rest.replace(/\/wp-json$/, '');
    for (const address of [`${origin}/threaded-post/comment-page-2/`, `${origin}/threaded-post/2/`]) {
      const element = await mountOn({ backend: 'wordpress', endpoint: wp.rest, thread: address, 'page-size': '5' });
      expect(part(element, 'header')!.textContent!.trim(), address).to.equal(`${wp.threadedTotal} Comments`);
    }
  });

  it('posts a guest comment and a reply that WordPress stores as typed', async () => {
    const text = `${unique('a < b && c > d')}\n\nSecond paragraph`;
    const element = await mountOn({ backend: 'wordpress', endpoint: wp.rest, thread: String(wp.posts.fresh) }, { identities: [freshGuest()] });
    const posted = await postComment(element, text, { name: 'Ann Guest', email: 'ann@example.com', url: 'https://ann.example/' });
    expect(posted).to.deep.include({ ok: true, status: 'approved' });
    const shown = element.shadowRoot!.querySelector(`[data-comment-id="${(posted as { id: string }).id}"] [part~="comment-body"]`)!;
    expect(shown.textContent).to.contain(text.split('\n')[0]);

    const replyButton = element.shadowRoot!.querySelector<HTMLElement>(`[data-comment-id="${(posted as { id: string }).id}"] [part~="reply-button"]`)!;
    replyButton.click();
    await element.updateComplete;
    const reply = await postComment(element, unique('A reply'));
    expect(reply).to.deep.include({ ok: true });

    const stored = await serverComments(wp, wp.posts.fresh);
    const top = stored.find((c) => String(c.id) === (posted as { id: string }).id)!;
    expect(top.author_name).to.equal('Ann Guest');
    expect(top.author_email).to.equal('ann@example.com');
    expect(top.content.raw).to.contain('a &lt; b &amp;&amp; c &gt; d');
    expect(top.content.rendered).to.contain('a &lt; b &amp;&amp; c &gt; d');
    const child = stored.find((c) => String(c.id) === (reply as { id: string }).id)!;
    expect(String(child.parent)).to.equal((posted as { id: string }).id);
  });

  it('posts signed in with an Application Password, without guest fields', async () => {
    const { username, appPassword, id } = wp.users.reader;
    const identity = new WordPressApplicationPasswordIdentity({ endpoint: wp.rest, username, password: appPassword });
    const element = await mountOn({ backend: 'wordpress', endpoint: wp.rest, thread: String(wp.posts.fresh) }, { identities: [freshGuest(), identity] });
    expect((await signedInLine(element)).textContent).to.contain('You are commenting using your WordPress account.');
    expect(element.shadowRoot!.querySelector('input[name="email"]')).to.equal(null);
    const posted = await postComment(element, unique('Signed in'));
    expect(posted).to.deep.include({ ok: true, status: 'approved' });
    const stored = (await serverComments(wp, wp.posts.fresh)).find((c) => String(c.id) === (posted as { id: string }).id)!;
    expect(stored.author).to.equal(id);
  });

  describe('signed in with the site’s own login (cookie + X-WP-Nonce), on WordPress’s origin', () => {
    // The test server forwards /wp-json, /wp-login.php and /wp-admin/ to WordPress,
    // so this page is on the blog's origin, as a theme's page is.
    const sameOrigin = () => `${location.origin}/wp-json`;

    /** Logs in through wp-login.php (the session cookie lands on this origin) and returns a REST nonce, as a theme prints it. */
    async function logIn(user: { username: string; password: string }): Promise<string> {
      const login = await fetch('/wp-login.php', {
        method: 'POST',
        body: new URLSearchParams({ log: user.username, pwd: user.password }),
        redirect: 'manual',
      });
      expect(login.type, 'wp-login.php redirects after a good login').to.equal('opaqueredirect');
      const nonce = await fetch('/wp-admin/admin-ajax.php?action=rest-nonce').then((r) => r.text());
      expect(nonce).to.match(/^[0-9a-f]{10}$/);
      return nonce;
    }

    it('restores the logged-in reader and posts as them, without guest fields', async () => {
      const nonce = await logIn(wp.users.reader);
      const identity = new WordPressSessionIdentity({ endpoint: sameOrigin(), nonce });
      const element = await mountOn({ backend: 'wordpress', endpoint: sameOrigin(), thread: String(wp.posts.fresh) }, { identities: [freshGuest(), identity] });
      expect((await signedInLine(element)).textContent).to.contain('You are commenting using your WordPress account.');
      expect(element.shadowRoot!.querySelector('input[name="email"]')).to.equal(null);
      const posted = await postComment(element, unique('Signed in by cookie'));
      expect(posted).to.deep.include({ ok: true, status: 'approved' });
      const stored = (await serverComments(wp, wp.posts.fresh)).find((c) => String(c.id) === (posted as { id: string }).id)!;
      expect(stored.author).to.equal(wp.users.reader.id);
      expect(stored.author_name).to.equal('Reader');
    });

    it('treats a stale nonce as signed out: the guest fields show', async () => {
      await logIn(wp.users.reader);
      const identity = new WordPressSessionIdentity({ endpoint: sameOrigin(), nonce: '0123456789' });
      expect(await identity.restore()).to.equal(null);
      const element = await mountOn({ backend: 'wordpress', endpoint: sameOrigin(), thread: String(wp.posts.fresh) }, { identities: [freshGuest(), identity] });
      (element.shadowRoot!.querySelector('#comment-text') as HTMLTextAreaElement).focus();
      await element.updateComplete;
      await waitUntil(() => element.shadowRoot!.querySelector('input[name="email"]'), 'the guest fields never showed');
      expect(part(element, 'signed-in')).to.equal(null);
    });
  });

  it('shows a held comment as awaiting moderation, also after a reload', async () => {
    const attributes = { backend: 'wordpress', endpoint: wp.rest, thread: String(wp.posts.fresh) };
    const element = await mountOn(attributes, { identities: [freshGuest()] });
    const posted = await postComment(element, unique('Hold me'), { name: 'Moe Derated', email: 'moe@moderated.example' });
    expect(posted).to.deep.include({ ok: true, status: 'pending' });
    expect(part(element, 'notice')!.textContent!.trim()).to.equal('Your comment was sent and is awaiting moderation.');
    element.remove();

    // WordPress does not list it publicly…
    const publicList = await fetch(`${wp.rest}/wp/v2/comments?post=${wp.posts.fresh}&per_page=100`).then((r) => r.json() as Promise<{ id: number }[]>);
    expect(publicList.map((c) => String(c.id))).not.to.include((posted as { id: string }).id);
    // …but its author still sees it after a reload.
    const reloaded = await mountOn(attributes, { identities: [freshGuest()] });
    const article = reloaded.shadowRoot!.querySelector(`[data-comment-id="${(posted as { id: string }).id}"]`)!;
    expect(article.querySelector('[part~="pending"]')!.textContent).to.equal('Your comment is awaiting moderation.');
  });

  it('shows WordPress’s duplicate and flood errors with their messages, keeping the text', async () => {
    const element = await mountOn({ backend: 'wordpress', endpoint: wp.rest, thread: String(wp.posts.fresh) }, { identities: [freshGuest()] });
    const text = unique('Said twice');
    const details = { name: 'Dee Plicate', email: 'dee@example.com' };
    expect(await postComment(element, text, details)).to.deep.include({ ok: true });
    const twice = await postComment(element, text, details);
    expect(twice).to.deep.equal({ ok: false, notice: 'Duplicate comment: it looks as though you’ve already said that.' });
    expect((element.shadowRoot!.querySelector('#comment-text') as HTMLTextAreaElement).value).to.equal(text);

    const flood = { name: 'Flo Od', email: 'flo@flood.example' };
    expect(await postComment(element, unique('First quick one'), flood)).to.deep.include({ ok: true });
    const quick = await postComment(element, unique('Second quick one'), flood);
    expect(quick).to.deep.equal({ ok: false, notice: 'You are posting comments too quickly. Slow down, then try again.' });
  });

  it('says comments are closed instead of showing the form', async () => {
    const element = await mountOn({ backend: 'wordpress', endpoint: wp.rest, thread: String(wp.posts.closed) });
    expect(part(element, 'closed')!.textContent).to.equal('Comments are closed.');
    expect(part(element, 'reply-form')).to.equal(null);
    expect(parts(element, 'comment').length).to.be.greaterThan(0);
    expect(parts(element, 'reply-button')).to.have.length(0);
  });

  it('renders attack payloads stored by WordPress inert', async () => {
    const payloads = await autoFiringPayloads(['body_html'], 40);
    expect(payloads.length).to.equal(40);
    const { username, appPassword } = wp.users.admin;
    // An administrator may post unfiltered HTML: WordPress stores these payloads as they are.
    for (const entry of payloads) {
      const response = await fetch(`${wp.rest}/wp/v2/comments`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Authorization: `Basic ${btoa(`${username}:${appPassword}`)}` },
        body: JSON.stringify({ post: wp.posts.xss, content: `${entry.payload} <!-- ${unique(String(entry.id))} -->` }),
      });
      expect(response.status, `storing entry ${entry.id}`).to.equal(201);
    }
    const calls = watchSink();
    const element = await mountOn({ backend: 'wordpress', endpoint: wp.rest, thread: String(wp.posts.xss), 'page-size': '100' });
    expect(parts(element, 'comment').length).to.be.at.least(40);
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(calls, 'no payload ran').to.deep.equal([]);
    expectInertBodies(element);
  });
});
