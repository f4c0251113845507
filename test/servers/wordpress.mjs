/**
 * A real WordPress for browser tests: Debian's `wordpress` package (6.1) with MariaDB and
 * `php -S`, on 127.0.0.1, installed and seeded from scratch on every start.
 *
 *   import { startWordPress } from './servers/wordpress.mjs';
 *   const wp = await startWordPress();
 *   const response = await fetch(`${wp.rest}/wp/v2/comments?post=${wp.posts.threaded}`);
 *   await wp.stop();
 *
 * Needs test/servers/install-wordpress.sh to have run. A run keeps everything in one temp
 * dir ($TMPDIR/parley-wp-XXXXXX): the MariaDB datadir and socket (no TCP port), logs, and a
 * tree of links to /usr/share/wordpress with the run's own wp-config.php and wp-content/,
 * so nothing is written to /etc/wordpress. The PHP side is in ./wordpress/.
 */
import { execFile, spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const run = promisify(execFile);
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

const FILES = fileURLToPath(new URL('./wordpress/', import.meta.url));
const WORDPRESS = '/usr/share/wordpress';
const PREFIX = 'parley-wp-';

/** A throwaway database: durability is not worth waiting for. */
const MARIADB_FAST = ['--innodb-flush-log-at-trx-commit=0', '--innodb-doublewrite=0', '--innodb-log-file-size=16M', '--innodb-buffer-pool-size=64M'];

/**
 * Starts a fresh WordPress. Resolves once its REST API answers.
 * @param {{ workers?: number, timeout?: number }} [options]
 *   workers: PHP_CLI_SERVER_WORKERS (requests served at once), default 4;
 *   timeout: ms allowed for each startup step, default 60000.
 */
export async function startWordPress({ workers = 4, timeout = 60_000 } = {}) {
  if (!fs.existsSync(path.join(WORDPRESS, 'wp-load.php'))) {
    throw new Error(`no WordPress in ${WORDPRESS}: run test/servers/install-wordpress.sh first`);
  }
  reapOrphans();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), PREFIX));
  const instance = { dir, groups: [], watchdog: 0 };
  // Pid and start time (ticks since boot, which tell it from a later process with the same pid).
  fs.writeFileSync(path.join(dir, 'owner'), `${process.pid} ${procStat(process.pid)[19]}`);
  live.add(instance);
  if (live.size === 1) watchProcess(true);

  const stop = async () => {
    if (!live.delete(instance)) return;
    if (live.size === 0) watchProcess(false);
    killRun(instance);
    await waitFor('the servers to exit', () => running(dir).length === 0, { timeout: 10_000 });
    fs.rmSync(dir, { recursive: true, force: true, maxRetries: 5 });
  };

  try {
    instance.watchdog = startWatchdog(dir);
    linkTree(dir);
    await startMariaDB(instance, timeout);
    let port = await freePort();
    const info = await seed(dir, `http://127.0.0.1:${port}`, timeout);
    // The port may be taken between freePort() and php binding it: then try another.
    for (let attempt = 1; !(await startPhp(instance, port, workers, timeout)); attempt++) {
      if (attempt === 3) throw new Error('php -S could not bind a port');
      port = await freePort();
    }
    const origin = `http://127.0.0.1:${port}`;
    return { origin, rest: `${origin}/wp-json`, ...info, stop };
  } catch (error) {
    error.message += logTails(dir);
    await stop().catch(() => {});
    throw error;
  }
}

// ---------------------------------------------------------------------------------------
// Servers

async function startMariaDB(instance, timeout) {
  const { dir } = instance;
  const asRoot = process.getuid?.() === 0 ? ['--user=root'] : []; // mariadbd refuses to run as root otherwise
  const datadir = `--datadir=${path.join(dir, 'mysql')}`;
  const socket = path.join(dir, 'mysqld.sock');
  await run('mariadb-install-db', ['--no-defaults', datadir, ...asRoot, '--auth-root-authentication-method=normal', '--skip-test-db', ...MARIADB_FAST], { timeout });
  const server = spawnServer(instance, 'mariadbd', [
    '--no-defaults', datadir, ...asRoot, `--socket=${socket}`, '--skip-networking', '--skip-log-bin',
    `--pid-file=${path.join(dir, 'mysqld.pid')}`, `--log-error=${path.join(dir, 'mysqld.log')}`, ...MARIADB_FAST,
  ], { log: 'mysqld.log' });
  await waitFor('MariaDB', () => connects(socket), { timeout, failed: () => server.exitCode !== null });
  await run('mariadb', ['--no-defaults', `--socket=${socket}`, '--user=root', '--execute=CREATE DATABASE wordpress CHARACTER SET utf8mb4'], { timeout });
}

/** Installs WordPress and seeds it (wordpress/seed.php); resolves to what the seed reports. */
async function seed(dir, origin, timeout) {
  const { stdout } = await run('php', [path.join(FILES, 'seed.php')], { env: wpEnv(dir, origin), timeout });
  return JSON.parse(stdout);
}

/** Starts `php -S` on `port`; resolves to false when the port was taken, true once WordPress answers. */
async function startPhp(instance, port, workers, timeout) {
  const origin = `http://127.0.0.1:${port}`;
  const php = spawnServer(instance, 'php', [
    '-d', 'opcache.enable_cli=1', // the CLI server is the CLI SAPI, where opcache is off by default
    '-S', `127.0.0.1:${port}`, '-t', path.join(instance.dir, 'wordpress'), path.join(FILES, 'router.php'),
  ], { log: 'php.log', env: { ...wpEnv(instance.dir, origin), PHP_CLI_SERVER_WORKERS: String(workers) } });
  try {
    await waitFor('WordPress', () => fetch(`${origin}/wp-json/`).then((r) => r.ok, () => false), {
      timeout, failed: () => php.exitCode !== null,
    });
    return true;
  } catch (error) {
    if (php.exitCode !== null && /in use/i.test(readLog(instance.dir, 'php.log'))) return false;
    throw error;
  }
}

function wpEnv(dir, origin) {
  return { ...process.env, PARLEY_WP_DIR: dir, PARLEY_WP_ORIGIN: origin };
}

/** The run's WordPress root: links to Debian's files, plus its own wp-config.php and wp-content/. */
function linkTree(dir) {
  const root = path.join(dir, 'wordpress');
  fs.mkdirSync(path.join(root, 'wp-content', 'mu-plugins'), { recursive: true });
  for (const name of fs.readdirSync(WORDPRESS)) {
    if (name !== 'wp-config.php' && name !== 'wp-content') fs.symlinkSync(path.join(WORDPRESS, name), path.join(root, name));
  }
  fs.symlinkSync(path.join(FILES, 'wp-config.php'), path.join(root, 'wp-config.php'));
  for (const name of fs.readdirSync(path.join(FILES, 'mu-plugins'))) {
    fs.symlinkSync(path.join(FILES, 'mu-plugins', name), path.join(root, 'wp-content', 'mu-plugins', name));
  }
}

/**
 * Spawns a server in a process group of its own (php -S forks workers that would keep the
 * port if only the parent died), with its output appended to a log in the run dir.
 */
function spawnServer(instance, command, args, { log, env = process.env }) {
  const fd = fs.openSync(path.join(instance.dir, log), 'a');
  let child;
  try {
    child = spawn(command, args, { detached: true, stdio: ['ignore', fd, fd], env });
  } finally {
    fs.closeSync(fd);
  }
  if (!child.pid) throw new Error(`could not start ${command} (run test/servers/install-wordpress.sh)`);
  child.on('error', () => {}); // reported through exitCode and the logs
  child.unref();
  instance.groups.push(child.pid);
  fs.appendFileSync(path.join(instance.dir, 'groups'), `${child.pid}\n`); // for the watchdog
  return child;
}

// ---------------------------------------------------------------------------------------
// Cleaning up, however this process ends

/** Runs that have not been stopped, for the exit and signal handlers. */
const live = new Set();

/**
 * SIGKILL for every process group of a run, then for any other process that mentions its
 * dir (say a bootstrap mariadbd of an interrupted start). Synchronous, for the exit handler.
 */
function killRun({ dir, groups, watchdog }) {
  for (const pgid of [watchdog, ...groups]) {
    try {
      if (pgid) process.kill(-pgid, 'SIGKILL');
    } catch {} // already gone
  }
  killAll(running(dir));
}

function killAll(pids) {
  for (const pid of pids) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {} // gone meanwhile
  }
}

function onExit() {
  for (const instance of live) {
    killRun(instance);
    try {
      fs.rmSync(instance.dir, { recursive: true, force: true, maxRetries: 3 });
    } catch {} // the watchdog removes it
  }
  live.clear();
}

function onSignal(signal) {
  onExit();
  // The signal would have ended the process without us: let it, unless someone else handles it.
  if (process.listenerCount(signal) === 1) {
    watchProcess(false);
    process.kill(process.pid, signal);
  }
}

function watchProcess(on) {
  process[on ? 'on' : 'off']('exit', onExit);
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) process[on ? 'on' : 'off'](signal, onSignal);
}

/**
 * For a SIGKILLed Node (which runs no handler): a shell that holds the read end of a pipe
 * from this process, so its `read` returns when this process is gone, however it ended; it
 * then kills the run's process groups and removes the run dir. stop() kills it first.
 */
function startWatchdog(dir) {
  const script = `
    read -r _
    for g in $(cat "$PARLEY_WP_DIR/groups" 2>/dev/null); do kill -s KILL -- "-$g" 2>/dev/null; done
    sleep 1
    rm -rf -- "$PARLEY_WP_DIR"`;
  const watchdog = spawn('sh', ['-c', script], { detached: true, stdio: ['pipe', 'ignore', 'ignore'], env: { PATH: process.env.PATH, PARLEY_WP_DIR: dir } });
  watchdog.unref();
  watchdog.stdin.unref();
  watchdog.stdin.on('error', () => {});
  return watchdog.pid;
}

/**
 * Removes what earlier runs left when their Node process died and their watchdog did not
 * help: run dirs, and processes that mention a run dir, whose Node process is gone.
 */
function reapOrphans() {
  const tmp = os.tmpdir();
  const dirs = new Set(fs.readdirSync(tmp).filter((name) => name.startsWith(PREFIX)).map((name) => path.join(tmp, name)));
  const mention = new RegExp(`${escapeRegExp(path.join(tmp, PREFIX))}[A-Za-z0-9]{6}(?=/)`);
  for (const args of commandLines().values()) {
    const match = mention.exec(args);
    if (match) dirs.add(match[0]);
  }
  for (const dir of dirs) {
    if (ownerAlive(dir)) continue;
    killAll(running(dir));
    fs.rmSync(dir, { recursive: true, force: true, maxRetries: 5 });
  }
}

/** Whether the Node process that made a run dir still runs (a dir without owner file yet: a run starting now). */
function ownerAlive(dir) {
  try {
    const [pid, started] = fs.readFileSync(path.join(dir, 'owner'), 'utf8').split(' ');
    const stat = procStat(pid);
    return stat?.[0] !== 'Z' && stat?.[19] === started; // a zombie has exited: its parent just has not reaped it
  } catch {
    try {
      return Date.now() - fs.statSync(dir).mtimeMs < 60_000;
    } catch {
      return false; // no dir at all
    }
  }
}

// ---------------------------------------------------------------------------------------
// Processes, from /proc (Linux)

/** Fields of /proc/<pid>/stat from the state on ([0] state, [1] ppid, [2] pgrp …), or null. */
function procStat(pid) {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2).split(' '); // the command name may hold spaces
  } catch {
    return null;
  }
}

/** Command lines (arguments joined by spaces) of live, not zombie, processes other than this one, by pid. */
function commandLines() {
  const lines = new Map();
  for (const pid of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(pid) || Number(pid) === process.pid || procStat(pid)?.[0] === 'Z') continue;
    try {
      lines.set(Number(pid), fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').join(' '));
    } catch {} // gone meanwhile
  }
  return lines;
}

/** Pids of the processes whose command line mentions something inside the run dir. */
function running(dir) {
  return [...commandLines()].filter(([, args]) => args.includes(`${dir}/`)).map(([pid]) => pid);
}

// ---------------------------------------------------------------------------------------
// Small helpers

async function waitFor(what, check, { timeout, failed = () => false }) {
  const deadline = Date.now() + timeout;
  for (;;) {
    if (await check()) return;
    if (failed()) throw new Error(`${what} exited while starting`);
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(50);
  }
}

function connects(socketPath) {
  return new Promise((resolve) => {
    const socket = net.connect(socketPath);
    socket.once('error', () => resolve(false)).once('connect', () => {
      socket.destroy();
      resolve(true);
    });
  });
}

function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer().once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

const escapeRegExp = (text) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

function readLog(dir, name) {
  try {
    return fs.readFileSync(path.join(dir, name), 'utf8');
  } catch {
    return '';
  }
}

function logTails(dir) {
  return ['mysqld.log', 'php.log']
    .map((name) => [name, readLog(dir, name).trim().split('\n').slice(-15).join('\n')])
    .filter(([, tail]) => tail)
    .map(([name, tail]) => `\n--- ${name} (last lines) ---\n${tail}`)
    .join('');
}
