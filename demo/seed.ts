import type { WireComment } from '../test/mocks/rest-server.js';

const day = 24 * 3600 * 1000;

/** A few threaded comments under the demo article, dated relative to today. */
export function seedComments(now = Date.now()): WireComment[] {
  const at = (daysAgo: number) => new Date(now - daysAgo * day).toISOString();
  return [
    {
      id: 'seed-1',
      parentId: null,
      author: { name: 'Helen Carter', url: 'https://helen.example/', avatar: null },
      html: '<p>Great tips! The <strong>survey</strong> idea worked really well for us when we redesigned our enquiry desk.</p>',
      createdAt: at(41),
      status: 'approved',
    },
    {
      id: 'seed-2',
      parentId: 'seed-1',
      author: { name: 'Library Lou', url: null, avatar: null },
      html: '<p>Which tool did you use for the survey? We tried a few and got very different response rates.</p>',
      createdAt: at(40),
      status: 'approved',
    },
    {
      id: 'seed-3',
      parentId: 'seed-2',
      author: { name: 'Helen Carter', url: 'https://helen.example/', avatar: null },
      html: '<p>A simple online form, sent round the mailing list twice. Short beats clever:</p><ul><li>five questions</li><li>one free-text box</li></ul>',
      createdAt: at(39),
      status: 'approved',
    },
    {
      id: 'seed-4',
      parentId: null,
      author: { name: 'يوسف', url: null, avatar: null },
      html: '<p>Visiting other services changed how we think about shared desks. <a href="https://example.org/shared-desks">Our write-up is here</a>.</p>',
      createdAt: at(12),
      status: 'approved',
    },
    {
      id: 'seed-5',
      parentId: null,
      author: { name: 'Sam', url: null, avatar: null },
      html: '<p>Twitter really is good for you &mdash; I found my mentor there. <code>#uklibchat</code> is worth following.</p>',
      createdAt: at(2),
      status: 'approved',
    },
  ];
}
