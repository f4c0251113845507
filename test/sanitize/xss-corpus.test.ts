import { expect, waitUntil } from '@open-wc/testing';
import {
  PERF_BUDGET_MS,
  formatFailures,
  loadCorpus,
  run,
  runBatch,
  sinkCalls,
  sinkIntact,
  unsafeRenderer,
  widgetRenderer,
  type Corpus,
  type CorpusEntry,
  type UnsafeOptions,
} from './corpus-harness.js';
import { describeCorpusRun } from './corpus-suite.js';

describeCorpusRun('attack corpus through <parley-comments>', 'corpus');

/**
 * A harness that cannot fail proves nothing. These render corpus entries through a
 * deliberately unsafe renderer (string concatenation + innerHTML, no sanitiser) and
 * require the harness to report the oracle each one breaks.
 */
describe('harness self-check: unsafe rendering must fail the oracles', function () {
  this.timeout(60_000);
  let corpus: Corpus;

  before(async () => {
    corpus = await loadCorpus();
    run.phase = 'self-check';
  });

  after(() => {
    run.phase = 'done';
  });

  it('the sink records a call from an unsanitised innerHTML', async () => {
    const div = document.createElement('div');
    document.body.append(div);
    try {
      div.innerHTML = '<img src=x onerror=window.__xss(1)>';
      await waitUntil(() => sinkCalls.some((call) => call.phase === 'self-check' && call.id === '1'), 'the sink did not record the call');
    } finally {
      div.remove();
    }
  });

  it('named access (id/name) cannot shadow the sink', () => {
    const div = document.createElement('div');
    document.body.append(div);
    try {
      div.innerHTML = '<a id="__xss"></a><form name="__xss"></form>';
      expect(sinkIntact()).to.equal(true);
    } finally {
      div.remove();
    }
  });

  const cases: { id: number; oracles: string[]; options?: UnsafeOptions }[] = [
    { id: 29, oracles: ['no_exec'] }, // onerror on render (auto)
    { id: 67, oracles: ['no_exec'] }, // onmouseover (hover)
    { id: 100, oracles: ['no_exec', 'safe_url'] }, // javascript: link (click)
    { id: 63, oracles: ['no_exec', 'no_clobber'] }, // onfocus (focus); keeps id="xss"
    { id: 74, oracles: ['no_exec', 'no_active_elements'] }, // oninput on a textarea (key)
    { id: 76, oracles: ['no_exec', 'no_style'] }, // onwheel (scroll)
    { id: 75, oracles: ['no_exec', 'allow_list'] }, // ondragstart (drag)
    { id: 364, oracles: ['no_exec', 'text_only'] }, // markup in the author name
    { id: 186, oracles: ['no_active_elements', 'no_attacker_request'] }, // phishing form (submit)
    { id: 202, oracles: ['no_attacker_request', 'no_active_elements'] }, // remote stylesheet
    { id: 198, oracles: ['no_style'] }, // full-page overlay
    { id: 376, oracles: ['bidi_isolated'] }, // RLO in the name
    { id: 393, oracles: ['no_impersonation'] }, // "Blog Author" in Cyrillic capitals, not marked unverified
    { id: 389, oracles: ['no_impersonation'] }, // a blank Braille name: an empty author link
    { id: 510, oracles: ['link_attrs'] }, // a link without rel/target
    { id: 419, oracles: ['safe_url'] }, // protocol-relative author URL
    { id: 528, oracles: ['referrer_policy'] }, // avatar without referrer policy
    { id: 230, oracles: ['no_clobber'], options: { light: true } }, // <img name=getElementById> in the light DOM
    { id: 496, oracles: ['proto_clean'], options: { naiveMerge: true } }, // __proto__ through a deep merge
    { id: 513, oracles: ['preserved'], options: { dropBody: true } }, // over-stripping
    { id: 398, oracles: ['perf_budget'], options: { busyMs: PERF_BUDGET_MS + 50 } }, // a slow render
  ];

  const groups = new Map<string, typeof cases>();
  for (const item of cases) {
    const key = JSON.stringify(item.options ?? {});
    groups.set(key, [...(groups.get(key) ?? []), item]);
  }

  for (const [key, group] of groups) {
    it(`reports the broken oracle of entries ${group.map((item) => `#${item.id}`).join(', ')} (unsafe renderer ${key})`, async () => {
      const entries = group.map((item) => corpus.entries.find((entry) => entry.id === item.id)!);
      expect(entries.every(Boolean), 'self-check entries exist in the corpus').to.equal(true);
      // A longer settle: the unsafe renderer's payloads fire on load errors, which a busy browser reports late;
      // those that must run are waited for (up to 10 s more), so a slow machine does not pass them off as safe.
      const mustRun = group.filter((item) => item.oracles.includes('no_exec')).map((item) => String(item.id));
      const since = sinkCalls.length;
      const ran = () => mustRun.every((id) => sinkCalls.slice(since).some((call) => call.id === id));
      const results = await runBatch(entries, unsafeRenderer(JSON.parse(key) as UnsafeOptions), 2000, ran);
      for (const item of group) {
        const result = results.find((candidate) => candidate.entry.id === item.id)!;
        const reported = new Set(result.failures.map((failure) => failure.oracle));
        for (const oracle of item.oracles) {
          expect(reported.has(oracle), `#${item.id} should fail ${oracle}; reported: ${formatFailures([result]).join(' | ') || 'nothing'}`).to.equal(true);
        }
      }
    });
  }

  /** Entries made up for the self-check (ids outside the corpus range). */
  const synthetic = (id: number, payload: string, trigger: CorpusEntry['trigger'], oracles: string[]): CorpusEntry => ({
    id,
    field: 'body_html',
    category: 'self-check',
    kind: 'exec',
    payload,
    trigger,
    oracles,
    exec_context: 'document',
    detect: 'sink',
    legacy: false,
    note: 'harness self-check, not a corpus entry',
  });

  it('reports a navigation attempt (window.open from a handler) and a handler run by the submit trigger', async () => {
    const results = await runBatch(
      [
        synthetic(900_001, `<img src=x onerror="window.open('https://example.org/')">`, 'auto', ['no_navigation']),
        synthetic(900_002, '<form onsubmit="window.__xss(900002)"><input name="q"></form>', 'submit', ['no_exec']),
      ],
      unsafeRenderer(),
    );
    expect(results[0]!.failures.map((failure) => failure.oracle)).to.include('no_navigation');
    expect(results[1]!.failures.map((failure) => failure.oracle)).to.include('no_exec');
  });

  it('the same entries pass when <parley-comments> renders them', async () => {
    const entries = cases.map((item) => corpus.entries.find((entry) => entry.id === item.id)!);
    const results = await runBatch(entries, widgetRenderer);
    const failures = formatFailures(results);
    expect(failures, failures.join('\n')).to.deep.equal([]);
  });
});
