/**
 * `npm test`'s browser part: the unit tests (Chromium and Firefox) first, then
 * the integration tests against real servers on their own, so that a busy
 * 2-core machine running both at once does not starve the sign-in flows that
 * drive a tab of their own. `PARLEY_REAL_SERVERS` works as described in
 * web-test-runner.config.mjs (`0` skips the integration tests). Arguments are
 * passed to both runs.
 */
import { spawnSync } from 'node:child_process';

const extra = process.argv.slice(2);

function wtr(args, env) {
  const { status } = spawnSync('npx', ['wtr', ...args, ...extra], { stdio: 'inherit', env: { ...process.env, ...env } });
  return status ?? 1;
}

const unit = wtr([], { PARLEY_REAL_SERVERS: '0' });
const integration = process.env.PARLEY_REAL_SERVERS === '0' ? 0 : wtr(['--group', 'integration'], {});
process.exit(unit || integration);
