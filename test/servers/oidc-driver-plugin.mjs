/**
 * Test-runner commands that act as the reader in a provider's pages, which a
 * test page cannot script (another origin, another window):
 *
 * - `oidc-popup` `{ action: 'login' | 'close', login, returnUrl }`: in the sign-in
 *   popup the test page opened, logs in and consents, or closes the popup.
 * - `oidc-page-login` `{ login, returnUrl }`: the same in the test's own tab, after a
 *   whole-page redirect (the fallback for blocked popups).
 *
 * Chromium only (puppeteer pages).
 */
const TIMEOUT = 8000;

async function waitForPopup(page) {
  const target = await page.browser().waitForTarget((candidate) => candidate.opener() === page.target() && candidate.type() === 'page', { timeout: TIMEOUT });
  return target.page();
}

/** Logs in (login form), then consents (Continue) whenever the provider asks, until it sends the reader back. */
async function loginAndConsent(page, login, returnUrl) {
  await page.waitForSelector('input[name="login"]', { timeout: TIMEOUT });
  await page.type('input[name="login"]', login);
  await page.type('input[name="password"]', 'any password');
  await page.click('button[type="submit"]');
  // Redirects follow one another; a popup is closed by the page that opened it once it is back.
  const deadline = Date.now() + TIMEOUT;
  while (Date.now() < deadline) {
    if (page.isClosed() || page.url().startsWith(returnUrl)) return;
    try {
      if (await page.$('input[name="prompt"][value="consent"]')) await page.click('button[type="submit"]');
    } catch {
      // The page navigated (or closed) while being read: look again.
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`the provider did not send the reader back (last at ${page.url()})`);
}

export function oidcDriverPlugin() {
  return {
    name: 'parley-oidc-driver',
    async executeCommand({ command, payload, session }) {
      if (command !== 'oidc-popup' && command !== 'oidc-page-login') return undefined;
      const page = session.browser.getPage(session.id);
      if (command === 'oidc-page-login') {
        // The test page itself went to the provider; wait until it is there.
        await page.waitForSelector('input[name="login"]', { timeout: TIMEOUT });
        await loginAndConsent(page, payload.login, payload.returnUrl);
        return true;
      }
      const popup = await waitForPopup(page);
      if (payload.action === 'close') {
        await popup.waitForSelector('input[name="login"]', { timeout: TIMEOUT });
        await popup.close();
        return true;
      }
      await loginAndConsent(popup, payload.login, payload.returnUrl);
      return true;
    },
  };
}
