/**
 * For the npm package: the shipped catalogues as modules of their own, so a
 * bundler splits them off and a page loads only the language it shows. (The
 * script tag loads them from beside itself instead; see embed.ts.)
 */
import type { Messages } from './en.js';
import { setLocaleLoader } from './locales.js';

const modules: Record<string, () => Promise<{ default: Messages }>> = {
  ar: () => import('./locales/ar.js'),
  de: () => import('./locales/de.js'),
  es: () => import('./locales/es.js'),
  fr: () => import('./locales/fr.js'),
  he: () => import('./locales/he.js'),
  it: () => import('./locales/it.js'),
  ja: () => import('./locales/ja.js'),
  nl: () => import('./locales/nl.js'),
  pl: () => import('./locales/pl.js'),
  pt: () => import('./locales/pt.js'),
  ru: () => import('./locales/ru.js'),
  zh: () => import('./locales/zh.js'),
};

setLocaleLoader(async (locale) => {
  const load = Object.hasOwn(modules, locale) ? modules[locale] : undefined;
  if (!load) throw new Error(`Parley ships no "${locale}" messages`);
  return (await load()).default;
});
