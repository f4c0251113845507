import { esbuildPlugin } from '@web/dev-server-esbuild';
import { cspMiddleware } from './test/csp/csp-server.mjs';
import { mswWorkerMiddleware } from './web-test-runner.config.mjs';

/** `npm start`: serves the demo pages with TypeScript compiled on the fly. */
export default {
  rootDir: '.',
  port: Number(process.env.PORT ?? 8000),
  hostname: process.env.HOST ?? 'localhost',
  nodeResolve: { exportConditions: ['browser', 'development'] },
  plugins: [esbuildPlugin({ ts: true, tsconfig: './tsconfig.json', target: 'es2022' })],
  middleware: [
    mswWorkerMiddleware,
    // demo/csp.html is served under the strict CSP of docs/security.md; reports are printed here.
    cspMiddleware({ pages: ['/demo/csp.html'], log: true }),
    // The site root is the demo, with what the address asks for (`/?lang=ar` → `/demo/?lang=ar`).
    function demoIndex(context, next) {
      if (context.path === '/') context.redirect(`/demo/${context.search}`);
      return next();
    },
  ],
};
