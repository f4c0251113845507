import { expect } from '@open-wc/testing';
import { GuestIdentity, normalizeWebsite } from '../../src/identity/guest.js';

describe('GuestIdentity', () => {
  const key = 'parley:test-guest-identity';
  afterEach(() => localStorage.removeItem(key));

  it('declares email and name as required and website as optional, in form order', () => {
    const guest = new GuestIdentity();
    expect(guest.fields.map((f) => [f.name, f.required, f.autocomplete])).to.deep.equal([
      ['email', true, 'email'],
      ['name', true, 'name'],
      ['url', false, 'url'],
    ]);
    expect(new GuestIdentity({ requireEmail: false }).fields[0]!.required).to.equal(false);
  });

  it('returns a guest identity from typed values, trimmed, and remembers only on request', async () => {
    const guest = new GuestIdentity({ storageKey: key });
    const identity = await guest.signIn({ values: { name: ' Ann ', email: 'ann@example.com ', url: 'ann.example' } });
    expect(identity).to.deep.include({ guest: true, provider: 'guest', name: 'Ann', email: 'ann@example.com', url: 'https://ann.example' });
    expect(localStorage.getItem(key)).to.equal(null);
    expect(await guest.restore()).to.equal(null);
    await guest.signIn({ values: { name: 'Ann', email: 'a@example.com' }, remember: true });
    expect((await guest.restore())!.name).to.equal('Ann');
    await guest.signIn({ values: { name: 'Ann', email: 'a@example.com' }, remember: false });
    expect(await guest.restore()).to.equal(null);
  });

  it('ignores damaged remembered data', async () => {
    localStorage.setItem(key, '{oops');
    expect(await new GuestIdentity({ storageKey: key }).restore()).to.equal(null);
    localStorage.setItem(key, JSON.stringify({ name: 5, email: 'e@example.com' }));
    expect(await new GuestIdentity({ storageKey: key }).restore()).to.deep.include({ name: '', email: 'e@example.com' });
  });

  it('adds https:// to a bare host and leaves other input for validation', () => {
    expect(normalizeWebsite('ann.example')).to.equal('https://ann.example');
    expect(normalizeWebsite('//ann.example')).to.equal('https://ann.example');
    expect(normalizeWebsite('http://ann.example')).to.equal('http://ann.example');
    expect(normalizeWebsite('javascript:alert(1)')).to.equal('javascript:alert(1)');
    // A host with a port is no scheme.
    expect(normalizeWebsite('blog.example:8080')).to.equal('https://blog.example:8080');
    expect(normalizeWebsite('localhost:3000/me')).to.equal('https://localhost:3000/me');
    expect(normalizeWebsite('  ')).to.equal('');
  });
});
