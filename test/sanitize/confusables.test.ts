import { expect } from '@open-wc/testing';
import { looksAlike, looksLikeOneOf, nameSkeleton } from '../../src/sanitize/confusables.js';

const hex = (text: string) => Array.from(text, (c) => `U+${c.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`).join(' ');

describe('nameSkeleton / looksAlike', () => {
  const alike: [string, string, string][] = [
    ['Cyrillic capital А', '\u0410nn', 'Ann'],
    ['Cyrillic а, е, о, р, с, х, у', '\u0430\u0435\u043e\u0440\u0441\u0445\u0443', 'aeopcxy'],
    ['Cyrillic capitals В, Н, М, Т, К that look Latin', '\u0412\u041d\u041c\u0422\u041a', 'bhmtk'],
    ['Cyrillic і, ј, ѕ, һ, ԁ, ԛ, ԝ, ӏ', '\u0456\u0458\u0455\u04bb\u0501\u051b\u051d\u04cf', 'ijshdqwl'],
    ['Greek capitals Α Β Ε Ζ Η Ι Κ Μ Ν Ο Ρ Τ Υ Χ', '\u0391\u0392\u0395\u0396\u0397\u0399\u039a\u039c\u039d\u039f\u03a1\u03a4\u03a5\u03a7', 'ABEZHIKMNOPTYX'],
    ['Greek small ο, ρ, ν, α, ι', '\u03bf\u03c1\u03bd\u03b1\u03b9', 'opvai'],
    ['Greek Η is H but η is n', '\u0397\u03b7', 'hn'],
    ['Armenian օ', 'B\u0585b', 'Bob'],
    ['fullwidth letters', '\uff21\uff4e\uff4e', 'Ann'],
    ['mathematical bold letters', '\u{1d400}\u{1d427}\u{1d427}', 'Ann'],
    ['precomposed accents', 'Ânn Lée', 'Ann Lee'],
    ['combining accents', 'A\u0302nn', 'Ann'],
    ['zero-width joiner inside', 'A\u200Dnn', 'Ann'],
    ['zero-width space, bidi override and soft hyphen inside', 'A\u200Bn\u202En\u00AD', 'Ann'],
    ['a Hangul filler inside', 'An\u3164n', 'Ann'],
    ['"rn" for "m"', 'Jirn', 'Jim'],
    ['"vv" for "w"', 'VVill', 'Will'],
    ['0 for o', 'B0b', 'Bob'],
    ['1 for l', 'A1ice', 'Alice'],
    ['capital I for l', 'AIice', 'Alice'],
    ['dotless ı for i', 'L\u0131sa', 'Lisa'],
    ['case', 'ANN LEE', 'ann lee'],
    ['spacing and punctuation', ' Ann  Lee. ', 'Ann-Lee'],
    ['an emoji added', 'Ann 🙂', 'Ann'],
    ['ligature ﬁ', 'Gri\ufb03n', 'Griffin'],
  ];
  for (const [title, a, b] of alike) {
    it(`folds ${title}: ${JSON.stringify(a)} ~ ${JSON.stringify(b)}`, () => {
      expect(nameSkeleton(a), hex(a)).to.equal(nameSkeleton(b));
      expect(looksAlike(a, b)).to.equal(true);
    });
  }

  const different: [string, string][] = [
    ['Ann', 'Anne'],
    ['Bob', 'Rob'],
    ['Ann Lee', 'Ann Li'],
    ['Jim', 'Jin'],
    ['李', '季'],
  ];
  for (const [a, b] of different) {
    it(`keeps ${JSON.stringify(a)} and ${JSON.stringify(b)} apart`, () => expect(looksAlike(a, b)).to.equal(false));
  }

  it('folds to Latin lower case, letters and digits only', () => {
    expect(nameSkeleton('\u0410nn L\u0435e')).to.equal('annlee');
    expect(nameSkeleton('Ｍａｒíａ')).to.equal('marla');
    expect(nameSkeleton('Zoë 2')).to.equal('zoe2');
  });

  it('keeps letters of other scripts, so their names still compare', () => {
    expect(nameSkeleton('山田 太郎')).to.equal('山田太郎');
    expect(looksAlike('محمد', 'محمد')).to.equal(true);
  });

  it('never matches names without a letter or digit', () => {
    expect(nameSkeleton('\u200B\u202E 🙂 .')).to.equal('');
    expect(looksAlike('', '')).to.equal(false);
    expect(looksAlike('🙂', '🙃')).to.equal(false);
  });

  it('folds at most the first 1,000 units of a huge name', () => {
    expect(nameSkeleton('a'.repeat(1_000_000))).to.equal('a'.repeat(1_000));
  });
});

describe('looksLikeOneOf', () => {
  it('matches a name against a list of owner names', () => {
    const owners = ['Ann Lee', 'Bob'];
    expect(looksLikeOneOf('\u0410nn Lee', owners)).to.equal(true);
    expect(looksLikeOneOf('B0B', owners)).to.equal(true);
    expect(looksLikeOneOf('Carol', owners)).to.equal(false);
  });

  it('follows a new list, and ignores owner names that fold to nothing or are not strings', () => {
    expect(looksLikeOneOf('Ann', ['Ann'])).to.equal(true);
    expect(looksLikeOneOf('Ann', ['Bob'])).to.equal(false);
    expect(looksLikeOneOf('', ['', ' ', '\u200B'])).to.equal(false);
    expect(looksLikeOneOf('🙂', ['🙂'])).to.equal(false);
    expect(looksLikeOneOf('42', [42 as unknown as string, '42'])).to.equal(true);
    expect(looksLikeOneOf('Ann', 'Ann' as unknown as string[])).to.equal(false);
  });

  it('also compares the parts of a name set apart by brackets or separators (a name plus a role)', () => {
    const owners = ['Blog Author', 'Kim'];
    for (const name of ['Blog Author (Admin)', 'Blog Author [mod]', 'Kim | moderator', 'Moderator: Kim', 'Kim, site owner', 'Kim — admin', 'Blog Author（Admin）', '\u0412log \u0410uthor (Admin)']) {
      expect(looksLikeOneOf(name, owners), name).to.equal(true);
    }
    // Hyphens and apostrophes join a name; a part is compared whole, never searched for inside.
    for (const name of ['Kim-Lee', "Kim's fan", 'Kimberly (admin)', 'Blog Authority', 'Not the Blog Author']) {
      expect(looksLikeOneOf(name, owners), name).to.equal(false);
    }
  });

});
