/**
 * `executeServerCommand('emulate-timezone', { timezone })`: runs the test
 * page's clock in another time zone (`undefined` restores the machine's), so
 * a test can tell local time from UTC on a machine whose zone is UTC.
 * Answers false where the browser cannot.
 */
export function timezonePlugin() {
  return {
    name: 'parley-emulate-timezone',
    async executeCommand({ command, payload, session }) {
      if (command !== 'emulate-timezone') return undefined;
      try {
        await session.browser.getPage(session.id).emulateTimezone(payload?.timezone);
        return true;
      } catch {
        return false;
      }
    },
  };
}
