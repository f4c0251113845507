/**
 * The adapters' pure mapping functions against answers recorded from real
 * servers (test/servers/record-responses.mjs).
 */
import { expect } from '@open-wc/testing';
import { errorFromWaline, fromWalineComment, fromWalinePage, toWalinePostBody } from '../../src/backends/waline.js';
import { errorFromWordPress, fromWordPressComment } from '../../src/backends/wordpress.js';
import type { Identity } from '../../src/core/types.js';

interface Recording {
  status: number;
  headers: Record<string, string>;
  body: any;
}

async function recordings(name: 'wordpress' | 'waline'): Promise<Record<string, Recording>> {
  const response = await fetch(new URL(`../fixtures/recorded/${name}.json`, import.meta.url));
  return response.json();
}

function responseOf(recording: Recording): Response {
  return new Response(null, { status: recording.status, headers: recording.headers });
}

describe('recorded WordPress 6.1 answers', () => {
  let wp: Record<string, Recording>;
  before(async () => {
    wp = await recordings('wordpress');
  });

  it('maps a page of top-level comments and their replies', () => {
    const roots = wp.rootsPage!.body.map(fromWordPressComment);
    expect(roots.map((c: { author: { name: string } }) => c.author.name)).to.deep.equal(['Reader 1', 'Reader 2', 'Reader 3']);
    expect(roots[0].parentId).to.equal(null);
    expect(roots[0].createdAt.toISOString()).to.equal('2024-01-15T10:01:00.000Z');
    expect(roots[0].html).to.contain('Comment 1');
    const replies = wp.replies!.body.map(fromWordPressComment);
    expect(replies.length).to.be.greaterThan(0);
    for (const reply of replies) expect(reply.parentId).to.equal(roots[0].id);
  });

  it('maps a created and a held comment, name decoded and text kept', () => {
    const created = fromWordPressComment(wp.created!.body);
    expect(created.status).to.equal('approved');
    expect(created.author.name).to.equal('Ann & Bo');
    expect(created.html).to.contain('a &lt; b &amp;&amp; c &gt; d');
    expect(fromWordPressComment(wp.held!.body).status).to.equal('pending');
  });

  it('marks the comment of the post\'s author, as read from the post, as the owner\'s', () => {
    const [post] = wp.postBySlug!.body;
    expect(post.author).to.be.a('number').and.above(0);
    const byAuthor = wp.byPostAuthor!.body;
    expect(fromWordPressComment(byAuthor, { postAuthor: post.author }).author).to.deep.include({ name: 'admin', role: 'owner' });
    expect(fromWordPressComment(byAuthor, { postAuthor: post.author + 1 }).author).not.to.have.property('role');
    expect(fromWordPressComment(byAuthor).author).not.to.have.property('role');
    // Guests are user 0 in real answers.
    expect(fromWordPressComment(wp.created!.body, { postAuthor: post.author }).author).not.to.have.property('role');
  });

  const errors: [string, string, Record<string, string>][] = [
    ['duplicate', 'duplicate', {}],
    ['closed', 'closed', {}],
    ['invalidEmail', 'invalid', { email: 'Invalid email address.' }],
  ];
  for (const [name, code, fields] of errors) {
    it(`maps the ${name} error to ${code}`, () => {
      const error = errorFromWordPress(responseOf(wp[name]!), wp[name]!.body);
      expect(error.code).to.equal(code);
      expect(error.fields).to.deep.equal(fields);
      expect(error.message).not.to.contain('&#');
    });
  }

  it('points a missing name and email at both fields', () => {
    const error = errorFromWordPress(responseOf(wp.missingAuthor!), wp.missingAuthor!.body, { content: 'No name' });
    expect(error.code).to.equal('invalid');
    expect(Object.keys(error.fields).sort()).to.deep.equal(['email', 'name']);
  });
});

describe('recorded Waline 1.39 answers', () => {
  let waline: Record<string, Recording>;
  before(async () => {
    waline = await recordings('waline');
  });

  it('flattens a page: roots with every reply, oldest first, parents from pid', () => {
    const page = fromWalinePage(waline.page!.body.data, 1);
    expect(page.total).to.equal(30);
    expect(page.next).to.equal('2');
    const byId = new Map(page.comments.map((c) => [c.id, c]));
    expect(page.comments.map((c) => c.createdAt.getTime())).to.deep.equal(page.comments.map((c) => c.createdAt.getTime()).sort((a, b) => a - b));
    // Reader 1 (1) → 26 → 27 → 28, and 29 directly under 1.
    expect(byId.get('26')!.parentId).to.equal('1');
    expect(byId.get('27')!.parentId).to.equal('26');
    expect(byId.get('28')!.parentId).to.equal('27');
    expect(byId.get('29')!.parentId).to.equal('1');
    expect(byId.get('1')!.parentId).to.equal(null);
    expect(fromWalinePage(waline.lastPage!.body.data, 13).next).to.equal(null);
  });

  it('maps created, reply and held comments', () => {
    const created = fromWalineComment(waline.created!.body.data);
    expect(created).to.deep.include({ parentId: null, status: 'approved' });
    expect(created.author).to.deep.include({ name: 'Wally', url: 'https://wally.example/' });
    expect(created.html).to.contain('<strong>Hello</strong>');
    expect(fromWalineComment(waline.reply!.body.data).parentId).to.equal(created.id);
    expect(fromWalineComment(waline.held!.body.data).status).to.equal('pending');
  });

  it('marks the administrator\'s comment as the owner\'s, and a guest\'s as nobody\'s', () => {
    const administrator = fromWalineComment(waline.byAdministrator!.body.data);
    expect(administrator.author).to.deep.equal({
      name: 'Parley Admin',
      url: 'https://example.com/admin',
      avatar: waline.byAdministrator!.body.data.avatar,
      role: 'owner',
    });
    expect(fromWalineComment(waline.created!.body.data).author).not.to.have.property('role');
    for (const comment of fromWalinePage(waline.page!.body.data, 1).comments) expect(comment.author).not.to.have.property('role');
  });

  const errors: [string, string, Record<string, string>][] = [
    ['duplicate', 'duplicate', {}],
    ['tooFast', 'flood', {}],
    ['blank', 'invalid', { text: 'comment can not be blank' }],
  ];
  for (const [name, code, fields] of errors) {
    it(`maps the ${name} answer (HTTP 200, errno ${name === 'blank' ? 1001 : 1000}) to ${code}`, () => {
      const error = errorFromWaline(responseOf(waline[name]!), waline[name]!.body);
      expect(error.code).to.equal(code);
      expect(error.fields).to.deep.equal(fields);
    });
  }

  it('sends pid and rid only for replies, guest details only for guests', () => {
    const guest: Identity = { provider: 'guest', providerLabel: 'Guest', guest: true, name: 'Wally', email: 'w@example.com', url: '' };
    const member: Identity = { provider: 'waline', providerLabel: 'Waline', guest: false, name: 'Admin', token: 't' };
    const root = toWalinePostBody('/p/', { text: 'Hi', parentId: null, notify: { replies: false, posts: false } }, guest);
    expect(root).to.include({ comment: 'Hi', url: '/p/', nick: 'Wally', mail: 'w@example.com', link: '' });
    expect(root).not.to.have.any.keys('pid', 'rid');
    const reply = toWalinePostBody('/p/', { text: 'Re', parentId: '27', notify: { replies: false, posts: false } }, member, '1');
    expect(reply).to.include({ pid: '27', rid: '1' });
    expect(reply).not.to.have.any.keys('nick', 'mail');
  });
});
