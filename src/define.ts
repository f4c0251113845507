/** Side-effect entry: registers <parley-comments>. */
import { ParleyComments } from './elements/parley-comments.js';

ParleyComments.define();

export { ParleyComments };
