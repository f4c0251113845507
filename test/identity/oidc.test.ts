import { expect } from '@open-wc/testing';
import { ParleyError, type ParleyErrorCode } from '../../src/core/errors.js';
import { checkIdToken, decodeJwtClaims, discover, identityFromClaims, readAuthorizationResponse, readDiscovery } from '../../src/identity/oidc.js';
import { base64Url, codeChallenge, decodeBase64Url, randomToken } from '../../src/identity/pkce.js';
import { waitForRedirect } from '../../src/identity/popup.js';
import { rejectionOf } from '../rejection.js';

const issuer = 'https://id.example';
const clientId = 'parley-client';

/** What `run` throws; fails the test when it returns. */
function thrown(run: () => unknown): unknown {
  try {
    run();
  } catch (error) {
    return error;
  }
  return expect.fail('expected an exception');
}

/** The ParleyError `run` throws, checked for its code and, when given, its exact message. */
function expectRefused(run: () => unknown, code: ParleyErrorCode, message?: string): ParleyError {
  const error = thrown(run);
  expect(error).to.be.instanceOf(ParleyError);
  const parley = error as ParleyError;
  expect(parley.code).to.equal(code);
  if (message !== undefined) expect(parley.message).to.equal(message);
  return parley;
}

/** The message every refused sign-in answer carries. */
const refusal = (why: string): string => `The sign-in answer was refused: ${why}.`;

function expectAbortError(error: unknown): void {
  expect(error).to.be.instanceOf(DOMException);
  expect((error as DOMException).name).to.equal('AbortError');
}

/**
 * Base64url of UTF-8 text, written here rather than taken from pkce.ts so the
 * tokens below do not depend on the code under test.
 */
function encodeSegment(text: string): string {
  let binary = '';
  for (const byte of new TextEncoder().encode(text)) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** An unsigned JWT: checkIdToken does not check signatures, so any text will do there. */
function jwtFromText(payload: string): string {
  return `${encodeSegment(JSON.stringify({ alg: 'RS256', typ: 'JWT' }))}.${encodeSegment(payload)}.not-a-signature`;
}

const jwt = (claims: unknown): string => jwtFromText(JSON.stringify(claims));

describe('OpenID sign-in checks', () => {
  describe('readAuthorizationResponse', () => {
    const expected = { state: 'state-1', issuer, issParameter: true };

    /** The redirect page's address carrying the provider's parameters. */
    function answer(params: Record<string, string>): URL {
      const url = new URL('https://blog.example/post/');
      for (const [name, value] of Object.entries(params)) url.searchParams.set(name, value);
      return url;
    }

    it('returns the code of an answer with this attempt\'s state and the issuer', () => {
      expect(readAuthorizationResponse(answer({ code: 'the-code', state: 'state-1', iss: issuer }), expected)).to.equal('the-code');
    });

    it('refuses another attempt\'s state, or none', () => {
      const why = refusal('its state is not the one this sign-in sent');
      expectRefused(() => readAuthorizationResponse(answer({ code: 'c', state: 'state-2', iss: issuer }), expected), 'forbidden', why);
      expectRefused(() => readAuthorizationResponse(answer({ code: 'c', iss: issuer }), expected), 'forbidden', why);
      expectRefused(() => readAuthorizationResponse(answer({ code: 'c', state: '', iss: issuer }), expected), 'forbidden', why);
    });

    it('checks the state before reading an error, so a forged "declined" is refused rather than swallowed', () => {
      expectRefused(
        () => readAuthorizationResponse(answer({ error: 'access_denied', state: 'forged', iss: issuer }), expected),
        'forbidden',
        refusal('its state is not the one this sign-in sent'),
      );
    });

    it('refuses an iss parameter naming another issuer, even one differing by a trailing slash', () => {
      expectRefused(
        () => readAuthorizationResponse(answer({ code: 'c', state: 'state-1', iss: 'https://evil.example' }), expected),
        'forbidden',
        refusal(`it comes from issuer "https://evil.example", not ${issuer}`),
      );
      expectRefused(() => readAuthorizationResponse(answer({ code: 'c', state: 'state-1', iss: `${issuer}/` }), expected), 'forbidden');
    });

    it('refuses a wrong iss even from a provider that does not advertise the parameter', () => {
      expectRefused(
        () => readAuthorizationResponse(answer({ code: 'c', state: 'state-1', iss: 'https://evil.example' }), { ...expected, issParameter: false }),
        'forbidden',
      );
    });

    it('refuses a missing iss when the provider advertises it (RFC 9207), and accepts it otherwise', () => {
      expectRefused(
        () => readAuthorizationResponse(answer({ code: 'c', state: 'state-1' }), expected),
        'forbidden',
        refusal(`it comes from issuer null, not ${issuer}`),
      );
      expect(readAuthorizationResponse(answer({ code: 'c', state: 'state-1' }), { ...expected, issParameter: false })).to.equal('c');
    });

    it('turns access_denied into an AbortError: the reader declined, nothing to report', () => {
      const error = thrown(() => readAuthorizationResponse(answer({ error: 'access_denied', state: 'state-1', iss: issuer }), expected));
      expect(error).not.to.be.instanceOf(ParleyError);
      expectAbortError(error);
    });

    it('reports any other provider error as unauthorized, with its description', () => {
      expectRefused(
        () =>
          readAuthorizationResponse(
            answer({ error: 'invalid_scope', error_description: 'Scope not allowed', state: 'state-1', iss: issuer, code: 'c' }),
            expected,
          ),
        'unauthorized',
        'The provider answered invalid_scope: Scope not allowed',
      );
      expectRefused(
        () => readAuthorizationResponse(answer({ error: 'server_error', state: 'state-1', iss: issuer }), expected),
        'unauthorized',
        'The provider answered server_error:',
      );
    });

    it('refuses an answer without a code, or with an empty one', () => {
      const why = refusal('it carries no code');
      expectRefused(() => readAuthorizationResponse(answer({ state: 'state-1', iss: issuer }), expected), 'forbidden', why);
      expectRefused(() => readAuthorizationResponse(answer({ code: '', state: 'state-1', iss: issuer }), expected), 'forbidden', why);
    });
  });

  describe('decodeJwtClaims', () => {
    it('decodes the payload as UTF-8 JSON without looking at the header or the signature', () => {
      const payload = encodeSegment(JSON.stringify({ sub: 'u1', name: 'Zoë 😀' }));
      expect(decodeJwtClaims(`garbage.${payload}.`)).to.deep.equal({ sub: 'u1', name: 'Zoë 😀' });
    });

    it('refuses anything that is not three parts with a JSON object in the middle', () => {
      const why = refusal('its ID token is not a JWT');
      const object = encodeSegment('{"sub":"u1"}');
      const notJwts = [
        '',
        `header.${object}`, // two parts
        `a.${object}.c.d`, // four parts
        'a.!!!!.c', // not base64
        'a.e.c', // base64 of impossible length
        'a.eyJzdWIi.c', // truncated JSON
        `a.${encodeSegment('[{"sub":"u1"}]')}.c`, // a JSON array
        `a.${encodeSegment('"u1"')}.c`, // a JSON string
        `a.${encodeSegment('null')}.c`,
        'a._w.c', // the byte 0xff: not UTF-8
      ];
      for (const token of notJwts) expectRefused(() => decodeJwtClaims(token), 'forbidden', why);
    });
  });

  describe('checkIdToken', () => {
    // A fixed clock, in milliseconds as Date.now() gives it; claims are in seconds.
    const now = Date.UTC(2025, 0, 1);
    const seconds = now / 1000;
    const claims = { iss: issuer, aud: clientId, sub: 'user-1', nonce: 'nonce-1', iat: seconds, exp: seconds + 3600 };
    const expected = { issuer, clientId, nonce: 'nonce-1', now };
    const check = (token: string) => () => checkIdToken(token, expected);

    it('returns the claims of a valid token', () => {
      expect(checkIdToken(jwt(claims), expected)).to.deep.equal(claims);
      expect(checkIdToken(jwt({ ...claims, aud: [clientId] }), expected).sub).to.equal('user-1');
      expect(checkIdToken(jwt({ ...claims, azp: clientId }), expected).sub).to.equal('user-1');
    });

    it('uses the real clock when no time is given', () => {
      const current = Math.floor(Date.now() / 1000);
      expect(checkIdToken(jwt({ ...claims, iat: current, exp: current + 60 }), { issuer, clientId, nonce: 'nonce-1' }).sub).to.equal('user-1');
      expectRefused(() => checkIdToken(jwt(claims), { issuer, clientId, nonce: 'nonce-1' }), 'forbidden', refusal('its ID token has expired'));
    });

    it('refuses a token from another issuer, or with none', () => {
      expectRefused(check(jwt({ ...claims, iss: 'https://evil.example' })), 'forbidden', refusal('its ID token comes from issuer "https://evil.example"'));
      expectRefused(check(jwt({ ...claims, iss: `${issuer}/` })), 'forbidden');
      expectRefused(check(jwt({ ...claims, iss: undefined })), 'forbidden', refusal('its ID token comes from issuer undefined'));
    });

    it('refuses a token whose audience does not contain this client', () => {
      const why = refusal('its ID token is meant for another client');
      expectRefused(check(jwt({ ...claims, aud: 'other-client' })), 'forbidden', why);
      expectRefused(check(jwt({ ...claims, aud: ['other-client', 'third'] })), 'forbidden', why);
      expectRefused(check(jwt({ ...claims, aud: undefined })), 'forbidden', why);
      expectRefused(check(jwt({ ...claims, aud: [] })), 'forbidden', why);
    });

    it('with several audiences, requires azp to name this client', () => {
      const why = refusal('its ID token was issued to another party');
      const shared = { ...claims, aud: [clientId, 'other-client'] };
      expectRefused(check(jwt(shared)), 'forbidden', why);
      expectRefused(check(jwt({ ...shared, azp: 'other-client' })), 'forbidden', why);
      expect(checkIdToken(jwt({ ...shared, azp: clientId }), expected).sub).to.equal('user-1');
      // An azp, when present, must be this client even with a single audience.
      expectRefused(check(jwt({ ...claims, azp: 'other-client' })), 'forbidden', why);
    });

    it('refuses a token without this sign-in\'s nonce', () => {
      const why = refusal('its ID token does not carry this sign-in\'s nonce');
      expectRefused(check(jwt({ ...claims, nonce: 'nonce-2' })), 'forbidden', why);
      expectRefused(check(jwt({ ...claims, nonce: undefined })), 'forbidden', why);
    });

    it('refuses an expired token, allowing 120 seconds of clock skew', () => {
      const why = refusal('its ID token has expired');
      expectRefused(check(jwt({ ...claims, iat: seconds - 3600, exp: seconds - 121 })), 'forbidden', why);
      expect(checkIdToken(jwt({ ...claims, iat: seconds - 3600, exp: seconds - 120 }), expected).sub).to.equal('user-1');
      expect(checkIdToken(jwt({ ...claims, iat: seconds - 3600, exp: seconds - 60 }), expected).sub).to.equal('user-1');
      // An expiry that is missing or not a number never passes.
      expectRefused(check(jwt({ ...claims, exp: undefined })), 'forbidden', why);
      expectRefused(check(jwt({ ...claims, exp: String(seconds + 3600) })), 'forbidden', why);
    });

    it('refuses a token issued in the future beyond the clock skew', () => {
      expectRefused(check(jwt({ ...claims, iat: seconds + 121 })), 'forbidden', refusal('its ID token is issued in the future'));
      expect(checkIdToken(jwt({ ...claims, iat: seconds + 120 }), expected).sub).to.equal('user-1');
    });

    it('refuses a token without a string subject', () => {
      const why = refusal('its ID token names no subject');
      expectRefused(check(jwt({ ...claims, sub: undefined })), 'forbidden', why);
      expectRefused(check(jwt({ ...claims, sub: 42 })), 'forbidden', why);
      // JSON.parse makes "__proto__" an own member; a sub inside it is not the token's.
      const nested = JSON.stringify({ ...claims, sub: undefined }).replace(/^\{/, '{"__proto__":{"sub":"user-1"},');
      expectRefused(check(jwtFromText(nested)), 'forbidden', why);
    });

    it('refuses something that is not a JWT', () => {
      const why = refusal('its ID token is not a JWT');
      const [header, payload] = jwt(claims).split('.');
      expectRefused(check(`${header}.${payload}`), 'forbidden', why);
      expectRefused(check(`${header}.${payload}*.sig`), 'forbidden', why);
      expectRefused(check(jwtFromText('[1, 2]')), 'forbidden', why);
    });
  });

  describe('readDiscovery', () => {
    const document = {
      issuer,
      authorization_endpoint: `${issuer}/authorize`,
      token_endpoint: `${issuer}/token`,
      userinfo_endpoint: `${issuer}/userinfo`,
    };

    it('reads the endpoints of a document for the configured issuer', () => {
      expect(readDiscovery(issuer, document)).to.deep.equal({
        issuer,
        authorizationEndpoint: `${issuer}/authorize`,
        tokenEndpoint: `${issuer}/token`,
        userinfoEndpoint: `${issuer}/userinfo`,
        issParameter: false,
      });
      expect(readDiscovery(issuer, { ...document, userinfo_endpoint: undefined })).not.to.have.property('userinfoEndpoint');
    });

    it('reads authorization_response_iss_parameter_supported only when it is exactly true', () => {
      expect(readDiscovery(issuer, { ...document, authorization_response_iss_parameter_supported: true }).issParameter).to.equal(true);
      expect(readDiscovery(issuer, { ...document, authorization_response_iss_parameter_supported: false }).issParameter).to.equal(false);
      expect(readDiscovery(issuer, { ...document, authorization_response_iss_parameter_supported: 'true' }).issParameter).to.equal(false);
    });

    it('refuses a document naming another issuer, even by a trailing slash', () => {
      expectRefused(
        () => readDiscovery(issuer, { ...document, issuer: `${issuer}/` }),
        'server',
        `The provider's discovery document names issuer "${issuer}/", not ${issuer}.`,
      );
      expectRefused(() => readDiscovery(`${issuer}/`, document), 'server');
      expectRefused(() => readDiscovery(issuer, { ...document, issuer: 'https://evil.example' }), 'server');
      expectRefused(() => readDiscovery(issuer, { ...document, issuer: undefined }), 'server');
    });

    it('refuses anything but a JSON object', () => {
      for (const json of [null, undefined, 'document', 42, [document]]) {
        expectRefused(() => readDiscovery(issuer, json), 'server', 'The provider sent no discovery document.');
      }
    });

    it('reads own members only, never inherited ones', () => {
      const { issuer: _, ...endpoints } = document;
      const inheritedIssuer = Object.assign(Object.create({ issuer }) as object, endpoints);
      expect((inheritedIssuer as { issuer?: string }).issuer).to.equal(issuer); // visible to a plain read
      expectRefused(() => readDiscovery(issuer, inheritedIssuer), 'server');
      const { token_endpoint: token, ...others } = document;
      const inheritedToken = Object.assign(Object.create({ token_endpoint: token }) as object, others);
      expectRefused(() => readDiscovery(issuer, inheritedToken), 'server', 'The provider\'s discovery document has no token_endpoint.');
    });

    it('refuses plain-http endpoints except on the loopback interface', () => {
      expectRefused(
        () => readDiscovery(issuer, { ...document, token_endpoint: 'http://id.example/token' }),
        'server',
        'The provider\'s token_endpoint must be an https address, but it is http://id.example/token.',
      );
      expectRefused(() => readDiscovery(issuer, { ...document, authorization_endpoint: 'http://id.example/authorize' }), 'server');
      expectRefused(() => readDiscovery(issuer, { ...document, userinfo_endpoint: 'http://id.example/userinfo' }), 'server');
      // A host that merely starts with "localhost" is not the loopback interface.
      expectRefused(() => readDiscovery(issuer, { ...document, token_endpoint: 'http://localhost.evil.example/token' }), 'server');
      expectRefused(() => readDiscovery(issuer, { ...document, token_endpoint: 'javascript:alert(1)' }), 'server');
      for (const local of ['http://127.0.0.1:8080/token', 'http://localhost:9000/token', 'http://[::1]:9000/token']) {
        expect(readDiscovery(issuer, { ...document, token_endpoint: local }).tokenEndpoint).to.equal(local);
      }
    });

    it('refuses a document without the endpoints it needs', () => {
      expectRefused(
        () => readDiscovery(issuer, { ...document, authorization_endpoint: undefined }),
        'server',
        'The provider\'s discovery document has no authorization_endpoint.',
      );
      expectRefused(() => readDiscovery(issuer, { ...document, token_endpoint: 42 }), 'server', 'The provider\'s discovery document has no token_endpoint.');
    });
  });

  describe('discover', () => {
    /** What discovery of `issuer` comes to: its error's code and message. */
    async function failure(issuer: string): Promise<string> {
      try {
        await discover(issuer, new AbortController().signal);
      } catch (error) {
        return `${(error as ParleyError).code}: ${(error as Error).message}`;
      }
      return expect.fail('expected a rejection');
    }

    it('refuses a plain-http issuer off the loopback interface, before fetching its document', async () => {
      // Over plain http, anyone on the way could name the endpoints that the document's checks then trust.
      expect(await failure('http://id.example')).to.equal('server: The OpenID issuer must be an https address, but it is http://id.example.');
      expect(await failure('http://localhost.evil.example/realms/blog')).to.match(/^server: The OpenID issuer must be an https address/);
    });
  });

  describe('identityFromClaims', () => {
    const provider = { id: 'gitlab', label: 'GitLab' };

    it('maps name, e-mail, website and picture into a signed-in (not guest) identity', () => {
      const claims = { sub: 'u1', name: ' Ada Lovelace ', email: 'ada@example.com', website: 'https://ada.example', picture: 'https://ada.example/a.png' };
      expect(identityFromClaims(claims, provider)).to.deep.equal({
        provider: 'gitlab',
        providerLabel: 'GitLab',
        name: 'Ada Lovelace',
        email: 'ada@example.com',
        url: 'https://ada.example',
        avatar: 'https://ada.example/a.png',
        guest: false,
      });
    });

    it('falls back from name to preferred_username, nickname, the e-mail\'s local part, then the label', () => {
      const all = { name: 'Ada', preferred_username: 'ada_l', nickname: 'countess', email: 'ada.l@example.com' };
      expect(identityFromClaims(all, provider).name).to.equal('Ada');
      expect(identityFromClaims({ ...all, name: '  ' }, provider).name).to.equal('ada_l');
      expect(identityFromClaims({ ...all, name: undefined, preferred_username: '' }, provider).name).to.equal('countess');
      expect(identityFromClaims({ email: 'ada.l@example.com' }, provider).name).to.equal('ada.l');
      expect(identityFromClaims({ sub: 'u1' }, provider).name).to.equal('GitLab');
    });

    it('takes the website, else the profile page, as the URL', () => {
      expect(identityFromClaims({ website: 'https://ada.example', profile: 'https://id.example/ada' }, provider).url).to.equal('https://ada.example');
      expect(identityFromClaims({ profile: 'https://id.example/ada' }, provider).url).to.equal('https://id.example/ada');
    });

    it('ignores claims that are not strings, and inherited ones', () => {
      const odd = { name: 42, preferred_username: ['ada'], email: { address: 'ada@example.com' }, website: true, picture: null };
      expect(identityFromClaims(odd, provider)).to.deep.equal({ provider: 'gitlab', providerLabel: 'GitLab', name: 'GitLab', guest: false });
      const inherited = Object.create({ name: 'Mallory', email: 'm@evil.example' }) as Record<string, unknown>;
      expect(identityFromClaims(inherited, provider)).to.deep.equal({ provider: 'gitlab', providerLabel: 'GitLab', name: 'GitLab', guest: false });
    });
  });

  describe('PKCE helpers', () => {
    it('computes the S256 challenge of RFC 7636 Appendix B', async () => {
      // The appendix's 32 random octets, its verifier (their base64url) and its challenge.
      const octets = [116, 24, 223, 180, 151, 153, 224, 37, 79, 250, 96, 125, 216, 173, 187, 186, 22, 212, 37, 77, 105, 214, 191, 240, 91, 88, 5, 88, 83, 132, 141, 121];
      const verifier = 'dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk';
      expect(base64Url(new Uint8Array(octets))).to.equal(verifier);
      expect(await codeChallenge(verifier)).to.equal('E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM');
    });

    it('encodes bytes as unpadded base64url', () => {
      expect(base64Url(new Uint8Array([]))).to.equal('');
      expect(base64Url(new Uint8Array([0x61]))).to.equal('YQ');
      expect(base64Url(new Uint8Array([0x61, 0x62]))).to.equal('YWI');
      // 0xfb 0xff 0xfe is "+//+" in plain base64.
      expect(base64Url(new Uint8Array([0xfb, 0xff, 0xfe]))).to.equal('-__-');
    });

    it('makes random tokens of 43 base64url characters (256 bits), different each time', () => {
      const first = randomToken();
      const second = randomToken();
      expect(first).to.match(/^[A-Za-z0-9_-]{43}$/);
      expect(second).to.match(/^[A-Za-z0-9_-]{43}$/);
      expect(first).not.to.equal(second);
    });

    it('decodes unpadded base64url as UTF-8', () => {
      expect(decodeBase64Url('YQ')).to.equal('a');
      expect(decodeBase64Url('Pz8_')).to.equal('???');
      expect(decodeBase64Url('Pj4-')).to.equal('>>>');
      const text = 'Zoë 😀';
      expect(decodeBase64Url(base64Url(new TextEncoder().encode(text)))).to.equal(text);
    });

    it('throws on invalid UTF-8 and on text that is not base64', () => {
      // A lone 0xff, a lone continuation byte, and half of 😀.
      for (const bytes of [[0xff], [0x80], [0xf0, 0x9f]]) {
        expect(thrown(() => decodeBase64Url(base64Url(new Uint8Array(bytes))))).to.be.instanceOf(TypeError);
      }
      for (const text of ['a', '!!!!', 'YQ*']) {
        const error = thrown(() => decodeBase64Url(text));
        expect(error).to.be.instanceOf(DOMException);
        expect((error as DOMException).name).to.equal('InvalidCharacterError');
      }
    });
  });

  describe('waitForRedirect', () => {
    const redirectUri = `${location.origin}/test/integration/sign-in-return.html`;
    let popup: Window;

    beforeEach(() => {
      const opened = window.open('about:blank', '_blank', 'popup');
      expect(opened, 'the browser blocked the test popup').to.be.ok;
      popup = opened!;
    });
    afterEach(() => popup.close());

    it('resolves with the address the popup reaches on the redirect page', async () => {
      const waiting = waitForRedirect(popup, redirectUri, new AbortController().signal);
      popup.location.href = `${redirectUri}?code=x&state=y`;
      const address = await waiting;
      expect(address).to.be.instanceOf(URL);
      expect(address.href).to.equal(`${redirectUri}?code=x&state=y`);
      expect(address.searchParams.get('code')).to.equal('x');
      expect(popup.closed, 'the caller closes the popup, not waitForRedirect').to.equal(false);
    });

    it('ignores a same-origin page at another path, and rejects with AbortError when the popup closes', async () => {
      const waiting = waitForRedirect(popup, `${location.origin}/test/integration/elsewhere.html`);
      popup.location.href = `${redirectUri}?code=x&state=y`;
      // Long enough for several polls to see the loaded page.
      await new Promise((resolve) => setTimeout(resolve, 500));
      popup.close();
      expectAbortError(await rejectionOf(waiting));
    });

    it('rejects with AbortError when the popup is closed', async () => {
      const waiting = waitForRedirect(popup, redirectUri);
      popup.close();
      expectAbortError(await rejectionOf(waiting));
    });

    it('rejects with AbortError when the signal aborts, leaving the popup to the caller', async () => {
      const controller = new AbortController();
      const waiting = waitForRedirect(popup, redirectUri, controller.signal);
      controller.abort();
      expectAbortError(await rejectionOf(waiting));
      expect(popup.closed).to.equal(false);
    });

    it('rejects at once for a signal that has already aborted', async () => {
      expectAbortError(await rejectionOf(waitForRedirect(popup, redirectUri, AbortSignal.abort())));
    });
  });
});
