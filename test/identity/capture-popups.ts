/** The popup each sign-in opens, for tests that act around it; `restore` puts `window.open` back. */
export function capturePopups(): { popups: Window[]; restore: () => void } {
  const popups: Window[] = [];
  const open = window.open.bind(window);
  window.open = (...args: Parameters<typeof window.open>) => {
    const popup = open(...args);
    if (popup) popups.push(popup);
    return popup;
  };
  return { popups, restore: () => (window.open = open) };
}
