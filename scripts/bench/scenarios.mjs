/**
 * One measurement each: every scenario opens a fresh browser context, loads
 * one test page and returns a flat record of figures (milliseconds since
 * navigation start unless said otherwise).
 */
import { readFile } from 'node:fs/promises';
import { pageOf } from './data.mjs';
import { blockingTime } from './stats.mjs';

const PROBE = await readFile(new URL('./probe.js', import.meta.url), 'utf8');

/** Where each client renders its comments, and what one rendered comment is. */
export const CLIENTS = {
  parley: { host: 'parley-comments', item: 'article[part~="comment"]' },
  lit: { host: 'bench-comments', item: 'article' },
  waline: { host: null, item: '.wl-card-item' },
};

export const FIRST_PAGE_SIZE = 50;
/** After the last milestone, long tasks are still collected this long (work the render left behind). */
const SETTLE_MS = 1000;
const TIMEOUT_MS = 180_000;
const TYPED_TEXT = 'Thanks, this was useful to me.';
const TYPING_DELAY_MS = 50;

/** Opens a page in a new context with the probe installed; console problems are collected in `notes`. */
async function open(browser, server, { kind, n, source, size, targets }, notes) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, deviceScaleFactor: 1 });
  const config = { ...CLIENTS[kind], targets };
  await context.addInitScript({ content: `window.__benchConfig = ${JSON.stringify(config)};\n${PROBE}` });
  const page = await context.newPage();
  page.on('pageerror', (error) => notes.add(`${kind}: page error: ${error.message}`));
  page.on('console', (message) => {
    // Avatars that answer 404 are part of the data; anything else is worth reporting.
    if ((message.type() === 'warning' || message.type() === 'error') && !message.text().startsWith('Failed to load resource')) {
      notes.add(`${kind}: console ${message.type()}: ${message.text()}`);
    }
  });
  server.requests.length = 0;
  await page.goto(`${server.origin}/page/${kind}?n=${n}&source=${source}&size=${size}`, { waitUntil: 'commit' });
  return { context, page };
}

function withTimeout(promise, label) {
  let timer;
  const timeout = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${label}: no result within ${TIMEOUT_MS / 1000} s`)), TIMEOUT_MS);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

const milestone = (page, target) => withTimeout(page.evaluate((count) => window.__bench.milestone(count), target), `waiting for ${target} comments`);

/** Total blocking time and longest task since navigation start, once the page has settled. */
async function longTasks(page) {
  await page.waitForTimeout(SETTLE_MS);
  return blockingTime(await page.evaluate(() => window.__bench.longTasks()));
}

/** Heap after garbage collection: V8's JS heap, and Blink's (DOM, layout, style objects). */
async function memory(context, page) {
  const cdp = await context.newCDPSession(page);
  await cdp.send('HeapProfiler.collectGarbage');
  await cdp.send('HeapProfiler.collectGarbage');
  const heap = await cdp.send('Runtime.getHeapUsage');
  await cdp.detach();
  return { jsHeap: heap.usedSize, domHeap: heap.embedderHeapUsedSize ?? null, nodes: await page.evaluate(() => window.__bench.countNodes()) };
}

/** Clicks and times from the press to the moment `target` comments are painted. */
async function clickUntil(page, selector, target) {
  await page.evaluate((count) => window.__bench.startWatch(count), target);
  await page.locator(selector).click();
  const { paint } = await withTimeout(page.evaluate(() => window.__bench.watched()), `after clicking ${selector}`);
  return paint - (await page.evaluate(() => window.__bench.lastPointerDown()));
}

/** The limit in the client's first list request (to show what a page-size really asked the server for). */
const requestedLimit = (server) => server.requests[0]?.limit ?? null;

/**
 * The first page (page-size 50): first comment painted, first page painted,
 * blocking time; for Parley also "Load more" (press → next page painted).
 */
export async function firstPage(browser, server, kind, n, notes) {
  const comments = server.thread(n);
  const first = pageOf(comments, null, FIRST_PAGE_SIZE);
  const target = first.comments.length;
  const { context, page } = await open(browser, server, { kind, n, source: 'api', size: FIRST_PAGE_SIZE, targets: [1, target] }, notes);
  try {
    const firstComment = await milestone(page, 1);
    const pageDone = await milestone(page, target);
    const tasks = await longTasks(page);
    const record = { firstComment: firstComment.paint, firstPage: pageDone.paint, firstPageTbt: tasks.total, firstPageLongest: tasks.longest };
    if (kind === 'parley' && first.next !== null) {
      const second = pageOf(comments, first.next, FIRST_PAGE_SIZE).comments.length;
      record.loadMore = await clickUntil(page, '[part~="load-more"]', target + second);
    }
    return record;
  } finally {
    await context.close();
  }
}

/**
 * The whole thread in one response and one render (page-size N): all
 * comments painted, blocking time, memory, DOM size; for Parley also typing
 * latency and posting with all N comments on the page.
 */
export async function allAtOnce(browser, server, kind, n, notes) {
  const { context, page } = await open(browser, server, { kind, n, source: 'whole', size: n, targets: [1, n] }, notes);
  try {
    const firstComment = await milestone(page, 1);
    const done = await milestone(page, n);
    const tasks = await longTasks(page);
    const record = { allFirstComment: firstComment.paint, all: done.paint, allTbt: tasks.total, allLongest: tasks.longest, requestedLimit: requestedLimit(server) };
    Object.assign(record, await memory(context, page));
    if (kind === 'parley') {
      Object.assign(record, await typing(page));
      record.post = await post(page, n);
    }
    return record;
  } finally {
    await context.close();
  }
}

/** An empty thread: the fixed cost of each client (heap, nodes), to set the per-comment figures against. */
export async function emptyThread(browser, server, kind, notes) {
  const { context, page } = await open(browser, server, { kind, n: 0, source: 'api', size: FIRST_PAGE_SIZE, targets: [] }, notes);
  try {
    await page.waitForLoadState('networkidle');
    await page.waitForTimeout(SETTLE_MS);
    const { jsHeap, domHeap, nodes } = await memory(context, page);
    return { emptyJsHeap: jsHeap, emptyDomHeap: domHeap, emptyNodes: nodes };
  } finally {
    await context.close();
  }
}

/**
 * Types into the comment textarea: per key press, the time to the next
 * painted frame (probe), and what the Event Timing API reported.
 */
async function typing(page) {
  await page.locator('#comment-text').click(); // focusing expands the form: a render of its own, left out of the figures
  await page.waitForTimeout(500);
  const since = await page.evaluate(() => performance.now());
  await page.evaluate(() => window.__bench.takeKeyLatencies());
  await page.keyboard.type(TYPED_TEXT, { delay: TYPING_DELAY_MS });
  await page.waitForTimeout(500);
  const latencies = await page.evaluate(() => window.__bench.takeKeyLatencies());
  const entries = (await page.evaluate(() => window.__bench.eventEntries())).filter(
    (entry) => entry.start >= since && ['keydown', 'keypress', 'keyup', 'beforeinput', 'input'].includes(entry.name),
  );
  const slowKeys = new Set(entries.filter((entry) => entry.name === 'keydown').map((entry) => entry.interactionId || entry.start));
  const sorted = latencies.slice().sort((a, b) => a - b);
  return {
    typingMedian: sorted[Math.floor(sorted.length / 2)] ?? null,
    typingMax: sorted.at(-1) ?? null,
    typingKeys: latencies.length,
    // Kept in the JSON only: in this Chromium, Event Timing stops reporting key presses in Parley's textarea after the first one.
    typingEventTimingSlowKeys: slowKeys.size,
    typingEventTimingMax: entries.length > 0 ? Math.max(...entries.map((entry) => entry.duration)) : 0,
  };
}

/** Posts as a guest (the textarea already holds the typed text): press on "Post Comment" → the new comment painted. */
async function post(page, n) {
  await page.locator('input[name="name"]').fill('Bench Reader');
  await page.locator('input[name="email"]').fill('reader@bench.example');
  return clickUntil(page, '[part~="submit-button"]', n + 1);
}
