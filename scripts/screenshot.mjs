/**
 * Screenshots of the demo in headless Chromium (start the demo first with `npm start`):
 *   node scripts/screenshot.mjs [url] [out.png] [--dark] [--focus]
 *   node scripts/screenshot.mjs --docs [base url]
 * `--docs` writes the pictures the docs show: light, dark, right to left
 * (Arabic) and the three example themes, as docs/images/<name>.png, each of
 * the comment section with its form focused; and docs/images/parts.png, the
 * main CSS parts outlined and named.
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

/** The parts parts.png outlines: the first of each, in the form-focused demo. */
const MAPPED_PARTS = [
  'header', 'comment', 'comment-avatar', 'comment-author', 'comment-date', 'comment-body', 'reply-button', 'replies',
  'reply-form', 'reply-title', 'reply-textarea', 'field-label', 'field-input', 'field-hint', 'checkbox', 'submit-button', 'submit-hint',
];

/** Outlines and names each of `parts` on the page (overlays in the page, above the widget). */
function outlineParts(parts) {
  const root = document.querySelector('parley-comments').shadowRoot;
  const colours = ['#d9480f', '#1971c2', '#2f9e44', '#9c36b5', '#e8590c', '#0c8599', '#c2255c', '#5f3dc4'];
  parts.forEach((name, index) => {
    const target = root.querySelector(`[part~="${name}"]`);
    if (!target) return;
    const box = target.getBoundingClientRect();
    const colour = colours[index % colours.length];
    const frame = document.createElement('div');
    Object.assign(frame.style, {
      position: 'absolute', left: `${box.left + scrollX}px`, top: `${box.top + scrollY}px`, width: `${box.width}px`, height: `${box.height}px`,
      outline: `2px dashed ${colour}`, pointerEvents: 'none', zIndex: 10,
    });
    const label = document.createElement('span');
    label.textContent = name;
    // Above the box's left corner, or inside it where the widget's top edge leaves no room.
    const room = box.top - document.querySelector('parley-comments').getBoundingClientRect().top > 16;
    Object.assign(label.style, {
      position: 'absolute', left: '0', top: '0', transform: room ? 'translateY(-100%)' : 'none', background: colour, color: '#fff',
      font: '600 11px/1.4 system-ui, sans-serif', padding: '0 4px', whiteSpace: 'nowrap',
    });
    frame.append(label);
    document.body.append(frame);
  });
}

async function shoot(browser, url, out, { dark = false, focus = false, element = false, parts = null } = {}) {
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
    if (parts) await page.evaluate(outlineParts, parts);
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
// Where `npm start` serves the demo (web-dev-server.config.mjs reads the same variables).
const demo = `http://${process.env.HOST ?? 'localhost'}:${process.env.PORT ?? 8000}/demo/`;
try {
  if (docs) {
    const base = args[0] ?? demo;
    for (const [name, query] of Object.entries(DOC_SHOTS)) {
      await shoot(browser, `${base}${query}`, `docs/images/${name}.png`, { focus: true, element: true });
    }
    await shoot(browser, base, 'docs/images/parts.png', { focus: true, element: true, parts: MAPPED_PARTS });
  } else {
    const [url = demo, out = 'docs/images/demo.png'] = args;
    await shoot(browser, url, out, { dark: process.argv.includes('--dark'), focus: process.argv.includes('--focus') });
  }
} finally {
  await browser.close();
}
