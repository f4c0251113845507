/**
 * The demo page's toolbar: dark mode, a broken network, the blog's own login,
 * an example theme, the language, and resetting the comments. `?dark`,
 * `?theme=classic` and `?lang=ar` in the address set them at load (the
 * screenshots use them).
 */
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
  const params = new URLSearchParams(location.search);
  if (params.has('dark')) document.getElementById('toggle-dark')?.click();
  // Example themes are plain stylesheets of tokens and ::part() rules (demo/themes/).
  const themeSelect = document.getElementById('theme-style') as HTMLSelectElement | null;
  const themeLink = document.getElementById('parley-theme') as HTMLLinkElement | null;
  const applyTheme = () => {
    if (!themeLink || !themeSelect) return;
    if (themeSelect.value) themeLink.href = `./themes/${themeSelect.value}.css`;
    else themeLink.removeAttribute('href');
  };
  themeSelect?.addEventListener('change', applyTheme);
  if (themeSelect && params.get('theme')) themeSelect.value = params.get('theme')!;
  applyTheme();
  // The widget follows the page's language: the demo sets <html lang> as a multilingual blog would.
  const language = document.getElementById('language') as HTMLSelectElement | null;
  language?.addEventListener('change', () => (document.documentElement.lang = language.value));
  if (language && params.get('lang')) {
    language.value = params.get('lang')!;
    document.documentElement.lang = language.value;
  }
  toggle('toggle-offline', (on) => backend.setOffline(on));
  if (onSiteLogin) toggle('toggle-site-user', onSiteLogin);
  document.getElementById('reset')?.addEventListener('click', () => backend.reset());
}
