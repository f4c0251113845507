/**
 * `npm run check:package` (after `npm run build`): checks the files that
 * `npm pack` would publish, as a consumer of the package sees them.
 *
 * - every target of `exports` (and `main`, `module`, `types`,
 *   `customElements`, `sideEffects`) is in the package;
 * - every source map's sources are in the package or inlined in
 *   `sourcesContent`, and every `sourceMappingURL` names a packed map;
 * - every `.d.ts` is reachable from `exports` (through `types` conditions,
 *   declarations beside exported .js files, and their imports), and every
 *   relative import of a declaration is packed;
 * - every module path and module reference in custom-elements.json is a
 *   packed file, every event of an element has a type, every attribute a
 *   type and a default that is a value (not the name of a constant), and
 *   no module exports as its own what it does not declare.
 *
 * Exits with 1 and a list of the problems when any is found.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { posix } from 'node:path';
import ts from 'typescript';

const root = new URL('../', import.meta.url);
const read = (file) => readFileSync(new URL(file, root), 'utf8');
const pkg = JSON.parse(read('package.json'));
const problems = [];

// The packed file list, without running the build again (prepack builds).
const pack = spawnSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], {
  cwd: root,
  encoding: 'utf8',
  shell: process.platform === 'win32',
});
if (pack.status !== 0) {
  console.error(`check-package: npm pack --dry-run failed\n${pack.stderr}`);
  process.exit(1);
}
const [{ files: packedFiles, name, version, size, unpackedSize }] = JSON.parse(pack.stdout);
const packed = new Set(packedFiles.map((file) => file.path));
if (!packed.has('dist/index.js')) {
  console.error('check-package: dist/index.js is not in the package; run `npm run build` first.');
  process.exit(1);
}

/** A package-relative path ("./dist/a.js" → "dist/a.js"). */
const normal = (target) => posix.normalize(target).replace(/^\.\//, '');

/** Packed files matching an `exports` target with one `*`; the target itself otherwise. */
function expand(target) {
  const path = normal(target);
  if (!path.includes('*')) return [path];
  const [before, after] = path.split('*');
  return [...packed].filter((file) => file.startsWith(before) && file.endsWith(after) && file.length >= path.length - 1);
}

// 1. Entry points.
/** [subpath, condition, target] for every string target of `exports`. */
const exportTargets = [];
(function walk(value, subpath, condition) {
  if (typeof value === 'string') exportTargets.push([subpath, condition, value]);
  else if (Array.isArray(value)) value.forEach((item) => walk(item, subpath, condition));
  else if (value && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) key.startsWith('.') ? walk(item, key, 'default') : walk(item, subpath, key);
  }
})(typeof pkg.exports === 'string' ? { '.': pkg.exports } : pkg.exports ?? {}, '.', 'default');

for (const [subpath, condition, target] of exportTargets) {
  const files = expand(target);
  if (files.length === 0) problems.push(`exports["${subpath}"] (${condition}): ${target} matches no packed file`);
  for (const file of files) if (!target.includes('*') && !packed.has(file)) problems.push(`exports["${subpath}"] (${condition}): ${target} is not in the package`);
}
for (const field of ['main', 'module', 'types', 'typings', 'customElements']) {
  if (typeof pkg[field] === 'string' && !packed.has(normal(pkg[field]))) problems.push(`"${field}": ${pkg[field]} is not in the package`);
}
for (const file of Array.isArray(pkg.sideEffects) ? pkg.sideEffects : []) {
  if (!file.includes('*') && !packed.has(normal(file))) problems.push(`"sideEffects": ${file} is not in the package`);
}

// 2. Source maps.
for (const file of packed) {
  if (/\.[cm]?js$/.test(file)) {
    const url = /\/\/# sourceMappingURL=(\S+)\s*$/.exec(read(file))?.[1];
    if (url && !url.startsWith('data:') && !packed.has(posix.join(posix.dirname(file), url))) {
      problems.push(`${file}: its source map ${url} is not in the package`);
    }
  }
  if (!file.endsWith('.map')) continue;
  const map = JSON.parse(read(file));
  const base = posix.join(posix.dirname(file), map.sourceRoot ?? '');
  map.sources.forEach((source, index) => {
    if (typeof map.sourcesContent?.[index] === 'string') return;
    const path = posix.join(base, source);
    if (!packed.has(path)) problems.push(`${file}: source ${source} is neither in the package nor inlined in sourcesContent`);
  });
}

// 3. Declarations: reachable from exports, and complete.
/** The declaration TypeScript looks for beside a .js file. */
const declarationOf = (file) => file.replace(/\.([cm]?)js$/, '.d.$1ts');
const pending = [];
for (const [, condition, target] of exportTargets) {
  for (const file of expand(target)) {
    if (condition === 'types' || /\.d\.[cm]?ts$/.test(file)) pending.push(file);
    else if (/\.[cm]?js$/.test(file) && packed.has(declarationOf(file))) pending.push(declarationOf(file));
  }
}
for (const field of ['types', 'typings']) if (typeof pkg[field] === 'string') pending.push(normal(pkg[field]));

const reached = new Set();
while (pending.length > 0) {
  const file = pending.pop();
  if (reached.has(file) || !packed.has(file)) continue;
  reached.add(file);
  const { importedFiles, referencedFiles } = ts.preProcessFile(read(file), true, true);
  for (const { fileName: specifier } of [...importedFiles, ...referencedFiles]) {
    if (!specifier.startsWith('.')) continue;
    const path = posix.join(posix.dirname(file), specifier);
    const candidates = /\.[cm]?js$/.test(path) ? [declarationOf(path)] : [path, `${path}.d.ts`, `${path}/index.d.ts`];
    const found = candidates.find((candidate) => packed.has(candidate));
    if (found) pending.push(found);
    else problems.push(`${file}: imports ${specifier}, whose declaration is not in the package`);
  }
}
for (const file of packed) {
  if (/\.d\.[cm]?ts$/.test(file) && !reached.has(file)) problems.push(`${file}: a declaration that no export reaches`);
}

// 4. The custom elements manifest.
const manifestFile = typeof pkg.customElements === 'string' ? normal(pkg.customElements) : 'custom-elements.json';
if (packed.has(manifestFile)) {
  const manifest = JSON.parse(read(manifestFile));
  const checkReferences = (value, where) => {
    if (Array.isArray(value)) value.forEach((item) => checkReferences(item, where));
    else if (value && typeof value === 'object') {
      if (typeof value.module === 'string' && value.package === undefined && !packed.has(normal(value.module))) {
        problems.push(`${manifestFile}: ${where} refers to module ${value.module}, which is not in the package`);
      }
      for (const item of Object.values(value)) checkReferences(item, where);
    }
  };
  const declared = new Set((manifest.modules ?? []).flatMap((module) => (module.declarations ?? []).map((declaration) => `${module.path}#${declaration.name}`)));
  for (const module of manifest.modules ?? []) {
    if (!packed.has(normal(module.path))) problems.push(`${manifestFile}: module path ${module.path} is not in the package`);
    checkReferences([module.declarations, module.exports], module.path);
    for (const element of (module.declarations ?? []).filter((declaration) => declaration.customElement)) {
      for (const event of element.events ?? []) {
        if (!event.type?.text) problems.push(`${manifestFile}: event ${event.name} of <${element.tagName ?? element.name}> has no type`);
      }
      for (const attribute of element.attributes ?? []) {
        if (!attribute.type?.text) problems.push(`${manifestFile}: attribute ${attribute.name} of <${element.tagName}> has no type`);
        if (/^[A-Z_][A-Z0-9_]*$/.test(attribute.default ?? '')) problems.push(`${manifestFile}: attribute ${attribute.name} of <${element.tagName}> defaults to ${attribute.default}, a constant's name`);
      }
    }
    for (const exported of module.exports ?? []) {
      const { name, module: from } = exported.declaration ?? {};
      // A module that re-exports what it imports, pointed at itself (the analyzer's mistake).
      if (from === module.path && !declared.has(`${from}#${name}`)) problems.push(`${manifestFile}: ${module.path} exports ${exported.name} as its own, but declares none`);
    }
  }
}

if (problems.length > 0) {
  console.error(`check-package: ${problems.length} problem${problems.length === 1 ? '' : 's'} in ${name}@${version}:`);
  for (const problem of problems) console.error(`  - ${problem}`);
  process.exit(1);
}
console.log(
  `check-package: ${name}@${version} ok: ${packed.size} files (${(size / 1024).toFixed(0)} kB packed, ${(unpackedSize / 1024).toFixed(0)} kB unpacked), ` +
    `${exportTargets.length} export targets, ${reached.size} declarations reachable`,
);
