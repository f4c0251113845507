/**
 * A web-test-runner plugin that starts the real servers the integration
 * tests drive (WordPress, Waline, an OpenID Connect provider, mock Mastodon
 * and IndieAuth servers) once per run, on 127.0.0.1,
 * and stops them when the run ends. Tests read where they are (and the
 * seeded posts and users) from `/__servers.json`.
 *
 * Its `middleware` also puts WordPress on the test pages' own origin
 * (`/wp-json`, `/wp-login.php`, `/wp-admin/`), as a theme sees it: that is
 * where the cookie + `X-WP-Nonce` sign-in works.
 */
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { startOAuthMocks } from './oauth-mocks.mjs';
import { startOidcProvider } from './oidc.mjs';
import { startWaline } from './waline.mjs';
import { startWordPress } from './wordpress.mjs';

const here = (file) => fileURLToPath(new URL(file, import.meta.url));

/** Runs an idempotent install script (apt / npm), printing its output only when it fails. */
function install(script) {
  try {
    execFileSync('bash', [here(script)], { stdio: 'pipe' });
  } catch (error) {
    throw new Error(`${script} failed:\n${error.stdout ?? ''}${error.stderr ?? ''}`);
  }
}

/** WordPress paths the same-origin proxy forwards. */
const WORDPRESS_PATHS = /^\/(wp-json(\/|$)|wp-login\.php$|wp-admin\/)/;

/** Response headers that describe the hop, not the content (fetch has already decoded the body). */
const HOP_HEADERS = new Set(['connection', 'content-encoding', 'content-length', 'keep-alive', 'transfer-encoding', 'set-cookie']);

/**
 * A Koa middleware forwarding WordPress paths to `origin()`, keeping cookies
 * and rewriting redirects, so the page and WordPress share one origin.
 */
function sameOriginProxy(origin) {
  return async (context, next) => {
    const target = origin();
    if (!target || !WORDPRESS_PATHS.test(context.path)) return next();
    const chunks = [];
    for await (const chunk of context.req) chunks.push(chunk);
    const headers = { ...context.request.headers, host: new URL(target).host };
    delete headers.origin; // WordPress checks Origin against its own URL on some routes
    const response = await fetch(`${target}${context.url}`, {
      method: context.method,
      headers,
      body: chunks.length ? Buffer.concat(chunks) : undefined,
      redirect: 'manual',
    });
    context.status = response.status;
    for (const [name, value] of response.headers) {
      if (!HOP_HEADERS.has(name)) context.set(name, name === 'location' ? value.replace(target, context.origin) : value);
    }
    const cookies = response.headers.getSetCookie();
    if (cookies.length) context.set('set-cookie', cookies);
    context.body = Buffer.from(await response.arrayBuffer());
  };
}

/** `names`: which servers to start (`wordpress`, `waline`, `oidc`, `mastodon-indieauth`). */
export function realServersPlugin(names = ['wordpress', 'waline', 'oidc', 'mastodon-indieauth']) {
  let wordpress;
  let waline;
  let oidc;
  let mocks;
  let info;
  return {
    name: 'parley-real-servers',
    middleware: sameOriginProxy(() => wordpress?.origin),
    async serverStart({ config }) {
      const started = Date.now();
      if (names.includes('wordpress')) install('install-wordpress.sh');
      if (names.includes('waline')) install('install-waline.sh');
      // The provider sends readers back to these test pages, on the test runner's own origin.
      const testOrigin = `http://${config.hostname}:${config.port}`;
      const redirectUris = ['sign-in-return.html', 'sign-in-redirect.html'].map((page) => `${testOrigin}/test/integration/${page}`);
      [wordpress, waline, oidc, mocks] = await Promise.all([
        names.includes('wordpress') ? startWordPress() : undefined,
        names.includes('waline') ? startWaline() : undefined,
        names.includes('oidc') ? startOidcProvider({ redirectUris }) : undefined,
        names.includes('mastodon-indieauth') ? startOAuthMocks() : undefined,
      ]);
      info = {
        wordpress: wordpress && {
          rest: wordpress.rest,
          posts: wordpress.posts,
          threadedTotal: wordpress.threadedTotal,
          threadedRoots: wordpress.threadedRoots,
          users: wordpress.users,
        },
        waline: waline && {
          open: waline.open.url,
          strict: waline.strict.url,
          paths: waline.paths,
          threadedTotal: waline.threadedTotal,
          threadedRoots: waline.threadedRoots,
          admin: waline.admin,
        },
        oidc: oidc && { issuer: oidc.issuer, clientId: oidc.clientId, redirectUris },
        oauthMocks: mocks && { origin: mocks.origin },
      };
            const ready = [
        wordpress && `WordPress ${wordpress.origin}`,
        waline && `Waline ${waline.open.url} and ${waline.strict.url}`,
        oidc && `OpenID provider ${oidc.issuer}`,
        mocks && `Mastodon and IndieAuth mocks ${mocks.origin}`,
      ];
      console.log(`Real servers ready in ${((Date.now() - started) / 1000).toFixed(1)} s: ${ready.filter(Boolean).join(', ')}`);
    },
    async serverStop() {
      await Promise.allSettled([wordpress?.stop(), waline?.stop(), oidc?.stop(), mocks?.stop()]);
    },
    serve(context) {
      if (context.path === '/__servers.json') return { body: JSON.stringify(info), type: 'application/json' };
      return undefined;
    },
  };
}
