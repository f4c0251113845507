/**
 * The reference page: what the platform allows with the obvious tools. It
 * fetches one page of the same REST endpoint and renders every comment as a
 * flat list of <article>s, the body sanitised by DOMPurify, in a single Lit
 * render() into a shadow root. No threading, no form, no dates formatted
 * beyond the browser's default: nothing but fetch, sanitise and render.
 *
 * Embedded like Parley's script tag:
 *   <script src="/baseline/lit.js" data-endpoint="…" data-thread="…" data-limit="50"></script>
 */
import { html, render } from 'lit';
import { unsafeHTML } from 'lit/directives/unsafe-html.js';
import DOMPurify from 'dompurify';

const script = document.currentScript;
const { endpoint, thread, limit } = script.dataset;

const host = document.createElement('bench-comments');
const root = host.attachShadow({ mode: 'open' });
script.after(host);

const item = (comment) => html`<li>
  <article>
    <header><strong>${comment.author.name}</strong> <time datetime=${comment.createdAt}>${new Date(comment.createdAt).toLocaleDateString('en')}</time></header>
    <div>${unsafeHTML(DOMPurify.sanitize(comment.html))}</div>
  </article>
</li>`;

const url = `${endpoint}/threads/${encodeURIComponent(thread)}/comments?limit=${encodeURIComponent(limit)}`;
fetch(url, { headers: { Accept: 'application/json' } })
  .then((response) => response.json())
  .then(({ comments }) => render(html`<ol>${comments.map(item)}</ol>`, root));
