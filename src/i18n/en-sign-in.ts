/**
 * The English messages of the provider sign-in flow (sign-in buttons, popups,
 * the address a provider asks for): part of the catalogue wherever the flow
 * is built in (see `addEnglishMessages`).
 */
export const enSignIn = {
  logInWith: 'Log in with {provider}',
  logOut: 'Log Out',
  change: 'Change',
  connecting: 'Connecting to {provider}…',
  popupBlocked: 'Your browser blocked the {provider} sign-in window. Allow pop-ups for this site and try again, or continue in this tab (your comment is kept).',
  popupBlockedRetry: 'Your browser blocked the {provider} sign-in window. Allow pop-ups for this site and try again (your comment is kept).',
  signInHere: 'Continue in this tab',
  staySignedIn: 'Stay signed in on this tab',
  identityInputMissing: 'Type the address to log in with {provider} first.',
  identityInputInvalid: 'No {provider} sign-in was found at “{value}”. Check the address.',
  mastodonServer: 'Your Mastodon server',
  yourWebsite: 'Your website',
};

export type SignInMessages = typeof enSignIn;
