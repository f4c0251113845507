import { GuestIdentity } from '../identity/guest.js';
import type { IdentityAdapter } from '../identity/identity-adapter.js';

/**
 * Makes the adapter a `data-identities` entry names, from the script's
 * `data-<name>-…` settings; returns a message instead when a setting it needs
 * is missing.
 */
export type IdentityFactory = (settings: DOMStringMap) => IdentityAdapter | string;

/**
 * The names `data-identities` may use. The default script tag knows only the
 * guest; dist/parley-sign-in.js adds the sign-in providers.
 */
export const identityFactories: Record<string, IdentityFactory> = {
  guest: (settings) => new GuestIdentity({ requireEmail: settings.guestRequireEmail !== 'false' }),
};

/** The adapters a comma-separated `data-identities` list names, in its order; warns about the ones left out. */
export function identitiesFromScript(list: string, settings: DOMStringMap): IdentityAdapter[] {
  const adapters: IdentityAdapter[] = [];
  for (const name of list.split(',').map((entry) => entry.trim()).filter(Boolean)) {
    const factory = Object.hasOwn(identityFactories, name) ? identityFactories[name] : undefined;
    const made = factory ? factory(settings) : `"${name}" is not a sign-in this script knows (the providers come with parley-sign-in.js)`;
    if (typeof made === 'string') console.warn(`[parley] data-identities: ${made}; left out.`);
    else adapters.push(made);
  }
  return adapters;
}
