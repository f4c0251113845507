/**
 * `npm run size`: raw, gzip and brotli sizes of every shipped bundle.
 * Exits non-zero when a bundle grows past its ceiling (a ratchet: lower it
 * whenever the bundle shrinks), and reports the distance to the target.
 * `npm run size -- --breakdown` also shows what each source module adds to
 * the default script tag, read from its source map.
 */
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { TraceMap, originalPositionFor } from '@jridgewell/trace-mapping';
import { join } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

/** gzip bytes: `ceiling` fails the run, `target` is the goal the bundle is measured against. */
const BUDGETS = {
  'dist/parley.js': { ceiling: 29.4 * 1024, target: 25 * 1024 },
  'dist/parley-waline.js': { ceiling: 30.6 * 1024, target: 26 * 1024 },
  'dist/parley-sign-in.js': { ceiling: 37.4 * 1024, target: 30 * 1024 },
  'dist/parley-dompurify.js': { ceiling: 11.5 * 1024, target: 11.5 * 1024 },
  'dist/parley-large-pages.js': { ceiling: 1.0 * 1024, target: 1.0 * 1024 },
  'dist/parley-owner-names.js': { ceiling: 0.7 * 1024, target: 0.7 * 1024 },
};
/** Script-tag bundles: self-contained, so not part of the npm modules' sum. */
const SCRIPT_TAGS = {
  'dist/parley.js': 'script tag: rest, wordpress, local',
  'dist/parley-waline.js': 'script tag for Waline sites',
  'dist/parley-sign-in.js': 'script tag with sign-in providers',
  'dist/parley-dompurify.js': 'their sanitiser where the browser has none',
  'dist/parley-large-pages.js': 'their reader of pages over 100 comments',
  'dist/parley-owner-names.js': 'their look-alike check of owner names',
};

const kB = (bytes) => `${(bytes / 1024).toFixed(1)} kB`;

function measure(file) {
  const source = readFileSync(file);
  return {
    raw: source.length,
    gzip: gzipSync(source, { level: 9 }).length,
    brotli: brotliCompressSync(source, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length,
  };
}

function jsFiles(dir) {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return jsFiles(path);
    return path.endsWith('.js') ? [path] : [];
  });
}

const rows = Object.entries(SCRIPT_TAGS).map(([file, what]) => [`${file} (${what})`, measure(file)]);
// The npm build ships modules; its cost for an app is the sum of our own modules (lit and dompurify are shared dependencies).
const esm = jsFiles('dist').filter((file) => !(file in SCRIPT_TAGS));
const esmSum = esm.map(measure).reduce((sum, m) => ({ raw: sum.raw + m.raw, gzip: sum.gzip + m.gzip, brotli: sum.brotli + m.brotli }), { raw: 0, gzip: 0, brotli: 0 });
rows.push([`dist/**/*.js (npm modules, ${esm.length} files, unminified, sum)`, esmSum]);

const width = Math.max(...rows.map(([name]) => name.length));
console.log(`${'bundle'.padEnd(width)}  ${'raw'.padStart(9)}  ${'gzip'.padStart(9)}  ${'brotli'.padStart(9)}`);
for (const [name, m] of rows) console.log(`${name.padEnd(width)}  ${kB(m.raw).padStart(9)}  ${kB(m.gzip).padStart(9)}  ${kB(m.brotli).padStart(9)}`);

// What the default embed costs a browser without the HTML Sanitizer API: it fetches DOMPurify too.
const withFallback = measure('dist/parley.js').gzip + measure('dist/parley-dompurify.js').gzip;
console.log(`\ndefault embed in a browser without the HTML Sanitizer API: dist/parley.js + dist/parley-dompurify.js = ${kB(withFallback)} gzip\n`);

if (process.argv.includes('--breakdown')) printBreakdown('dist/parley.js');

/**
 * Minified bytes of `file` per source module (mapped through its source
 * map), with each module's gzip size on its own: a module's share of the
 * whole file's gzip is somewhat smaller, as gzip shares repeats across modules.
 */
function printBreakdown(file) {
  const map = new TraceMap(JSON.parse(readFileSync(`${file}.map`, 'utf8')));
  const code = readFileSync(file, 'utf8').split('\n');
  const bySource = new Map();
  code.forEach((line, index) => {
    let source = null;
    let start = 0;
    const flush = (end) => {
      if (end > start) bySource.set(source ?? '(unmapped)', (bySource.get(source ?? '(unmapped)') ?? '') + line.slice(start, end));
      start = end;
    };
    for (let column = 0; column < line.length; column += 1) {
      const found = originalPositionFor(map, { line: index + 1, column }).source;
      if (found && found !== source) {
        flush(column);
        source = found;
      }
    }
    flush(line.length);
  });
  const rows = [...bySource]
    .map(([source, text]) => [source.replace(/^(\.\.\/)+/, '').replace(/^.*node_modules\//, ''), text.length, gzipSync(text, { level: 9 }).length])
    .sort((a, b) => b[1] - a[1]);
  console.log(`\n${file} by source module (minified bytes; gzip of the module alone):`);
  for (const [source, raw, gzip] of rows) console.log(`${kB(raw).padStart(9)}  ${kB(gzip).padStart(9)}  ${source}`);
  console.log('');
}

let failed = false;
for (const [file, { ceiling, target }] of Object.entries(BUDGETS)) {
  const { gzip } = measure(file);
  const toTarget = gzip <= target ? 'target met' : `${kB(gzip - target)} above the ${kB(target)} target`;
  console.log(`${file}: ${kB(gzip)} gzip — ${toTarget}; ceiling ${kB(ceiling)}: ${gzip <= ceiling ? 'ok' : 'EXCEEDED'}`);
  if (gzip > ceiling) failed = true;
}
process.exit(failed ? 1 : 0);
