/**
 * `npm run manifest`: generates custom-elements.json. Internal reactive state
 * (declared `private` in TypeScript) is dropped from the public attribute list.
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

export default {
  globs: ['src/**/*.ts'],
  exclude: ['src/embed.ts'],
  litelement: true,
  plugins: [dropPrivateState()],
};
