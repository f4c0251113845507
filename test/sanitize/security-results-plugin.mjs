/**
 * A test-runner plugin that receives the security tests' results (corpus,
 * fuzz, CSP) from the browser, through the `parley-security-result` command.
 * With PARLEY_SECURITY_RESULTS=<file> set (scripts/test-security.mjs sets
 * it), each result is appended to that file as one JSON line, with the
 * browser it came from; otherwise results are accepted and dropped.
 */
import { appendFile } from 'node:fs/promises';

export const SECURITY_RESULT_COMMAND = 'parley-security-result';

export function securityResultsPlugin() {
  return {
    name: 'parley-security-results',
    async executeCommand({ command, payload, session }) {
      if (command !== SECURITY_RESULT_COMMAND) return undefined;
      const file = process.env.PARLEY_SECURITY_RESULTS;
      if (file) await appendFile(file, `${JSON.stringify({ browser: session.browser.name, testFile: session.testFile, ...payload })}\n`);
      return true;
    },
  };
}
