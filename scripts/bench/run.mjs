/**
 * The measurement itself: starts the local server and Chromium, runs every
 * scenario `runs` times for every size, and returns the results as they are
 * written to JSON (meta, targets, notes, medians and raw runs).
 */
import { execFileSync } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { cpus, loadavg } from 'node:os';
import { chromium } from 'playwright-core';
import { aggregate, CLIENT_NAMES } from './aggregate.mjs';
import { buildLitBaseline } from './build-baseline.mjs';
import { allAtOnce, emptyThread, firstPage, FIRST_PAGE_SIZE } from './scenarios.mjs';
import { startServer } from './server.mjs';
import { checkTargets } from './targets.mjs';

const SEED = 20240501;

export async function measure({ root, runs, sizes, progress }) {
  const started = Date.now();
  const loadAtStart = loadavg()[0];
  if (loadAtStart > 0.5) progress(`Note: the machine is busy (load average ${loadAtStart.toFixed(2)}); figures will be noisier than on an idle machine.`);

  // The data is the same all day: dates are spread over the year before today's midnight (UTC).
  const today = new Date();
  const dataDay = Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate());
  const baselineCode = await buildLitBaseline();
  const server = await startServer({ root, baselineCode, seed: SEED, now: dataDay });
  const scripts = {
    parley: scriptSize(await readFile(join(root, 'dist/parley.js'))),
    lit: scriptSize(Buffer.from(baselineCode)),
    waline: scriptSize(await readFile(join(root, 'node_modules/@waline/client/dist/waline.umd.js'))),
  };
  const browser = await chromium.launch({
    executablePath: process.env.CHROME_PATH ?? '/usr/bin/chromium',
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-dev-shm-usage',
      '--disable-background-networking',
      '--disable-component-update',
      // Every host but the local server fails to resolve: no page can reach the internet.
      '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1',
    ],
  });
  const chromiumVersion = browser.version();

  const notes = new Set();
  /** Runs one scenario; a failure is noted and leaves its figures out instead of stopping the benchmark. */
  const attempt = async (label, scenario) => {
    try {
      return await scenario();
    } catch (error) {
      const message = `${label} failed: ${error.message.split('\n')[0]}`;
      notes.add(message);
      progress(`  ${message}`);
      return {};
    }
  };

  const raw = { empty: Object.fromEntries(CLIENT_NAMES.map((client) => [client, []])), sizes: {} };
  for (const n of sizes) raw.sizes[n] = Object.fromEntries(CLIENT_NAMES.map((client) => [client, []]));
  try {
    progress('Preparing the data and warming up the browser…');
    for (const n of [0, ...sizes]) server.warm(n, FIRST_PAGE_SIZE);
    // One untimed pass over every page, so that the first timed run does not pay for starting processes and filling caches.
    for (const client of CLIENT_NAMES) await attempt(`warm-up, ${client}`, () => allAtOnce(browser, server, client, sizes[0], new Set()));

    for (let run = 1; run <= runs; run++) {
      progress(`Run ${run} of ${runs}: empty thread`);
      for (const client of CLIENT_NAMES) raw.empty[client].push(await attempt(`${client}, empty thread`, () => emptyThread(browser, server, client, notes)));
      for (const n of sizes) {
        progress(`Run ${run} of ${runs}: N = ${n}`);
        const record = { parley: {}, lit: {}, waline: {} };
        // Clients alternate, so that a slow moment of the machine does not fall on one client only.
        Object.assign(record.parley, await attempt(`parley, first page, N=${n}`, () => firstPage(browser, server, 'parley', n, notes)));
        Object.assign(record.lit, await attempt(`lit, first page, N=${n}`, () => firstPage(browser, server, 'lit', n, notes)));
        Object.assign(record.parley, await attempt(`parley, all at once, N=${n}`, () => allAtOnce(browser, server, 'parley', n, notes)));
        Object.assign(record.lit, await attempt(`lit, all at once, N=${n}`, () => allAtOnce(browser, server, 'lit', n, notes)));
        Object.assign(record.waline, await attempt(`waline, all at once, N=${n}`, () => allAtOnce(browser, server, 'waline', n, notes)));
        for (const client of CLIENT_NAMES) raw.sizes[n][client].push(record[client]);
      }
    }
  } finally {
    await browser.close().catch(() => {});
    await server.close();
  }

  const results = aggregate(raw, server);
  for (const [n, size] of Object.entries(results.sizes)) {
    const limit = size.median.parley.requestedLimit;
    if (typeof limit === 'number' && limit !== Number(n)) {
      notes.add(
        `N=${n}: with page-size ${n}, Parley asked the server for limit=${limit} (its page-size attribute accepts 1–100); ` +
          `the benchmark server sent the whole thread in one response anyway, so "all N" still measures one render of N comments.`,
      );
    }
  }
  return {
    meta: {
      generated: new Date().toISOString(),
      chromium: chromiumVersion,
      cpus: cpus().length,
      cpuModel: cpus()[0]?.model ?? null,
      node: process.version,
      platform: `${process.platform} ${process.arch}`,
      runs,
      sizes,
      seed: SEED,
      dataDay: new Date(dataDay).toISOString().slice(0, 10),
      ...gitState(root),
      durationSeconds: Math.round((Date.now() - started) / 1000),
      // Other work on the machine slows the browser down: a figure is only as good as the machine was idle.
      // (The load at the end includes the benchmark's own work.)
      loadAverage: { start: loadAtStart, end: loadavg()[0] },
      /** What each page loads as script before it can render (bytes, and gzip level 9 for comparison). */
      scripts,
    },
    targets: checkTargets(results),
    notes: [...notes],
    empty: results.empty,
    sizes: results.sizes,
  };
}

function scriptSize(code) {
  return { bytes: code.length, gzip: gzipSync(code, { level: 9 }).length };
}

/** The commit measured, and whether src/ had uncommitted changes (figures then belong to the working tree). */
function gitState(root) {
  try {
    const commit = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: root, encoding: 'utf8' }).trim();
    const changes = execFileSync('git', ['status', '--porcelain', '--', 'src', 'rollup.config.mjs'], { cwd: root, encoding: 'utf8' }).trim();
    return { commit, uncommittedSourceChanges: changes !== '' };
  } catch {
    return { commit: null, uncommittedSourceChanges: null };
  }
}
