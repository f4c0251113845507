/**
 * Test-runner commands that act as the reader in a provider's pages, which a
 * test page cannot script (another origin, another window):
 *
 * - `oidc-popup` `{ action: 'login' | 'close', login, returnUrl }`: in the sign-in
 *   popup the test page opened, logs in and consents, or closes the popup.
 * - `sign-in-redirect-flow` `{ url, provider, address?, login?, draft }`: in a
 *   tab of its own (the test page must stay), opens `url`, types `draft`,
 *   chooses `provider` (typing `address` when it asks for one), meets the
 *   blocked popup, continues in the tab, logs in at the provider when
 *   `login` is given (mock servers approve at once) and comes back; returns
 *   what the page then shows, and what it shows when the provider's answer
 *   is loaded a second time.
 *
 * Each starts a job and answers at once with its id; `driver-job` `{ id }`
 * answers `{ done: false }` until the job is over, then its result (or throws
 * its error). A command's answer must reach the page within the test
 * runner's 20 s, and these flows can take longer on a loaded machine.
 *
 * Chromium only (puppeteer pages).
 */
// Generous: a loaded CI machine is slow to start popups and to load pages in a tab of their own.
const TIMEOUT = 30000;

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

/** Runs `script` in the page against the widget's shadow root until it returns something truthy. */
function inWidget(page, script, ...args) {
  return page.waitForFunction(
    (source, ...rest) => {
      const root = document.querySelector('parley-comments')?.shadowRoot;
      return root ? new Function('root', '...args', source)(root, ...rest) : null;
    },
    { timeout: TIMEOUT, polling: 100 },
    script,
    ...args,
  );
}

async function redirectFlow(browser, { url, provider, address, login, draft }) {
  const page = await browser.newPage();
  let answer;
  page.on('framenavigated', (frame) => {
    // The provider's answer: the redirect address (the page, without its own query) with a code and state.
    const address = new URL(frame.url());
    if (frame === page.mainFrame() && url.startsWith(`${address.origin}${address.pathname}`) && address.searchParams.has('code')) answer ??= frame.url();
  });
  try {
    await page.goto(url);
    // An earlier run's draft may be there (drafts outlive tests, as they should): start empty.
    await inWidget(
      page,
      `const text = root.querySelector('#comment-text'); if (!text) return null; text.focus(); text.value = ''; text.dispatchEvent(new InputEvent('input', { bubbles: true, composed: true })); return true;`,
    );
    await page.keyboard.type(draft);
    await inWidget(page, `const button = root.querySelector('[part~="identity-button"][data-provider="${provider}"]'); button?.click(); return button;`);
    if (address) {
      await inWidget(page, `return root.activeElement?.id === 'identity-input';`);
      await page.keyboard.type(address);
      await page.keyboard.press('Enter');
    }
    const blocked = await (await inWidget(page, `return root.querySelector('[part~="popup-blocked"]')?.textContent.trim();`)).jsonValue();
    // Clicked from here, not inside the wait: the click sends the page away, and a wait whose page has gone looks again on the next one.
    const signInHere = await inWidget(page, `return root.querySelector('[part~="sign-in-here"]');`);
    await signInHere.asElement().click();
    if (login) await loginAndConsent(page, login, url);
    const back = await inWidget(
      page,
      `const line = root.querySelector('[part~="signed-in"]'); return line && { signedIn: line.textContent.replace(/\\s+/g, ' ').trim(), text: root.querySelector('#comment-text').value, address: location.href };`,
    );
    const shown = await back.jsonValue();
    // The provider's answer again (a replay, e.g. from history): it must sign nobody in.
    await page.goto(answer);
    await inWidget(page, `return root.querySelector('#comment-text');`);
    await new Promise((resolve) => setTimeout(resolve, 1000));
    const replay = await page.evaluate(() => {
      const root = document.querySelector('parley-comments').shadowRoot;
      return { signedIn: Boolean(root.querySelector('[part~="signed-in"]')), notice: root.querySelector('[part~="notice"]')?.textContent.trim() ?? '' };
    });
    return { blocked, ...shown, answer, replay };
  } finally {
    await page.close();
  }
}

export function oidcDriverPlugin() {
  const jobs = new Map();
  let lastJob = 0;

  async function popup(page, payload) {
    const opened = await waitForPopup(page);
    if (payload.action === 'close') {
      await opened.waitForSelector('input[name="login"]', { timeout: TIMEOUT });
      await opened.close();
      return true;
    }
    await loginAndConsent(opened, payload.login, payload.returnUrl);
    return true;
  }

  return {
    name: 'parley-oidc-driver',
    async executeCommand({ command, payload, session }) {
      if (command === 'driver-job') {
        const job = jobs.get(payload.id);
        if (!job) throw new Error(`no driver job ${payload.id}`);
        if (!job.done) return { done: false };
        jobs.delete(payload.id);
        if (job.error) throw job.error;
        return { done: true, result: job.result };
      }
      if (command !== 'oidc-popup' && command !== 'sign-in-redirect-flow') return undefined;
      const page = session.browser.getPage(session.id);
      const id = ++lastJob;
      const job = { done: false, result: undefined, error: undefined };
      jobs.set(id, job);
      (command === 'sign-in-redirect-flow' ? redirectFlow(page.browser(), payload) : popup(page, payload)).then(
        (result) => Object.assign(job, { done: true, result }),
        (error) => Object.assign(job, { done: true, error }),
      );
      return id;
    },
  };
}
