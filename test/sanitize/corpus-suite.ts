/**
 * The attack corpus run through <parley-comments>: every entry, every field,
 * with the harness's oracles. Shared by the run with the browser's Sanitizer
 * API (xss-corpus.test.ts) and the run without it (xss-corpus-dompurify.test.ts).
 */
import { expect } from '@open-wc/testing';
import {
  FIELDS,
  SETTLE_MS,
  formatFailures,
  lateRequestFailures,
  loadCorpus,
  navigationAttempts,
  report,
  run,
  runBatch,
  sinkCalls,
  sinkIntact,
  widgetRenderer,
  type Corpus,
  type EntryResult,
  type Field,
} from './corpus-harness.js';
import { recordSecurityResult } from './security-results.js';
import { generatedEntries } from './corpus-generators.js';

/** Comments rendered side by side per batch (one SETTLE_MS wait per batch). */
const BATCH_SIZE = 20;
/** `it` blocks per field; each runs its share of the field's entries in batches. */
const PARTS: Record<Field, number> = { body_html: 5, body_markdown: 1, author_name: 1, author_url: 1, avatar_url: 1, any: 1 };

/** Describes the whole corpus run; its tally is filed for `npm run test:security` under `kind`. */
export function describeCorpusRun(title: string, kind: 'corpus' | 'corpus-dompurify'): void {
  describe(title, function () {
    this.timeout(120_000);
    let corpus: Corpus;
    const results: EntryResult[] = [];
    const runs = new Map<number, number>();
    let corpusStart = 0;

    before(async () => {
      corpus = await loadCorpus();
      expect(corpus.schema_version).to.equal(1);
      // Every field of the corpus is covered by a describe below.
      expect(Object.keys(corpus.fields).sort()).to.deep.equal([...FIELDS].sort());
      const ids = corpus.entries.map((entry) => entry.id);
      expect(new Set(ids).size, 'entry ids are unique').to.equal(ids.length);
      expect(ids.length).to.equal(410);
      run.phase = 'corpus';
      corpusStart = performance.now();
    });

    after(async () => {
      console.log(report(results));
      // For the tally of `npm run test:security`: entries run and passed, per category and field.
      const tally = new Map<string, { category: string; field: string; ran: number; passed: number }>();
      for (const { entry, failures } of results) {
        const key = `${entry.category} ${entry.field}`;
        const row = tally.get(key) ?? { category: entry.category, field: entry.field, ran: 0, passed: 0 };
        row.ran += 1;
        if (failures.length === 0) row.passed += 1;
        tally.set(key, row);
      }
      await recordSecurityResult(kind, { entries: corpus?.entries.length ?? 0, rows: [...tally.values()] });
    });

    for (const field of FIELDS) {
      describe(field, () => {
        for (let part = 0; part < PARTS[field]; part++) {
          it(`entries, part ${part + 1} of ${PARTS[field]}`, async () => {
            const all = corpus.entries.filter((entry) => entry.field === field).sort((a, b) => a.id - b.id);
            const size = Math.ceil(all.length / PARTS[field]);
            const mine = all.slice(part * size, (part + 1) * size);
            expect(mine.length, 'entries in this part').to.be.greaterThan(0);
            const partResults: EntryResult[] = [];
            for (let index = 0; index < mine.length; index += BATCH_SIZE) {
              partResults.push(...(await runBatch(mine.slice(index, index + BATCH_SIZE), widgetRenderer)));
            }
            results.push(...partResults);
            for (const { entry } of partResults) runs.set(entry.id, (runs.get(entry.id) ?? 0) + 1);
            const failures = formatFailures(partResults);
            expect(failures, `${failures.length} oracle failure(s):\n${failures.join('\n')}\n`).to.deep.equal([]);
          });
        }
      });
    }

    describe('generated entries (the corpus generators, at their sizes)', () => {
      it('run through the widget like the entries, with the same invariants', async () => {
        const generated = generatedEntries(corpus);
        expect(generated.length, 'generated entries').to.be.greaterThan(30);
        const generatedResults: EntryResult[] = [];
        // Few per batch: some bodies are megabytes long.
        for (let index = 0; index < generated.length; index += 4) {
          generatedResults.push(...(await runBatch(generated.slice(index, index + 4), widgetRenderer)));
        }
        console.log(report(generatedResults));
        const failures = formatFailures(generatedResults);
        expect(failures, `${failures.length} oracle failure(s):\n${failures.join('\n')}\n`).to.deep.equal([]);
      });
    });

    describe('the whole run', () => {
      it('ran every corpus entry exactly once', () => {
        const missing = corpus.entries.filter((entry) => runs.get(entry.id) !== 1).map((entry) => entry.id);
        expect(missing, 'entries not run exactly once').to.deep.equal([]);
        expect(results).to.have.length(corpus.entries.length);
      });

      it('never called window.__xss (also not late, after an entry was judged)', () => {
        expect(sinkCalls.filter((call) => call.phase === 'corpus').map((call) => call.raw)).to.deep.equal([]);
        expect(sinkIntact()).to.equal(true);
      });

      it('made no request to attacker.invalid that was reported only after its entry was judged', async () => {
        // Requests are dated by when they started; one reported late still belongs to its batch.
        await new Promise((resolve) => setTimeout(resolve, 2 * SETTLE_MS));
        expect(lateRequestFailures(corpusStart)).to.deep.equal([]);
      });

      it('never tried to navigate or open a window', () => {
        expect(navigationAttempts.filter((attempt) => attempt.phase === 'corpus').map((attempt) => attempt.what)).to.deep.equal([]);
      });
    });
  });
}
