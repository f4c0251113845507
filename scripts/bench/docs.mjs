/**
 * Puts the latest figures into docs/performance.md, between the markers
 * `<!-- bench:start -->` and `<!-- bench:end -->` (everything else in the
 * document is left as written).
 */
import { readFile, writeFile } from 'node:fs/promises';
import { markdownTable, scriptsSummary, targetsText } from './report.mjs';

const START = '<!-- bench:start -->';
const END = '<!-- bench:end -->';

/** The results section: how and where it was measured, the table, the targets, the run's notes. */
export function resultsMarkdown(output) {
  const { meta } = output;
  const state = meta.commit ? `commit ${meta.commit}${meta.uncommittedSourceChanges ? ' with uncommitted changes under src/' : ''}` : 'an unknown commit';
  const lines = [
    `Measured ${meta.generated.slice(0, 10)} on ${meta.cpus} CPU cores (${meta.cpuModel}), ${meta.platform}, ` +
      `Chromium ${meta.chromium}, Node ${meta.node}; ${state}; ${meta.runs} run${meta.runs === 1 ? '' : 's'} per figure (medians); ` +
      `load average ${meta.loadAverage.start.toFixed(2)} when the run started; the run took ${Math.round(meta.durationSeconds / 60)} min.`,
  ];
  if (meta.scripts) lines.push('', `${scriptsSummary(output)}.`);
  // Only the load before the run says whether other work was going on: during it, the benchmark itself keeps the CPU busy.
  if (meta.loadAverage.start > 0.5) {
    lines.push('', `**The machine was busy during this run** (other work used the CPU), so these figures are slower and noisier than on an idle machine.`);
  }
  lines.push('', markdownTable(output), '', '### Targets', '', targetsText(output.targets, true));
  if (output.notes.length > 0) lines.push('', '### Notes from the run', '', ...output.notes.map((note) => `- ${note}`));
  return lines.join('\n');
}

export async function updateDocs(path, markdown) {
  const text = await readFile(path, 'utf8');
  const start = text.indexOf(START);
  const end = text.indexOf(END);
  if (start < 0 || end < start) throw new Error(`${path} has no ${START} … ${END} section`);
  await writeFile(path, `${text.slice(0, start + START.length)}\n${markdown}\n${text.slice(end)}`);
}
