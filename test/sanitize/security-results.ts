import { executeServerCommand } from '@web/test-runner-commands';

/**
 * Sends a result of a security test to the test runner
 * (test/sanitize/security-results-plugin.mjs), for `npm run test:security`'s tally.
 * `kind` names the suite (`corpus`, `corpus-dompurify`, `fuzz`, `csp`); `data` is what it measured.
 */
export async function recordSecurityResult(kind: string, data: Record<string, unknown>): Promise<void> {
  await executeServerCommand('parley-security-result', { kind, data });
}
