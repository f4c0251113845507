/**
 * Waline mapping beyond the recorded answers: the owner role, and the checks
 * of each field. Comments are shaped like Waline 1.39's (see
 * test/fixtures/recorded/waline.json); a signed-in author's comment carries
 * the account joined in by the server (`user_id`, `type`, `label`).
 */
import { expect } from '@open-wc/testing';
import { errorFromWaline, fromWalineComment, fromWalinePage, walineData } from '../../src/backends/waline.js';
import { ParleyError } from '../../src/core/errors.js';

function walineComment(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    status: 'approved',
    comment: '<p>Hello</p>\n',
    link: '',
    nick: 'Wally',
    pid: null,
    rid: null,
    user_id: null,
    sticky: null,
    like: 0,
    objectId: 31,
    browser: 'Chrome120.0',
    os: 'Linux',
    avatar: 'https://seccdn.libravatar.org/avatar/fd4e',
    orig: 'Hello',
    addr: '',
    time: 1705309200000,
    ...overrides,
  };
}

/** The administrator's comment, as Waline lists it: its account's name, link, type and label joined in. */
const byAdministrator = () => walineComment({ objectId: 32, user_id: 1, nick: 'Parley Admin', link: 'https://example.com/admin', type: 'administrator', label: null });

describe('Waline mapping', () => {
  it('gives the owner role to the administrator\'s comments only', () => {
    expect(fromWalineComment(byAdministrator()).author).to.deep.equal({
      name: 'Parley Admin',
      url: 'https://example.com/admin',
      avatar: 'https://seccdn.libravatar.org/avatar/fd4e',
      role: 'owner',
    });
    // A registered reader (type "guest"), an unverified account, a banned one, and a guest.
    for (const type of ['guest', 'verify:1234:1705309200000', 'banned']) {
      expect(fromWalineComment(walineComment({ user_id: 2, type })).author).not.to.have.property('role');
    }
    expect(fromWalineComment(walineComment()).author).not.to.have.property('role');
    // `type` without an account is not the server's join: no role.
    expect(fromWalineComment(walineComment({ type: 'administrator' })).author).not.to.have.property('role');
    expect(fromWalineComment(walineComment({ type: 'administrator', user_id: '' })).author).not.to.have.property('role');
    // Object ids of document stores are strings.
    expect(fromWalineComment(walineComment({ type: 'administrator', user_id: '65a1f0c2' })).author.role).to.equal('owner');
  });

  it('keeps the role through a page, roots and children alike', () => {
    const root = { ...walineComment({ objectId: 1 }), children: [{ ...byAdministrator(), pid: 1, rid: 1, time: 1705309300000 }] };
    const page = fromWalinePage({ page: 1, totalPages: 1, pageSize: 10, count: 2, data: [root] }, 1);
    expect(page.comments.map((comment) => [comment.id, comment.author.role ?? null])).to.deep.equal([
      ['1', null],
      ['32', 'owner'],
    ]);
  });

  it('leaves out spam, a spam root with its replies', () => {
    const spamRoot = { ...walineComment({ objectId: 1, status: 'spam' }), children: [walineComment({ objectId: 2, pid: 1, rid: 1 })] };
    const root = { ...walineComment({ objectId: 3 }), children: [walineComment({ objectId: 4, pid: 3, rid: 3, status: 'spam' })] };
    expect(fromWalinePage({ totalPages: 1, count: 4, data: [spamRoot, root] }, 1).comments.map((c) => c.id)).to.deep.equal(['3']);
  });

  it('names the field and what it holds when a comment is invalid', () => {
    const cases: [unknown, string][] = [
      [[], 'Waline sent an invalid comment: it must be an object, but it is a list.'],
      [walineComment({ objectId: {} }), 'Waline sent an invalid comment: `objectId` must be a number or a string, but it is an object.'],
      [walineComment({ objectId: '' }), '`objectId` must be a number or a non-empty string, but it is "".'],
      [walineComment({ comment: null }), 'Waline sent an invalid comment "31": `comment` must be a string, but it is null.'],
      [walineComment({ time: 'soon', insertedAt: undefined }), '`time` must be a number of milliseconds, but it is "soon".'],
      [walineComment({ nick: 7 }), '`nick` must be a string or null, but it is 7.'],
      [walineComment({ status: 'deleted' }), '`status` must be "approved", "waiting" or "spam", but it is "deleted".'],
      [walineComment({ link: false }), '`link` must be a string or null, but it is false.'],
      [walineComment({ pid: [1] }), '`pid` must be a number or a string, but it is a list.'],
      [walineComment({ type: 1 }), '`type` must be a string or null, but it is 1.'],
      [walineComment({ user_id: true }), '`user_id` must be a number or a string, but it is true.'],
    ];
    for (const [json, message] of cases) expect(() => fromWalineComment(json), message).to.throw(ParleyError, message);
    expect(() => fromWalinePage({ data: {} }, 1)).to.throw(ParleyError, 'Waline sent an invalid comment list: `data` must be a list, but it is an object.');
    expect(() => fromWalinePage({ data: [], totalPages: '3' }, 1)).to.throw(ParleyError, '`totalPages` must be a number, but it is "3".');
    expect(() => fromWalinePage({ data: [{ ...walineComment(), children: {} }] }, 1)).to.throw(ParleyError, 'comment "31": `children` must be a list');
  });

  it('takes a missing nick, status or children as empty, approved and none', () => {
    const { nick: _nick, status: _status, ...bare } = walineComment();
    const comment = fromWalineComment(bare);
    expect(comment.author.name).to.equal('');
    expect(comment.status).to.equal('approved');
    expect(fromWalinePage({ data: [bare] }, 1).comments).to.have.length(1);
  });

  it('reads only own fields of the answer envelope and of error messages', () => {
    const ok = new Response(null, { status: 200 });
    const envelope = JSON.parse('{"__proto__":{"errno":0,"data":"from the prototype"}}');
    expect(() => walineData(ok, envelope)).to.throw(ParleyError);
    const validation = JSON.parse('{"errno":1001,"errmsg":{"comment":"blank","__proto__":"x","constructor":"y","toString":"z"}}');
    const error = errorFromWaline(ok, validation);
    expect(error.code).to.equal('invalid');
    expect({ ...error.fields }).to.deep.equal({ text: 'blank' });
    expect(error.message).to.equal('Waline refused the comment: comment: blank');
  });

  it('reads Retry-After from a 429 (a rate limit in front of the server)', () => {
    const error = errorFromWaline(new Response(null, { status: 429, headers: { 'Retry-After': '30' } }), undefined);
    expect(error).to.include({ code: 'rate_limited', retryAfter: 30, status: 429 });
  });

  it('keeps error messages short, whatever the server sends', () => {
    const ok = new Response(null, { status: 200 });
    expect(errorFromWaline(ok, { errno: 1000, errmsg: `Duplicate ${'x'.repeat(1_000_000)}` })).to.include({ code: 'duplicate' });
    expect(errorFromWaline(ok, { errno: 1000, errmsg: 'x'.repeat(1_000_000) }).message).to.have.length(2000);
    expect(errorFromWaline(ok, { errno: 1001, errmsg: { comment: 'y'.repeat(1_000_000) } }).message.length).to.be.below(600);
  });
});
