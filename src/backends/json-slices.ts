/**
 * Reading a very large page (thousands of comments) without blocking the
 * page: JSON.parse of several megabytes is one long task, so the items of the
 * list are found and parsed one by one, and checked one by one, giving the
 * main thread back every few milliseconds. Small pages take the plain path.
 */
import { inSlices, SLICE_MS, yieldToMain } from '../core/slices.js';

/** Below this many characters, JSON.parse is quick enough in one task. */
export const SLICED_FROM = 256 * 1024;

const QUOTE = 34;
const BACKSLASH = 92;
const OPEN_OBJECT = 123;
const CLOSE_OBJECT = 125;
const OPEN_ARRAY = 91;
const CLOSE_ARRAY = 93;

/** The index just past the string that starts at `start` (a `"`). */
function endOfString(text: string, start: number): number {
  for (let i = start + 1; i < text.length; i += 1) {
    const code = text.charCodeAt(i);
    if (code === BACKSLASH) i += 1;
    else if (code === QUOTE) return i + 1;
  }
  return -1;
}

/**
 * The body as text, like `response.text()`, but decoded chunk by chunk as it
 * is read, giving the main thread back every few milliseconds: `text()`
 * decodes a body of several megabytes in one task (measured: 52 ms for
 * 7.7 MB, the only task over 50 ms of a 10,000-comment load).
 */
export async function readTextInSlices(response: Response): Promise<string> {
  const reader = response.body?.getReader();
  if (!reader) return response.text();
  const decoder = new TextDecoder();
  const parts: string[] = [];
  let deadline = performance.now() + SLICE_MS;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    parts.push(decoder.decode(value, { stream: true }));
    if (performance.now() > deadline) {
      await yieldToMain();
      deadline = performance.now() + SLICE_MS;
    }
  }
  parts.push(decoder.decode());
  return parts.join('');
}

/**
 * Parses `text`, a JSON object, like JSON.parse, but when it is large parses
 * the items of its top-level `key` list one at a time, in slices. Malformed
 * text gets JSON.parse's own error.
 */
export async function parseInSlices(text: string, key: string): Promise<unknown> {
  if (text.length < SLICED_FROM) return JSON.parse(text);
  const start = listStart(text, key);
  if (start < 0) return JSON.parse(text);
  const items: unknown[] = [];
  let position = start + 1;
  let end = -1;
  await inSlices(() => {
    const item = nextItem(text, position, items.length === 0);
    if (typeof item === 'number') {
      end = item;
      return true;
    }
    if (item === undefined) return true;
    items.push(JSON.parse(text.slice(item.start, item.end)));
    position = item.end;
    return false;
  });
  if (end < 0) return JSON.parse(text);
  // The list stands in as a string no server sends: were the key given again later, JSON.parse would keep that one instead.
  const rest = JSON.parse(`${text.slice(0, start)}${SLICED}${text.slice(end)}`) as Record<string, unknown>;
  if (rest[key] !== JSON.parse(SLICED)) return JSON.parse(text);
  rest[key] = items;
  return rest;
}

const SLICED = '"\\u0000sliced"';

function skipSpace(text: string, from: number): number {
  while (from < text.length && /\s/.test(text[from]!)) from += 1;
  return from;
}

/**
 * Where the list under the top-level `key` starts (its `[`), or -1. Scans
 * only up to it: its items are found one slice at a time.
 */
function listStart(text: string, key: string): number {
  const wanted = JSON.stringify(key);
  let depth = 0;
  for (let i = 0; i < text.length; i += 1) {
    const code = text.charCodeAt(i);
    if (code === QUOTE) {
      const end = endOfString(text, i);
      if (end < 0) return -1;
      // A key is a string followed by a colon: the same text as a value ("kind": "comments") is not it.
      const colon = skipSpace(text, end);
      if (depth === 1 && text.slice(i, end) === wanted && text[colon] === ':') {
        const start = skipSpace(text, colon + 1);
        return text.charCodeAt(start) === OPEN_ARRAY ? start : -1;
      }
      i = end - 1;
    } else if (code === OPEN_OBJECT || code === OPEN_ARRAY) depth += 1;
    else if (code === CLOSE_OBJECT || code === CLOSE_ARRAY) depth -= 1;
  }
  return -1;
}

/** The index just past the object or list that starts at `start`, or -1. */
function endOfValue(text: string, start: number): number {
  let depth = 0;
  for (let i = start; i < text.length; i += 1) {
    const code = text.charCodeAt(i);
    if (code === QUOTE) {
      const end = endOfString(text, i);
      if (end < 0) return -1;
      i = end - 1;
    } else if (code === OPEN_OBJECT || code === OPEN_ARRAY) depth += 1;
    else if (code === CLOSE_OBJECT || code === CLOSE_ARRAY) {
      depth -= 1;
      if (depth === 0) return i + 1;
    }
  }
  return -1;
}

/**
 * The next item of a list from `position` (just past `[` or a previous item):
 * its bounds; at the list's end, the index just past its `]`; undefined when
 * the text is not a list of objects (the caller then lets JSON.parse say what
 * is wrong).
 */
function nextItem(text: string, position: number, first: boolean): { start: number; end: number } | number | undefined {
  let i = skipSpace(text, position);
  if (text.charCodeAt(i) === CLOSE_ARRAY) return i + 1;
  // Between items, exactly one comma.
  if (!first) {
    if (text.charCodeAt(i) !== 44) return undefined;
    i = skipSpace(text, i + 1);
  }
  if (text.charCodeAt(i) !== OPEN_OBJECT) return undefined;
  const end = endOfValue(text, i);
  return end < 0 ? undefined : { start: i, end };
}
