/**
 * Script-tag entry (dist/parley.js):
 * `<script src="parley.js" data-endpoint="…" data-thread="…" async></script>`
 * registers <parley-comments> and mounts one for the script that loaded it.
 */
import { ParleyComments } from './elements/parley-comments.js';
import { besideScript } from './embed/beside-script.js';
import { mountFromScript } from './embed/mount.js';
import type { Messages } from './i18n/en.js';
import { setLocaleLoader } from './i18n/locales.js';

ParleyComments.define();

const script = document.currentScript;
if (script instanceof HTMLScriptElement) {
  // Other languages than English are files beside this one (locales/fr.js …), loaded when a page asks for one.
  setLocaleLoader((locale) => import(besideScript(`locales/${locale}.js`)).then((module: { default: Messages }) => module.default));
  mountFromScript(script);
}
else console.warn('[parley] parley.js could not find its own <script> element; nothing was mounted.');
