import { http, HttpResponse } from 'msw';

/** A comment as WordPress 6.1 stores it, reduced to what `/wp/v2/comments` shows. */
export interface WpRecord {
  id: number;
  post: number;
  parent: number;
  author_name: string;
  author_url: string;
  date_gmt: string;
  content: string;
  status: 'approved' | 'hold';
  /** User id of a signed-in author; 0 (the default) for guests. */
  author?: number;
}

export interface WpPost {
  id: number;
  slug: string;
  type: 'posts' | 'pages';
  comment_status: 'open' | 'closed';
  /** User id of the post's author. */
  author?: number;
}

/** One item of `/wp/v2/comments` in view context, shaped like WordPress 6.1's answer. */
export function wpJson(record: WpRecord) {
  return {
    id: record.id,
    post: record.post,
    parent: record.parent,
    author: record.author ?? 0,
    author_name: record.author_name,
    author_url: record.author_url,
    date: record.date_gmt,
    date_gmt: record.date_gmt,
    content: { rendered: record.content },
    link: `https://blog.test/?p=${record.post}#comment-${record.id}`,
    status: record.status,
    type: 'comment',
    author_avatar_urls: {
      '24': `https://secure.gravatar.com/avatar/${record.id}?s=24`,
      '48': `https://secure.gravatar.com/avatar/${record.id}?s=48`,
      '96': `https://secure.gravatar.com/avatar/${record.id}?s=96`,
    },
    meta: [],
    _links: {},
  };
}

/** Handlers answering like WordPress's REST API for the given posts and comments (approved only are listed). */
export function createWordPressServer(endpoint: string, posts: WpPost[], comments: WpRecord[]) {
  const requests: URL[] = [];
  const postsOfType = (type: string) => posts.filter((post) => post.type === type);
  const postJson = (post: WpPost) => ({ id: post.id, comment_status: post.comment_status, ...(post.author === undefined ? {} : { author: post.author }) });
  const handlers = [
    http.get(`${endpoint}/wp/v2/:type/:id`, ({ params }) => {
      const post = postsOfType(String(params.type)).find((candidate) => candidate.id === Number(params.id));
      return post
        ? HttpResponse.json(postJson(post))
        : HttpResponse.json({ code: 'rest_post_invalid_id', message: 'Invalid post ID.', data: { status: 404 } }, { status: 404 });
    }),
    http.get(`${endpoint}/wp/v2/comments`, ({ request }) => {
      const url = new URL(request.url);
      requests.push(url);
      const post = Number(url.searchParams.get('post'));
      const parents = url.searchParams.get('parent')?.split(',').map(Number);
      const perPage = Number(url.searchParams.get('per_page') ?? 10);
      const page = Number(url.searchParams.get('page') ?? 1);
      const matching = comments
        .filter((c) => c.post === post && c.status === 'approved' && (!parents || parents.includes(c.parent)))
        .sort((a, b) => a.date_gmt.localeCompare(b.date_gmt));
      const slice = matching.slice((page - 1) * perPage, page * perPage);
      return HttpResponse.json(slice.map(wpJson), {
        headers: { 'X-WP-Total': String(matching.length), 'X-WP-TotalPages': String(Math.ceil(matching.length / perPage)) },
      });
    }),
    http.get(`${endpoint}/wp/v2/:type`, ({ request, params }) => {
      const slug = new URL(request.url).searchParams.get('slug');
      return HttpResponse.json(postsOfType(String(params.type)).filter((post) => post.slug === slug).map(postJson));
    }),
  ];
  return { handlers, requests };
}

/** `count` top-level comments on `post`, a minute apart, the first with a chain of `depth` replies below it. */
export function wpThread(post: number, count: number, depth = 0): WpRecord[] {
  const records: WpRecord[] = [];
  const at = (minute: number) => new Date(Date.UTC(2024, 4, 1, 10, minute)).toISOString().slice(0, 19);
  for (let n = 1; n <= count; n++) {
    records.push({
      id: n,
      post,
      parent: 0,
      author_name: `Reader ${n}`,
      author_url: '',
      date_gmt: at(n),
      content: `<p>Comment ${n}</p>\n`,
      status: 'approved',
    });
  }
  for (let level = 1; level <= depth; level++) {
    records.push({
      id: 1000 + level,
      post,
      parent: level === 1 ? 1 : 1000 + level - 1,
      author_name: `Replier ${level}`,
      author_url: 'https://replier.example/',
      date_gmt: at(count + level),
      content: `<p>Reply at level ${level + 1}</p>\n`,
      status: 'approved',
    });
  }
  return records;
}
