/**
 * Proves test/servers/wordpress.mjs works: starts WordPress, prints what startWordPress()
 * returned, checks the site behaves as the browser tests expect, stops it and checks that
 * nothing of the run is left. Prints every check; exits non-zero if any failed.
 *
 *   node test/servers/wordpress-smoke.mjs
 */
import fs from 'node:fs';
import net from 'node:net';
import { startWordPress } from './wordpress.mjs';

let failures = 0;
function check(ok, message) {
  console.log(`${ok ? 'ok  ' : 'FAIL'} ${message}`);
  if (!ok) failures++;
}

const startedAt = performance.now();
const wp = await startWordPress();
const startMs = Math.round(performance.now() - startedAt);
console.log(JSON.stringify({ ...wp, stop: undefined }, null, 2));
console.log(`started in ${startMs} ms`);

const { rest, posts, users } = wp;
const comments = `${rest}/wp/v2/comments`;
const basic = ({ username, appPassword }) => `Basic ${Buffer.from(`${username}:${appPassword}`).toString('base64')}`;
let serial = 0;

/** POSTs a comment (a guest's unless `headers` authenticate); resolves to { status, body }. */
async function post(fields, headers = {}) {
  const response = await fetch(comments, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ post: posts.fresh, content: `Smoke comment ${++serial}`, ...fields }),
  });
  return { status: response.status, body: await response.json() };
}
const guest = (name, email) => ({ author_name: name, author_email: email, author_url: 'https://example.com/' });

try {
  // 1. Paging of the top-level comments of the threaded post.
  const page = await fetch(`${comments}?post=${posts.threaded}&per_page=10&order=asc&parent=0`);
  const items = await page.json();
  check(page.status === 200 && items.length === 10, `page 1 of roots: 10 items (got ${page.status}, ${items.length})`);
  check(page.headers.get('x-wp-total') === '25', `X-WP-Total 25 (got ${page.headers.get('x-wp-total')})`);
  check(page.headers.get('x-wp-totalpages') === '3', `X-WP-TotalPages 3 (got ${page.headers.get('x-wp-totalpages')})`);
  check(items[0]?.author_name === 'Reader 1' && items[9]?.author_name === 'Reader 10', 'oldest first: Reader 1 .. Reader 10');
  const all = await (await fetch(`${comments}?post=${posts.threaded}&per_page=100`)).json();
  check(all.length === wp.threadedTotal && wp.threadedTotal === 30 && wp.threadedRoots === 25, `threadedTotal ${wp.threadedTotal}, threadedRoots ${wp.threadedRoots}, ${all.length} listed`);
  const byId = new Map(all.map((comment) => [comment.id, comment]));
  const depth = (comment) => (comment.parent ? 1 + depth(byId.get(comment.parent)) : 1);
  const replies = (name) => all.filter((comment) => byId.get(comment.parent)?.author_name === name).length;
  check(
    Math.max(...all.map(depth)) === 4 && replies('Reader 1') === 2 && replies('Reader 2') === 1 && all.every((c) => !c.parent || c.date_gmt > byId.get(c.parent).date_gmt),
    'replies: 2 under Reader 1 (one a chain to level 4), 1 under Reader 2, each later than its parent',
  );

  // 2. A guest's comment is approved at once.
  const approved = await post(guest('Smoke Guest', 'guest@example.com'));
  check(approved.status === 201 && approved.body.status === 'approved', `guest comment: 201 approved (got ${approved.status} ${approved.body.status ?? approved.body.code})`);

  // 3. @moderated.example is held.
  const held = await post(guest('Held Guest', 'x@moderated.example'));
  check(held.status === 201 && held.body.status === 'hold', `@moderated.example: 201 hold (got ${held.status} ${held.body.status ?? held.body.code})`);

  // 4. Flood control only for @flood.example.
  const flood1 = await post(guest('Flood Guest', 'y@flood.example'));
  const flood2 = await post(guest('Flood Guest', 'y@flood.example'));
  check(flood1.status === 201, `first @flood.example comment: 201 (got ${flood1.status} ${flood1.body.code ?? ''})`);
  check(flood2.status === 400 && flood2.body.code === 'comment_flood', `second @flood.example comment: 400 comment_flood (got ${flood2.status} ${flood2.body.code})`);
  const quick1 = await post(guest('Quick Guest', 'quick@example.com'));
  const quick2 = await post(guest('Quick Guest', 'quick@example.com'));
  check(quick1.status === 201 && quick2.status === 201, `two quick comments by another guest: 201, 201 (got ${quick1.status}, ${quick2.status})`);

  // 5. Duplicate content by the same author.
  const dupe1 = await post({ ...guest('Dupe Guest', 'dupe@example.com'), content: 'Said twice' });
  const dupe2 = await post({ ...guest('Dupe Guest', 'dupe@example.com'), content: 'Said twice' });
  check(dupe1.status === 201 && dupe2.status === 409 && dupe2.body.code === 'comment_duplicate', `duplicate: 201 then 409 comment_duplicate (got ${dupe1.status}, ${dupe2.status} ${dupe2.body.code})`);

  // 6. Closed post.
  const closed = await post({ ...guest('Late Guest', 'late@example.com'), post: posts.closed });
  check(closed.status === 403 && closed.body.code === 'rest_comment_closed', `closed post: 403 rest_comment_closed (got ${closed.status} ${closed.body.code})`);

  // 7. Application Password as HTTP Basic: the comment is the reader's.
  const mine = await post({}, { authorization: basic(users.reader) });
  check(mine.status === 201 && mine.body.author === users.reader.id, `reader with Application Password: 201, author ${users.reader.id} (got ${mine.status}, ${mine.body.author ?? mine.body.code})`);

  // 8. CORS: the Origin is reflected; the preflight for an authenticated JSON POST passes.
  const origin = 'http://localhost:9999';
  const cors = await fetch(`${comments}?post=${posts.fresh}`, { headers: { origin } });
  check(cors.headers.get('access-control-allow-origin') === origin, `Access-Control-Allow-Origin reflected (got ${cors.headers.get('access-control-allow-origin')})`);
  const preflight = await fetch(comments, {
    method: 'OPTIONS',
    headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization, content-type' },
  });
  const allowHeaders = (preflight.headers.get('access-control-allow-headers') ?? '').toLowerCase();
  check(
    preflight.ok && preflight.headers.get('access-control-allow-origin') === origin && allowHeaders.includes('authorization') && allowHeaders.includes('content-type'),
    `preflight: ${preflight.status}, allow-origin ${preflight.headers.get('access-control-allow-origin')}, allow-headers "${allowHeaders}"`,
  );
} catch (error) {
  check(false, `unexpected error: ${error.stack}`);
}

// 9. stop() leaves no process, port or file of the run. The run dir is found through the
// command line of php -S (`-S 127.0.0.1:PORT -t <dir>/wordpress`).
const port = Number(new URL(wp.origin).port);
const commandLines = () => fs.readdirSync('/proc').filter((pid) => /^\d+$/.test(pid)).flatMap((pid) => {
  try {
    const state = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1][0];
    return state === 'Z' ? [] : [fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0')];
  } catch {
    return []; // gone meanwhile
  }
});
const php = commandLines().find((args) => args.includes(`127.0.0.1:${port}`));
const runDir = php?.[php.indexOf('-t') + 1]?.replace(/\/wordpress$/, '');
const ofRun = () => commandLines().filter((args) => runDir && args.some((arg) => arg.includes(`${runDir}/`)));
const before = ofRun().map((args) => args[0]);
check(before.filter((name) => name === 'mariadbd').length === 1 && before.filter((name) => name === 'php').length > 1, `while running: ${before.join(', ')} in ${runDir}`);

const stoppedAt = performance.now();
await wp.stop();
console.log(`stopped in ${Math.round(performance.now() - stoppedAt)} ms`);
check(ofRun().length === 0, `no process of the run left (${ofRun().map((args) => args.join(' '))})`);
check(!fs.existsSync(runDir), 'run dir removed');
const portFree = await new Promise((resolve) => {
  const server = net.createServer().once('error', () => resolve(false));
  server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
});
check(portFree, `port ${port} is free`);

if (failures) {
  console.error(`\n${failures} check(s) failed`);
  process.exit(1);
}
console.log('\nall checks passed');
