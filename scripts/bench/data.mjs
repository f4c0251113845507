/**
 * Synthetic, deterministic comment threads for the benchmark: the same seed
 * and size always give the same comments, so Parley and the baselines render
 * identical data from one run to the next.
 */

const DAY = 24 * 60 * 60 * 1000;
const REPLY_SHARE = 0.3;
/** Replies pick a parent among this many most recent comments, which keeps threads deep (depth 3+ is common). */
const PARENT_WINDOW = 40;

/** mulberry32: a small, fast, seedable PRNG (uniform floats in [0, 1)). */
export function seededRandom(seed) {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const FIRST_NAMES = ['Alice', 'Bruno', 'Chen', 'Dana', 'Emeka', 'Farah', 'Gustav', 'Hana', 'Ivan', 'Julia', 'Kofi', 'Lena', 'Mateo', 'Nadia', 'Oscar', 'Priya', 'Quentin', 'Rosa', 'Sven', 'Tomoko', 'Umar', 'Vera', 'Wen', 'Ximena', 'Yusuf', 'Zoë'];
const LAST_NAMES = ['Moreau', 'Kim', 'Okafor', 'Lindqvist', 'Novak', 'García', 'Haddad', 'Ito', 'Kowalski', 'Mensah', 'Nguyen', 'Petrov', 'Rossi', 'Schmidt', 'Tanaka', 'Walsh'];
const WORDS = (
  'the a this that it we you they browser server request response cache header cookie thread comment page render ' +
  'layout paint frame script module bundle build test error timeout retry latency memory heap node element shadow ' +
  'style token cursor query index table column row value field form input button list item reply author date ' +
  'works fails helps breaks loads waits returns sends reads writes keeps drops shows hides moves parses checks ' +
  'quickly slowly again often rarely always never still only also really probably clearly exactly ' +
  'new old small large simple strange useful broken faster slower better worse local remote default ' +
  'with without before after during because although when while if so but and or'
).split(' ');
const TOPICS = ['caching', 'TCP_NODELAY', 'HTTP/2', 'service workers', 'the event loop', 'IndexedDB', 'CSS containment', 'Web Components', 'QUIC', 'WebAssembly'];
const SNIPPETS = ['fetch(url, { cache: "no-store" })', 'await el.updateComplete', 'Cache-Control: max-age=0', 'npm ci --omit=dev', 'git bisect run npm test', 'content-visibility: auto'];

const pick = (random, list) => list[Math.floor(random() * list.length)];

function escapeHtml(text) {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

function sentence(random) {
  const length = 6 + Math.floor(random() * 14);
  const words = Array.from({ length }, () => pick(random, WORDS));
  const roll = random();
  if (roll < 0.12) words.splice(2, 0, `<em>${pick(random, WORDS)}</em>`);
  else if (roll < 0.2) words.splice(3, 0, `<strong>${pick(random, WORDS)}</strong>`);
  else if (roll < 0.3) words.splice(1, 0, `<code>${escapeHtml(pick(random, SNIPPETS))}</code>`);
  else if (roll < 0.38) {
    const topic = pick(random, TOPICS);
    const slug = topic.toLowerCase().replace(/[^a-z0-9]+/g, '-');
    words.push(`<a href="https://docs.example/${slug}">${escapeHtml(topic)}</a>`);
  }
  const text = words.join(' ');
  return `${text[0].toUpperCase()}${text.slice(1)}${random() < 0.15 ? '?' : '.'}`;
}

/** 1–4 paragraphs of 1–4 sentences; about one body in ten has a code block. */
function body(random) {
  const paragraphs = Array.from({ length: 1 + Math.floor(random() * 4) }, () => {
    const sentences = Array.from({ length: 1 + Math.floor(random() * 4) }, () => sentence(random));
    return `<p>${sentences.join(' ')}</p>`;
  });
  if (random() < 0.1) {
    const code = Array.from({ length: 2 + Math.floor(random() * 4) }, () => escapeHtml(pick(random, SNIPPETS))).join('\n');
    paragraphs.splice(1, 0, `<pre><code>${code}</code></pre>`);
  }
  return paragraphs.join('');
}

/**
 * `count` comments in the Parley protocol's Comment shape, oldest first
 * (so every parent comes before its replies), spread over the year before
 * `now` (pass a fixed day to keep the data identical between runs).
 * About 30% are replies, nested as deep as the data leads; about 40% of
 * authors have an avatar under `avatarBase`, a third of which answer 404.
 */
export function generateComments(count, { seed = 20240501, now, avatarBase }) {
  const random = seededRandom(seed + count);
  const end = now;
  const times = Array.from({ length: count }, () => end - Math.floor(random() * 365 * DAY)).sort((a, b) => a - b);
  const comments = [];
  for (let index = 0; index < count; index++) {
    const id = `c${index + 1}`;
    const first = pick(random, FIRST_NAMES);
    const name = random() < 0.8 ? `${first} ${pick(random, LAST_NAMES)}` : first;
    const slug = first.normalize('NFD').replace(/[^a-zA-Z]/g, '').toLowerCase();
    let avatar = null;
    if (random() < 0.4) avatar = random() < 0.33 ? `${avatarBase}/missing-${index + 1}.png` : `${avatarBase}/${slug}.png`;
    const reply = index > 0 && random() < REPLY_SHARE;
    const parent = reply ? comments[Math.max(0, index - 1 - Math.floor(random() * PARENT_WINDOW))] : null;
    comments.push({
      id,
      parentId: parent ? parent.id : null,
      author: { name, url: random() < 0.3 ? `https://${slug}.example/` : null, avatar },
      html: body(random),
      // Replies always come after their parent, even when both fall on the same millisecond.
      createdAt: new Date(Math.max(times[index], parent ? Date.parse(parent.createdAt) + 1000 : 0)).toISOString(),
      status: 'approved',
    });
  }
  return comments.sort((a, b) => a.createdAt.localeCompare(b.createdAt));
}

/** Depth of the deepest reply (1 = top-level only). */
export function maxDepth(comments) {
  const depth = new Map();
  let deepest = 0;
  for (const comment of comments) {
    const level = comment.parentId ? (depth.get(comment.parentId) ?? 0) + 1 : 1;
    depth.set(comment.id, level);
    deepest = Math.max(deepest, level);
  }
  return deepest;
}

/**
 * One page as docs/protocol.md defines it: `limit` top-level comments after
 * the cursor (a plain offset), each with every reply below it, as one flat
 * list sorted oldest first.
 */
export function pageOf(comments, cursor, limit) {
  const roots = comments.filter((comment) => comment.parentId === null);
  const offset = cursor ? Number.parseInt(cursor, 10) || 0 : 0;
  const chosen = new Set(roots.slice(offset, offset + limit).map((comment) => comment.id));
  // Oldest first means parents come first, so one pass finds every descendant.
  const page = comments.filter((comment) => {
    if (chosen.has(comment.id)) return true;
    if (comment.parentId !== null && chosen.has(comment.parentId)) {
      chosen.add(comment.id);
      return true;
    }
    return false;
  });
  const end = offset + limit;
  return { comments: page, next: end < roots.length ? String(end) : null, total: comments.length };
}

/**
 * The same thread as a Waline server returns it: top-level comments with
 * every reply below them flattened into `children` (pid: the parent, rid:
 * the top-level comment, reply_user: the parent's author), ids as numbers.
 */
export function toWalineRoots(comments) {
  const byId = new Map();
  const roots = [];
  for (const comment of comments) {
    const number = Number(comment.id.slice(1));
    const base = {
      objectId: number,
      comment: comment.html,
      orig: comment.html.replace(/<[^>]+>/g, ''),
      nick: comment.author.name,
      link: comment.author.url ?? '',
      avatar: comment.author.avatar ?? '',
      time: Date.parse(comment.createdAt),
      insertedAt: comment.createdAt,
      like: 0,
      status: 'approved',
    };
    const parent = comment.parentId ? byId.get(comment.parentId) : undefined;
    if (!parent) {
      const root = { ...base, sticky: false, children: [] };
      roots.push(root);
      byId.set(comment.id, { entry: root, root });
    } else {
      const child = {
        ...base,
        pid: parent.entry.objectId,
        rid: parent.root.objectId,
        reply_user: { nick: parent.entry.nick, link: parent.entry.link, avatar: parent.entry.avatar },
      };
      parent.root.children.push(child);
      byId.set(comment.id, { entry: child, root: parent.root });
    }
  }
  return roots;
}
