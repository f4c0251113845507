/**
 * A backend's login page for the brokered sign-in tests. `mode` says what it
 * does once "signed in":
 * - `ok`: posts the user with the state it was given, to the origin it was given;
 * - `wrong-state`: posts the user with another state;
 * - `hop`: moves itself to `hop` (another origin), which then posts as `ok` does;
 * - `silent`: posts nothing.
 */
const params = new URLSearchParams(location.search);
const mode = params.get('mode');
const state = params.get('state') ?? '';
const replyTo = params.get('origin') ?? '';
const user = { name: 'Brooke Broker', avatar: 'https://avatars.example/brooke.png', token: 'brokered-token' };

if (mode === 'hop') {
  const next = new URL(params.get('hop')!);
  next.search = new URLSearchParams({ mode: 'ok', state, origin: replyTo }).toString();
  location.replace(next.href);
} else if (mode === 'ok' || mode === 'wrong-state') {
  window.opener?.postMessage({ type: 'parley-sign-in', state: mode === 'ok' ? state : 'not-the-state', user }, replyTo);
}
