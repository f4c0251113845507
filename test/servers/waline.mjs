/**
 * Real Waline comment servers (@waline/vercel with SQLite) for browser tests, on 127.0.0.1.
 *
 *   import { startWaline } from './servers/waline.mjs';
 *   const waline = await startWaline();
 *   await fetch(`${waline.open.url}/api/comment?path=${waline.paths.threaded}`);
 *   await waline.stop();
 *
 * Needs test/servers/install-waline.sh to have run. Two servers are started, each in its
 * own process group with its own SQLite database:
 *   open   – guest comments are approved at once, no rate limit;
 *   strict – COMMENT_AUDIT (guest comments wait for moderation) and one guest comment per
 *            IP per hour (a second one gets "Comment too fast!").
 * Everything a run writes lives in one temp dir ($TMPDIR/parley-waline-XXXXXX). The
 * servers get a clean environment, so no mail / webhook / Akismet / OAuth-proxy traffic
 * can leave the machine. The process side is ./waline/server.cjs.
 */
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const SERVER_DIR = fileURLToPath(new URL('./waline/', import.meta.url));
const PREFIX = 'parley-waline-';

const ADMIN = { display_name: 'Parley Admin', email: 'admin@example.com', password: 'parley-admin-password', url: 'https://example.com/admin' };

const PATHS = { threaded: '/threaded/', fresh: '/fresh/', xss: '/xss/' };

/** The seed's user agent, so browser/os come out as "Chrome120.0" / "Linux". */
const SEED_UA = 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36';

/** Reader 1 is posted at this time, Reader N N-1 minutes later; replies follow. */
const SEED_START = Date.UTC(2024, 0, 15, 9, 0, 0);
const ROOTS = 25;
/** Replies as [label, parent label]; a root's label is its reader number. */
const REPLIES = [
  ['1.1', '1'],
  ['1.1.1', '1.1'],
  ['1.1.1.1', '1.1.1'],
  ['1.2', '1'],
  ['2.1', '2'],
];

const live = new Set();

/**
 * Starts, seeds and returns two Waline servers. Resolves once both answer and are seeded.
 * @param {{ timeout?: number, verbose?: boolean }} [options]
 *   timeout: ms allowed for each server to come up, default 60000;
 *   verbose: send the servers' logs to this process's stderr instead of files in the temp dir.
 */
export async function startWaline({ timeout = 60_000, verbose = false } = {}) {
  if (!fs.existsSync(path.join(SERVER_DIR, 'node_modules', '@waline', 'vercel'))) {
    throw new Error('Waline is not installed: run test/servers/install-waline.sh first');
  }
  reapStaleDirs();

  const dir = fs.mkdtempSync(path.join(os.tmpdir(), PREFIX));
  fs.writeFileSync(path.join(dir, 'owner'), String(process.pid));
  const instance = { dir, children: [] };
  live.add(instance);
  if (live.size === 1) watchProcess(true);

  const stop = async () => {
    if (!live.delete(instance)) return;
    if (live.size === 0) watchProcess(false);
    await Promise.all(instance.children.map(stopChild));
    fs.rmSync(dir, { recursive: true, force: true, maxRetries: 5 });
  };

  try {
    // One secret for both servers: the admin is user 1 on each, so one token works on both.
    const jwt = randomBytes(24).toString('hex');
    const [open, strict] = await Promise.all([
      startServer(instance, 'open', { JWT_TOKEN: jwt, IPQPS: '0' }, { timeout, verbose }),
      startServer(instance, 'strict', { JWT_TOKEN: jwt, IPQPS: '3600', COMMENT_AUDIT: 'true' }, { timeout, verbose }),
    ]);

    // The first registered user becomes the administrator. Without SMTP settings Waline
    // skips e-mail verification, so no database edit is needed.
    await Promise.all([open, strict].map((url) => api(url, 'POST', '/api/user', ADMIN)));
    const { token } = await api(open, 'POST', '/api/token', { email: ADMIN.email, password: ADMIN.password });
    const seeded = await seedThreaded(open, token);

    return {
      open: { url: open },
      strict: { url: strict },
      paths: { ...PATHS },
      threadedTotal: seeded.total,
      threadedRoots: seeded.roots,
      admin: { email: ADMIN.email, password: ADMIN.password, token },
      stop,
    };
  } catch (err) {
    const logs = instance.children.map((child) => logTail(child)).filter(Boolean).join('\n');
    await stop();
    if (logs) err.message += `\n--- server logs ---\n${logs}`;
    throw err;
  }
}

async function startServer(instance, name, settings, { timeout, verbose }) {
  const dataDir = path.join(instance.dir, name);
  fs.mkdirSync(dataDir);
  const portFile = path.join(dataDir, 'port');
  const logFile = path.join(dataDir, 'server.log');
  const out = verbose ? 'inherit' : fs.openSync(logFile, 'a');

  const child = spawn(process.execPath, ['server.cjs'], {
    cwd: SERVER_DIR,
    // Deliberately not inheriting process.env: stray SMTP_*, WEBHOOK, *_KEY... would make
    // Waline talk to the internet.
    env: {
      PATH: process.env.PATH ?? '',
      // Waline keeps its thinkjs runtime under os.tmpdir(); keep it in our dir.
      TMPDIR: dataDir,
      // Stored times are zone-less local-time strings; UTC makes them and the API's
      // epoch-ms `time` independent of this machine's zone.
      TZ: 'UTC',
      SQLITE_PATH: dataDir,
      SQLITE_DB: 'waline',
      // Offline: no hosted OAuth service list (fetched on every request), no Akismet.
      OAUTH_URL: 'data:application/json,{"services":[]}',
      AKISMET_KEY: 'false',
      DISABLE_AUTHOR_NOTIFY: 'true',
      WALINE_PORT_FILE: portFile,
      WALINE_PARENT_PID: String(process.pid),
      ...settings,
    },
    detached: true, // own process group, so stop() can take down anything it spawns
    stdio: ['ignore', out, out],
  });
  if (!verbose) fs.closeSync(out);
  child.unref(); // a forgotten stop() must not keep the test runner alive
  const entry = { name, child, logFile: verbose ? null : logFile, exited: null };
  entry.exited = new Promise((resolve) => child.once('exit', resolve));
  child.once('error', () => {}); // reported through 'exit' / the wait below
  instance.children.push(entry);

  const deadline = Date.now() + timeout;
  let port = '';
  while (!port) {
    if (child.exitCode !== null || child.signalCode !== null) throw new Error(`Waline (${name}) exited during startup`);
    if (Date.now() > deadline) throw new Error(`Waline (${name}) did not listen within ${timeout} ms`);
    port = fs.existsSync(portFile) ? fs.readFileSync(portFile, 'utf8').trim() : '';
    if (!port) await new Promise((resolve) => setTimeout(resolve, 50));
  }
  const url = `http://127.0.0.1:${port}`;
  await api(url, 'GET', '/api/comment?path=/'); // the database answers
  return url;
}

/** Seeds /threaded/ through Waline's admin import API (POST /api/db), the only API that
 *  accepts an insertedAt, so times are distinct without waiting between posts. */
async function seedThreaded(url, token) {
  const ids = new Map();
  const add = async (label, nick, minute, parent) => {
    const at = sqlTime(SEED_START + minute * 60_000);
    const root = parent && (ids.get(parent).rid ?? ids.get(parent).id);
    const row = {
      nick,
      mail: `${nick.toLowerCase().replace(/\W+/g, '-')}@example.com`,
      link: '',
      comment: parent ? `Reply ${label}` : `Comment ${label}`,
      url: PATHS.threaded,
      ua: SEED_UA,
      ip: '127.0.0.1',
      status: 'approved',
      pid: parent ? ids.get(parent).id : null,
      rid: root || null,
      insertedAt: at,
      createdAt: at,
      updatedAt: at,
    };
    const { objectId } = await api(url, 'POST', '/api/db?table=Comment', row, token);
    ids.set(label, { id: objectId, rid: root || null });
  };

  // Sequential on purpose: Waline lists "insertedAt_asc" in row-id order.
  for (let n = 1; n <= ROOTS; n++) await add(String(n), `Reader ${n}`, n - 1);
  let minute = ROOTS + 5;
  for (const [label, parent] of REPLIES) await add(label, `Replier ${label}`, minute++, parent);
  return { roots: ROOTS, total: ROOTS + REPLIES.length };
}

/** Waline's SQLite timestamp format, in the servers' zone (UTC): "YYYY-MM-DD HH:MM:SS". */
function sqlTime(ms) {
  return new Date(ms).toISOString().slice(0, 19).replace('T', ' ');
}

/** Calls the API; Waline reports errors as HTTP 200 with a non-zero errno. */
async function api(base, method, route, body, token) {
  const headers = { 'content-type': 'application/json' };
  if (token) headers.authorization = `Bearer ${token}`;
  const response = await fetch(`${base}${route}${route.includes('?') ? '&' : '?'}lang=en-US`, {
    method,
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  let json;
  try {
    json = JSON.parse(text);
  } catch {
    throw new Error(`${method} ${route}: HTTP ${response.status}, not JSON: ${text.slice(0, 200)}`);
  }
  if (json.errno !== 0) throw new Error(`${method} ${route}: errno ${json.errno} ${JSON.stringify(json.errmsg)}`);
  return json.data;
}

async function stopChild({ child, exited }) {
  if (child.exitCode !== null || child.signalCode !== null) return;
  killGroup(child.pid, 'SIGTERM');
  const timer = setTimeout(() => killGroup(child.pid, 'SIGKILL'), 5_000);
  await exited;
  clearTimeout(timer);
}

function killGroup(pid, signal) {
  try {
    process.kill(-pid, signal);
  } catch {
    // already gone
  }
}

function logTail({ name, logFile }) {
  if (!logFile || !fs.existsSync(logFile)) return '';
  return `[${name}] ${fs.readFileSync(logFile, 'utf8').split('\n').slice(-30).join(`\n[${name}] `)}`;
}

/** Removes temp dirs left by runs whose process died without stop(). Their servers exit
 *  by themselves (server.cjs watches its parent pid). */
function reapStaleDirs() {
  for (const name of fs.readdirSync(os.tmpdir())) {
    if (!name.startsWith(PREFIX)) continue;
    const dir = path.join(os.tmpdir(), name);
    let owner = 0;
    try {
      owner = Number(fs.readFileSync(path.join(dir, 'owner'), 'utf8'));
    } catch {
      // no owner file yet: another run may be creating it right now; leave it
      continue;
    }
    if (owner && !alive(owner)) fs.rmSync(dir, { recursive: true, force: true });
  }
}

function alive(pid) {
  try {
    process.kill(pid, 0);
  } catch (err) {
    return err.code === 'EPERM';
  }
  // A killed owner can linger as a zombie (in containers nobody may reap it).
  try {
    return fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.[0] !== 'Z';
  } catch {
    return true; // no /proc: trust kill(0)
  }
}

/** Synchronous last-chance cleanup when this process ends without stop(). */
function stopAllNow() {
  for (const instance of live) {
    for (const { child } of instance.children) killGroup(child.pid, 'SIGKILL');
    fs.rmSync(instance.dir, { recursive: true, force: true });
  }
  live.clear();
}

function onSignal(signal) {
  stopAllNow();
  watchProcess(false);
  // Keep the signal's default effect (terminate) unless someone else handles it.
  if (process.listenerCount(signal) === 0) process.kill(process.pid, signal);
}

function watchProcess(on) {
  for (const signal of ['SIGINT', 'SIGTERM']) process[on ? 'on' : 'off'](signal, onSignal);
  process[on ? 'on' : 'off']('exit', stopAllNow);
}
