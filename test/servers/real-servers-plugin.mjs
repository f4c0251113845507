/**
 * A web-test-runner plugin that starts the real comment servers the
 * integration tests drive (WordPress, Waline) once per run, on 127.0.0.1,
 * and stops them when the run ends. Tests read where they are (and the
 * seeded posts and users) from `/__servers.json`.
 */
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
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

export function realServersPlugin() {
  let wordpress;
  let waline;
  let info;
  return {
    name: 'parley-real-servers',
    async serverStart() {
      const started = Date.now();
      install('install-wordpress.sh');
      install('install-waline.sh');
      [wordpress, waline] = await Promise.all([startWordPress(), startWaline()]);
      info = {
        wordpress: {
          rest: wordpress.rest,
          posts: wordpress.posts,
          threadedTotal: wordpress.threadedTotal,
          threadedRoots: wordpress.threadedRoots,
          users: wordpress.users,
        },
        waline: {
          open: waline.open.url,
          strict: waline.strict.url,
          paths: waline.paths,
          threadedTotal: waline.threadedTotal,
          threadedRoots: waline.threadedRoots,
          admin: waline.admin,
        },
      };
      console.log(`Real servers ready in ${((Date.now() - started) / 1000).toFixed(1)} s: WordPress ${wordpress.origin}, Waline ${waline.open.url} and ${waline.strict.url}`);
    },
    async serverStop() {
      await Promise.allSettled([wordpress?.stop(), waline?.stop()]);
    },
    serve(context) {
      if (context.path === '/__servers.json') return { body: JSON.stringify(info), type: 'application/json' };
      return undefined;
    },
  };
}
