/**
 * The performance targets set for Parley, checked against measured figures.
 * Each check says met, not met, or not measured (and shows the figures used).
 */

const ms = (value) => `${Math.round(value)} ms`;
const mb = (bytes) => `${(bytes / 1e6).toFixed(1)} MB`;
const has = (...values) => values.every((value) => typeof value === 'number');
const verdict = (ok) => (ok ? 'met' : 'not met');

export function checkTargets({ sizes }) {
  const at = (n) => sizes[n];
  const checks = [];

  // First comment painted no later than the minimal Lit + DOMPurify page (same data, same page size), at every size.
  {
    const compared = Object.entries(sizes).filter(([, size]) => has(size.median.parley.firstComment, size.median.lit.firstComment));
    checks.push({
      target: 'First comment painted no later than the minimal Lit + DOMPurify page',
      status: compared.length === 0 ? 'not measured' : verdict(compared.every(([, size]) => size.median.parley.firstComment <= size.median.lit.firstComment)),
      figures: compared.map(([n, size]) => `N=${n}: ${ms(size.median.parley.firstComment)} vs ${ms(size.median.lit.firstComment)}`).join('; '),
    });
  }

  const thousand = at(1000);
  {
    const parley = thousand?.median.parley.all;
    const waline = thousand?.median.waline.all;
    checks.push({
      target: '1,000 comments rendered in under half of Waline’s time',
      status: has(parley, waline) ? verdict(parley < waline / 2) : 'not measured',
      figures: has(parley, waline) ? `${ms(parley)} vs Waline ${ms(waline)} (half: ${ms(waline / 2)})` : 'needs N=1000 with Waline',
    });
    const longest = thousand?.worst.parley.allLongest;
    checks.push({
      target: '1,000 comments: no long task over 50 ms',
      status: has(longest) ? verdict(longest <= 50) : 'not measured',
      figures: has(longest) ? `longest task ${ms(longest)} (worst run)` : 'needs N=1000',
    });
  }

  const tenThousand = at(10000);
  {
    const longest = tenThousand?.worst.parley.allLongest;
    checks.push({
      target: '10,000 comments: no long task over 50 ms',
      status: has(longest) ? verdict(longest <= 50) : 'not measured',
      figures: has(longest) ? `longest task ${ms(longest)} (worst run)` : 'needs N=10000',
    });
    const typing = tenThousand?.median.parley.typingMedian;
    const slowest = tenThousand?.median.parley.typingMax;
    checks.push({
      target: '10,000 comments: typing latency under 16 ms',
      status: has(typing) ? verdict(typing < 16) : 'not measured',
      figures: has(typing, slowest) ? `median key press ${ms(typing)}, slowest ${ms(slowest)}` : 'needs N=10000',
    });
    const heap = tenThousand?.median.parley.jsHeap;
    const dom = tenThousand?.median.parley.domHeap;
    const data = tenThousand?.data.bytes;
    checks.push({
      target: '10,000 comments: memory under 2× the data size',
      status: has(heap, data) ? verdict(heap < 2 * data) : 'not measured',
      figures: has(heap, data)
        ? `JS heap ${mb(heap)} vs data ${mb(data)} (2×: ${mb(2 * data)})${has(dom) ? `; Blink (DOM) heap besides: ${mb(dom)}` : ''}`
        : 'needs N=10000',
    });
  }
  return checks;
}
