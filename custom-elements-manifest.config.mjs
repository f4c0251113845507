import { existsSync } from 'node:fs';
import { posix } from 'node:path';

/**
 * `npm run manifest` (after the build): generates custom-elements.json from
 * src/, for the files of the npm package. Internal reactive state (declared
 * `private` in TypeScript) is dropped from the public attribute list; events
 * get their detail types from `ParleyEventDetails`; the parts that JSDoc only
 * names inside another part's text get entries of their own; module paths
 * name the shipped dist/ files.
 */
function dropPrivateState() {
  return {
    name: 'parley-drop-private-state',
    packageLinkPhase({ customElementsManifest }) {
      for (const module of customElementsManifest.modules) {
        for (const declaration of module.declarations ?? []) {
          const privateNames = new Set(
            (declaration.members ?? []).filter((member) => member.privacy === 'private').map((member) => member.name),
          );
          if (declaration.attributes) {
            declaration.attributes = declaration.attributes.filter((attribute) => !privateNames.has(attribute.fieldName));
          }
          if (declaration.members) {
            declaration.members = declaration.members.filter((member) => member.privacy !== 'private' || member.kind !== 'field');
          }
        }
      }
    },
  };
}

/** Where `ParleyEventDetails` is declared, and where a consumer imports it from. */
const EVENT_DETAILS = { name: 'ParleyEventDetails', declaredIn: 'src/elements/events.ts', exportedFrom: 'src/index.ts' };

/**
 * Types each event of the element as `CustomEvent<ParleyEventDetails['name']>`
 * (the analyzer cannot see through `createParleyEvent()`). An event in
 * `ParleyEventDetails` without a `@fires` line is added with the interface's
 * own comment; a `@fires` line for an event without details is an error.
 */
function eventDetailTypes() {
  /** Event name → the comment of its entry in the interface. */
  const details = new Map();
  return {
    name: 'parley-event-detail-types',
    analyzePhase({ ts, node, moduleDoc }) {
      if (moduleDoc.path !== EVENT_DETAILS.declaredIn) return;
      if (!ts.isInterfaceDeclaration(node) || node.name.text !== EVENT_DETAILS.name) return;
      for (const member of node.members) {
        if (!member.name || !ts.isStringLiteral(member.name)) continue;
        const comment = ts.getJSDocCommentsAndTags(member).map((doc) => ts.getTextOfJSDocComment(doc.comment) ?? '').join(' ');
        details.set(member.name.text, comment.trim());
      }
    },
    packageLinkPhase({ customElementsManifest }) {
      if (details.size === 0) throw new Error(`${EVENT_DETAILS.name} not found in ${EVENT_DETAILS.declaredIn}`);
      for (const module of customElementsManifest.modules) {
        // Elements with a tag: a base class (ReactiveElement) fires none of them.
        for (const element of (module.declarations ?? []).filter((declaration) => declaration.customElement && declaration.tagName)) {
          element.events ??= [];
          for (const event of element.events) {
            if (!details.has(event.name)) {
              throw new Error(`${module.path}: @fires ${event.name} has no entry in ${EVENT_DETAILS.name} (${EVENT_DETAILS.declaredIn})`);
            }
          }
          for (const [name, description] of details) {
            if (!element.events.some((event) => event.name === name)) element.events.push({ name, description });
          }
          for (const event of element.events) {
            const text = `CustomEvent<${EVENT_DETAILS.name}['${event.name}']>`;
            const start = text.indexOf(EVENT_DETAILS.name);
            event.type = {
              text,
              references: [{ name: EVENT_DETAILS.name, module: EVENT_DETAILS.exportedFrom, start, end: start + EVENT_DETAILS.name.length }],
            };
          }
        }
      }
    },
  };
}

/**
 * Parts that the element's JSDoc names only inside another part's text, as
 * entries of their own right after it (skipped once JSDoc lists them).
 */
const INNER_PARTS = {
  comment: [{ name: 'comment-pending', description: 'A comment held for moderation (with `comment`).' }],
  badge: [
    { name: 'badge-owner', description: 'The "Author" badge (with `badge`).' },
    { name: 'badge-moderator', description: 'The "Moderator" badge (with `badge`).' },
  ],
  notice: [
    { name: 'notice-error', description: 'A notice about a problem (with `notice`).' },
    { name: 'notice-success', description: 'A notice that something worked (with `notice`).' },
  ],
  'char-count': [{ name: 'char-count-over', description: 'The character count once the text is too long (with `char-count`).' }],
  'identity-input': [
    { name: 'identity-input-field', description: "The input of a provider's question before sign-in (also `field-input`)." },
    { name: 'identity-continue', description: "The \"Log in with {provider}\" button of a provider's question before sign-in." },
  ],
};

function innerParts() {
  return {
    name: 'parley-inner-parts',
    packageLinkPhase({ customElementsManifest }) {
      for (const module of customElementsManifest.modules) {
        for (const element of (module.declarations ?? []).filter((declaration) => declaration.cssParts)) {
          for (const [outer, inner] of Object.entries(INNER_PARTS)) {
            const at = element.cssParts.findIndex((part) => part.name === outer);
            if (at === -1) continue;
            const missing = inner.filter((part) => !element.cssParts.some((known) => known.name === part.name));
            element.cssParts.splice(at + 1, 0, ...missing.map((part) => ({ ...part })));
          }
        }
      }
    },
  };
}

/**
 * The shipped file for a source path: src/a/b.ts → dist/a/b.js, or the
 * declaration dist/a/b.d.ts for a module of types only; null when the npm
 * build does not ship it (script-tag-only modules).
 */
function shippedFile(sourcePath) {
  const base = sourcePath.replace(/^\/+/, '').replace(/^src\//, 'dist/').replace(/\.(ts|js)$/, '');
  for (const file of [`${base}.js`, `${base}.d.ts`]) {
    if (existsSync(new URL(file, import.meta.url))) return file;
  }
  return null;
}

/**
 * Module paths and references name the files a consumer has: dist/….js, or
 * dist/….d.ts where only types are exported. Modules the npm build does not
 * emit as JavaScript (script-tag-only or type-only ones) are left out, and
 * relative references are made relative to the package like the rest.
 */
function shippedPaths() {
  return {
    name: 'parley-shipped-paths',
    packageLinkPhase({ customElementsManifest }) {
      if (!existsSync(new URL('dist/index.js', import.meta.url))) {
        throw new Error('dist/index.js is missing: build before generating the manifest (npm run build)');
      }
      const mapReferences = (value, from) => {
        if (Array.isArray(value)) {
          for (const item of value) mapReferences(item, from);
        } else if (value && typeof value === 'object') {
          if (typeof value.module === 'string' && value.package === undefined) {
            const source = value.module.startsWith('.') ? posix.join(posix.dirname(from), value.module) : value.module;
            const file = shippedFile(source);
            if (!file) throw new Error(`${from}: reference to ${value.module}, which the npm build does not ship`);
            value.module = file;
          }
          for (const [key, item] of Object.entries(value)) if (key !== 'module') mapReferences(item, from);
        }
      };
      customElementsManifest.modules = customElementsManifest.modules.filter((module) => shippedFile(module.path)?.endsWith('.js'));
      for (const module of customElementsManifest.modules) {
        mapReferences(module.declarations, module.path);
        mapReferences(module.exports, module.path);
        module.path = shippedFile(module.path);
      }
    },
  };
}

/**
 * What the analyzer reads wrong: `this.renderRoot.adoptedStyleSheets = …`
 * taken for a field of the element; defaults that name a module's constant
 * (`DEFAULT_PAGE_SIZE`) instead of its value; `lang` and `dir`, observed by
 * the element itself, without a word; `owner-names` typed as the property's
 * list, not the attribute's text; and a module that exports a class it
 * imports, pointed at itself.
 */
function analyzerFixes() {
  /** Module source path → its top-level `const NAME = <number or string>` values. */
  const constants = new Map();
  const ATTRIBUTES = {
    lang: { type: { text: 'string' }, description: "The element's language (a BCP 47 tag); without it, the nearest ancestor's `lang`, else the page's." },
    dir: { type: { text: "'ltr' | 'rtl'" }, description: "The element's direction; without it, its language's." },
    'owner-names': { type: { text: 'string' }, default: undefined, description: 'Names of the site\'s owners, comma-separated (see the `ownerNames` property).' },
  };
  return {
    name: 'parley-analyzer-fixes',
    analyzePhase({ ts, node, moduleDoc }) {
      if (!ts.isVariableStatement(node) || !(node.declarationList.flags & ts.NodeFlags.Const)) return;
      for (const declaration of node.declarationList.declarations) {
        const value = declaration.initializer;
        if (!ts.isIdentifier(declaration.name) || !value || !(ts.isNumericLiteral(value) || ts.isStringLiteral(value))) continue;
        if (!constants.has(moduleDoc.path)) constants.set(moduleDoc.path, new Map());
        constants.get(moduleDoc.path).set(declaration.name.text, value.getText());
      }
    },
    packageLinkPhase({ customElementsManifest }) {
      const declaredIn = new Map();
      for (const module of customElementsManifest.modules) for (const declaration of module.declarations ?? []) declaredIn.set(declaration.name, module.path);
      for (const module of customElementsManifest.modules) {
        const values = constants.get(module.path) ?? new Map();
        for (const declaration of module.declarations ?? []) {
          if (declaration.members) declaration.members = declaration.members.filter((member) => member.name !== 'adoptedStyleSheets');
          for (const entry of [...(declaration.members ?? []), ...(declaration.attributes ?? [])]) {
            if (values.has(entry.default)) entry.default = values.get(entry.default);
          }
          for (const attribute of declaration.tagName ? (declaration.attributes ?? []) : []) Object.assign(attribute, ATTRIBUTES[attribute.name]);
        }
        for (const exported of module.exports ?? []) {
          const target = exported.declaration;
          if (target?.module !== module.path || (module.declarations ?? []).some((declaration) => declaration.name === target.name)) continue;
          if (declaredIn.has(target.name)) target.module = declaredIn.get(target.name);
        }
      }
    },
  };
}

export default {
  globs: ['src/**/*.ts'],
  exclude: ['src/embed.ts'],
  litelement: true,
  plugins: [dropPrivateState(), eventDetailTypes(), innerParts(), analyzerFixes(), shippedPaths()],
};
