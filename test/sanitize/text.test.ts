/**
 * Names beyond invisible characters (those are covered with the URL tests):
 * marks piled onto one letter and blank "letters".
 */
import { expect } from '@open-wc/testing';
import { MAX_MARKS, cleanDisplayName } from '../../src/sanitize/text.js';

describe('cleanDisplayName: stacked marks and blank letters', () => {
  it(`keeps at most ${MAX_MARKS} combining marks on one character ("Zalgo" text)`, () => {
    const zalgo = `Z${'\u0336\u0337\u0338\u0489'.repeat(40)}oe`;
    const cleaned = cleanDisplayName(zalgo);
    expect(cleaned).to.equal(`Z${'\u0336\u0337\u0338\u0489\u0336\u0337'}oe`);
    expect(Array.from(cleaned).filter((c) => /\p{M}/u.test(c))).to.have.length(MAX_MARKS);
  });

  it('keeps the marks real writing stacks', () => {
    for (const name of ['Nguyễn Thị Ánh', 'Phạm Quỳnh', 'ཨོཾ་མ་ཎི', 'क्षत्रिय', 'สมศักดิ์', 'Ḥ̣ọ̈̀']) {
      expect(cleanDisplayName(name)).to.equal(name);
    }
  });

  it('removes blank Braille patterns, so a name cannot look empty', () => {
    expect(cleanDisplayName('\u2800\u2800\u2800')).to.equal('');
    expect(cleanDisplayName('A\u2800nn')).to.equal('Ann');
  });

  it('keeps emoji with presentation selectors and keycaps whole', () => {
    for (const name of ['🏳️‍⚧️ Sam', '#️⃣1️⃣ Kim', '👁️‍🗨️']) expect(cleanDisplayName(name)).to.equal(name);
  });
});
