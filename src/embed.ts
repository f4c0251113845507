/**
 * Script-tag entry (dist/parley.js):
 * `<script src="parley.js" data-endpoint="…" data-thread="…" async></script>`
 * registers <parley-comments> and mounts one for the script that loaded it.
 */
import { ParleyComments } from './elements/parley-comments.js';
import { mountFromScript } from './embed/mount.js';

ParleyComments.define();

const script = document.currentScript;
if (script instanceof HTMLScriptElement) mountFromScript(script);
else console.warn('[parley] parley.js could not find its own <script> element; nothing was mounted.');
