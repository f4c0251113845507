/**
 * Every shipped catalogue against the English one: the same keys, the same
 * placeholders, every plural form its language needs, and translated (not
 * English left in place).
 */
import { expect } from '@open-wc/testing';
import { en as core, type Messages } from '../../src/i18n/en.js';
import { enSignIn } from '../../src/i18n/en-sign-in.js';
import { englishMessages } from '../../src/i18n/english.js';
import { SHIPPED_LOCALES } from '../../src/i18n/locales.js';
import { translate } from '../../src/i18n/translate.js';

const catalogues = Object.fromEntries(
  await Promise.all(SHIPPED_LOCALES.map(async (locale) => [locale, (await import(`../../src/i18n/locales/${locale}.ts`)).default as Messages])),
) as Record<(typeof SHIPPED_LOCALES)[number], Messages>;

/** The whole English catalogue: its core and the sign-in flow's messages. */
const en: Messages = { ...core, ...enSignIn };

describe('englishMessages (exported)', () => {
  it('is the whole English catalogue, the sign-in flow\'s messages included', () => {
    expect(englishMessages).to.deep.equal(en);
    expect(Object.keys(englishMessages)).to.include.members(['logInWith', 'popupBlocked', 'leaveReply']);
  });
});

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((match) => match[1]).sort();
const forms = (entry: Messages[keyof Messages]) => (typeof entry === 'string' ? [entry] : Object.values(entry));

describe('message catalogues', () => {
  it('ships at least 12 languages besides English, right-to-left ones among them', () => {
    expect(SHIPPED_LOCALES.length).to.be.at.least(12);
    expect(SHIPPED_LOCALES).to.include.members(['ar', 'he', 'zh', 'ja', 'es', 'pt', 'fr', 'de', 'ru', 'pl']);
  });

  for (const locale of SHIPPED_LOCALES) {
    describe(locale, () => {
      const messages = () => catalogues[locale];

      it('has every key of the English catalogue, and no other', () => {
        expect(Object.keys(messages()).sort()).to.deep.equal(Object.keys(en).sort());
      });

      it('keeps the placeholders of each English message', () => {
        for (const key of Object.keys(en) as (keyof Messages)[]) {
          const wanted = placeholders(forms(en[key] as Messages[keyof Messages])[0]!).filter((name) => name !== 'count');
          for (const form of forms(messages()[key])) {
            const found = placeholders(form).filter((name) => name !== 'count');
            expect(found, `${locale}.${key}: "${form}"`).to.deep.equal(wanted);
          }
        }
      });

      it('gives every plural form the language has, each with its count', () => {
        const categories = new Intl.PluralRules(locale).resolvedOptions().pluralCategories;
        for (const key of Object.keys(en) as (keyof Messages)[]) {
          const entry = messages()[key];
          if (typeof en[key] === 'string') {
            expect(entry, `${locale}.${key}`).to.be.a('string');
            continue;
          }
          expect(Object.keys(entry).sort(), `${locale}.${key}`).to.include.members([...categories].sort());
          for (const category of categories) {
            const form = (entry as Record<string, string>)[category]!;
            // "one" may spell the number out (as English "a comment" could); every other form shows it.
            if (category !== 'one' && category !== 'zero' && category !== 'two') expect(form, `${locale}.${key}.${category}`).to.contain('{count}');
          }
        }
      });

      it('is translated: no message left empty, and hardly any left in English', () => {
        let same = 0;
        for (const key of Object.keys(en) as (keyof Messages)[]) {
          for (const form of forms(messages()[key])) expect(form.trim(), `${locale}.${key}`).to.not.equal('');
          if (JSON.stringify(messages()[key]) === JSON.stringify(en[key])) same += 1;
        }
        // A few words are the same in both ("Moderator", "Website" in German).
        expect(same, `${locale}: messages identical to English`).to.be.at.most(3);
      });

      it('names each Reply button with its visible word (WCAG 2.5.3, label in name)', () => {
        const visible = (messages().reply as string).toLowerCase();
        expect((messages().replyTo as string).toLowerCase(), `${locale}.replyTo`).to.contain(visible);
      });

      it('fills counts with the right plural form', () => {
        const rules = new Intl.PluralRules(locale);
        for (const count of [0, 1, 2, 3, 5, 11, 22, 101]) {
          const entry = messages().commentCount as Record<string, string>;
          const expected = (entry[rules.select(count)] ?? entry.other!).replace('{count}', String(count));
          expect(translate('commentCount', { count }, messages(), locale)).to.equal(expected);
        }
      });
    });
  }
});
