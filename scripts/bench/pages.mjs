/**
 * The test pages: a short blog post followed by the comments, embedded the
 * way a site would embed each client. Query parameters: `n` (comments in the
 * thread), `source` (`api`: paged, `whole`: the whole thread in one
 * response), `size` (page size asked for).
 */

const escapeAttribute = (value) => String(value).replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');

function layout(title, content) {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title}</title>
<style>body { font: 16px/1.5 system-ui, sans-serif; max-width: 46rem; margin: 2rem auto; padding: 0 1rem; }</style>
</head>
<body>
<article>
  <h1>Notes on caching</h1>
  <p>A short post, so that the comments start within the first screen, as they do below a brief article.</p>
</article>
${content}
</body>
</html>`;
}

const PAGES = {
  /** Parley's script-tag bundle, configured with data- attributes; it mounts <parley-comments> after itself. */
  parley: ({ n, source, size }, origin) =>
    layout(
      'Parley',
      `<script src="/dist/parley.js" data-backend="rest" data-endpoint="${escapeAttribute(`${origin}/${source}/${n}`)}" data-thread="bench" data-page-size="${escapeAttribute(size)}" data-loading="eager"></script>`,
    ),

  /** The minimal Lit + DOMPurify list, embedded like Parley (a classic script that mounts its element after itself). */
  lit: ({ n, source, size }, origin) =>
    layout(
      'Lit + DOMPurify baseline',
      `<script src="/baseline/lit.js" data-endpoint="${escapeAttribute(`${origin}/${source}/${n}`)}" data-thread="bench" data-limit="${escapeAttribute(size)}"></script>`,
    ),

  /** Waline's own client (its UMD build with Vue inside) against the emulated Waline API; extras that fetch from CDNs are off. */
  waline: ({ n, size }, origin) =>
    layout(
      'Waline',
      `<link rel="stylesheet" href="/vendor/waline/waline.css">
<div id="waline"></div>
<script src="/vendor/waline/waline.umd.js"></script>
<script>
  Waline.init({
    el: '#waline',
    serverURL: ${JSON.stringify(`${origin}/waline/${n}`)},
    path: '/bench',
    lang: 'en',
    pageSize: ${Number(size)},
    commentSorting: 'oldest',
    emoji: false,
    search: false,
    reaction: false,
    imageUploader: false,
    highlighter: false,
    texRenderer: false,
    pageview: false,
    comment: false,
    dark: false,
  });
</script>`,
    ),
};

export function renderPage(kind, params, origin) {
  const page = PAGES[kind];
  if (!page) return layout('Unknown page', `<p>No page "${escapeAttribute(kind)}".</p>`);
  return page({ n: Number(params.get('n')) || 0, source: params.get('source') === 'whole' ? 'whole' : 'api', size: params.get('size') ?? '20' }, origin);
}
