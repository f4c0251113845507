/**
 * The corpus's generators turned into entries: each rule at each of its
 * sizes, in the field it names. Ids follow the corpus (100000 + 1000 ×
 * generator index + parameter index); a rule with several shapes adds
 * 100 × the shape's index. They check that nothing runs and the baseline
 * invariants hold however large or deep the input (see NOT_JUDGED).
 */
import type { Corpus, CorpusEntry, Field } from './corpus-harness.js';

interface Generator {
  key: string;
  field: string;
  category: string;
  params: Record<string, number[]>;
  oracles: string[];
}

/** The shapes a rule makes for one parameter value (`id` is the instance's sink id). */
type Shapes = (value: number, id: number) => string[];

const link = (i: number) => `<a href="https://example.org/?${i}">x</a>`;

const RULES: Record<string, Shapes> = {
  'deep-nesting-mxss': (n, id) => [`${'<div>'.repeat(n)}<math><mtext><table><mglyph><style><img src=x onerror=window.__xss(${id})>`],
  'huge-body': (n) => ['A'.repeat(n), '<b>A</b>'.repeat(Math.floor(n / 8))],
  'truncation-breakout': (k, id) => {
    const prefix = `<a title='x onmouseover=window.__xss(${id}) style=position:fixed;inset:0 `;
    return [`${prefix}${'A'.repeat(65535 - new TextEncoder().encode(prefix).length + k)}'>x</a>`];
  },
  'long-name': (n) => ['A'.repeat(n), 'W '.repeat(Math.floor(n / 2))],
  'combining-flood': (n) => [`a${'\u0301'.repeat(n)}`],
  'nfkc-expansion': (n) => ['\uFDFA'.repeat(n)],
  'many-links': (n) => [Array.from({ length: n }, (_, i) => link(i)).join('')],
  'md-emphasis': (n) => [`${'*'.repeat(n)}a`, `${'_'.repeat(n)}a`, '**a'.repeat(n)],
  'md-nesting': (n) => [`${'> '.repeat(n)}x`, Array.from({ length: n }, (_, i) => `${'  '.repeat(i)}- x\n`).join(''), `${'#'.repeat(n)} x`],
  'md-table': (n) => {
    const row = `|${' x |'.repeat(n)}\n`;
    return [`${row}|${' --- |'.repeat(n)}\n${row.repeat(n)}`];
  },
  'svg-filter-cost': (n) => [
    `<svg width=2000 height=2000><filter id=f><feGaussianBlur stdDeviation=${n}/></filter><rect width=2000 height=2000 filter=url(#f)/></svg>`.repeat(50),
  ],
};

/**
 * Generators that are not a comment's field, and are run elsewhere: a whole
 * thread of many comments (`npm run bench`, up to 10,000) and a deeply nested
 * response body (test/backends/fuzz.test.ts).
 */
export const NOT_GENERATED = ['many-comments', 'deep-json'];

/**
 * Oracles left to other checks: speed (`perf_budget`), and whom a generated
 * name imitates (`no_impersonation` needs the corpus to say; "a" with 10,000
 * accents imitates nobody, and the cap on combining marks has tests of its own).
 */
const NOT_JUDGED = ['perf_budget', 'no_impersonation'];

/** Every instance of every generator a comment field can carry. */
export function generatedEntries(corpus: Corpus & { generators?: Generator[] }): CorpusEntry[] {
  const entries: CorpusEntry[] = [];
  (corpus.generators ?? []).forEach((generator, generatorIndex) => {
    if (NOT_GENERATED.includes(generator.key)) return;
    const rule = RULES[generator.key];
    if (!rule) throw new Error(`no rule for the corpus generator "${generator.key}"`);
    // Every rule has one varying parameter (truncation-breakout's L has a single value).
    const varying = Object.values(generator.params).find((values) => values.length > 1) ?? Object.values(generator.params)[0]!;
    varying.forEach((value, parameterIndex) => {
      const id = 100_000 + 1_000 * generatorIndex + parameterIndex;
      rule(value, id).forEach((payload, shape) => {
        entries.push({
          id: id + 100 * shape,
          field: generator.field as Field,
          category: `generated ${generator.key}`,
          kind: 'generated',
          payload,
          trigger: 'auto',
          oracles: generator.oracles.filter((oracle) => !NOT_JUDGED.includes(oracle)),
          exec_context: 'document',
          detect: 'sink',
          legacy: false,
          note: `${generator.key} with ${value}${shape > 0 ? `, shape ${shape + 1}` : ''}`,
        });
      });
    });
  });
  return entries;
}
