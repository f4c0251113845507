/**
 * `npm run test:security`: builds the script tag, runs the security tests
 * (the attack corpus, the sanitiser fuzz, the strict-CSP pages) in Chromium
 * and Firefox through the test runner, then prints a tally made from what the
 * tests themselves reported (test/sanitize/security-results-plugin.mjs).
 * Exits non-zero when a test fails or a browser's results are missing.
 *
 * Set BROWSERS=chromium to run one browser (as for `npm test`).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const FILES = ['test/sanitize/xss-corpus.test.ts', 'test/sanitize/xss-corpus-dompurify.test.ts', 'test/sanitize/fuzz.test.ts', 'test/csp/csp.test.ts'];

const folder = mkdtempSync(join(tmpdir(), 'parley-security-'));
const resultsFile = join(folder, 'results.jsonl');

function run(command, args, env = {}) {
  const result = spawnSync(command, args, { stdio: 'inherit', env: { ...process.env, ...env } });
  return result.status ?? 1;
}

// The script-tag page of the CSP tests loads the built dist/parley.js.
if (run('npx', ['rollup', '-c', '--silent']) !== 0) process.exit(1);
const status = run('npx', ['wtr', '--files', ...FILES], { PARLEY_SECURITY_RESULTS: resultsFile, PARLEY_REAL_SERVERS: '0' });

const results = existsSync(resultsFile)
  ? readFileSync(resultsFile, 'utf8').split('\n').filter(Boolean).map((line) => JSON.parse(line))
  : [];
rmSync(folder, { recursive: true, force: true });

const browsers = [...new Set(results.map((result) => result.browser))].sort();
const of = (kind) => new Map(results.filter((result) => result.kind === kind).map((result) => [result.browser, result.data]));
const corpus = of('corpus');
const fuzz = of('fuzz');
const csp = of('csp');
const problems = [];
const column = (value) => String(value).padStart(10);
const lines = ['', `Security tally (from the tests' own results; browsers: ${browsers.join(', ') || 'none'})`];

// ---- attack corpus
lines.push('', 'Attack corpus: entries passed per category (each entry puts its payload in one field)');
const categories = new Map();
const fieldsWidth = 2 + Math.max(6, ...[...corpus.values()].flatMap((data) => {
  const byCategory = new Map();
  for (const row of data.rows) byCategory.set(row.category, [...(byCategory.get(row.category) ?? []), `${row.field} ${row.ran}`]);
  return [...byCategory.values()].map((fields) => fields.join(', ').length);
}));
for (const [browser, data] of corpus) {
  for (const row of data.rows) {
    const entry = categories.get(row.category) ?? { fields: new Map(), passed: new Map() };
    entry.fields.set(row.field, Math.max(entry.fields.get(row.field) ?? 0, row.ran));
    entry.passed.set(browser, (entry.passed.get(browser) ?? 0) + row.passed);
    categories.set(row.category, entry);
  }
}
lines.push(`  ${'category'.padEnd(24)}${'entries'.padStart(8)}  ${'fields'.padEnd(fieldsWidth)}${browsers.map(column).join('')}`);
let corpusRuns = 0;
let corpusPassed = 0;
for (const [category, { fields, passed }] of [...categories].sort(([a], [b]) => a.localeCompare(b))) {
  const entries = [...fields.values()].reduce((sum, count) => sum + count, 0);
  const fieldText = [...fields].map(([field, count]) => `${field} ${count}`).join(', ');
  const cells = browsers.map((browser) => {
    const ok = passed.get(browser) ?? 0;
    corpusRuns += corpus.has(browser) ? entries : 0;
    corpusPassed += ok;
    return column(corpus.has(browser) ? `${ok}/${entries}` : '—');
  });
  lines.push(`  ${category.padEnd(24)}${String(entries).padStart(8)}  ${fieldText.padEnd(fieldsWidth)}${cells.join('')}`);
}
const corpusEntries = Math.max(0, ...[...corpus.values()].map((data) => data.entries));
const passedOf = (data) => data.rows.reduce((sum, row) => sum + row.passed, 0);
lines.push(`  ${'total'.padEnd(24)}${String(corpusEntries).padStart(8)}  ${''.padEnd(fieldsWidth)}${browsers.map((browser) => {
  const data = corpus.get(browser);
  return column(data ? `${passedOf(data)}/${data.entries}` : '—');
}).join('')}`);
lines.push(`  entries × browsers passed: ${corpusPassed} of ${corpusRuns}`);
if (corpusPassed !== corpusRuns) problems.push('attack corpus: some entries failed');

// The same corpus in pages without the HTML Sanitizer API (the DOMPurify engine).
const fallbackCorpus = of('corpus-dompurify');
lines.push('', `  ${'without the Sanitizer API (DOMPurify engine)'.padEnd(34 + fieldsWidth)}${browsers.map((browser) => {
  const data = fallbackCorpus.get(browser);
  return column(data ? `${passedOf(data)}/${data.entries}` : '—');
}).join('')}`);
for (const browser of browsers) {
  const data = fallbackCorpus.get(browser);
  if (!data || passedOf(data) !== data.entries) problems.push(`attack corpus without the Sanitizer API: not all passed in ${browser}`);
}

// ---- fuzz
lines.push('', 'Sanitiser fuzz (fast-check): runs per property, all passed');
lines.push(`  ${'property'.padEnd(36)}${browsers.map(column).join('')}`);
const properties = [...new Set([...fuzz.values()].flatMap((data) => Object.keys(data.runs)))];
for (const property of properties) lines.push(`  ${property.padEnd(36)}${browsers.map((browser) => column(fuzz.get(browser)?.runs[property] ?? '—')).join('')}`);
lines.push(`  ${'total'.padEnd(36)}${browsers.map((browser) => column(fuzz.get(browser)?.total ?? '—')).join('')}`);
lines.push(`  ${'re-nested by 2nd pass'.padEnd(36)}${browsers.map((browser) => {
  const data = fuzz.get(browser);
  return column(data ? Object.values(data.renested).reduce((sum, count) => sum + count, 0) : '—');
}).join('')}  (shape only: same text, allow-listed, final)`);

// ---- CSP
lines.push('', "Strict CSP with Trusted Types (trusted-types lit-html parley)");
lines.push(`  ${''.padEnd(32)}${browsers.map(column).join('')}`);
const cspRow = (label, value) => lines.push(`  ${label.padEnd(32)}${browsers.map((browser) => column(csp.has(browser) ? value(csp.get(browser)) : '—')).join('')}`);
cspRow('pages run', (data) => data.pages.length);
for (const page of [...new Set([...csp.values()].flatMap((data) => data.pages))]) cspRow(`  ${page}`, (data) => (data.pages.includes(page) ? 'ok' : '—'));
cspRow('violations on these pages', (data) => data.violations);
cspRow('Trusted Types enforced', (data) => (data.trustedTypesEnforced ? 'yes' : 'no'));
cspRow('policies shown needed', (data) => data.policiesShownNeeded.length);
cspRow('hostile bodies rendered', (data) => data.hostile?.bodies ?? '—');
cspRow('  payloads that ran', (data) => data.hostile?.executed ?? '—');
cspRow('  reports from parsing them', (data) => data.hostile?.parseReports ?? '—');
for (const [browser, data] of csp) {
  if (data.violations !== 0) problems.push(`CSP: ${data.violations} violation(s) in ${browser}`);
  if (data.hostile?.executed) problems.push(`CSP: a hostile payload ran in ${browser}`);
}

for (const browser of browsers) {
  for (const [kind, map] of Object.entries({ corpus, fuzz, csp })) if (!map.has(browser)) problems.push(`no ${kind} results from ${browser}`);
}
if (browsers.length === 0) problems.push('no results at all');
if (status !== 0) problems.push(`the test runner exited with ${status}`);

lines.push('', problems.length === 0 ? 'All security tests passed.' : `FAILED: ${problems.join('; ')}`);
console.log(lines.join('\n'));
process.exit(problems.length === 0 ? 0 : 1);
