/**
 * Language, direction, message overrides, themes and permalinks as a page
 * sets them: the element's `lang`, an ancestor's, `<html lang>`; right to
 * left for Arabic and Hebrew; `theme` and the page's own dark-mode toggle.
 */
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import type { ParleyComments } from '../../src/elements/parley-comments.js';
import { mountFromScript } from '../../src/embed/mount.js';
import type { Messages } from '../../src/i18n/en.js';
import { createRestServer } from '../mocks/rest-server.js';
import { manyComments, threadedConversation } from '../mocks/fixtures.js';
import { startWorker } from '../mocks/worker.js';
import { $, endpoint, part, settled, type } from './helpers.js';

const catalogue = async (locale: string): Promise<Messages> => (await import(`../../src/i18n/locales/${locale}.ts`)).default as Messages;
const header = (element: ParleyComments) => part(element, 'header')!.textContent!.trim();

/** Any CSS colour as sRGB channels (0–255) and alpha (0–1), as the browser paints it. */
function paint(color: string): number[] {
  const context = new OffscreenCanvas(1, 1).getContext('2d')!;
  context.fillStyle = color;
  context.fillRect(0, 0, 1, 1);
  const [r, g, b, a] = context.getImageData(0, 0, 1, 1).data;
  return [r!, g!, b!, a! / 255];
}

/** The colour seen when `colors` are painted one over the other, the first at the bottom (opaque). */
function composite(...colors: string[]): number[] {
  return colors.map(paint).reduce((below, above) => below.map((channel, i) => (i === 3 ? 1 : above[i]! * above[3]! + channel * (1 - above[3]!))));
}

function contrast(a: number[], b: number[]): number {
  const luminance = (rgb: number[]) =>
    rgb.slice(0, 3).reduce((sum, value, i) => {
      const channel = value / 255;
      return sum + [0.2126, 0.7152, 0.0722][i]! * (channel <= 0.04045 ? channel / 12.92 : ((channel + 0.055) / 1.055) ** 2.4);
    }, 0);
  const [high, low] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (high! + 0.05) / (low! + 0.05);
}

async function mountIn(container: string, attributes = ''): Promise<ParleyComments> {
  const host = await fixture<HTMLElement>(html`<div></div>`);
  host.innerHTML = container.replace('<parley/>', `<parley-comments backend="rest" endpoint="${endpoint}" thread="t" ${attributes}></parley-comments>`);
  const element = host.querySelector('parley-comments')!;
  await waitUntil(() => part(element, 'thread'), 'thread not rendered');
  await settled(element);
  return element;
}

describe('<parley-comments> languages, themes and permalinks', () => {
  let worker: Awaited<ReturnType<typeof startWorker>>;
  const htmlLang = document.documentElement.lang;
  before(async () => {
    worker = await startWorker();
  });
  beforeEach(() => worker.use(...createRestServer({ endpoint, threads: new Map([['t', threadedConversation()]]) }).handlers));
  afterEach(() => {
    worker.resetHandlers();
    document.documentElement.lang = htmlLang;
    document.documentElement.classList.remove('dark');
    document.documentElement.removeAttribute('data-theme');
    history.replaceState(history.state, '', location.pathname + location.search);
  });

  it('takes its language from its own lang, else the nearest ancestor, else <html lang>, else English', async () => {
    const [fr, de, ja] = await Promise.all([catalogue('fr'), catalogue('de'), catalogue('ja')]);
    const own = await mountIn('<div lang="de"><parley/></div>', 'lang="fr"');
    await waitUntil(() => header(own) === (fr.commentCount as Record<string, string>).other!.replace('{count}', '4'), 'not in French');
    const ancestor = await mountIn('<div lang="de"><section><parley/></section></div>');
    await waitUntil(() => part(ancestor, 'reply-button')!.textContent!.trim() === de.reply, 'not in German');
    document.documentElement.lang = 'ja';
    const page = await mountIn('<parley/>');
    await waitUntil(() => part(page, 'reply-button')!.textContent!.trim() === ja.reply, 'not in Japanese');
    document.documentElement.lang = 'xx-unknown';
    const unknown = await mountIn('<parley/>');
    expect(part(unknown, 'reply-button')!.textContent!.trim()).to.equal('Reply');
  });

  it('is English throughout, dates included, in a language it has no catalogue for', async () => {
    const element = await mountIn('<parley/>', 'lang="fa"');
    expect(part(element, 'reply-button')!.textContent!.trim()).to.equal('Reply');
    const time = $(element, 'time')!;
    const date = new Date(time.getAttribute('datetime')!);
    // Not Persian digits and the Solar Hijri calendar inside an English, left-to-right section.
    expect(time.getAttribute('title')).to.equal(new Intl.DateTimeFormat('en', { dateStyle: 'long', timeStyle: 'short' }).format(date));
    expect(time.textContent).to.match(/ago|yesterday|last/);
  });

  it('follows a language change on an ancestor, without reload', async () => {
    const de = await catalogue('de');
    const element = await mountIn('<article lang="en"><section><parley/></section></article>');
    expect(part(element, 'reply-button')!.textContent!.trim()).to.equal('Reply');
    element.closest('article')!.lang = 'de';
    await waitUntil(() => part(element, 'reply-button')?.textContent!.trim() === de.reply, 'did not follow the article\'s lang');
  });

  it('follows a language change on the page, without reload', async () => {
    const es = await catalogue('es');
    const element = await mountIn('<parley/>', 'lang="en"');
    expect(part(element, 'reply-button')!.textContent!.trim()).to.equal('Reply');
    const status = () => $(element, '.visually-hidden[role="status"]')!.textContent!.trim();
    expect(status()).to.equal('4 Comments');
    element.setAttribute('lang', 'es');
    await waitUntil(() => part(element, 'reply-button')?.textContent!.trim() === es.reply, 'not in Spanish');
    expect(part(element, 'submit-button')?.textContent?.trim() ?? es.submit).to.equal(es.submit);
    // The status region said the count in English: a screen reader's cursor would find it there, stale.
    expect(status()).to.equal('');
  });

  it('shows a message already on screen in the new language when the language changes', async () => {
    const de = await catalogue('de');
    const element = await mountIn('<parley/>', 'lang="en"');
    $(element, '#comment-text')!.focus();
    await element.updateComplete;
    ($(element, '[part~="submit-button"]') as HTMLButtonElement).click();
    await waitUntil(() => part(element, 'notice-error'), 'no message');
    expect(part(element, 'notice-error')!.textContent).to.contain('Please fix the');
    element.setAttribute('lang', 'de');
    const forms = de.fixFields as Record<string, string>;
    const count = element.shadowRoot!.querySelectorAll('[aria-invalid="true"]').length;
    const expected = forms[new Intl.PluralRules('de').select(count)]!.replace('{count}', String(count));
    await waitUntil(() => part(element, 'notice-error')?.textContent?.trim() === expected, 'the message stayed in English');
    // The messages at the fields follow too.
    expect($(element, '#comment-text-error')!.textContent!.trim()).to.equal(de.textRequired);
  });

  it('uses the language\'s plural forms and the region\'s date format (pt-BR: the pt catalogue, Brazilian dates)', async () => {
    const pl = await catalogue('pl');
    const polish = await mountIn('<parley/>', 'lang="pl"');
    const forms = pl.commentCount as Record<string, string>;
    await waitUntil(() => header(polish) === forms[new Intl.PluralRules('pl').select(4)]!.replace('{count}', '4'), 'no Polish plural');
    const pt = await catalogue('pt');
    const brazil = await mountIn('<parley/>', 'lang="pt-BR"');
    await waitUntil(() => part(brazil, 'reply-button')!.textContent!.trim() === pt.reply, 'not in Portuguese');
    const time = $(brazil, 'time')!;
    const expected = new Intl.DateTimeFormat('pt-BR', { dateStyle: 'long', timeStyle: 'short' }).format(new Date(time.getAttribute('datetime')!));
    expect(time.getAttribute('title')).to.equal(expected);
    expect($(brazil, 'section')!.getAttribute('lang')).to.equal('pt');
  });

  it('reads a malformed lang (en_US, de_DE: underscores) as the language it names, and still dates its comments', async () => {
    const de = await catalogue('de');
    const german = await mountIn('<parley/>', 'lang="de_DE"');
    await waitUntil(() => part(german, 'reply-button')?.textContent!.trim() === de.reply, 'not in German');
    const time = $(german, 'time')!;
    const date = new Date(time.getAttribute('datetime')!);
    expect(time.getAttribute('title')).to.equal(new Intl.DateTimeFormat('de-DE', { dateStyle: 'long', timeStyle: 'short' }).format(date));
    const english = await mountIn('<parley/>', 'lang="en_US"');
    expect(part(english, 'reply-button')!.textContent!.trim()).to.equal('Reply');
    expect($(english, 'time')!.getAttribute('title')).to.equal(new Intl.DateTimeFormat('en-US', { dateStyle: 'long', timeStyle: 'short' }).format(date));
  });

  for (const locale of ['ar', 'he']) {
    it(`runs right to left in ${locale}, replies indented on the right, and stays accessible`, async () => {
      const element = await mountIn('<parley/>', `lang="${locale}"`);
      await waitUntil(() => $(element, 'section')!.getAttribute('dir') === 'rtl', 'not right to left');
      const articles = element.shadowRoot!.querySelectorAll('article');
      const parent = articles[0]!.getBoundingClientRect();
      const reply = articles[1]!.getBoundingClientRect();
      // The reply starts further from the right edge than its parent does: indented on the right.
      expect(reply.right).to.be.below(parent.right - 1);
      // An English comment on this page reads left to right from the left edge (Firefox aligned it right).
      const paragraph = articles[0]!.querySelector('[part~="comment-body"] p')!;
      const text = document.createRange();
      text.selectNodeContents(paragraph);
      expect(text.getBoundingClientRect().left - paragraph.getBoundingClientRect().left).to.be.below(2);
      // The empty comment box (its placeholder, the caret) runs right to left; typed text takes its own direction.
      const box = $(element, '#comment-text') as HTMLTextAreaElement;
      expect(getComputedStyle(box).direction).to.equal('rtl');
      await type(element, '#comment-text', 'An English comment');
      expect(box.matches(':dir(ltr)')).to.equal(true);
      await type(element, '#comment-text', ''); // no draft left for the next test
      await expect(element).to.be.accessible();
    });
  }

  it('lets the element be left to right inside a right-to-left language with dir="ltr"', async () => {
    const element = await mountIn('<parley/>', 'lang="ar" dir="ltr"');
    await settled(element);
    expect($(element, 'section')!.getAttribute('dir')).to.equal('ltr');
  });

  it('replaces single messages with the messages property, and with data-message-* on the script tag', async () => {
    const element = await mountIn('<parley/>');
    element.messages = { leaveReply: 'Join the discussion', commentCount: '{count} thoughts' };
    await element.updateComplete;
    expect(header(element)).to.equal('4 thoughts');
    const host = await fixture<HTMLDivElement>(html`<div></div>`);
    const script = document.createElement('script');
    script.dataset.backend = 'local';
    script.dataset.messageLeaveReply = 'Join the discussion';
    host.append(script);
    const mounted = mountFromScript(script) as ParleyComments;
    expect(mounted.messages).to.deep.equal({ leaveReply: 'Join the discussion' });
    await waitUntil(() => part(mounted, 'empty') || part(mounted, 'thread'), 'not loaded');
    await settled(mounted);
    expect(header(mounted)).to.equal('Join the discussion');
  });

  it('keeps a Reply button\'s visible word in its name when only that word is replaced (WCAG 2.5.3)', async () => {
    const element = await mountIn('<parley/>');
    const button = () => part(element, 'reply-button')!;
    expect([button().textContent!.trim(), button().getAttribute('aria-label')]).to.deep.equal(['Reply', 'Reply to Alice']);
    element.messages = { reply: 'Answer' };
    await element.updateComplete;
    expect([button().textContent!.trim(), button().getAttribute('aria-label')]).to.deep.equal(['Answer', 'Answer: Alice']);
    // A catalogue whose name starts the other way round, in another case, keeps its own ("{name} antworten").
    const de = await catalogue('de');
    element.messages = {};
    element.setAttribute('lang', 'de');
    await waitUntil(() => button().textContent!.trim() === de.reply, 'not in German');
    expect(button().getAttribute('aria-label')).to.equal((de.replyTo as string).replace('{name}', 'Alice'));
  });

  it('theme="dark" and "light" set its colour scheme; "auto" follows the page\'s own toggle, live', async () => {
    const element = await mountIn('<parley/>', 'theme="dark"');
    expect(getComputedStyle(element).colorScheme).to.equal('dark');
    await expect(element).to.be.accessible();
    element.setAttribute('theme', 'light');
    await element.updateComplete;
    expect(getComputedStyle(element).colorScheme).to.equal('light');
    element.setAttribute('theme', 'auto');
    await element.updateComplete;
    // This test page is white: the widget is light.
    expect(getComputedStyle(element).colorScheme).to.equal('light');
    document.documentElement.classList.add('dark');
    await waitUntil(() => getComputedStyle(element).colorScheme === 'dark', 'did not follow class="dark"');
    document.documentElement.classList.remove('dark');
    document.documentElement.setAttribute('data-theme', 'light');
    await waitUntil(() => getComputedStyle(element).colorScheme === 'light', 'did not follow data-theme="light"');
  });

  it('"auto" follows a colour scheme a wrapper turns on later, live', async () => {
    const element = await mountIn('<main><parley/></main>');
    expect(getComputedStyle(element).colorScheme).to.equal('light');
    element.closest('main')!.style.colorScheme = 'dark';
    await waitUntil(() => getComputedStyle(element).colorScheme === 'dark', 'did not follow the wrapper');
  });

  it('"auto" reads a dark page from its background when the page names no theme (a media-query dark mode)', async () => {
    const element = await mountIn('<div style="background: #15171a; color: #eee"><parley/></div>');
    expect(getComputedStyle(element).colorScheme).to.equal('dark');
    await expect(element).to.be.accessible();
  });

  it('"auto" reads a background in any colour notation (oklch(), lab()), not only rgb()', async () => {
    const dark = await mountIn('<div style="background: oklch(0.205 0 0); color: oklch(0.95 0 0)"><parley/></div>');
    expect(getComputedStyle(dark).colorScheme).to.equal('dark');
    const light = await mountIn('<div style="background: lab(97 0 0)"><parley/></div>');
    expect(getComputedStyle(light).colorScheme).to.equal('light');
  });

  it('"auto" is light where <body> allows dark but paints nothing: the browser\'s background follows <html>', async () => {
    document.body.style.colorScheme = 'light dark';
    try {
      const element = await mountIn('<parley/>');
      expect(getComputedStyle(element).colorScheme).to.equal('light');
    } finally {
      document.body.style.colorScheme = '';
    }
  });

  for (const theme of ['light', 'dark']) {
    it(`draws fields and buttons at 3:1 and placeholders at 4.5:1 against what is behind them (${theme})`, async () => {
      // Enough comments for a "Load more" button.
      worker.use(...createRestServer({ endpoint, threads: new Map([['t', manyComments(5)]]) }).handlers);
      const element = await mountIn('<parley/>', `theme="${theme}" page-size="2"`);
      const style = (selector: string, pseudo?: string) => getComputedStyle($(element, selector)!, pseudo);
      const host = getComputedStyle(element).backgroundColor;
      const form = composite(host, style('[part~="reply-form"]').backgroundColor);
      const textarea = style('#comment-text');
      const field = composite(host, textarea.backgroundColor);
      const formColor = `rgb(${form.slice(0, 3).join(' ')})`;
      const fieldBorder = composite(formColor, textarea.borderTopColor);
      expect(contrast(fieldBorder, form), 'field border against the form').to.be.at.least(3);
      expect(contrast(fieldBorder, field), 'field border against the field').to.be.at.least(3);
      const placeholder = composite(`rgb(${field.slice(0, 3).join(' ')})`, style('#comment-text', '::placeholder').color);
      expect(contrast(placeholder, field), 'placeholder').to.be.at.least(4.5);
      const button = composite(host, style('[part~="load-more"]').borderTopColor);
      expect(contrast(button, composite(host)), '"Load more" border').to.be.at.least(3);
    });
  }

  it('"auto" is dark on a page that says so only with <meta name="color-scheme">', async () => {
    const meta = Object.assign(document.createElement('meta'), { name: 'color-scheme', content: 'dark' });
    document.head.append(meta);
    try {
      const element = await mountIn('<parley/>');
      expect(getComputedStyle(element).colorScheme).to.equal('dark');
    } finally {
      meta.remove();
    }
  });

  it("takes the page's accent-color as its accent, unless --parley-accent says otherwise", async () => {
    const element = await mountIn('<div style="accent-color: rgb(160, 0, 90)"><parley/></div>');
    expect(getComputedStyle(part(element, 'reply-button')!).color).to.equal('rgb(160, 0, 90)');
    element.style.setProperty('--parley-accent', 'rgb(0, 90, 160)');
    expect(getComputedStyle(part(element, 'reply-button')!).color).to.equal('rgb(0, 90, 160)');
  });

  it("uses the page's accent-color only where it can be read: not a dark blue once the page turns dark", async () => {
    const element = await mountIn('<div style="accent-color: rgb(11, 92, 173)"><parley/></div>');
    const reply = () => getComputedStyle(part(element, 'reply-button')!).color;
    expect(reply()).to.equal('rgb(11, 92, 173)');
    document.documentElement.classList.add('dark');
    // The widget's own dark accent instead (light-dark(#1d4ed8, #93c5fd)).
    await waitUntil(() => reply() === 'rgb(147, 197, 253)', `kept ${reply()} on a dark page`);
    // An accent light enough for the dark scheme is the page's to keep.
    element.parentElement!.style.accentColor = 'rgb(250, 200, 100)';
    await waitUntil(() => reply() === 'rgb(250, 200, 100)', `did not take a readable accent: ${reply()}`);
  });

  it('"auto" follows a stylesheet the page adds, swaps or removes in <head>, live', async () => {
    const element = await mountIn('<parley/>');
    const scheme = () => getComputedStyle(element).colorScheme;
    expect(scheme()).to.equal('light');
    const style = document.createElement('style');
    document.head.append(style);
    try {
      style.textContent = ':root { color-scheme: dark; }';
      await waitUntil(() => scheme() === 'dark', 'did not follow a <style> turned dark');
      style.textContent = '';
      await waitUntil(() => scheme() === 'light', 'did not follow the <style> emptied');
      // A <link> counts once its stylesheet has loaded.
      const link = Object.assign(document.createElement('link'), { rel: 'stylesheet', href: 'data:text/css,:root{color-scheme:dark}' });
      document.head.append(link);
      await waitUntil(() => scheme() === 'dark', 'did not follow a <link> added');
      link.href = 'data:text/css,:root{color-scheme:light}';
      await waitUntil(() => scheme() === 'light', 'did not follow the <link> swapped');
      link.remove();
    } finally {
      style.remove();
    }
  });

  it('dark text is light: the colours really change with the scheme', async () => {
    const element = await mountIn('<parley/>', 'theme="light"');
    const button = () => getComputedStyle(part(element, 'reply-button')!).color;
    const light = button();
    element.setAttribute('theme', 'dark');
    await element.updateComplete;
    expect(button()).to.not.equal(light);
  });

  it('scrolls to and focuses the comment a #comment-<id> permalink names, on load and on hashchange', async () => {
    history.replaceState(history.state, '', '#comment-3');
    const element = await mountIn('<parley/>');
    await waitUntil(() => element.shadowRoot!.activeElement?.getAttribute('data-comment-id') === '3', 'comment 3 not focused');
    location.hash = '#comment-4';
    await waitUntil(() => element.shadowRoot!.activeElement?.getAttribute('data-comment-id') === '4', 'comment 4 not focused');
    const link = $(element, 'article[data-comment-id="2"] [part~="comment-permalink"]') as HTMLAnchorElement;
    expect(link.getAttribute('href')).to.equal('#comment-2');
  });

  it('loads further pages, ten at most, to find the comment a permalink names', async () => {
    worker.use(...createRestServer({ endpoint, threads: new Map([['paged', manyComments(30)]]) }).handlers);
    const requests: string[] = [];
    const count = ({ request }: { request: Request }) => {
      if (request.url.includes('/threads/paged/')) requests.push(request.url);
    };
    worker.events.on('request:start', count);
    try {
      // The reply to the 7th top-level comment: on the 4th page of 2.
      history.replaceState(history.state, '', '#comment-r7');
      const host = await fixture<HTMLElement>(html`<div></div>`);
      const element = Object.assign(document.createElement('parley-comments'), { backend: 'rest', endpoint, thread: 'paged', pageSize: 2 });
      host.append(element);
      await waitUntil(() => element.shadowRoot!.activeElement?.getAttribute('data-comment-id') === 'r7', 'the reply r7 was not found and focused');
      expect(requests).to.have.length(4);
      // A comment that is not there: the search stops after ten more pages, not at the end of the thread.
      requests.length = 0;
      location.hash = '#comment-nowhere';
      await waitUntil(() => requests.length === 10 && !part(element, 'load-more')?.hasAttribute('disabled'), 'did not stop after ten pages');
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(requests).to.have.length(10);
      expect(part(element, 'load-more'), 'the thread still has more to load').to.not.equal(null);
    } finally {
      worker.events.removeListener('request:start', count);
    }
  });
});
