/**
 * Takes a screenshot of a demo page in headless Chromium:
 *   node scripts/screenshot.mjs [url] [out.png] [--dark] [--focus]
 * (start the demo first with `npm start`).
 */
import { chromium } from 'playwright-core';

const [url = 'http://localhost:8000/demo/', out = 'docs/images/demo.png'] = process.argv.slice(2).filter((a) => !a.startsWith('--'));
const dark = process.argv.includes('--dark');
const focus = process.argv.includes('--focus');

const browser = await chromium.launch({
  executablePath: process.env.CHROME_PATH ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--disable-background-networking', '--disable-component-update'],
});
try {
  const page = await browser.newPage({ viewport: { width: 900, height: 1200 }, deviceScaleFactor: 1 });
  page.on('console', (message) => console.log(`[page] ${message.text()}`));
  page.on('pageerror', (error) => console.log(`[page error] ${error.message}`));
  await page.goto(url);
  await page.waitForFunction(() => document.querySelector('parley-comments')?.shadowRoot?.querySelector('[part~="comment"]'), null, { timeout: 15000 });
  if (dark) await page.click('#toggle-dark');
  if (focus) await page.evaluate(() => document.querySelector('parley-comments').shadowRoot.querySelector('#comment-text').focus());
  await page.evaluate(() => document.querySelector('parley-comments').scrollIntoView());
  await page.waitForTimeout(300);
  await page.screenshot({ path: out, fullPage: false });
  console.log(`saved ${out}`);
} finally {
  await browser.close();
}
