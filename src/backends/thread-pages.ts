/**
 * Paging over a stored thread as the Parley protocol defines it: pages of
 * top-level comments, each with every reply below it, as one flat list,
 * oldest first. Shared by the local backend and the demo's mock server.
 */

/** The least a stored comment needs for paging. */
export interface StoredRecord {
  id: string;
  parentId: string | null;
  createdAt: string;
}

export interface StoredPage<T> {
  comments: T[];
  next: string | null;
  total: number;
}

/**
 * One page: `limit` top-level comments after `cursor` (the offset, as a
 * string) with all of their descendants.
 */
export function pageOfThread<T extends StoredRecord>(records: readonly T[], cursor: string | null, limit: number): StoredPage<T> {
  const sorted = [...records].sort((a, b) => a.createdAt.localeCompare(b.createdAt));
  const ids = new Set(sorted.map((record) => record.id));
  const isRoot = (record: T) => record.parentId === null || !ids.has(record.parentId);
  const roots = sorted.filter(isRoot);
  const offset = cursor === null ? 0 : Math.max(0, Number.parseInt(cursor, 10) || 0);
  const pageRoots = roots.slice(offset, offset + limit);

  const childrenOf = new Map<string, T[]>();
  for (const record of sorted) {
    if (isRoot(record)) continue;
    const siblings = childrenOf.get(record.parentId!) ?? [];
    siblings.push(record);
    childrenOf.set(record.parentId!, siblings);
  }
  // Without recursion, and each record once: a long reply chain, or ids that repeat
  // or point at themselves in damaged data, can neither overflow the stack nor loop.
  const included = new Set<T>();
  const expanded = new Set<string>();
  const queue = [...pageRoots];
  for (const record of queue) {
    included.add(record);
    if (expanded.has(record.id)) continue;
    expanded.add(record.id);
    for (const child of childrenOf.get(record.id) ?? []) if (!included.has(child)) queue.push(child);
  }
  const comments = [...included].sort((a, b) => a.createdAt.localeCompare(b.createdAt));

  const end = offset + pageRoots.length;
  return { comments, next: end < roots.length ? String(end) : null, total: records.length };
}
