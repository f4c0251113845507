import { ParleyError } from '../core/errors.js';

const WIDTH = 520;
const HEIGHT = 680;
/** How often the opener looks whether the popup is back on the redirect page. */
const POLL_MS = 100;

/**
 * Opens an empty sign-in window, centred on the page. Call it synchronously
 * in the click handler: browsers block popups opened after an `await`.
 * Throws `popup_blocked` when the browser refuses.
 */
export function openSignInWindow(view: Window = window): Window {
  const left = Math.round(view.screenX + (view.outerWidth - WIDTH) / 2);
  const top = Math.round(view.screenY + (view.outerHeight - HEIGHT) / 2);
  const popup = view.open('about:blank', '_blank', `popup,width=${WIDTH},height=${HEIGHT},left=${left},top=${top}`);
  if (!popup) throw new ParleyError('popup_blocked', 'The browser blocked the sign-in window.');
  return popup;
}

function abortError(): DOMException {
  return new DOMException('Sign-in was cancelled.', 'AbortError');
}

/** The popup's address, or null while it shows another origin's page (reading it throws then). */
function addressOf(popup: Window): URL | null {
  try {
    const href = popup.location.href;
    return href && href !== 'about:blank' ? new URL(href) : null;
  } catch {
    return null;
  }
}

/**
 * Resolves with the address the popup reaches on `redirectUri` (same origin
 * and path), read by the opener itself: the redirect page needs no script.
 * Rejects with an AbortError when the reader closes the popup or `signal`
 * aborts; the caller closes the popup.
 */
export function waitForRedirect(popup: Window, redirectUri: string, signal?: AbortSignal): Promise<URL> {
  const expected = new URL(redirectUri);
  return new Promise((resolve, reject) => {
    const stop = (): void => {
      clearInterval(timer);
      signal?.removeEventListener('abort', onAbort);
    };
    const onAbort = (): void => {
      stop();
      reject(abortError());
    };
    const timer = setInterval(() => {
      const address = addressOf(popup);
      if (address && address.origin === expected.origin && address.pathname === expected.pathname) {
        stop();
        resolve(address);
      } else if (popup.closed) {
        onAbort();
      }
    }, POLL_MS);
    if (signal?.aborted) onAbort();
    else signal?.addEventListener('abort', onAbort, { once: true });
  });
}
