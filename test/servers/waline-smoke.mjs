/**
 * Smoke test for ./waline.mjs: installs if needed, starts, checks the API facts the Parley
 * Waline adapter relies on, stops, and checks that nothing is left running.
 *
 *   node test/servers/waline-smoke.mjs            # exits non-zero on the first failed check
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import { fileURLToPath } from 'node:url';

import { startWaline } from './waline.mjs';

const t0 = performance.now();
const since = () => `${Math.round(performance.now() - t0)} ms`;
const UA = 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36';

function check(ok, message, detail) {
  if (ok) return;
  console.error(`FAIL: ${message}${detail === undefined ? '' : `\n${JSON.stringify(detail, null, 2)}`}`);
  process.exitCode = 1;
  throw new Error(message);
}

function show(title, value) {
  console.log(`\n## ${title}\n${JSON.stringify(value, null, 2)}`);
}

async function call(base, method, route, { body, token } = {}) {
  const headers = { 'content-type': 'application/json' };
  if (token) headers.authorization = `Bearer ${token}`;
  const response = await fetch(`${base}${route}`, { method, headers, body: body && JSON.stringify(body) });
  check(response.status === 200, `${method} ${route}: HTTP ${response.status}`);
  return response.json();
}

// Like @waline/client: pid/rid/at are sent only for replies (see "emptyPid" below).
const guest = (comment, extra) => ({ nick: 'Guest', mail: 'guest@example.com', link: 'https://example.com/guest', comment, ua: UA, ...extra });

/** Pids of servers this process started, found through their environment. */
function ourServerPids() {
  const marker = `WALINE_PARENT_PID=${process.pid}\0`;
  return fs.readdirSync('/proc').filter((pid) => {
    if (!/^\d+$/.test(pid)) return false;
    try {
      return fs.readFileSync(`/proc/${pid}/environ`, 'latin1').includes(marker);
    } catch {
      return false;
    }
  });
}

function portIsFree(port) {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}

execFileSync('bash', [fileURLToPath(new URL('./install-waline.sh', import.meta.url))], { stdio: 'inherit' });
console.log(`install check: ${since()}`);

const started = performance.now();
const waline = await startWaline();
const { stop, ...info } = waline;
show(`startWaline() in ${Math.round(performance.now() - started)} ms`, info);
const { open, strict, paths, admin } = waline;
const ports = [open.url, strict.url].map((url) => Number(new URL(url).port));

try {
  // 1. Threaded listing.
  const list = await call(open.url, 'GET', `/api/comment?path=${paths.threaded}&page=1&pageSize=10&sortBy=insertedAt_asc&lang=en-US`);
  check(list.errno === 0, 'list errno', list);
  const page = list.data;
  check(page.data.length === 10, 'page 1 has 10 roots', page.data.length);
  check(page.totalPages === 3, 'totalPages is 3', page.totalPages);
  check(page.count === waline.threadedTotal, `count counts roots and replies (${waline.threadedTotal})`, page.count);
  const [first, second] = page.data;
  check(first.nick === 'Reader 1' && first.comment === '<p>Comment 1</p>\n', 'first root is Reader 1', first);
  check(first.children.length === 4 && second.children.length === 1, 'roots carry all their replies, flat', first.children);
  const byId = new Map([first, ...first.children].map((c) => [c.objectId, c]));
  for (const child of first.children) {
    check(child.rid === first.objectId && byId.has(child.pid) && child.reply_user?.nick === byId.get(child.pid).nick, 'child has rid, pid and reply_user', child);
  }
  const times = page.data.map((c) => c.time);
  check(times.every((t, i) => i === 0 || t - times[i - 1] === 60_000), 'roots one minute apart, ascending', times);
  const page3 = (await call(open.url, 'GET', `/api/comment?path=${paths.threaded}&page=3&pageSize=10&sortBy=insertedAt_asc&lang=en-US`)).data;
  check(page3.data.length === 5 && page3.data[4].nick === 'Reader 25', 'page 3 holds Reader 21..25', page3.data.map((c) => c.nick));
  show('1. GET /api/comment (threaded, page 1): envelope without data', { ...list, data: { ...page, data: `[${page.data.length} roots]` } });
  show('1. first root with its children', first);

  // 2. Guest comment on open.
  const fresh = guest('Hello from a **guest**', { url: paths.fresh });
  const posted = await call(open.url, 'POST', '/api/comment?lang=en-US', { body: fresh });
  check(posted.errno === 0 && posted.data.status === 'approved', 'guest comment approved on open', posted);
  show('2. guest POST on open', posted);

  // 3. Same comment again.
  const duplicate = await call(open.url, 'POST', '/api/comment?lang=en-US', { body: fresh });
  check(duplicate.errno === 1000 && duplicate.errmsg === 'Duplicate Content', 'duplicate refused', duplicate);
  show('3. duplicate POST', duplicate);

  // 4. Moderation and rate limit on strict.
  const held = await call(strict.url, 'POST', '/api/comment?lang=en-US', { body: guest('Please hold me', { url: paths.fresh }) });
  check(held.errno === 0 && held.data.status === 'waiting', 'strict holds guest comments', held);
  const tooFast = await call(strict.url, 'POST', '/api/comment?lang=en-US', { body: guest('And me too', { url: paths.fresh }) });
  check(tooFast.errno === 1000 && /too fast/i.test(tooFast.errmsg), 'second guest comment is too fast', tooFast);
  const publicView = (await call(strict.url, 'GET', `/api/comment?path=${paths.fresh}&lang=en-US`)).data;
  const adminView = (await call(strict.url, 'GET', `/api/comment?path=${paths.fresh}&lang=en-US`, { token: admin.token })).data;
  check(publicView.count === 0, 'held comments are hidden from guests', publicView);
  check(adminView.count === 1 && adminView.data[0].status === 'waiting', 'the admin sees held comments in the list', adminView);
  const queue = await call(strict.url, 'GET', '/api/comment?type=list&status=waiting&lang=en-US', { token: admin.token });
  check(queue.errno === 0 && queue.data.waitingCount === 1, 'admin list shows the held comment', queue);
  show('4. strict: first guest POST (held)', held);
  show('4. strict: second guest POST', tooFast);
  show('4. strict: /fresh/ listed for the admin (Bearer)', adminView);
  show('4. strict: admin moderation list (type=list&status=waiting)', queue);

  // 5. Signed-in admin.
  const me = await call(open.url, 'GET', '/api/token?lang=en-US', { token: admin.token });
  check(me.errno === 0 && me.data.email === admin.email && me.data.type === 'administrator', 'GET /api/token returns the profile', me);
  const anonymous = await call(open.url, 'GET', '/api/token?lang=en-US');
  const byAdmin = await call(open.url, 'POST', '/api/comment?lang=en-US', {
    token: admin.token,
    body: { comment: 'Signed in as the admin', url: paths.fresh, ua: UA, nick: 'ignored', mail: 'ignored@example.com' },
  });
  check(byAdmin.errno === 0 && byAdmin.data.user_id === me.data.objectId && byAdmin.data.type === 'administrator', 'admin comment carries user_id', byAdmin);
  const strictMe = await call(strict.url, 'GET', '/api/token?lang=en-US', { token: admin.token });
  check(strictMe.data.email === admin.email, 'the token also works on strict', strictMe);
  const listAsGuest = (await call(open.url, 'GET', `/api/comment?path=${paths.fresh}&sortBy=insertedAt_asc&lang=en-US`)).data;
  show('5. GET /api/token with Bearer', me);
  show('5. GET /api/token without a token', anonymous);
  show('5. admin POST (Bearer)', byAdmin);
  show('5. /fresh/ as listed to a guest', listAsGuest);

  // 6. Markdown and HTML.
  const xss = await call(open.url, 'POST', '/api/comment?lang=en-US', { body: guest('**bold** <script>alert(1)</script> [x](javascript:alert(1))', { url: paths.xss }) });
  check(xss.errno === 0 && !/<script/i.test(xss.data.comment), 'script stripped', xss);
  show('6. markdown/XSS POST: rendered comment', { comment: xss.data.comment, orig: xss.data.orig });

  // 7. Missing fields.
  const missing = {};
  for (const [field, body] of Object.entries({
    nick: guest('No nick here', { url: paths.fresh, nick: '' }),
    mail: guest('No mail here', { url: paths.fresh, mail: '' }),
    comment: guest('', { url: paths.fresh }),
    url: guest('No url here'),
  })) {
    const response = await call(open.url, 'POST', '/api/comment?lang=en-US', { body });
    missing[field] = response.errno === 0 ? { errno: 0, status: response.data.status, nick: response.data.nick } : response;
  }
  check(missing.comment.errno === 1001 && missing.url.errno === 1001, 'comment and url are required', missing);
  show('7. POSTs missing a field', missing);

  // Ids sent as strings, as an adapter with string ids would.
  const target = page.data[2];
  const reply = await call(open.url, 'POST', '/api/comment?lang=en-US', {
    body: guest('A reply to Reader 3', { url: paths.threaded, pid: String(target.objectId), rid: String(target.objectId), at: target.nick }),
  });
  check(reply.errno === 0 && String(reply.data.pid) === String(target.objectId), 'guest reply accepted', reply);
  const relisted = (await call(open.url, 'GET', `/api/comment?path=${paths.threaded}&page=1&pageSize=10&sortBy=insertedAt_asc&lang=en-US`)).data;
  const stored = relisted.data[2].children.find((c) => c.objectId === reply.data.objectId);
  check(stored?.pid === target.objectId, 'the reply is listed under its root with a numeric pid', relisted.data[2]);
  show('guest reply POST (pid/rid sent as strings)', reply);
  show('the reply as listed afterwards', stored);

  const errors = {
    emptyPid: await fetch(`${open.url}/api/comment?lang=en-US`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(guest('Root with empty pid', { url: paths.fresh, pid: '', rid: '' })),
    }).then(async (response) => ({ status: response.status, body: await response.json() })),
    badLogin: await call(open.url, 'POST', '/api/token?lang=en-US', { body: { email: admin.email, password: 'wrong' } }),
    secondRegistration: await call(open.url, 'POST', '/api/user?lang=en-US', { body: { email: admin.email, password: 'x', display_name: 'x' } }),
    badToken: await call(open.url, 'GET', '/api/token?lang=en-US', { token: 'not-a-token' }),
  };
  show('other error shapes', errors);
} finally {
  const pids = ourServerPids();
  const stopped = performance.now();
  await stop();
  console.log(`\nstop() in ${Math.round(performance.now() - stopped)} ms (server pids were ${pids.join(', ')})`);
}

// 8. Nothing left behind.
check(ourServerPids().length === 0, 'no server processes left', ourServerPids());
for (const port of ports) check(await portIsFree(port), `port ${port} is free again`);
console.log(`\nOK: all checks passed, total ${since()}`);
