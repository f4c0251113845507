/** Tags as pages write them, made ones `Intl` takes. */
import { expect } from '@open-wc/testing';
import { intlLocale } from '../../src/i18n/locales.js';

describe('intlLocale', () => {
  it('reads underscores and odd case as the tag they mean', () => {
    expect(intlLocale('de_DE', 'de')).to.equal('de-DE');
    expect(intlLocale('zh_Hant_TW', 'zh')).to.equal('zh-Hant-TW');
    expect(intlLocale('EN-us', 'en')).to.equal('en-US');
    expect(intlLocale('pt-BR', 'pt')).to.equal('pt-BR');
  });

  it('gives the fallback for what Intl refuses, so dates and plurals never throw', () => {
    for (const tag of ['x-klingon', 'C', 'en-', 'root', '']) {
      const locale = intlLocale(tag, 'en');
      expect(locale, JSON.stringify(tag)).to.equal('en');
      expect(() => new Intl.DateTimeFormat(locale).format(0)).not.to.throw();
    }
  });
});
