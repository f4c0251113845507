import { expect } from '@open-wc/testing';
import { http, HttpResponse } from 'msw';
import { WordPressApplicationPasswordIdentity, WordPressSessionIdentity } from '../../src/identity/wordpress.js';
import { WalineIdentity } from '../../src/identity/waline.js';
import { startWorker } from '../mocks/worker.js';
import { rejection } from '../rejection.js';

const endpoint = 'https://blog.test/wp-json';
const me = { id: 2, name: 'Rita Reader', url: 'https://rita.example/', avatar_urls: { '48': 'https://avatars.example/48', '96': 'https://avatars.example/96' } };
const notLoggedIn = { code: 'rest_not_logged_in', message: 'You are not currently logged in.', data: { status: 401 } };

describe('WordPress identities', () => {
  let worker: Awaited<ReturnType<typeof startWorker>>;
  before(async () => {
    worker = await startWorker();
  });
  afterEach(() => worker.resetHandlers());

  function serveMe(accept: (request: Request) => boolean) {
    worker.use(
      http.get(`${endpoint}/wp/v2/users/me`, ({ request }) =>
        accept(request) ? HttpResponse.json(me) : HttpResponse.json(notLoggedIn, { status: 401 }),
      ),
    );
  }

  it('session: restores the logged-in visitor from the nonce, and posts with it', async () => {
    serveMe((request) => request.headers.get('X-WP-Nonce') === 'n0nce');
    const identity = await new WordPressSessionIdentity({ endpoint, nonce: 'n0nce' }).restore();
    expect(identity).to.deep.include({ provider: 'wordpress', providerLabel: 'WordPress', name: 'Rita Reader', guest: false });
    expect(identity!.avatar).to.equal('https://avatars.example/96');
    expect(identity!.headers).to.deep.equal({ 'X-WP-Nonce': 'n0nce' });
  });

  it('session: an expired nonce or no nonce means not signed in', async () => {
    serveMe(() => false);
    expect(await new WordPressSessionIdentity({ endpoint, nonce: 'stale' }).restore()).to.equal(null);
    expect(await new WordPressSessionIdentity({ endpoint }).restore()).to.equal(null);
  });

  it('application password: checks the credentials before use, as Basic auth', async () => {
    const expected = `Basic ${btoa('rita:abcd efgh ijkl')}`;
    serveMe((request) => request.headers.get('Authorization') === expected);
    const adapter = new WordPressApplicationPasswordIdentity({ endpoint, username: 'rita', password: 'abcd efgh ijkl' });
    const identity = await adapter.restore();
    expect(identity!.headers).to.deep.equal({ Authorization: expected });
    await adapter.signOut();
    expect(await adapter.restore()).to.equal(null);
    expect((await adapter.signIn()).name).to.equal('Rita Reader');
  });

  it('application password: a wrong password is refused, not posted as a guest', async () => {
    serveMe(() => false);
    const adapter = new WordPressApplicationPasswordIdentity({ endpoint, username: 'rita', password: 'wrong' });
    expect((await rejection(adapter.signIn())).code).to.equal('unauthorized');
  });
});

describe('WalineIdentity', () => {
  const server = 'https://waline.test';
  let worker: Awaited<ReturnType<typeof startWorker>>;
  before(async () => {
    worker = await startWorker();
  });
  afterEach(() => worker.resetHandlers());

  it('exchanges an account for a token, and sends it as a bearer token', async () => {
    worker.use(
      http.post(`${server}/api/token`, async ({ request }) => {
        const body = (await request.json()) as { email: string; password: string };
        return HttpResponse.json(body.password === 'secret' ? { errno: 0, errmsg: '', data: { token: 'jwt-1' } } : { errno: 1000 });
      }),
      http.get(`${server}/api/token`, ({ request }) =>
        HttpResponse.json({
          errno: 0,
          errmsg: '',
          data: request.headers.get('Authorization') === 'Bearer jwt-1' ? { display_name: 'Wally', url: '', avatar: 'https://avatars.example/w' } : {},
        }),
      ),
    );
    const identity = await new WalineIdentity({ endpoint: server, email: 'w@example.com', password: 'secret' }).restore();
    expect(identity).to.deep.include({ provider: 'waline', name: 'Wally', token: 'jwt-1', guest: false });
    const refused = new WalineIdentity({ endpoint: server, email: 'w@example.com', password: 'nope' }).signIn({});
    expect((await rejection(refused)).code).to.equal('unauthorized');
    const unknownToken = new WalineIdentity({ endpoint: server, token: 'forged' }).signIn({});
    expect((await rejection(unknownToken)).code).to.equal('unauthorized');
  });
});
