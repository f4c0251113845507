/**
 * Records real WordPress and Waline answers into test/fixtures/recorded/, for
 * the adapters' mapping tests. Run after changing the servers or the seed:
 *
 *   node test/servers/record-responses.mjs
 *
 * Origins and ports are replaced by example hosts, so recordings are stable.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { startWaline } from './waline.mjs';
import { startWordPress } from './wordpress.mjs';

const out = fileURLToPath(new URL('../fixtures/recorded/', import.meta.url));
const HEADERS = ['x-wp-total', 'x-wp-totalpages'];

async function record(url, init = {}) {
  const response = await fetch(url, init);
  const headers = Object.fromEntries(HEADERS.filter((name) => response.headers.has(name)).map((name) => [name, response.headers.get(name)]));
  return { status: response.status, headers, body: await response.json() };
}

function save(name, recordings, origins) {
  let text = JSON.stringify(recordings, null, 2);
  for (const [origin, example] of origins) text = text.split(origin).join(example);
  writeFileSync(`${out}${name}.json`, `${text}\n`);
  console.log(`wrote test/fixtures/recorded/${name}.json`);
}

mkdirSync(out, { recursive: true });
const [wp, waline] = await Promise.all([startWordPress(), startWaline()]);
try {
  const comments = `${wp.rest}/wp/v2/comments`;
  const post = (body) => record(comments, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
  const guest = { author_name: 'Ann &amp; <b>Bo</b>', author_email: 'ann@example.com', author_url: 'https://ann.example/' };
  save(
    'wordpress',
    {
      rootsPage: await record(`${comments}?post=${wp.posts.threaded}&parent=0&per_page=3&page=1&order=asc&orderby=date_gmt`),
      replies: await record(`${comments}?post=${wp.posts.threaded}&parent=0&per_page=1&order=asc`).then(async (first) =>
        record(`${comments}?post=${wp.posts.threaded}&parent=${first.body[0].id}&per_page=100&order=asc&orderby=date_gmt`),
      ),
      postBySlug: await record(`${wp.rest}/wp/v2/posts?slug=closed-post&_fields=id,comment_status,author`),
      created: await post({ post: wp.posts.fresh, content: 'a &lt; b &amp;&amp; c &gt; d', ...guest }),
      held: await post({ post: wp.posts.fresh, content: 'Hold this', ...guest, author_email: 'ann@moderated.example' }),
      duplicate: await post({ post: wp.posts.fresh, content: 'a &lt; b &amp;&amp; c &gt; d', ...guest }),
      closed: await post({ post: wp.posts.closed, content: 'Too late', ...guest }),
      invalidEmail: await post({ post: wp.posts.fresh, content: 'Bad email', ...guest, author_email: 'not-an-email' }),
      missingAuthor: await post({ post: wp.posts.fresh, content: 'No name' }),
      // The post's author (the admin, signed in with an Application Password): its `author` is the post's.
      byPostAuthor: await record(comments, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Authorization: `Basic ${btoa(`${wp.users.admin.username}:${wp.users.admin.appPassword}`)}` },
        body: JSON.stringify({ post: wp.posts.fresh, content: 'From the author' }),
      }),
    },
    [[wp.origin, 'https://blog.example']],
  );

  const api = (server, query) => `${server}/api/comment?${new URLSearchParams({ lang: 'en-US', ...query })}`;
  const walinePost = (server, body) =>
    record(api(server, {}), { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ ua: 'Mozilla/5.0', ...body }) });
  const reader = { nick: 'Wally', mail: 'wally@example.com', link: 'https://wally.example/', url: waline.paths.fresh };
  const created = await walinePost(waline.open.url, { ...reader, comment: '**Hello** <script>alert(1)</script> a < b' });
  save(
    'waline',
    {
      page: await record(api(waline.open.url, { path: waline.paths.threaded, page: '1', pageSize: '2', sortBy: 'insertedAt_asc' })),
      lastPage: await record(api(waline.open.url, { path: waline.paths.threaded, page: '13', pageSize: '2', sortBy: 'insertedAt_asc' })),
      created,
      reply: await walinePost(waline.open.url, { ...reader, comment: 'A reply', pid: created.body.data.objectId, rid: created.body.data.objectId }),
      duplicate: await walinePost(waline.open.url, { ...reader, comment: '**Hello** <script>alert(1)</script> a < b' }),
      blank: await walinePost(waline.open.url, { ...reader, comment: '' }),
      held: await walinePost(waline.strict.url, { ...reader, comment: 'Hold this' }),
      tooFast: await walinePost(waline.strict.url, { ...reader, comment: 'And this' }),
      // The administrator, signed in with a token: Waline joins its account (user_id, type, label) into the comment.
      byAdministrator: await record(api(waline.open.url, {}), {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${waline.admin.token}` },
        body: JSON.stringify({ ua: 'Mozilla/5.0', url: waline.paths.fresh, comment: 'From the administrator' }),
      }),
    },
    [
      [waline.open.url, 'https://waline.example'],
      [waline.strict.url, 'https://strict.waline.example'],
    ],
  );
} finally {
  await Promise.allSettled([wp.stop(), waline.stop()]);
}
