import { existsSync, mkdirSync, rmSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { chromeLauncher } from '@web/test-runner-chrome';
import { oidcDriverPlugin } from './test/servers/oidc-driver-plugin.mjs';
import { realServersPlugin } from './test/servers/real-servers-plugin.mjs';
import { cspMiddleware } from './test/csp/csp-server.mjs';
import { securityResultsPlugin } from './test/sanitize/security-results-plugin.mjs';
import { timezonePlugin } from './test/timezone-plugin.mjs';

const corpusPath = fileURLToPath(new URL('../shared/security/xss-corpus.json', import.meta.url));

/** Serves msw's worker at the site root so its scope covers every test page. */
export function mswWorkerMiddleware(context, next) {
  if (context.url === '/mockServiceWorker.js') context.url = '/node_modules/msw/lib/mockServiceWorker.js';
  return next();
}

/** The shared XSS corpus lives beside the checkout; tests fetch it byte-exact from here. */
async function corpusMiddleware(context, next) {
  if (context.path !== '/__corpus/xss-corpus.json') return next();
  context.type = 'application/json';
  context.body = await readFile(corpusPath);
}

function chromium() {
  return chromeLauncher({
    launchOptions: {
      executablePath: process.env.CHROME_PATH ?? '/usr/bin/chromium',
      headless: true,
      // gc() and exact heap figures for the memory test.
      args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--disable-component-update', '--disable-dev-shm-usage', '--js-flags=--expose-gc', '--enable-precise-memory-info'],
    },
  });
}

/**
 * Firefox through the same launcher (WebDriver BiDi). One profile folder,
 * emptied at each run: no profile leaks per run, and no stale HTTP cache.
 */
function firefox() {
  const userDataDir = join(tmpdir(), 'parley-wtr-firefox');
  rmSync(userDataDir, { recursive: true, force: true });
  mkdirSync(userDataDir, { recursive: true });
  const launcher = chromeLauncher({
    launchOptions: { browser: 'firefox', executablePath: FIREFOX_PATH, headless: true, userDataDir },
  });
  launcher.name = 'Firefox';
  return launcher;
}

const FIREFOX_PATH = process.env.FIREFOX_PATH ?? '/usr/bin/firefox-esr';
/** `BROWSERS=chromium` runs Chromium only; by default Firefox runs too when it is installed. */
const wanted = (process.env.BROWSERS ?? 'chromium,firefox').split(',');
const browsers = [
  ...(wanted.includes('chromium') ? [chromium()] : []),
  ...(wanted.includes('firefox') && existsSync(FIREFOX_PATH) ? [firefox()] : []),
];

/**
 * The integration group drives the widget against real WordPress and Waline
 * servers and an OpenID provider (Chromium only). `PARLEY_REAL_SERVERS=0`
 * leaves it out, for a quick run on a machine without them;
 * `PARLEY_REAL_SERVERS=oidc` (a comma-separated list) starts only those
 * servers and runs only their test files.
 */
const ALL_SERVERS = ['wordpress', 'waline', 'oidc', 'mastodon-indieauth'];
const serverNames = process.env.PARLEY_REAL_SERVERS === '0' ? [] : (process.env.PARLEY_REAL_SERVERS?.split(',') ?? ALL_SERVERS);
const realServers = serverNames.length > 0;
const integrationFiles = 'test/integration/**/*.test.ts';
const integrationGroupFiles =
  serverNames.length === ALL_SERVERS.length ? integrationFiles : serverNames.map((name) => `test/integration/${name}.test.ts`);

const servers = realServers ? realServersPlugin(serverNames) : undefined;

export default {
  // test/servers holds the real servers' own dependencies, with test files of their own.
  files: ['test/**/*.test.ts', `!${integrationFiles}`, '!test/servers/**'],
  groups: realServers ? [{ name: 'integration', files: integrationGroupFiles, browsers: [chromium()] }] : [],
  nodeResolve: { exportConditions: ['browser', 'development'] },
  plugins: [
    esbuildPlugin({ ts: true, tsconfig: './tsconfig.json', target: 'es2022' }),
    securityResultsPlugin(),
    oidcDriverPlugin(),
    timezonePlugin(),
    ...(servers ? [servers] : []),
  ],
  middleware: [
    mswWorkerMiddleware,
    corpusMiddleware,
    // Only these pages get the strict CSP (test/csp/csp.test.ts); every other page is served as before.
    cspMiddleware({ pages: ['/test/csp/', '/demo/csp.html'], variants: true }),
    ...(servers ? [servers.middleware] : []),
  ],
  concurrency: 1,
  // Elements in a failed assertion are reported as their markup (see the script).
  testRunnerHtml: (testFramework) =>
    `<!doctype html><html><body><script type="module" src="${testFramework}"></script><script type="module" src="/test/serializable-failures.js"></script></body></html>`,
  testFramework: { config: { timeout: 10000 } },
  // A whole file's limit: the property-based sanitiser tests (test/sanitize/fuzz.test.ts) take 40 s
  // in Chromium alone and far longer while Firefox runs beside it on 2 cores (past the default 120 s once).
  testsFinishTimeout: 300_000,
  browsers,
};
