/** Command-line options of `npm run bench`. */

export const ALL_SIZES = [10, 100, 1000, 10000];
const DEFAULT_RUNS = 5;

export const USAGE = `Usage: npm run bench -- [options]

  --runs N         runs per figure, each in a fresh browser context (default ${DEFAULT_RUNS}); medians are reported
  --sizes a,b,…    thread sizes (default ${ALL_SIZES.join(',')})
  --quick          smoke test: 1 run, sizes 10,100,1000
  --no-build       use dist/parley.js as it is (default: run \`npx rollup -c\` first)
  --markdown       also print the tables as Markdown, for docs/performance.md
  --update-docs    replace the results section of docs/performance.md with this run's figures
  --from FILE      measure nothing: print the tables (and --markdown, --update-docs) from a saved JSON file
  --out FILE       where to write the JSON results (default: docs/performance.json for a
                   full run of all sizes with at least ${DEFAULT_RUNS} runs, else bench-results/latest.json)
  --help           this text`;

export function parseOptions(argv) {
  const options = { runs: DEFAULT_RUNS, sizes: ALL_SIZES, build: true, markdown: false, updateDocs: false, from: null, out: null, help: false, quick: false };
  for (let index = 0; index < argv.length; index++) {
    const argument = argv[index];
    const value = () => {
      const next = argv[++index];
      if (next === undefined) throw new Error(`${argument} needs a value`);
      return next;
    };
    if (argument === '--runs') options.runs = positiveInteger(value(), argument);
    else if (argument === '--sizes') options.sizes = value().split(',').map((size) => positiveInteger(size.replace(/_/g, ''), argument));
    else if (argument === '--quick') options.quick = true;
    else if (argument === '--no-build') options.build = false;
    else if (argument === '--markdown') options.markdown = true;
    else if (argument === '--update-docs') options.updateDocs = true;
    else if (argument === '--from') options.from = value();
    else if (argument === '--out') options.out = value();
    else if (argument === '--help' || argument === '-h') options.help = true;
    else throw new Error(`Unknown option ${argument}\n\n${USAGE}`);
  }
  if (options.quick) {
    options.runs = 1;
    if (!argv.includes('--sizes')) options.sizes = [10, 100, 1000];
  }
  options.sizes = [...new Set(options.sizes)].sort((a, b) => a - b);
  const full = ALL_SIZES.every((size) => options.sizes.includes(size)) && options.runs >= DEFAULT_RUNS;
  options.out ??= full ? 'docs/performance.json' : 'bench-results/latest.json';
  return options;
}

function positiveInteger(text, name) {
  const number = Number(text);
  if (!Number.isInteger(number) || number < 1) throw new Error(`${name} expects positive whole numbers, not "${text}"`);
  return number;
}
