/** Pieces every OAuth sign-in here shares: address checks, the redirect answer, form posts, the kept sign-in. */
import { ParleyError } from '../core/errors.js';
import { pageSessionStorage as storage, readStored, writeStored } from '../core/local-storage.js';
import type { Identity } from '../core/types.js';
import { fetchJson, isRecord } from '../backends/http.js';
import { own } from '../backends/guards.js';
import { identityOf, readUser } from './user.js';

export const refused = (why: string): ParleyError => new ParleyError('forbidden', `The sign-in answer was refused: ${why}.`);

/** True for addresses on this machine, where plain http is allowed (development, tests). */
export function isLoopback(url: URL): boolean {
  return url.hostname === '127.0.0.1' || url.hostname === 'localhost' || url.hostname === '[::1]';
}

/** An endpoint address: https, or http on this machine only. */
export function secureAddress(value: string, what: string): URL {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new ParleyError('server', `${what} is not an address: ${JSON.stringify(value)}.`);
  }
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && isLoopback(url))) {
    throw new ParleyError('server', `${what} must be an https address, but it is ${value}.`);
  }
  return url;
}

/**
 * Checks the provider's answer on the redirect page and returns the
 * authorization code. `state` must be this attempt's; `iss` (RFC 9207) the
 * `issuer`'s (and required when `issParameter`), or, for a server without a
 * known issuer, absent or on the `server` origin: a code another server
 * issued is never sent to this one (mix-up). A reader who declined gets an
 * AbortError (nothing to report).
 */
export function readAuthorizationResponse(
  address: URL,
  expected: { state: string } & ({ issuer: string; issParameter?: boolean; server?: never } | { server: string; issuer?: never; issParameter?: never }),
): string {
  const params = address.searchParams;
  if (params.get('state') !== expected.state) throw refused('its state is not the one this sign-in sent');
  const iss = params.get('iss');
  // No iss: refused only where the issuer promised one. An iss: the issuer's exactly, or on the server's origin.
  if (iss === null ? expected.issParameter : expected.issuer !== undefined ? iss !== expected.issuer : !`${iss}/`.startsWith(`${expected.server}/`)) {
    throw refused(`it comes from issuer ${JSON.stringify(iss)}, not ${expected.issuer ?? expected.server}`);
  }
  const error = params.get('error');
  if (error === 'access_denied') throw new DOMException('The reader declined the sign-in.', 'AbortError');
  if (error !== null) throw new ParleyError('unauthorized', `The provider answered ${error}: ${params.get('error_description') ?? ''}`.trim());
  const code = params.get('code');
  if (!code) throw refused('it carries no code');
  return code;
}

/** POSTs a form (a token request) and returns the JSON object it answers; anything else is `unauthorized`. */
export async function postForm(address: string, params: Record<string, string>, signal: AbortSignal): Promise<Record<string, unknown>> {
  const { response, body } = await fetchJson(address, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', Accept: 'application/json' },
    body: new URLSearchParams(params),
    signal,
  });
  if (!response.ok || !isRecord(body)) {
    const error = isRecord(body) && textOf(body, 'error');
    throw new ParleyError('unauthorized', `The provider refused the request (${response.status}${error ? ` ${error}` : ''}).`, {
      status: response.status,
    });
  }
  return body;
}

/** A string member of untrusted JSON, trimmed, or undefined. */
export function textOf(record: Record<string, unknown>, name: string): string | undefined {
  const value = own(record, name);
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
}

const keptKey = (id: string): string => `parley:signed-in:${id}`;

/** Keeps a sign-in for this tab only (`sessionStorage`), when the reader asked to be remembered. */
export function keepSignIn(identity: Identity): void {
  const { name, email, url, avatar, token, expiresAt } = identity;
  writeStored(storage(), keptKey(identity.provider), { name, email, url, avatar, token, expiresAt });
}

export function forgetSignIn(id: string): void {
  writeStored(storage(), keptKey(id), undefined);
}

/** The sign-in kept for this tab, read field by field (storage is untrusted too); null once expired. */
export function keptSignIn(provider: { id: string; label: string }): Identity | null {
  const kept = readStored(storage(), keptKey(provider.id));
  const user = readUser(kept);
  // A user is read from an object only.
  const expiresAt = user && own(kept as Record<string, unknown>, 'expiresAt');
  if (!user || (typeof expiresAt === 'number' && expiresAt <= Date.now())) return null;
  return { ...identityOf(user, provider), ...(typeof expiresAt === 'number' ? { expiresAt } : {}) };
}

const redirectKey = (id: string): string => `parley:sign-in-redirect:${id}`;

/** This page's address without query and hash: the default redirect address. */
export function thisPage(): string {
  return `${location.origin}${location.pathname}`;
}

/**
 * Sends the whole page to `address` (the popup was blocked), keeping what the
 * way back needs in this tab: `pending` (string fields: state, verifier, …),
 * the page to return to, and whether to remember the sign-in.
 */
export function redirectForSignIn(id: string, pending: Record<string, string>, remember: boolean | undefined, address: string): void {
  writeStored(storage(), redirectKey(id), { ...pending, returnTo: location.href, remember });
  location.assign(address);
}

/** Whether a sign-in of this tab (a whole-page one of any adapter, say) keeps `state` to wait for its answer. */
const awaited = (state: string | null): boolean => Object.keys(storage() ?? {}).some((key) => own(Object(readStored(storage(), key)), 'state') === state);

/**
 * On the page the provider sent the reader back to: the pending sign-in whose
 * `state` this address carries, with the answer. Used once, whatever happens
 * next (a replayed answer finds nothing); the provider's parameters leave the
 * address bar at once, accepted or refused. An answer no sign-in of this tab
 * waits for (a stale or forged one) is refused on the redirect address of a
 * pending one. `fields` are the string fields the record must hold.
 */
export interface SignInReturn {
  pending: Record<string, string>;
  remember: boolean;
  answer: URL;
  /** The page the reader left (with its query), when it is not this one. */
  returnTo: string;
  elsewhere: boolean;
}

export function returnFromSignIn(id: string, fields: readonly string[]): SignInReturn | null {
  const key = redirectKey(id);
  const stored = readStored(storage(), key);
  const answer = new URL(location.href);
  const params = answer.searchParams;
  const state = params.get('state');
  if (!isRecord(stored)) return null;
  const ours = state === own(stored, 'state');
  // Another attempt's answer is left to it, and an address with no code or error carries no answer.
  if (!ours && (!(params.has('code') || params.has('error')) || awaited(state))) return null;
  writeStored(storage(), key, undefined);
  const pending: Record<string, string> = {};
  for (const field of ['state', 'returnTo', 'redirectUri', ...fields]) {
    const value = own(stored, field);
    if (typeof value !== 'string') return null;
    pending[field] = value;
  }
  const returnTo = new URL(pending.returnTo!);
  const redirect = new URL(pending.redirectUri!);
  const here = thisPage();
  // Only on this attempt's own redirect address (as in the popup): an answer arriving elsewhere is another provider's.
  if (returnTo.origin !== location.origin || redirect.origin + redirect.pathname !== here) return null;
  // The rest of the page's query and its hash stay.
  const cleaned = new URL(answer);
  for (const name of ['code', 'state', 'iss', 'error', 'error_description', 'error_uri']) cleaned.searchParams.delete(name);
  history.replaceState(history.state, '', cleaned.href);
  if (!ours) throw refused('its state is not the one this sign-in sent');
  returnTo.hash = '';
  const elsewhere = returnTo.href !== here;
  return { pending, remember: own(stored, 'remember') === true, answer, returnTo: returnTo.href, elsewhere };
}

/**
 * Finishes a whole-page sign-in with the adapter's `finish`. When the
 * provider sent the reader to another page than the one they left (a fixed
 * redirect address), the sign-in is kept for this tab and the reader taken
 * back, where `restore()` finds it.
 */
export async function finishReturn(back: SignInReturn, finish: (answer: URL, pending: Record<string, string>, remember: boolean) => Promise<Identity>): Promise<Identity> {
  const identity = await finish(back.answer, back.pending, back.remember || back.elsewhere);
  if (back.elsewhere) location.replace(back.returnTo);
  return identity;
}
