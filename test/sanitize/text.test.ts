/**
 * Names beyond invisible characters (those are covered with the URL tests):
 * marks piled onto one letter and blank "letters".
 */
import { expect } from '@open-wc/testing';
import { MAX_MARKS, MAX_NAME_LENGTH, ONE_UNIT_GRAPHEMES, cleanDisplayName, initialOf } from '../../src/sanitize/text.js';

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

describe('names that skip the grapheme segmenter', () => {
  it('covers only characters that are a grapheme each, next to one another and to ASCII', () => {
    const segmenter = new Intl.Segmenter(undefined, { granularity: 'grapheme' });
    const covered: string[] = [];
    for (let code = 0; code <= 0xffff; code++) {
      const character = String.fromCharCode(code);
      if (ONE_UNIT_GRAPHEMES.test(character)) covered.push(character);
    }
    expect(covered.length, 'the fast path covers the common scripts').to.be.above(30_000);
    const misjoined = covered.filter((character) => {
      const sample = `a${character}${character}a`;
      return Array.from(segmenter.segment(sample)).length !== 4;
    });
    expect(misjoined.map((character) => character.codePointAt(0)!.toString(16))).to.deep.equal([]);
    // Characters that do join their neighbours stay on the segmenter's path.
    for (const joining of ['e\u0301', '\u1100\u1161', '\u0915\u094d', '\u{1F44D}', '\u3099']) expect(ONE_UNIT_GRAPHEMES.test(joining), joining).to.equal(false);
  });

  it('cuts and capitalises fast-path names as the segmenter would', () => {
    expect(cleanDisplayName('Ж'.repeat(MAX_NAME_LENGTH + 5))).to.equal(`${'Ж'.repeat(MAX_NAME_LENGTH)}…`);
    expect(initialOf('élodie')).to.equal('É');
    expect(initialOf('e\u0301lodie')).to.equal('E\u0301');
  });
});
