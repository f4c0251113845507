import type { WireComment } from './rest-server.js';

/** Builds a protocol comment with sensible defaults. */
export function wireComment(id: string, overrides: Partial<WireComment> = {}): WireComment {
  return {
    id,
    parentId: null,
    author: { name: `Author ${id}`, url: null, avatar: null },
    html: `<p>Comment ${id}</p>`,
    createdAt: new Date(Date.UTC(2024, 0, 1, 12, 0, Number(id.replace(/\D/g, '') || 0))).toISOString(),
    status: 'approved',
    ...overrides,
  };
}

/**
 * A small threaded conversation: two top-level comments, a reply, and a
 * reply to the reply.
 */
export function threadedConversation(): WireComment[] {
  return [
    wireComment('1', { author: { name: 'Alice', url: 'https://alice.example/', avatar: 'https://avatars.example/alice.png' } }),
    wireComment('2', { parentId: '1', author: { name: 'Bob', url: null, avatar: null } }),
    wireComment('3', { parentId: '2', author: { name: 'Carol', url: 'javascript:alert(1)', avatar: 'javascript:alert(1)' } }),
    wireComment('4', { author: { name: 'Dave', url: null, avatar: null } }),
  ];
}

/** `count` top-level comments, each with one reply. */
export function manyComments(count: number): WireComment[] {
  const list: WireComment[] = [];
  for (let i = 1; i <= count; i++) {
    list.push(wireComment(`t${i}`, { createdAt: new Date(Date.UTC(2024, 0, 1, 0, i)).toISOString() }));
    list.push(
      wireComment(`r${i}`, { parentId: `t${i}`, createdAt: new Date(Date.UTC(2024, 0, 1, 0, i, 30)).toISOString() }),
    );
  }
  return list;
}
