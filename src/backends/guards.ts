/**
 * Small checks for backend JSON, shared by the adapters' mapping functions.
 * A backend's answer is read field by field: only own members count, nothing
 * is copied or merged from it, and a field of the wrong type fails with a
 * `server` error that names the field.
 */
import { ParleyError } from '../core/errors.js';

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * An own member of a JSON object. Inherited ones (`constructor`, `toString`,
 * anything a script put on `Object.prototype`) never count as data.
 */
export function own(record: object, key: string): unknown {
  return Object.hasOwn(record, key) ? (record as Record<string, unknown>)[key] : undefined;
}

/** A JSON value as an error message shows it: strings quoted and cut short, objects and lists only named. */
function shown(value: unknown): string {
  if (value === undefined) return 'missing';
  if (typeof value === 'string') return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);
  if (typeof value !== 'object' || value === null) return String(value);
  return Array.isArray(value) ? 'a list' : 'an object';
}

/**
 * Throws the `server` error for a field a backend got wrong, e.g. "The
 * comment server sent an invalid comment "c1": `author.name` must be a
 * string, but it is 42." An empty `field` means the value itself.
 */
export function invalid(what: string, field: string, expected: string, value: unknown): never {
  throw new ParleyError('server', `${what}: ${field ? `\`${field}\`` : 'it'} must be ${expected}, but it is ${shown(value)}.`);
}

/** `what` followed by the id of the item it is about, for error messages. */
export function about(what: string, id: unknown): string {
  return `${what} ${shown(id)}`;
}

export const isString = (value: unknown): value is string => typeof value === 'string';

/**
 * The own field `key` of `record`, which must pass `check` (else it is
 * invalid, named `field`, as `expected`).
 */
export function read<T>(what: string, record: object, key: string, check: (value: unknown) => value is T, expected: string, field = key): T {
  const value = own(record, key);
  if (!check(value)) invalid(what, field, expected, value);
  return value;
}

/** An optional string field: `null` when absent or `null`; any other type is invalid. */
export function stringOrNull(what: string, record: object, key: string, field = key): string | null {
  return read(what, record, key, (value): value is string | null | undefined => value == null || isString(value), 'a string or null', field) ?? null;
}
