/** Side-effect entry: registers <parley-comments>. */
import { ParleyComments } from './elements/parley-comments.js';
import './i18n/shipped-locales.js';

ParleyComments.define();

export { ParleyComments };
