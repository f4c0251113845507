/**
 * Performance benchmark: Parley's script-tag bundle in headless Chromium
 * against a minimal Lit + DOMPurify page and the Waline client, on the same
 * synthetic threads of 10 to 10,000 comments, served locally.
 *
 *   npm run bench                 full run (5 runs, N = 10, 100, 1,000, 10,000)
 *   npm run bench -- --quick      smoke test
 *   npm run bench -- --help       all options
 *
 * The method and the latest figures are in docs/performance.md. Progress goes
 * to stderr; the tables go to stdout; the JSON results to --out.
 */
import { spawnSync, execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { cpus } from 'node:os';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { aggregate, CLIENT_NAMES } from './bench/aggregate.mjs';
import { buildLitBaseline } from './bench/build-baseline.mjs';
import { parseOptions, USAGE } from './bench/options.mjs';
import { dataSummary, markdownTable, targetsText, textTable } from './bench/report.mjs';
import { allAtOnce, emptyThread, firstPage, FIRST_PAGE_SIZE } from './bench/scenarios.mjs';
import { startServer } from './bench/server.mjs';
import { checkTargets } from './bench/targets.mjs';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const SEED = 20240501;

const progress = (message) => process.stderr.write(`${message}\n`);

let options;
try {
  options = parseOptions(process.argv.slice(2));
} catch (error) {
  progress(error.message);
  process.exit(2);
}
if (options.help) {
  console.log(USAGE);
  process.exit(0);
}

if (options.build) {
  progress('Building dist/ (npx rollup -c)…');
  const build = spawnSync('npx', ['rollup', '-c'], { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'] });
  if (build.status !== 0) {
    progress('The build failed; nothing was measured.');
    process.exit(1);
  }
}
if (!existsSync(resolve(ROOT, 'dist/parley.js'))) {
  progress('dist/parley.js is missing: run without --no-build, or `npx rollup -c`.');
  process.exit(1);
}

// The data is the same all day: dates are spread over the year before today's midnight (UTC).
const today = new Date();
const dataDay = Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate());
const server = await startServer({ root: ROOT, baselineCode: await buildLitBaseline(), seed: SEED, now: dataDay });
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

const notes = new Set();
/** Runs one scenario; a failure is noted and leaves its figures out instead of stopping the benchmark. */
async function attempt(label, scenario) {
  try {
    return await scenario();
  } catch (error) {
    notes.add(`${label} failed: ${error.message.split('\n')[0]}`);
    progress(`  ${label} failed: ${error.message.split('\n')[0]}`);
    return {};
  }
}

const started = Date.now();
progress('Preparing the data and warming up the browser…');
for (const n of [0, ...options.sizes]) server.warm(n, FIRST_PAGE_SIZE);
// One untimed pass over every page, so that the first timed run does not pay for starting processes and filling caches.
for (const client of CLIENT_NAMES) {
  await attempt(`warm-up, ${client}`, () => allAtOnce(browser, server, client, options.sizes[0], new Set()));
}

const raw = { empty: Object.fromEntries(CLIENT_NAMES.map((client) => [client, []])), sizes: {} };
for (const n of options.sizes) raw.sizes[n] = Object.fromEntries(CLIENT_NAMES.map((client) => [client, []]));
try {
  for (let run = 1; run <= options.runs; run++) {
    progress(`Run ${run} of ${options.runs}: empty thread`);
    for (const client of CLIENT_NAMES) raw.empty[client].push(await attempt(`${client}, empty thread`, () => emptyThread(browser, server, client, notes)));
    for (const n of options.sizes) {
      progress(`Run ${run} of ${options.runs}: N = ${n}`);
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
const checks = checkTargets(results);
const seconds = Math.round((Date.now() - started) / 1000);
const output = {
  meta: {
    generated: new Date().toISOString(),
    chromium: browser.version(),
    cpus: cpus().length,
    cpuModel: cpus()[0]?.model ?? null,
    node: process.version,
    platform: `${process.platform} ${process.arch}`,
    runs: options.runs,
    sizes: options.sizes,
    seed: SEED,
    dataDay: new Date(dataDay).toISOString().slice(0, 10),
    ...gitState(),
    durationSeconds: seconds,
  },
  targets: checks,
  notes: [...notes],
  empty: results.empty,
  sizes: results.sizes,
};
await mkdir(dirname(resolve(ROOT, options.out)), { recursive: true });
await writeFile(resolve(ROOT, options.out), `${JSON.stringify(output, null, 2)}\n`);

console.log(`\nParley benchmark: Chromium ${output.meta.chromium}, ${output.meta.cpus} CPU cores, ${options.runs} run(s) per figure, medians.\n`);
console.log(dataSummary(results));
console.log(`\n${textTable(results)}\n`);
console.log(`Targets:\n${targetsText(checks)}\n`);
if (notes.size > 0) console.log(`Notes:\n${[...notes].map((note) => `- ${note}`).join('\n')}\n`);
if (options.markdown) {
  console.log(`Markdown:\n\n${markdownTable(results)}\n\n${targetsText(checks, true)}\n`);
}
console.log(`Took ${Math.floor(seconds / 60)} min ${seconds % 60} s. Results written to ${options.out}.`);

/** The commit measured, and whether src/ had uncommitted changes (figures then belong to the working tree). */
function gitState() {
  try {
    const commit = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: ROOT, encoding: 'utf8' }).trim();
    const changes = execFileSync('git', ['status', '--porcelain', '--', 'src', 'rollup.config.mjs'], { cwd: ROOT, encoding: 'utf8' }).trim();
    return { commit, uncommittedSourceChanges: changes !== '' };
  } catch {
    return { commit: null, uncommittedSourceChanges: null };
  }
}
