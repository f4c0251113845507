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
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { resultsMarkdown, updateDocs } from './bench/docs.mjs';
import { parseOptions, USAGE } from './bench/options.mjs';
import { dataSummary, scriptsSummary, targetsText, textTable } from './bench/report.mjs';
import { measure } from './bench/run.mjs';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
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

let output;
if (options.from) {
  // Reporting only: tables, targets and docs from results saved earlier.
  output = JSON.parse(await readFile(resolve(ROOT, options.from), 'utf8'));
} else {
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
  output = await measure({ root: ROOT, runs: options.runs, sizes: options.sizes, progress });
  await mkdir(dirname(resolve(ROOT, options.out)), { recursive: true });
  await writeFile(resolve(ROOT, options.out), `${JSON.stringify(output, null, 2)}\n`);
}

const { meta } = output;
console.log(`\nParley benchmark: Chromium ${meta.chromium}, ${meta.cpus} CPU cores, ${meta.runs} run(s) per figure, medians.\n`);
console.log(dataSummary(output));
if (meta.scripts) console.log(scriptsSummary(output));
console.log(`\n${textTable(output)}\n`);
console.log(`Targets:\n${targetsText(output.targets)}\n`);
if (output.notes.length > 0) console.log(`Notes:\n${output.notes.map((note) => `- ${note}`).join('\n')}\n`);
const markdown = resultsMarkdown(output);
if (options.markdown) console.log(`Markdown:\n\n${markdown}\n`);
if (options.updateDocs) {
  await updateDocs(resolve(ROOT, 'docs/performance.md'), markdown);
  console.log('docs/performance.md: results section replaced.');
}
if (!options.from) {
  console.log(`Took ${Math.floor(meta.durationSeconds / 60)} min ${meta.durationSeconds % 60} s. Results written to ${options.out}.`);
}
