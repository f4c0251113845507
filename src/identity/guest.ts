import { pageLocalStorage, readStored, writeStored } from '../core/local-storage.js';
import type { Identity } from '../core/types.js';
import type { IdentityAdapter, IdentityField, SignInRequest } from './identity-adapter.js';

export interface GuestIdentityOptions {
  /** Whether the e-mail address is required (default true). */
  requireEmail?: boolean | undefined;
  /** Whether the name is required (default true). */
  requireName?: boolean | undefined;
  /** Where remembered details live (default `localStorage`). */
  storage?: Storage | undefined;
  /** Storage key for remembered details. */
  storageKey?: string | undefined;
}

const DEFAULT_KEY = 'parley:guest';

/**
 * Commenting without an account: name, e-mail and website typed in the form,
 * remembered in this browser only when the reader opts in.
 */
export class GuestIdentity implements IdentityAdapter {
  readonly id = 'guest';
  readonly label = 'Guest';
  readonly fields: readonly IdentityField[];
  readonly #storageKey: string;
  readonly #customStorage: Storage | undefined;

  constructor(options: GuestIdentityOptions = {}) {
    this.fields = [
      { name: 'email', required: options.requireEmail ?? true, type: 'email', autocomplete: 'email' },
      { name: 'name', required: options.requireName ?? true, type: 'text', autocomplete: 'name' },
      { name: 'url', required: false, type: 'url', autocomplete: 'url' },
    ];
    this.#storageKey = options.storageKey ?? DEFAULT_KEY;
    this.#customStorage = options.storage;
  }

  // Resolved on use, not on construction: elements create adapters before they touch storage.
  get #storage(): Storage | undefined {
    return this.#customStorage ?? pageLocalStorage();
  }

  async restore(): Promise<Identity | null> {
    // Storage can throw (disabled cookies, private modes, quota); remembering is best effort.
    const saved = readStored(this.#storage, this.#storageKey);
    if (typeof saved !== 'object' || saved === null) return null;
    const { name, email, url } = saved as Record<string, unknown>;
    return this.#identity({
      name: typeof name === 'string' ? name : '',
      email: typeof email === 'string' ? email : '',
      url: typeof url === 'string' ? url : '',
    });
  }

  async signIn({ values = {}, remember = false }: SignInRequest): Promise<Identity> {
    const details = {
      name: (values.name ?? '').trim(),
      email: (values.email ?? '').trim(),
      url: normalizeWebsite(values.url ?? ''),
    };
    writeStored(this.#storage, this.#storageKey, remember ? details : undefined);
    return this.#identity(details);
  }

  async signOut(): Promise<void> {
    writeStored(this.#storage, this.#storageKey, undefined);
  }

  #identity(details: { name: string; email: string; url: string }): Identity {
    return { provider: this.id, providerLabel: this.label, guest: true, ...details };
  }
}

/**
 * "example.com", "//example.com" or "example.com:8080" → "https://…" (what
 * people type); kept as typed when it starts with a scheme.
 */
export function normalizeWebsite(value: string): string {
  const trimmed = value.trim();
  // A colon before a digit is a port ("blog.example:8080"), not a scheme's.
  if (trimmed === '' || /^[a-z][a-z\d+.-]*:(?!\d)/i.test(trimmed)) return trimmed;
  return `https://${trimmed.replace(/^\/+/, '')}`;
}
