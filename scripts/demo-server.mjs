/**
 * The demo against a real comment server, in one command:
 *   node scripts/demo-server.mjs <wordpress|waline>   (npm run demo:wordpress / demo:waline)
 *
 * Installs the server when needed (test/servers/install-*.sh, idempotent), starts it with
 * the test harness (fresh and seeded on every start, on 127.0.0.1), builds dist/ and serves
 * the demo with @web/dev-server. The page (demo/<name>.html) reads where the server is from
 * /__demo-backend.json. Ctrl+C or SIGTERM stops the comment server and the dev server.
 */
import { execFileSync, spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startDevServer } from '@web/dev-server';
import { esbuildPlugin } from '@web/dev-server-esbuild';

const ROOT = fileURLToPath(new URL('..', import.meta.url));

/** Per backend: how to start it, and what the page needs to know about it. */
const BACKENDS = {
  wordpress: {
    label: 'WordPress',
    install: 'test/servers/install-wordpress.sh',
    async start() {
      const { startWordPress } = await import('../test/servers/wordpress.mjs');
      const wp = await startWordPress();
      const { threaded, fresh, closed } = wp.posts;
      return {
        origin: wp.origin,
        stop: wp.stop,
        page: {
          backend: 'wordpress',
          endpoint: wp.rest,
          threads: { threaded: String(threaded), fresh: String(fresh), closed: String(closed) },
          reader: { username: wp.users.reader.username, appPassword: wp.users.reader.appPassword },
        },
      };
    },
  },
  waline: {
    label: 'Waline',
    install: 'test/servers/install-waline.sh',
    async start() {
      const { startWaline } = await import('../test/servers/waline.mjs');
      const waline = await startWaline();
      const { threaded, fresh } = waline.paths;
      return {
        origin: waline.open.url,
        stop: waline.stop,
        // The "open" server: guest comments are approved at once, no rate limit.
        page: { backend: 'waline', endpoint: waline.open.url, threads: { threaded, fresh }, admin: { token: waline.admin.token } },
      };
    },
  },
};

const name = process.argv[2];
const backend = BACKENDS[name];
if (!backend) {
  console.error(`usage: node scripts/demo-server.mjs <${Object.keys(BACKENDS).join('|')}>`);
  process.exit(2);
}

/** What to undo on the way out, latest first. */
const cleanups = [];
let stopping = false;

async function shutdown(code) {
  if (stopping) return;
  stopping = true;
  // Stopping takes about a second; never hang on it.
  setTimeout(() => process.exit(code || 1), 15_000).unref();
  for (const cleanup of cleanups.reverse()) {
    try {
      await cleanup();
    } catch (error) {
      console.error(error);
    }
  }
  process.exit(code);
}

// Handlers of our own keep the process alive until everything is stopped (the harness's
// own handlers then only kill its servers, without ending the process). Repeated signals
// are ignored: under `npm run`, Ctrl+C arrives twice, from the terminal and from npm.
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => {
    if (stopping) return;
    console.log(`\nStopping ${backend.label} and the dev server…`);
    void shutdown(0);
  });
}

/** `rollup -c`, as `npm start` does, so the script-tag page has its dist/parley.js. */
function build() {
  return new Promise((resolve, reject) => {
    const rollup = spawn(path.join(ROOT, 'node_modules', '.bin', 'rollup'), ['-c'], { cwd: ROOT, stdio: ['ignore', 'inherit', 'inherit'] });
    cleanups.push(() => rollup.exitCode === null && rollup.kill());
    rollup.once('error', reject);
    rollup.once('exit', (code, signal) => (code === 0 ? resolve() : reject(new Error(`rollup -c failed (${signal ?? `exit ${code}`})`))));
  });
}

async function main() {
  console.log(`Installing ${backend.label} if needed…`);
  execFileSync('bash', [backend.install], { cwd: ROOT, stdio: 'inherit' });

  console.log(`Starting ${backend.label} and building dist/…`);
  const started = Date.now();
  // Both settle before going on, so a failure of one never leaves the other running unstopped.
  const [start, built] = await Promise.allSettled([backend.start(), build()]);
  if (start.status === 'fulfilled') cleanups.push(start.value.stop);
  for (const result of [start, built]) if (result.status === 'rejected') throw result.reason;
  if (stopping) return; // a signal came meanwhile: shutdown() is under way
  const server = start.value;

  // The same settings as web-dev-server.config.mjs. That file is not imported: it loads
  // web-test-runner.config.mjs, which empties the test runner's Firefox profile on load.
  const devServer = await startDevServer({
    readCliArgs: false,
    readFileConfig: false,
    autoExitProcess: false,
    logStartMessage: false,
    config: {
      rootDir: ROOT,
      // Without PORT: 8000, or the next free port when a demo already runs there.
      port: process.env.PORT ? Number(process.env.PORT) : undefined,
      hostname: process.env.HOST ?? 'localhost',
      nodeResolve: { exportConditions: ['browser', 'development'] },
      plugins: [esbuildPlugin({ ts: true, tsconfig: path.join(ROOT, 'tsconfig.json'), target: 'es2022' })],
      middleware: [
        function demoBackend(context, next) {
          if (context.path !== '/__demo-backend.json') return next();
          context.set('Cache-Control', 'no-store'); // each start has new ports and passwords
          context.body = server.page;
        },
        // The other demo pages use msw, whose worker must be served from the site root.
        function mswWorker(context, next) {
          if (context.url === '/mockServiceWorker.js') context.url = '/node_modules/msw/lib/mockServiceWorker.js';
          return next();
        },
        function demoIndex(context, next) {
          if (context.url === '/') context.redirect(`/demo/${name}.html`);
          return next();
        },
      ],
    },
  });
  cleanups.push(() => devServer.stop());

  const { hostname, port } = devServer.config;
  console.log(`\n${backend.label} is up at ${server.origin} (seeded afresh, ready in ${((Date.now() - started) / 1000).toFixed(1)} s).`);
  console.log(`Open http://${hostname}:${port}/demo/${name}.html`);
  console.log('Ctrl+C stops both servers.');
}

main().catch(async (error) => {
  if (stopping) return;
  console.error(error instanceof Error ? error.message : error);
  await shutdown(1);
});
