/** Named character references that servers use in plain-text fields (names, messages). */
const NAMED: Record<string, string> = {
  amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0',
  hellip: '…', ndash: '–', mdash: '—', lsquo: '‘', rsquo: '’', ldquo: '“', rdquo: '”',
  laquo: '«', raquo: '»', copy: '©', reg: '®', trade: '™',
};

/**
 * The text of a short, server-escaped string such as a WordPress author name
 * or error message: tags dropped, character references decoded. Done by hand
 * rather than with `DOMParser`, which a page enforcing Trusted Types refuses
 * a plain string. An unknown reference is kept as it is.
 */
export function htmlToText(html: string): string {
  return html
    .replace(/<[^>]*>/g, '')
    .replace(/&(?:#(\d{1,7})|#x([\da-f]{1,6})|([a-z]{2,8}));/gi, (match, decimal?: string, hex?: string, name?: string) => {
      if (name !== undefined) return Object.hasOwn(NAMED, name) ? NAMED[name]! : match;
      const code = decimal !== undefined ? Number(decimal) : parseInt(hex!, 16);
      // NUL, surrogates and values past Unicode are what the HTML parser turns into U+FFFD.
      return code === 0 || code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff) ? '\ufffd' : String.fromCodePoint(code);
    })
    .trim();
}
