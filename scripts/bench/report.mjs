/** Formats results as a plain-text table for the terminal, or as Markdown for docs/performance.md. */

const ROWS = [
  { key: 'firstComment', label: 'First comment painted (page-size 50)', unit: 'ms' },
  { key: 'firstPage', label: 'First page painted (page-size 50)', unit: 'ms' },
  { key: 'firstPageTbt', label: 'Total blocking time, first page', unit: 'ms' },
  { key: 'firstPageLongest', label: 'Longest task, first page', unit: 'ms', zero: 'none' },
  { key: 'loadMore', label: '"Load more" press → next page painted', unit: 'ms' },
  { key: 'all', label: 'All N painted (page-size N, one response)', unit: 'ms' },
  { key: 'allTbt', label: 'Total blocking time, all N', unit: 'ms' },
  { key: 'allLongest', label: 'Longest task, all N', unit: 'ms', zero: 'none' },
  { key: 'jsHeap', label: 'JS heap after GC, all N', unit: 'bytes' },
  { key: 'domHeap', label: 'Blink (DOM) heap after GC, all N', unit: 'bytes' },
  { key: 'nodes', label: 'DOM nodes, shadow roots included', unit: 'count' },
  { key: 'typingMedian', label: 'Typing, all N: key press → painted, median', unit: 'ms' },
  { key: 'typingMax', label: 'Typing, all N: slowest key press', unit: 'ms' },
  { key: 'post', label: '"Post Comment" press → comment painted, all N', unit: 'ms' },
];
const EMPTY_ROWS = [
  { key: 'emptyJsHeap', label: 'JS heap after GC, empty thread', unit: 'bytes' },
  { key: 'emptyDomHeap', label: 'Blink (DOM) heap after GC, empty thread', unit: 'bytes' },
  { key: 'emptyNodes', label: 'DOM nodes, empty thread', unit: 'count' },
];
const HEADINGS = ['N', 'Figure (median)', 'Parley', 'Lit + DOMPurify', 'Waline'];
const CLIENTS = ['parley', 'lit', 'waline'];

function format(value, unit, zero) {
  if (typeof value !== 'number') return '—';
  if (value === 0 && zero) return zero;
  if (unit === 'ms') return `${Math.round(value).toLocaleString('en')} ms`;
  if (unit === 'bytes') return value >= 1e6 ? `${(value / 1e6).toFixed(1)} MB` : `${(value / 1e3).toFixed(0)} kB`;
  return Math.round(value).toLocaleString('en');
}

/** Table rows as arrays of cells; rows where no client has a figure are left out. */
function rows(results) {
  const table = [];
  const add = (n, { label, unit, zero }, values) => {
    if (values.some((value) => typeof value === 'number')) table.push([n, label, ...values.map((value) => format(value, unit, zero))]);
  };
  for (const row of EMPTY_ROWS) add('0', row, CLIENTS.map((client) => results.empty[client]?.[row.key]));
  for (const [n, size] of Object.entries(results.sizes)) {
    add(Number(n).toLocaleString('en'), { label: 'Data: the thread as JSON', unit: 'bytes' }, [size.data.bytes, size.data.bytes, size.data.walineBytes]);
    for (const row of ROWS) add(Number(n).toLocaleString('en'), row, CLIENTS.map((client) => size.median[client][row.key]));
  }
  return table;
}

export function textTable(results) {
  const table = [HEADINGS, ...rows(results)];
  const widths = HEADINGS.map((_, column) => Math.max(...table.map((row) => row[column].length)));
  const line = (row) => row.map((cell, column) => (column < 2 ? cell.padEnd(widths[column]) : cell.padStart(widths[column]))).join('  ');
  return [line(table[0]), widths.map((width) => '-'.repeat(width)).join('  '), ...table.slice(1).map(line)].join('\n');
}

export function markdownTable(results) {
  const table = rows(results);
  return [
    `| ${HEADINGS.join(' | ')} |`,
    `| ${HEADINGS.map((_, column) => (column < 2 ? '---' : '---:')).join(' | ')} |`,
    ...table.map((row) => `| ${row.join(' | ')} |`),
  ].join('\n');
}

/** One line per size: what the synthetic thread holds. */
export function dataSummary(results) {
  return Object.entries(results.sizes)
    .map(
      ([n, { data }]) =>
        `N=${n}: ${data.topLevel} top-level comments and ${data.replies} replies, nested ${data.deepestLevel} levels deep; ` +
        `the first page (50 top-level) holds ${data.firstPageComments} comments; JSON ${format(data.bytes, 'bytes')} (Waline's shape ${format(data.walineBytes, 'bytes')})`,
    )
    .join('\n');
}

/** One line: the script each page loads. */
export function scriptsSummary({ meta }) {
  if (!meta.scripts) return '';
  const names = { parley: 'Parley dist/parley.js', lit: 'Lit + DOMPurify baseline', waline: 'Waline waline.umd.js' };
  return `Scripts: ${Object.entries(meta.scripts)
    .map(([client, size]) => `${names[client]} ${format(size.bytes, 'bytes')} (${format(size.gzip, 'bytes')} gzip)`)
    .join('; ')}`;
}

export function targetsText(checks, markdown = false) {
  if (markdown) {
    return ['| Target | Result | Figures |', '| --- | --- | --- |', ...checks.map((check) => `| ${check.target} | **${check.status}** | ${check.figures} |`)].join('\n');
  }
  return checks.map((check) => `[${check.status.padEnd(12)}] ${check.target}: ${check.figures}`).join('\n');
}
