/**
 * `npm run test:faults`: posts a comment through every injected fault
 * (test/faults/) in each browser, and prints what the reader saw, how many
 * attempts it took, and how many comments were lost (the target: none).
 * The figures come from the `[faults]` lines the tests log.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const browsers = ['chromium', ...(existsSync(process.env.FIREFOX_PATH ?? '/usr/bin/firefox-esr') ? ['firefox'] : [])];
let failed = false;
const tallies = [];

for (const browser of browsers) {
  const run = spawnSync('npx', ['wtr', '--files', 'test/faults/**/*.test.ts'], {
    env: { ...process.env, BROWSERS: browser, PARLEY_REAL_SERVERS: '0' },
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  const output = `${run.stdout}${run.stderr}`;
  const cases = [...output.matchAll(/\[faults\] (\{.*\})/g)].map((match) => JSON.parse(match[1]));
  const summary = /(\d+) passed, (\d+) failed/.exec(output.split('\n').reverse().find((line) => /passed, \d+ failed/.test(line)) ?? '');
  if (run.status !== 0) {
    failed = true;
    console.error(output);
  }
  tallies.push({ browser, cases, passed: Number(summary?.[1] ?? 0), failedTests: Number(summary?.[2] ?? 0) });
}

const width = Math.max(...tallies.flatMap(({ cases }) => cases.map((c) => c.fault.length)), 5);
for (const { browser, cases, passed, failedTests } of tallies) {
  console.log(`\n${browser}: ${passed} fault cases passed, ${failedTests} failed`);
  console.log(`  ${'fault'.padEnd(width)}  attempts  on server  what the reader saw`);
  for (const c of cases) console.log(`  ${c.fault.padEnd(width)}  ${String(c.attempts).padStart(8)}  ${String(c.onServer).padStart(9)}  ${c.seen}`);
  const lost = cases.reduce((sum, c) => sum + c.lost, 0);
  const kept = cases.filter((c) => c.draftKept).length;
  console.log(`  faults survived: ${cases.length - lost}/${cases.length}; drafts kept while unresolved: ${kept}/${cases.length}; comments lost: ${lost}`);
  if (lost > 0 || cases.length === 0) failed = true;
}
const total = tallies.reduce((sum, { cases }) => sum + cases.length, 0);
const lost = tallies.reduce((sum, { cases }) => sum + cases.reduce((n, c) => n + c.lost, 0), 0);
console.log(`\nTotal: ${total} fault × browser cases, ${lost} comments lost.`);
process.exit(failed ? 1 : 0);
