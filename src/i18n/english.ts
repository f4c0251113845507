import { en, type Messages } from './en.js';
import { enSignIn } from './en-sign-in.js';

/**
 * The whole English catalogue: the core messages and the sign-in flow's, e.g.
 * to start a translation from (`registerLocale` wants every key).
 */
export const englishMessages: Messages = Object.freeze({ ...en, ...enSignIn });
