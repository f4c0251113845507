/** Turns the runs' raw records into medians per thread size and client. */
import { maxDepth, pageOf } from './data.mjs';
import { median } from './stats.mjs';

export const CLIENT_NAMES = ['parley', 'lit', 'waline'];

/** Medians of every figure found in `records` (one object per run). */
function medians(records) {
  const keys = new Set(records.flatMap((record) => Object.keys(record)));
  return Object.fromEntries([...keys].map((key) => [key, median(records.map((record) => record[key]))]));
}

/** Largest value of `key` over the runs: long-task targets hold only if no run broke them. */
function worst(records, key) {
  const values = records.map((record) => record[key]).filter((value) => typeof value === 'number');
  return values.length > 0 ? Math.max(...values) : null;
}

/**
 * `raw`: { empty: { client: [record…] }, sizes: { n: { client: [record…] } } }.
 * Returns figures per size: data facts, medians, worst long tasks, raw runs.
 */
export function aggregate(raw, server) {
  const sizes = {};
  for (const [key, byClient] of Object.entries(raw.sizes)) {
    const n = Number(key);
    const comments = server.thread(n);
    const replies = comments.filter((comment) => comment.parentId !== null).length;
    sizes[n] = {
      data: {
        bytes: server.dataBytes(n),
        walineBytes: server.walineBytes(n),
        topLevel: n - replies,
        replies,
        deepestLevel: maxDepth(comments),
        firstPageComments: pageOf(comments, null, 50).comments.length,
      },
      median: Object.fromEntries(CLIENT_NAMES.map((client) => [client, medians(byClient[client])])),
      worst: Object.fromEntries(
        CLIENT_NAMES.map((client) => [client, { allLongest: worst(byClient[client], 'allLongest'), firstPageLongest: worst(byClient[client], 'firstPageLongest') }]),
      ),
      runs: byClient,
    };
  }
  const empty = Object.fromEntries(CLIENT_NAMES.map((client) => [client, medians(raw.empty[client])]));
  return { sizes, empty };
}
