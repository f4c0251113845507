import { expect, waitUntil } from '@open-wc/testing';
import DOMPurify from 'dompurify';
import { createDomPurifySanitizer } from '../../src/sanitize/dompurify-engine.js';
import { nativeSanitizer } from '../../src/sanitize/native-engine.js';
import type { BodySanitizer } from '../../src/sanitize/policy.js';
import { LINK_REL, MAX_BODY_LENGTH } from '../../src/sanitize/sanitize-html.js';

/**
 * Both engines are held to every case below: the browser's Sanitizer API
 * (where it exists) and DOMPurify (loaded where it does not).
 */
const ENGINES: [string, () => BodySanitizer | null][] = [
  ['native Sanitizer API', nativeSanitizer],
  ['DOMPurify', createDomPurifySanitizer],
];

/** The engine the current suite tests. */
let sanitizeCommentHtml: BodySanitizer;
let engineUnderTest = '';

/** Serialises a sanitised fragment the way it ends up in the page: appended to an element. */
function render(html: string): string {
  const div = document.createElement('div');
  div.append(sanitizeCommentHtml(html));
  return div.innerHTML;
}

/** The attributes every link in a comment body gets, after its own href/title. */
const LINK = `rel="${LINK_REL}" target="_blank"`;

interface Case {
  title: string;
  payload: string;
  expected: string;
  /** Where one engine's output differs (both within the policy), what that engine gives. */
  native?: string;
  dompurify?: string;
}

/** The expected output for the engine under test. */
function expectedOf(testCase: Case): string {
  const override = engineUnderTest === 'DOMPurify' ? testCase.dompurify : testCase.native;
  return override ?? testCase.expected;
}

// DOMPurify-style table of the comment allow-list policy.
const allowed: Case[] = [
  {
    title: 'a[href,title] is kept, with rel and target added',
    payload: '<a href="https://example.org/" title="Example">link</a>',
    expected: `<a href="https://example.org/" title="Example" ${LINK}>link</a>`,
  },
  { title: 'abbr[title]', payload: '<abbr title="HyperText Markup Language">HTML</abbr>', expected: '<abbr title="HyperText Markup Language">HTML</abbr>' },
  { title: 'acronym[title]', payload: '<acronym title="as soon as possible">ASAP</acronym>', expected: '<acronym title="as soon as possible">ASAP</acronym>' },
  { title: 'b', payload: '<b>bold</b>', expected: '<b>bold</b>' },
  {
    title: 'blockquote[cite] with an https cite',
    payload: '<blockquote cite="https://example.org/source">quoted</blockquote>',
    expected: '<blockquote cite="https://example.org/source">quoted</blockquote>',
  },
  { title: 'cite', payload: '<cite>A Title</cite>', expected: '<cite>A Title</cite>' },
  { title: 'code keeps escaped markup as text', payload: '<code>&lt;script&gt;alert(1)&lt;/script&gt;</code>', expected: '<code>&lt;script&gt;alert(1)&lt;/script&gt;</code>' },
  { title: 'del[datetime]', payload: '<del datetime="2024-01-01T00:00:00Z">old</del>', expected: '<del datetime="2024-01-01T00:00:00Z">old</del>' },
  { title: 'em', payload: '<em>em</em>', expected: '<em>em</em>' },
  { title: 'i', payload: '<i>italic</i>', expected: '<i>italic</i>' },
  { title: 'q[cite]', payload: '<q cite="https://example.org/">short quote</q>', expected: '<q cite="https://example.org/">short quote</q>' },
  { title: 's', payload: '<s>gone</s>', expected: '<s>gone</s>' },
  { title: 'strike', payload: '<strike>also gone</strike>', expected: '<strike>also gone</strike>' },
  { title: 'strong', payload: '<strong>strong</strong>', expected: '<strong>strong</strong>' },
  { title: 'p and br', payload: '<p>one<br>two</p>', expected: '<p>one<br>two</p>' },
  { title: 'pre', payload: '<pre>  indented\n  code</pre>', expected: '<pre>  indented\n  code</pre>' },
  { title: 'ul/li', payload: '<ul><li>item</li></ul>', expected: '<ul><li>item</li></ul>' },
  { title: 'ol/li', payload: '<ol><li>one</li><li>two</li></ol>', expected: '<ol><li>one</li><li>two</li></ol>' },
  { title: 'upper-case tags are normalised', payload: '<B>bold</B><STRONG>x</STRONG>', expected: '<b>bold</b><strong>x</strong>' },
  { title: 'plain text and entities survive', payload: '5 &lt; 6 &amp;&amp; 7 &gt; 3', expected: '5 &lt; 6 &amp;&amp; 7 &gt; 3' },
  {
    title: 'nesting of allowed tags is kept',
    payload: '<blockquote><p><strong>a</strong> <em>b</em></p><ul><li><code>c</code></li></ul></blockquote>',
    expected: '<blockquote><p><strong>a</strong> <em>b</em></p><ul><li><code>c</code></li></ul></blockquote>',
  },
  { title: 'a mailto: link is kept', payload: '<a href="mailto:someone@example.org">mail</a>', expected: `<a href="mailto:someone@example.org" ${LINK}>mail</a>` },
  { title: 'an http: link is kept', payload: '<a href="http://example.org/a?b=1#c">x</a>', expected: `<a href="http://example.org/a?b=1#c" ${LINK}>x</a>` },
  {
    title: 'link URLs are normalised (scheme and host lower-cased, spaces encoded, whitespace trimmed)',
    payload: '<a href="  HTTPS://Example.ORG/a b  ">x</a>',
    expected: `<a href="https://example.org/a%20b" ${LINK}>x</a>`,
  },
  {
    title: 'a quote in a link URL stays inside the attribute (percent-encoded)',
    payload: '<a href="https://x.example/&quot; onmouseover=&quot;alert(1)">x</a>',
    expected: `<a href="https://x.example/%22%20onmouseover=%22alert(1)" ${LINK}>x</a>`,
  },
  { title: 'an anchor without href still gets rel and target', payload: '<a>x</a>', expected: `<a ${LINK}>x</a>` },
];

const droppedAttributes: Case[] = [
  { title: 'id', payload: '<p id="reply-form">x</p>', expected: '<p>x</p>' },
  { title: 'name', payload: '<a name="top" href="https://example.org/">x</a>', expected: `<a href="https://example.org/" ${LINK}>x</a>` },
  { title: 'class', payload: '<span class="wc-owner-badge">x</span><p class="a">y</p>', expected: 'x<p>y</p>' },
  { title: 'style', payload: '<p style="position:fixed;inset:0">x</p>', expected: '<p>x</p>' },
  { title: 'data-*', payload: '<p data-bind="x" data-src="javascript:alert(1)">x</p>', expected: '<p>x</p>' },
  { title: 'aria-*', payload: '<p aria-label="fake" aria-hidden="true">x</p>', expected: '<p>x</p>' },
  { title: 'role and tabindex', payload: '<p role="button" tabindex="0">x</p>', expected: '<p>x</p>' },
  { title: 'event handlers', payload: '<b onclick="alert(1)" onmouseover="alert(2)">x</b>', expected: '<b>x</b>' },
  { title: 'title where it is not allowed (p)', payload: '<p title="t">x</p>', expected: '<p>x</p>' },
  { title: 'cite where it is not allowed (del, p)', payload: '<del cite="https://example.org/" datetime="2024-01-01">x</del><p cite="https://example.org/">y</p>', expected: '<del datetime="2024-01-01">x</del><p>y</p>' },
  { title: 'datetime where it is not allowed (p)', payload: '<p datetime="2024">x</p>', expected: '<p>x</p>' },
  {
    title: 'rel, target, ping, download, referrerpolicy, hreflang, type on links (rel/target replaced)',
    payload: '<a href="https://example.org/" rel="opener" target="_self" ping="https://t.example/" download="x.exe" referrerpolicy="unsafe-url" hreflang="en" type="text/html">x</a>',
    expected: `<a href="https://example.org/" ${LINK}>x</a>`,
  },
  { title: 'href where it is not allowed (b)', payload: '<b href="https://example.org/">x</b>', expected: '<b>x</b>' },
  // DOMPurify removes a customised built-in (is=) as a whole, its text too.
  { title: 'is= (the element is removed)', payload: 'a<p is="my-element">x</p>b', expected: 'ab' },
];

const droppedElements: Case[] = [
  { title: 'script (with its content)', payload: 'a<script>alert(1)</script>b', expected: 'ab' },
  { title: 'style (with its content)', payload: 'a<style>p{color:red}</style>b', expected: 'ab' },
  { title: 'svg (with its content)', payload: 'a<svg><a href="https://example.org/"><text>t</text></a></svg>b', expected: 'ab' },
  { title: 'math (with its content)', payload: 'a<math><mi>x</mi></math>b', expected: 'ab' },
  {
    title: 'a form whose inputs are named after DOM properties (clobbering) is unwrapped all the same',
    payload: '<form><input name="childNodes"><input name="localName"><input name="removeAttribute"><b>text</b></form>',
    expected: '<b>text</b>',
    // DOMPurify removes a clobbered element whole.
    dompurify: '',
  },
  // The handlers Chromium 156's renderer crashed on when its sanitiser was given a list of elements to remove.
  { title: 'marquee with onstart / onfinish / onbounce (their text is kept)', payload: '<marquee onstart="alert(1)" onfinish="alert(2)" onbounce="alert(3)">m</marquee><p onstart="alert(4)">p</p>', expected: 'm<p>p</p>' },
  { title: 'img', payload: 'a<img src="https://example.org/x.png" onerror="alert(1)">b', expected: 'ab' },
  { title: 'iframe', payload: 'a<iframe src="https://example.org/"></iframe>b', expected: 'ab' },
  { title: 'iframe srcdoc', payload: '<iframe srcdoc="<script>alert(1)</script>"></iframe>', expected: '' },
  { title: 'object and embed', payload: '<object data="https://example.org/x"></object><embed src="https://example.org/y">', expected: '' },
  {
    title: 'form, input, button, textarea, select, option (their text is kept)',
    payload: '<form action="https://example.org/"><input name="a"><textarea>t</textarea><select><option>o</option></select><button>go</button></form>',
    expected: 'togo',
  },
  { title: 'template (with its content)', payload: 'a<template><b>x</b></template>b', expected: 'ab' },
  { title: 'noscript (with its content)', payload: 'a<noscript><b>x</b></noscript>b', expected: 'ab' },
  { title: 'base, meta and link', payload: '<base href="https://example.org/"><meta http-equiv="refresh" content="0;url=https://example.org/"><link rel="stylesheet" href="https://example.org/x.css">x', expected: 'x' },
  { title: 'div, span, h1, u, font, table keep only their text', payload: '<div><span>a</span><h1>b</h1><u>c</u><font color="red">d</font><table><tbody><tr><td>e</td></tr></tbody></table></div>', expected: 'abcde' },
  { title: 'video, audio, picture', payload: '<video src="https://example.org/v.mp4"></video><audio src="https://example.org/a.mp3"></audio><picture><source srcset="x"></picture>', expected: '' },
  { title: 'map and area', payload: '<map name="m"><area href="https://example.org/" shape="rect" coords="0,0,1,1"></map>', expected: '' },
  { title: 'details and dialog', payload: '<details open ontoggle="alert(1)"><summary>s</summary>d</details><dialog open>x</dialog>', expected: 'sdx' },
  // The Sanitizer API can unwrap only elements it is given by name: an unknown one goes with its text.
  { title: 'custom elements', payload: '<my-widget onload="alert(1)">x</my-widget>', expected: 'x', native: '' },
  { title: 'HTML comments', payload: 'a<!-- <img src=x onerror=alert(1)> -->b', expected: 'ab' },
];

const badHref = [
  ['a relative path', '/relative/path'],
  ['a bare file name', 'page.html'],
  ['a protocol-relative URL', '//attacker.example/'],
  ['a fragment', '#reply-form'],
  ['a query', '?x=1'],
  ['javascript:', 'javascript:alert(1)'],
  ['JaVaScRiPt: in mixed case', 'JaVaScRiPt:alert(1)'],
  ['javascript: after leading whitespace', '  javascript:alert(1)'],
  ['javascript: with a tab inside the scheme', 'java\tscript:alert(1)'],
  ['javascript: with a newline inside the scheme', 'java\nscript:alert(1)'],
  ['javascript: after a leading control character', '\u0001javascript:alert(1)'],
  ['javascript: after U+2028', '\u2028javascript:alert(1)'],
  ['javascript: with a NUL inside the scheme', 'java\u0000script:alert(1)'],
  ['data:text/html', 'data:text/html,<script>alert(1)</script>'],
  ['data:text/html;base64', 'data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg=='],
  ['data:image (not a link target)', 'data:image/png;base64,iVBORw0KGgo='],
  ['vbscript:', 'vbscript:msgbox(1)'],
  ['feed:javascript:', 'feed:javascript:alert(1)'],
  ['file:', 'file:///etc/passwd'],
  ['ftp:', 'ftp://example.org/'],
  ['tel:', 'tel:+15555550100'],
  ['blob:', 'blob:https://example.org/0b7f1a2e-6c1d-4a7e-9d88-2c0c2b6f8a11'],
  ['about:blank', 'about:blank'],
  ['a URL with user and password', 'https://user:secret@example.org/'],
  ['a URL with a user name', 'https://blog.example@attacker.example/'],
] as const;

const entityObfuscated = [
  ['decimal entities', '&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;alert(1)'],
  ['zero-padded decimal entities without semicolons', '&#0000106&#0000097&#0000118&#0000097&#0000115&#0000099&#0000114&#0000105&#0000112&#0000116&#0000058alert(1)'],
  ['hex entities without semicolons', '&#x6A&#x61&#x76&#x61&#x73&#x63&#x72&#x69&#x70&#x74&#x3A;alert(1)'],
  ['&colon;', 'javascript&colon;alert(1)'],
  ['an encoded tab', 'jav&#x09;ascript:alert(1)'],
  ['an encoded newline', 'jav&#x0A;ascript:alert(1)'],
  ['&Tab;', 'jAva&Tab;script:alert(1)'],
  ['an encoded NBSP before the scheme', '&#xA0;javascript:alert(1)'],
] as const;

for (const [engineName, createEngine] of ENGINES) describe(`sanitizeCommentHtml: allow-list policy (${engineName})`, () => {
  before(function () {
    const engine = createEngine();
    if (!engine) this.skip();
    sanitizeCommentHtml = engine;
    engineUnderTest = engineName;
  });

  it('returns a DocumentFragment, a new one each time', () => {
    const first = sanitizeCommentHtml('<p>x</p>');
    const second = sanitizeCommentHtml('<p>x</p>');
    expect(first).to.be.instanceOf(DocumentFragment);
    expect(first).not.to.equal(second);
    expect(sanitizeCommentHtml('')).to.be.instanceOf(DocumentFragment);
    expect(sanitizeCommentHtml('').childNodes.length).to.equal(0);
  });

  it('leaves only elements and text: no processing instructions (Chromium parses `<?x …>` into them), no comments', () => {
    const fragment = sanitizeCommentHtml('a<?xml-stylesheet href="https://attacker.invalid/x.css"?>b<?x <img src=x onerror=alert(1)>?>c<!-- note --><p>d<?y?></p>');
    const kinds = new Set<number>();
    const walker = document.createTreeWalker(fragment, NodeFilter.SHOW_ALL);
    while (walker.nextNode()) kinds.add(walker.currentNode.nodeType);
    expect([...kinds].sort()).to.deep.equal([Node.ELEMENT_NODE, Node.TEXT_NODE]);
  });

  it('returns a DocumentFragment without frames when the body is a frameset', () => {
    // DOMPurify parses a document, which has no <body> when its first content is <frameset>: nothing is left.
    // The Sanitizer API parses in a template, where <frameset> is ignored: text after it stays, as text.
    for (const payload of ['<frameset><frame src="javascript:alert(1)"></frameset>', '<!-- x --><FRAMESET>', '<meta charset="utf-8"><frameset cols="*"></frameset>tail']) {
      const fragment = sanitizeCommentHtml(payload);
      expect(fragment, payload).to.be.instanceOf(DocumentFragment);
      expect(fragment.querySelectorAll('*').length, payload).to.equal(0);
      expect(fragment.textContent, payload).to.be.oneOf(['', payload.endsWith('tail') ? 'tail' : '']);
    }
    // Text before it makes it an ordinary body again: the frameset is ignored.
    expect(render('hi<frameset></frameset>')).to.equal('hi');
  });

  describe('keeps allowed tags and attributes', () => {
    for (const testCase of allowed) {
      it(testCase.title, () => expect(render(testCase.payload)).to.equal(expectedOf(testCase)));
    }
  });

  describe('drops other attributes', () => {
    for (const testCase of droppedAttributes) {
      it(testCase.title, () => expect(render(testCase.payload)).to.equal(expectedOf(testCase)));
    }
  });

  describe('drops other elements', () => {
    for (const testCase of droppedElements) {
      it(testCase.title, () => expect(render(testCase.payload)).to.equal(expectedOf(testCase)));
    }
  });

  describe('links only to absolute http:, https: and mailto: URLs', () => {
    for (const [title, href] of badHref) {
      it(`removes the href of ${title}`, () => {
        const div = document.createElement('div');
        const anchor = document.createElement('a');
        anchor.setAttribute('href', href);
        anchor.textContent = 'x';
        div.append(anchor);
        // Built with the DOM so control characters reach the sanitiser exactly as given.
        expect(render(div.innerHTML)).to.equal(`<a ${LINK}>x</a>`);
      });
    }
    for (const [title, href] of entityObfuscated) {
      it(`removes a javascript: href obfuscated with ${title}`, () => {
        expect(render(`<a href="${href}">x</a>`)).to.equal(`<a ${LINK}>x</a>`);
      });
    }
  });

  describe('checks cite the same way as href', () => {
    const cases: Case[] = [
      { title: 'javascript: cite on q', payload: '<q cite="javascript:alert(1)">q</q>', expected: '<q>q</q>' },
      { title: 'relative cite on blockquote', payload: '<blockquote cite="/source">b</blockquote>', expected: '<blockquote>b</blockquote>' },
      { title: 'data: cite', payload: '<q cite="data:text/html,x">q</q>', expected: '<q>q</q>' },
      { title: 'cite with credentials', payload: '<blockquote cite="https://u:p@example.org/">b</blockquote>', expected: '<blockquote>b</blockquote>' },
      { title: 'entity-obfuscated javascript: cite', payload: '<q cite="&#106;avascript:alert(1)">q</q>', expected: '<q>q</q>' },
      { title: 'http cite is normalised', payload: '<q cite=" HTTP://Example.ORG ">q</q>', expected: '<q cite="http://example.org/">q</q>' },
      { title: 'mailto: cite passes the same check as a mailto: link', payload: '<q cite="mailto:a@example.org">q</q>', expected: '<q cite="mailto:a@example.org">q</q>' },
    ];
    for (const { title, payload, expected } of cases) {
      it(title, () => expect(render(payload)).to.equal(expected));
    }
  });

  it('gives every link rel="nofollow ugc noopener noreferrer" and target="_blank"', () => {
    const div = document.createElement('div');
    div.append(sanitizeCommentHtml('<p><a href="https://a.example/" target="_top" rel="opener">a</a> <strong><a href="mailto:x@b.example">b</a></strong> <a href="javascript:alert(1)">c</a></p>'));
    const anchors = [...div.querySelectorAll('a')];
    expect(anchors).to.have.length(3);
    for (const anchor of anchors) {
      expect(anchor.getAttribute('rel')).to.equal('nofollow ugc noopener noreferrer');
      expect(anchor.getAttribute('target')).to.equal('_blank');
    }
    expect(anchors.map((anchor) => anchor.getAttribute('href'))).to.deep.equal(['https://a.example/', 'mailto:x@b.example', null]);
  });

  it(`cuts a body longer than MAX_BODY_LENGTH (${MAX_BODY_LENGTH}) before sanitising`, () => {
    const plain = render('a'.repeat(MAX_BODY_LENGTH + 1000));
    expect(plain).to.equal('a'.repeat(MAX_BODY_LENGTH));
    // The cut falls inside "<b>tail</b>": what is left of the tag is closed by the parser.
    const markup = render(`${'x'.repeat(MAX_BODY_LENGTH - 5)}<b>tail</b>`);
    expect(markup).to.equal(`${'x'.repeat(MAX_BODY_LENGTH - 5)}<b>ta</b>`);
    // A body of exactly MAX_BODY_LENGTH is not cut.
    expect(render(`${'y'.repeat(MAX_BODY_LENGTH - 8)}<b>z</b>`)).to.equal(`${'y'.repeat(MAX_BODY_LENGTH - 8)}<b>z</b>`);
  });

  it('a cut inside an attribute value cannot turn attribute text into attributes (CVE-2015-3440 class)', () => {
    const prefix = "<a title='x onmouseover=alert(1) style=position:fixed;inset:0 ";
    const suffix = "'>x</a>";
    for (const extra of [-8, -7, -2, -1, 0, 1, 2, 16]) {
      const filler = 'A'.repeat(MAX_BODY_LENGTH - prefix.length + extra);
      const div = document.createElement('div');
      div.append(sanitizeCommentHtml(`${prefix}${filler}${suffix}`));
      for (const element of div.querySelectorAll('*')) {
        expect(element.getAttributeNames().sort(), `extra ${extra}`).to.deep.equal(['rel', 'target', 'title']);
      }
      // What of the closing "'>" survives the cut decides whether the tag is complete.
      const kept = suffix.slice(0, Math.max(0, -extra));
      const anchor = div.querySelector('a');
      if (kept.startsWith("'>")) {
        expect(anchor, `extra ${extra}`).to.exist;
        expect(anchor!.getAttribute('title'), `extra ${extra}`).to.contain('onmouseover=alert(1)');
        expect(anchor!.textContent, `extra ${extra}`).to.equal(kept.startsWith("'>x") ? 'x' : '');
      } else {
        // The tag never ends: the parser drops it, nothing is rendered.
        expect(div.innerHTML, `extra ${extra}`).to.equal('');
      }
    }
  });

  it('keeps markup-like text in an attribute as text', () => {
    const div = document.createElement('div');
    div.append(sanitizeCommentHtml('<abbr title="&quot;><img src=x onerror=alert(1)>">x</abbr>'));
    expect(div.children).to.have.length(1);
    expect(div.querySelector('abbr')!.getAttribute('title')).to.equal('"><img src=x onerror=alert(1)>');
    expect(div.querySelector('img')).to.equal(null);
  });

  describe('mutation-XSS shapes leave only allow-listed, attribute-free markup', () => {
    const shapes = [
      '<svg></p><style><a id="</style><img src=1 onerror=alert(1)>">',
      '<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>',
      '<form><math><mtext></form><form><mglyph><style></math><img src onerror=alert(1)>',
      '<math><mtext><h1><a><h6></a></h6><mglyph><svg><mtext><style><a title="</style><img src onerror=alert(1)>"></style></h1>',
      '<xmp><p title="</xmp><img src=x onerror=alert(1)>">',
      '<noscript><p title="</noscript><img src=x onerror=alert(1)>">',
      '<svg><p><style><g title="</style><img src=x onerror=alert(1)>">',
      `${'<div>'.repeat(512)}<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>`,
    ];
    const allowedTags = new Set(['a', 'abbr', 'acronym', 'b', 'blockquote', 'br', 'cite', 'code', 'del', 'em', 'i', 'li', 'ol', 'p', 'pre', 'q', 's', 'strike', 'strong', 'ul']);
    for (const shape of shapes) {
      it(shape.length > 120 ? `${shape.slice(0, 40)}… (${shape.length} chars)` : shape, () => {
        const div = document.createElement('div');
        div.append(sanitizeCommentHtml(shape));
        for (const element of div.querySelectorAll('*')) {
          expect(element.namespaceURI).to.equal('http://www.w3.org/1999/xhtml');
          expect(allowedTags.has(element.localName), element.localName).to.equal(true);
          const extra = element.getAttributeNames().filter((name) => !(element.localName === 'a' && (name === 'rel' || name === 'target')));
          expect(extra, element.localName).to.deep.equal([]);
        }
        // Serialising and parsing again gives the same tree (no mutation on a second parse).
        const again = document.createElement('div');
        again.innerHTML = div.innerHTML;
        expect(again.innerHTML).to.equal(div.innerHTML);
      });
    }
  });

  it('parses inertly: sanitising does not load anything', async () => {
    const marker = `sanitize-inert-${Math.random().toString(36).slice(2)}`;
    // A closed local port: requests fail at once, so the control is reported quickly in every browser
    // (a name that never resolves can take seconds to fail under load).
    const host = 'http://127.0.0.1:48';
    const fragment = sanitizeCommentHtml(
      `<img src="${host}/${marker}.png"><link rel="stylesheet" href="${host}/${marker}.css"><video poster="${host}/${marker}-poster.png"></video>`,
    );
    expect(fragment.childNodes.length).to.equal(0);
    // A control: the same kind of request made from the live document does show up.
    const control = new Image();
    control.src = `${host}/${marker}-control.png`;
    const seen = () => performance.getEntriesByType('resource').map((entry) => entry.name).filter((name) => name.includes(marker));
    // A failed request is reported when it fails (later when a service worker passes it on).
    await waitUntil(() => seen().length > 0, 'the control request was not reported', { timeout: 5000 });
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(seen()).to.deep.equal([`${host}/${marker}-control.png`]);
  });
});

describe('the DOMPurify engine', () => {
  it('uses a private DOMPurify instance: the page’s hooks and config do not reach it, and its own do not leak', () => {
    sanitizeCommentHtml = createDomPurifySanitizer();
    try {
      DOMPurify.setConfig({ ALLOWED_TAGS: ['img', 'b'], ALLOWED_ATTR: ['src', 'onerror', 'style'] });
      DOMPurify.addHook('uponSanitizeAttribute', (_node, data) => {
        data.forceKeepAttr = true;
      });
      expect(render('<b onclick="alert(1)" style="color:red">x</b><img src=x onerror=alert(1)>')).to.equal('<b>x</b>');
    } finally {
      DOMPurify.removeAllHooks();
      DOMPurify.clearConfig();
    }
    // Our hooks (rel/target, URL checks) are not installed on the page's default instance.
    const plain = DOMPurify.sanitize('<a href="https://example.org/">x</a>');
    expect(plain).to.equal('<a href="https://example.org/">x</a>');
  });
});
