import type { Identity } from '../core/types.js';

/** A reader as something outside Parley hands them over: the site, a backend's login page, the tab's kept sign-in. */
export interface SiteUser {
  name: string;
  /** Avatar URL (http or https). */
  avatar?: string | undefined;
  /** Profile or website URL. */
  url?: string | undefined;
  email?: string | undefined;
  /** Sent to the comment backend as `Authorization: Bearer`, so it can trust the user. */
  token?: string | undefined;
  /** Other headers that prove the user to the backend. */
  headers?: Readonly<Record<string, string>> | undefined;
}

/**
 * A user from untrusted data (an event, a message, storage), read field by
 * field, own strings only: null without a name.
 */
export function readUser(value: unknown): SiteUser | null {
  if (typeof value !== 'object' || value === null) return null;
  const field = (name: string): string | undefined => {
    const found = Object.hasOwn(value, name) ? (value as Record<string, unknown>)[name] : undefined;
    return typeof found === 'string' && found.trim() !== '' ? found.trim() : undefined;
  };
  const name = field('name');
  if (!name) return null;
  const user: SiteUser = { name };
  for (const key of ['avatar', 'url', 'email', 'token'] as const) {
    const found = field(key);
    if (found) user[key] = found;
  }
  return user;
}

/** The members of `fields` that have a value: not undefined, false or empty. */
export const present = <T extends object>(fields: T): Partial<T> => Object.fromEntries(Object.entries(fields).filter(([, value]) => value)) as Partial<T>;

/** The signed-in identity of `user` with `provider`. */
export function identityOf(user: SiteUser, provider: { id: string; label: string }): Identity {
  const { email, url, avatar, token, headers } = user;
  return { provider: provider.id, providerLabel: provider.label, name: user.name.trim(), ...present({ email, url, avatar, token, headers }), guest: false };
}
