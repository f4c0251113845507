import { readdirSync, rmSync } from 'node:fs';
import { posix } from 'node:path';
import { fileURLToPath } from 'node:url';
import nodeResolve from '@rollup/plugin-node-resolve';
import terser from '@rollup/plugin-terser';
import typescript from '@rollup/plugin-typescript';
import ts from 'typescript';
import { minifyTemplateLiterals } from 'rollup-plugin-minify-template-literals';

const terserOptions = { ecma: 2022, module: true, format: { comments: false }, compress: { passes: 2 } };

/** The shipped catalogues besides English (src/i18n/locales/<tag>.ts). */
const locales = readdirSync('src/i18n/locales').map((file) => file.replace(/\.ts$/, ''));

/**
 * Swaps a module for another in a script-tag build: `importer` (a path
 * suffix) importing `source` gets `replacement` instead.
 */
const swapModule = (name, importer, source, replacement) => ({
  name,
  resolveId(id, from) {
    if (id !== source || !from?.endsWith(importer)) return null;
    return fileURLToPath(new URL(replacement, import.meta.url));
  },
});

/**
 * Script tags cannot split code into chunks: they fetch the DOMPurify engine
 * (dist/parley-dompurify.js) from beside themselves instead.
 */
const dompurifyBesideScript = swapModule('dompurify-beside-script', '/src/sanitize/sanitize-html.ts', './load-dompurify.js', 'src/embed/load-dompurify.ts');

/** …and the reader of very large pages (dist/parley-large-pages.js) too. */
const jsonSlicesBesideScript = swapModule('json-slices-beside-script', '/src/backends/http.ts', './load-json-slices.js', 'src/embed/load-json-slices.ts');

/** …and the look-alike name check (dist/parley-owner-names.js) too. */
const confusablesBesideScript = swapModule('confusables-beside-script', '/src/elements/owner-names.ts', '../sanitize/load-confusables.js', 'src/embed/load-confusables.ts');

/** The guest-only script tags (their `data-identities` knows no provider) carry no provider sign-in flow. */
const guestOnlySignIn = swapModule('guest-only-sign-in', '/src/elements/parley-comments.ts', './provider-sign-in.js', 'src/embed/guest-only-sign-in.ts');

const scriptTagTypescript = () =>
  typescript({ tsconfig: './tsconfig.json', rootDir: 'src', declaration: false, declarationMap: false, outDir: 'dist', sourceMap: true });

/**
 * npm build: gives each language file (dist/locales/<tag>.js, built below)
 * a declaration beside it, then keeps only the declarations that an entry's
 * or a language file's declaration reaches through its imports; the others
 * (script-tag-only modules, for one) would be types of files nobody can import.
 */
const npmDeclarations = () => ({
  name: 'npm-declarations',
  generateBundle(_, bundle) {
    for (const locale of locales) {
      if (!bundle[`i18n/locales/${locale}.d.ts`]) this.error(`no declaration for src/i18n/locales/${locale}.ts`);
      this.emitFile({ type: 'asset', fileName: `locales/${locale}.d.ts`, source: `export { default } from '../i18n/locales/${locale}.js';\n` });
    }
    const entries = Object.values(bundle).filter((file) => file.type === 'chunk' && file.isEntry);
    const pending = [...entries.map((chunk) => chunk.fileName.replace(/\.js$/, '.d.ts')), ...locales.map((locale) => `locales/${locale}.d.ts`)];
    const reached = new Set();
    while (pending.length > 0) {
      const fileName = pending.pop();
      if (reached.has(fileName)) continue;
      const declaration = bundle[fileName];
      if (!declaration) this.error(`${fileName} is imported by a declaration but was not emitted`);
      reached.add(fileName);
      for (const { fileName: specifier } of ts.preProcessFile(String(declaration.source), true, true).importedFiles) {
        if (!specifier.startsWith('.')) continue;
        pending.push(posix.join(posix.dirname(fileName), specifier).replace(/\.js$/, '.d.ts'));
      }
    }
    for (const fileName of Object.keys(bundle)) {
      if (fileName.endsWith('.d.ts') && !reached.has(fileName)) delete bundle[fileName];
    }
  },
});

export default [
  // npm: ES modules with type declarations; lit and dompurify stay dependencies.
  // Built first, into an emptied dist/, so that nothing from an earlier build is packed.
  {
    input: { index: 'src/index.ts', define: 'src/define.ts', waline: 'src/waline.ts' },
    external: [/^lit(\/|$)/, /^@lit\//, /^dompurify$/],
    output: { dir: 'dist', format: 'esm', preserveModules: true, preserveModulesRoot: 'src', sourcemap: true },
    plugins: [
      { name: 'empty-dist', buildStart: () => rmSync(new URL('dist', import.meta.url), { recursive: true, force: true }) },
      typescript({
        tsconfig: './tsconfig.json',
        rootDir: 'src',
        outDir: 'dist',
        declaration: true,
        // src/ is not in the package: the .js maps carry the TypeScript they
        // map to (sourcesContent, from `inlineSources` in tsconfig.json), and
        // no declaration maps are emitted (they could only point at .ts files
        // a consumer does not have).
        declarationMap: false,
        sourceMap: true,
      }),
      npmDeclarations(),
    ],
  },
  // The script tag's other languages: one small module each, beside it (dist/locales/fr.js …), loaded when a page asks.
  {
    input: Object.fromEntries(locales.map((locale) => [locale, `src/i18n/locales/${locale}.ts`])),
    output: { dir: 'dist/locales', format: 'es', entryFileNames: '[name].js' },
    plugins: [
      typescript({ tsconfig: './tsconfig.json', rootDir: 'src', declaration: false, declarationMap: false, outDir: 'dist/locales', sourceMap: false }),
      terser(terserOptions),
    ],
  },
  // The script tags' sanitiser where the browser has no HTML Sanitizer API: DOMPurify and the policy, one module.
  {
    input: 'src/sanitize/dompurify-engine.ts',
    output: { file: 'dist/parley-dompurify.js', format: 'es', sourcemap: true },
    plugins: [nodeResolve({ browser: true }), scriptTagTypescript(), terser(terserOptions)],
  },
  // The script tags' look-alike name check, fetched only by pages that set owner names.
  {
    input: 'src/sanitize/confusables.ts',
    output: { file: 'dist/parley-owner-names.js', format: 'es', sourcemap: true },
    plugins: [scriptTagTypescript(), terser(terserOptions)],
  },
  // The script tags' reader of pages of thousands of comments, fetched only for such pages.
  {
    input: 'src/backends/json-slices.ts',
    output: { file: 'dist/parley-large-pages.js', format: 'es', sourcemap: true },
    plugins: [scriptTagTypescript(), terser(terserOptions)],
  },
  // Script tags: self-contained, minified files (the default one, one that adds Waline, one that adds sign-in providers).
  ...[
    ['src/embed.ts', 'dist/parley.js', [guestOnlySignIn]],
    ['src/embed-waline.ts', 'dist/parley-waline.js', [guestOnlySignIn]],
    ['src/embed-sign-in.ts', 'dist/parley-sign-in.js', []],
  ].map(([input, file, swaps]) => ({
    input,
    output: { file, format: 'iife', sourcemap: true },
    plugins: [
      dompurifyBesideScript,
      jsonSlicesBesideScript,
      confusablesBesideScript,
      ...swaps,
      nodeResolve({ browser: true }),
      scriptTagTypescript(),
      // Collapses whitespace inside html`` and css`` templates (markup is otherwise shipped as written).
      minifyTemplateLiterals(),
      terser(terserOptions),
    ],
  })),
];
