/**
 * Serves chosen HTML pages under the strict Content Security Policy that
 * docs/security.md recommends, and collects the violation reports browsers
 * send about them. Used by the test runner (test/csp/) and by `npm start`
 * (demo/csp.html).
 */
import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';

/** The Trusted Types policies Parley creates: Lit's templates and the sanitiser's parser. */
export const PARLEY_TRUSTED_TYPES = ['lit-html', 'parley'];

/** Where browsers POST reports: `/__csp-report/<run>`; a GET returns the reports of that run. */
export const REPORT_PATH = '/__csp-report/';

/**
 * The policy: scripts only by nonce (and what they load), no plugins, no
 * <base>, stylesheets from the site only (no inline styles), Trusted Types
 * enforced for the given policy names.
 */
export function contentSecurityPolicy(nonce, { trustedTypes = PARLEY_TRUSTED_TYPES, reportUri } = {}) {
  return [
    `script-src 'nonce-${nonce}' 'strict-dynamic'`,
    "object-src 'none'",
    "base-uri 'none'",
    "style-src 'self'",
    "require-trusted-types-for 'script'",
    `trusted-types ${trustedTypes.length > 0 ? trustedTypes.join(' ') : "'none'"}`,
    ...(reportUri ? [`report-uri ${reportUri}`] : []),
  ].join('; ');
}

const reports = new Map();

function readBody(request) {
  return new Promise((resolve, reject) => {
    const chunks = [];
    request.on('data', (chunk) => chunks.push(chunk));
    request.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    request.on('error', reject);
  });
}

/** A run id from a page's query: letters, digits and dashes only, so it is safe in a header. */
function runOf(value) {
  return typeof value === 'string' && /^[\w-]{1,64}$/.test(value) ? value : 'default';
}

/**
 * Middleware for @web/dev-server and @web/test-runner.
 *
 * `pages` are site paths (`/demo/csp.html`, or a folder `/test/csp/` for every
 * .html file in it) served from `rootDir` with a fresh nonce on every
 * `<script>` tag and the policy in a header. With `variants`,
 * a page's `?trusted-types=a,b` query replaces the policy list (tests use it
 * to show that each name is needed); `?run=<id>` files the page's reports
 * under that id. `log` prints each report received.
 */
export function cspMiddleware({ pages, rootDir = process.cwd(), variants = false, log = false }) {
  return async function csp(context, next) {
    if (context.path.startsWith(REPORT_PATH)) {
      const run = runOf(context.path.slice(REPORT_PATH.length));
      if (context.method === 'POST') {
        const text = await readBody(context.req);
        let report;
        try {
          report = JSON.parse(text)['csp-report'] ?? JSON.parse(text);
        } catch {
          report = { unparsed: text };
        }
        reports.set(run, [...(reports.get(run) ?? []), report]);
        if (log) console.warn(`[csp] violation report (${run}): ${report['effective-directive'] ?? report['violated-directive']} ${report['blocked-uri'] ?? ''} ${report['script-sample'] ?? ''}`);
        context.status = 204;
        return;
      }
      context.type = 'application/json';
      context.set('Cache-Control', 'no-store');
      context.body = JSON.stringify(reports.get(run) ?? []);
      return;
    }
    const served = pages.some((page) => (page.endsWith('/') ? context.path.startsWith(page) && /^[\w-]+\.html$/.test(context.path.slice(page.length)) : context.path === page));
    if (!served) return next();
    const nonce = randomBytes(18).toString('base64');
    const html = await readFile(join(rootDir, context.path), 'utf8');
    const listed = variants ? context.query['trusted-types'] : undefined;
    const trustedTypes = typeof listed === 'string' ? listed.split(',').filter((name) => /^'?[\w#=@%.*-]+'?$/.test(name)) : PARLEY_TRUSTED_TYPES;
    context.set('Content-Security-Policy', contentSecurityPolicy(nonce, { trustedTypes, reportUri: `${REPORT_PATH}${runOf(context.query.run)}` }));
    // A fresh nonce each time: the page must never come from a cache with an old one.
    context.set('Cache-Control', 'no-store');
    context.type = 'text/html';
    context.body = html.replace(/<script\b/g, `<script nonce="${nonce}"`);
  };
}
