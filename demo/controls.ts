/** The demo page's toolbar: dark mode, a broken network, the blog's own login, and resetting the comments. */
export function wireDemoControls(backend: { setOffline(offline: boolean): void; reset(): void }, onSiteLogin?: (on: boolean) => void): void {
  const toggle = (id: string, apply: (on: boolean) => void) => {
    const button = document.getElementById(id);
    button?.addEventListener('click', () => {
      const on = button.getAttribute('aria-pressed') !== 'true';
      button.setAttribute('aria-pressed', String(on));
      apply(on);
    });
  };
  toggle('toggle-dark', (on) => document.documentElement.classList.toggle('dark', on));
  toggle('toggle-offline', (on) => backend.setOffline(on));
  if (onSiteLogin) toggle('toggle-site-user', onSiteLogin);
  document.getElementById('reset')?.addEventListener('click', () => backend.reset());
}
