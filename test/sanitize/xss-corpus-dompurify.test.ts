/**
 * The attack corpus again, in a page without the HTML Sanitizer API: bodies
 * go through the DOMPurify engine, as in browsers that lack the API.
 */
import './without-native-sanitizer.js';
import { expect } from '@open-wc/testing';
import { sanitizerEngine } from '../../src/sanitize/sanitize-html.js';
import { describeCorpusRun } from './corpus-suite.js';

describeCorpusRun('attack corpus through <parley-comments>, sanitised by DOMPurify', 'corpus-dompurify');

describe('the engine of that run', () => {
  it('was DOMPurify', () => expect(sanitizerEngine()).to.equal('dompurify'));
});
