/**
 * Screenshots of the demo in headless Chromium (start the demo first with `npm start`):
 *   node scripts/screenshot.mjs [url] [out.png] [--dark] [--focus]
 *   node scripts/screenshot.mjs --docs [base url]
 * `--docs` writes the pictures the docs show: light, dark, right to left
 * (Arabic) and the three example themes, as docs/images/<name>.png, each of
 * the comment section with its form focused.
 */
import { chromium } from 'playwright-core';

const args = process.argv.slice(2).filter((a) => !a.startsWith('--'));
const docs = process.argv.includes('--docs');

/** The demo states the docs show, as demo addresses (see demo/controls.ts). */
const DOC_SHOTS = {
  light: '',
  dark: '?dark',
  rtl: '?lang=ar',
  classic: '?theme=classic',
  minimal: '?theme=minimal',
  'high-contrast': '?theme=high-contrast',
  'high-contrast-dark': '?theme=high-contrast&dark',
};

async function shoot(browser, url, out, { dark = false, focus = false, element = false } = {}) {
  const page = await browser.newPage({ viewport: { width: 900, height: 1200 }, deviceScaleFactor: 1 });
  page.on('pageerror', (error) => console.log(`[page error] ${error.message}`));
  try {
    await page.goto(url);
    await page.waitForFunction(() => document.querySelector('parley-comments')?.shadowRoot?.querySelector('[part~="comment"]'), null, { timeout: 15000 });
    if (dark) await page.click('#toggle-dark');
    if (focus) await page.evaluate(() => document.querySelector('parley-comments').shadowRoot.querySelector('#comment-text').focus());
    await page.evaluate(() => document.querySelector('parley-comments').scrollIntoView());
    // Catalogues and fonts load after the first paint.
    await page.waitForTimeout(600);
    if (element) await (await page.$('parley-comments')).screenshot({ path: out });
    else await page.screenshot({ path: out, fullPage: false });
    console.log(`saved ${out}`);
  } finally {
    await page.close();
  }
}

const browser = await chromium.launch({
  executablePath: process.env.CHROME_PATH ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--disable-background-networking', '--disable-component-update'],
});
try {
  if (docs) {
    const base = args[0] ?? 'http://localhost:8000/demo/';
    for (const [name, query] of Object.entries(DOC_SHOTS)) {
      await shoot(browser, `${base}${query}`, `docs/images/${name}.png`, { focus: true, element: true });
    }
  } else {
    const [url = 'http://localhost:8000/demo/', out = 'docs/images/demo.png'] = args;
    await shoot(browser, url, out, { dark: process.argv.includes('--dark'), focus: process.argv.includes('--focus') });
  }
} finally {
  await browser.close();
}
