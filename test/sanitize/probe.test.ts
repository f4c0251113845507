import { expect } from '@open-wc/testing';
import { sanitizeCommentHtml } from '../../src/sanitize/sanitize-html.js';
import { cleanDisplayName } from '../../src/sanitize/text.js';

describe('probe', () => {
  it('resource timing for failed requests', async () => {
    const seen: string[] = [];
    new PerformanceObserver((list) => { for (const e of list.getEntries()) seen.push(e.name); }).observe({ type: 'resource', buffered: true });
    const img = new Image(); img.src = 'https://attacker.invalid/probe.png';
    document.body.append(img);
    const link = document.createElement('link'); link.rel = 'stylesheet'; link.href = 'https://attacker.invalid/x.css'; document.head.append(link);
    await new Promise((r) => setTimeout(r, 1500));
    console.log('OBSERVED', JSON.stringify(seen.filter((s) => s.includes('attacker'))), JSON.stringify(performance.getEntriesByType('resource').map((e) => e.name).filter((s) => s.includes('attacker'))));
    const d = document.createElement('div'); d.append(sanitizeCommentHtml('<del datetime="2024-01-01T00:00:00Z">old</del><a href="https://x.org/">l</a>'));
    console.log('DEL', d.innerHTML);
    console.log('FLAG', JSON.stringify(cleanDisplayName('🏳️‍🌈 x 🧔‍♂️ Blog Author\u{E0041}')));
    expect(1).to.equal(1);
  });
});
