import { expect } from '@open-wc/testing';
import { safeIconUrl, safeUrl } from '../../src/sanitize/urls.js';
import { MAX_NAME_LENGTH, cleanDisplayName, initialOf } from '../../src/sanitize/text.js';

const hex = (text: string) => Array.from(text, (char) => `U+${char.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`).join(' ');

describe('safeUrl', () => {
  const kept: [string, string][] = [
    ['https://example.org', 'https://example.org/'],
    ['https://example.org/path?q=1&r=2#frag', 'https://example.org/path?q=1&r=2#frag'],
    ['http://example.org/', 'http://example.org/'],
    ['  https://example.org/  ', 'https://example.org/'],
    ['HTTPS://EXAMPLE.ORG/A', 'https://example.org/A'],
    // Normalised, so what is shown and followed is the real host.
    ['https://münchen.example/', 'https://xn--mnchen-3ya.example/'],
    ['http://0x7f.1/', 'http://127.0.0.1/'],
    ['http://2130706433/', 'http://127.0.0.1/'],
    // Quotes and spaces cannot break out of an attribute: they come back percent-encoded.
    ['https://attacker.invalid/" onmouseover="alert(1)', 'https://attacker.invalid/%22%20onmouseover=%22alert(1)'],
    // A single quote is legal in a URL path and stays; the widget only ever sets URLs as attribute values through the DOM.
    ["https://x.invalid/' onmouseover='alert(1)", "https://x.invalid/'%20onmouseover='alert(1)"],
    ['https://example.org/\u202e/moc', 'https://example.org/%E2%80%AE/moc'],
  ];
  for (const [input, expected] of kept) {
    it(`keeps ${JSON.stringify(input)} as ${expected}`, () => expect(safeUrl(input)).to.equal(expected));
  }

  const rejected: [string, unknown][] = [
    ['null', null],
    ['undefined', undefined],
    ['a number', 42],
    ['an empty string', ''],
    ['whitespace', ' \t\n '],
    ['a relative path', '/path'],
    ['a bare host', 'example.org'],
    ['a protocol-relative URL', '//attacker.invalid/'],
    ['a backslash UNC-style path', '\\\\attacker.invalid\\path'],
    ['a fragment', '#x'],
    ['javascript:', 'javascript:alert(1)'],
    ['javascript: after a C0 control', '\u0001javascript:alert(1)'],
    ['javascript: with a newline in the scheme', 'java\nscript:alert(1)'],
    ['javascript: with a tab in the scheme', 'java\tscript:alert(1)'],
    ['javascript://%0a…', 'javascript://%0aalert(1)'],
    ['javascript://https://…', 'javascript://https://blog.example/%0aalert(1)'],
    ['an HTML-entity-encoded scheme (never decoded)', '&#106;avascript:alert(1)'],
    ['javascript&colon;', 'javascript&colon;alert(1)'],
    ['data:text/html', 'data:text/html,<script>alert(1)</script>'],
    ['data:image', 'data:image/png;base64,iVBORw0KGgo='],
    ['vbscript:', 'vbscript:msgbox(1)'],
    ['file:', 'file:///etc/passwd'],
    ['ftp:', 'ftp://example.org/'],
    ['blob:', 'blob:https://example.org/0b7f1a2e-6c1d-4a7e-9d88-2c0c2b6f8a11'],
    ['mailto: (not asked for)', 'mailto:a@example.org'],
    ['a user name', 'https://blog.example@attacker.invalid/'],
    ['a user name and password', 'https://user:secret@example.org/'],
    ['a password only', 'https://:secret@example.org/'],
  ];
  for (const [title, input] of rejected) {
    it(`rejects ${title}`, () => expect(safeUrl(input as string)).to.equal(null));
  }

  it('accepts mailto: only when asked', () => {
    expect(safeUrl('mailto:victim@blog.example?subject=x&body=y', { allowMailto: true })).to.equal('mailto:victim@blog.example?subject=x&body=y');
    expect(safeUrl('MAILTO:a@example.org', { allowMailto: true })).to.equal('mailto:a@example.org');
    expect(safeUrl('mailto:a@example.org')).to.equal(null);
    expect(safeUrl('javascript:alert(1)', { allowMailto: true })).to.equal(null);
    expect(safeUrl('https://u:p@example.org/', { allowMailto: true })).to.equal(null);
  });
});

describe('safeIconUrl', () => {
  const kept: [string, string][] = [
    ['data:image/png;base64,iVBORw0KGgo=', 'data:image/png;base64,iVBORw0KGgo='],
    ['data:image/gif;base64,R0lGODlhAQABAAAAACw=', 'data:image/gif;base64,R0lGODlhAQABAAAAACw='],
    ['data:image/jpeg;base64,/9j/4AAQ', 'data:image/jpeg;base64,/9j/4AAQ'],
    ['data:image/webp;base64,UklGRg==', 'data:image/webp;base64,UklGRg=='],
    ['data:image/avif;base64,AAAA', 'data:image/avif;base64,AAAA'],
    ['data:image/svg+xml,<svg xmlns="http://www.w3.org/2000/svg"/>', 'data:image/svg+xml,<svg xmlns="http://www.w3.org/2000/svg"/>'],
    ['DATA:IMAGE/PNG;base64,AAAA', 'DATA:IMAGE/PNG;base64,AAAA'],
    ['  data:image/png;base64,AAAA  ', 'data:image/png;base64,AAAA'],
    ['https://idp.example/icon.svg', 'https://idp.example/icon.svg'],
  ];
  for (const [input, expected] of kept) {
    it(`keeps ${JSON.stringify(input.slice(0, 40))}`, () => expect(safeIconUrl(input)).to.equal(expected));
  }

  const rejected: [string, unknown][] = [
    ['null', null],
    ['undefined', undefined],
    ['data:text/html', 'data:text/html,<script>alert(1)</script>'],
    ['data:text/html;base64', 'data:text/html;base64,PHNjcmlwdD4='],
    ['data:image/png without ; or ,', 'data:image/png'],
    ['data:image/pngx (a longer type)', 'data:image/pngx,AAAA'],
    ['data:image/x-icon (not listed)', 'data:image/x-icon;base64,AAAA'],
    ['data:application/octet-stream', 'data:application/octet-stream;base64,AAAA'],
    ['javascript:', 'javascript:alert(1)'],
    ['a relative path', 'icon.png'],
    ['a protocol-relative URL', '//attacker.invalid/icon.png'],
    ['credentials', 'https://user:pw@idp.example/icon.png'],
  ];
  for (const [title, input] of rejected) {
    it(`rejects ${title}`, () => expect(safeIconUrl(input as string)).to.equal(null));
  }
});

describe('cleanDisplayName', () => {
  const bidi = [
    '\u202a', '\u202b', '\u202c', '\u202d', '\u202e', // embeddings and overrides
    '\u2066', '\u2067', '\u2068', '\u2069', // isolates
    '\u200e', '\u200f', // LRM, RLM
    '\u061c', // Arabic letter mark
  ];
  for (const char of bidi) {
    it(`strips bidi control ${hex(char)}`, () => expect(cleanDisplayName(`ev${char}il${char}`)).to.equal('evil'));
  }

  const invisible: [string, string][] = [
    ['\u200b', 'zero width space'],
    ['\u200c', 'zero width non-joiner'],
    ['\u2060', 'word joiner'],
    ['\ufeff', 'byte order mark'],
    ['\u00ad', 'soft hyphen'],
    ['\u034f', 'combining grapheme joiner'],
    ['\u180e', 'Mongolian vowel separator'],
    ['\u115f', 'Hangul choseong filler'],
    ['\u3164', 'Hangul filler'],
    ['\ufe0f', 'variation selector-16 after a letter'],
    ['\u{e0041}', 'tag latin capital letter A'],
    ['\u{e0001}', 'language tag'],
    ['\u{1d173}', 'musical symbol begin beam'],
    ['\u0000', 'NUL'],
    ['\u0007', 'BEL'],
    ['\u001b', 'ESC'],
    ['\u007f', 'DEL'],
    ['\u0085', 'next line (C1)'],
    ['\u009b', 'CSI (C1)'],
  ];
  for (const [char, name] of invisible) {
    it(`strips ${name} (${hex(char)})`, () => expect(cleanDisplayName(`ad${char}min`)).to.equal('admin'));
  }

  it('strips text smuggled in tag characters (corpus entry 391)', () => {
    expect(cleanDisplayName('Blog Author\u{E0041}\u{E0064}\u{E006D}')).to.equal('Blog Author');
  });

  const emoji: [string, string][] = [
    ['family ZWJ sequence', '👨\u200d👩\u200d👧 Family'],
    ['rainbow flag (VS16 + ZWJ)', '🏳\ufe0f\u200d🌈'],
    ['man with beard (ZWJ + VS16)', '🧔\u200d\u2642\ufe0f'],
    ['heart on fire', '\u2764\ufe0f\u200d🔥'],
    ['couple with heart', '👩\u200d\u2764\ufe0f\u200d👨'],
    ['skin tone modifier', '👋🏽'],
    ['red heart (VS16)', '\u2764\ufe0f'],
    ['keycap', '1\ufe0f\u20e3'],
    ['regional-indicator flag', '🇩🇪'],
    ['subdivision flag (tag sequence)', '🏴\u{e0067}\u{e0062}\u{e0073}\u{e0063}\u{e0074}\u{e007f}'],
  ];
  for (const [title, name] of emoji) {
    it(`keeps emoji: ${title}`, () => expect(hex(cleanDisplayName(name))).to.equal(hex(name)));
  }

  it('keeps legitimate letters of every script', () => {
    for (const name of ['Zoë Ørsted-Łukasiewicz 田中', 'محمد الأحمد', 'O\'Brien & "Sons" <Ltd>', 'Ἀριστοτέλης', 'देवनागरी', 'e\u0301mile']) {
      expect(cleanDisplayName(name)).to.equal(name);
    }
  });

  it('collapses runs of whitespace (including NBSP, ideographic space, line separators) and trims', () => {
    expect(cleanDisplayName('  Ada \t\n Lovelace  ')).to.equal('Ada Lovelace');
    expect(cleanDisplayName('Ada\u00a0\u00a0Lovelace')).to.equal('Ada Lovelace');
    expect(cleanDisplayName('Ada\u3000Lovelace\u2028\u2029')).to.equal('Ada Lovelace');
    expect(cleanDisplayName('Ada \u200b Lovelace')).to.equal('Ada Lovelace');
  });

  it('returns an empty string for names made only of invisible characters', () => {
    expect(cleanDisplayName('\u202e\u200b\u2060 \ufeff')).to.equal('');
    expect(cleanDisplayName('\u115f\u1160')).to.equal('');
  });

  it('never cuts an emoji sequence in half when capping, and stays cheap for huge names', () => {
    const family = '👨‍👩‍👧';
    expect(cleanDisplayName(family.repeat(MAX_NAME_LENGTH + 3))).to.equal(`${family.repeat(MAX_NAME_LENGTH)}…`);
    expect(cleanDisplayName(`${'\u200b'.repeat(990)}Ann`)).to.equal('Ann');
    // Only the first 1,000 UTF-16 units are examined; a surrogate pair cut there leaves no half behind.
    expect(cleanDisplayName(`${'\u200b'.repeat(999)}😀 and more`)).to.equal('');
  });

  it(`caps the length at MAX_NAME_LENGTH (${MAX_NAME_LENGTH}) characters, with an ellipsis`, () => {
    expect(cleanDisplayName('a'.repeat(MAX_NAME_LENGTH))).to.equal('a'.repeat(MAX_NAME_LENGTH));
    expect(cleanDisplayName('a'.repeat(MAX_NAME_LENGTH + 1))).to.equal(`${'a'.repeat(MAX_NAME_LENGTH)}…`);
    expect(cleanDisplayName('b'.repeat(1_000_000))).to.equal(`${'b'.repeat(MAX_NAME_LENGTH)}…`);
    // Counted in code points, so astral characters are never split into lone surrogates.
    const capped = cleanDisplayName('😀'.repeat(MAX_NAME_LENGTH + 5));
    expect(Array.from(capped)).to.have.length(MAX_NAME_LENGTH + 1);
    expect(capped).to.equal(`${'😀'.repeat(MAX_NAME_LENGTH)}…`);
    // Invisible characters do not count towards the length.
    expect(cleanDisplayName(`${'\u200b'.repeat(500)}${'c'.repeat(MAX_NAME_LENGTH)}`)).to.equal('c'.repeat(MAX_NAME_LENGTH));
  });
});

describe('initialOf', () => {
  const cases: [string, string][] = [
    ['alice', 'A'],
    ['Bob', 'B'],
    ['émile', 'É'],
    ['e\u0301mile', 'E\u0301'],
    ['田中', '田'],
    ['محمد', 'م'],
    ['👨\u200d👩\u200d👧 Family', '👨\u200d👩\u200d👧'],
    ['🇩🇪 Berlin', '🇩🇪'],
    ['😀', '😀'],
    ['', '?'],
  ];
  for (const [name, expected] of cases) {
    it(`${JSON.stringify(name)} → ${JSON.stringify(expected)}`, () => expect(initialOf(name)).to.equal(expected));
  }
});
