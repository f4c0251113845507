import type { SignInMessages } from './en-sign-in.js';

const core = {
  commentCount: { one: '{count} Comment', other: '{count} Comments' },
  leaveReply: 'Leave a Reply',
  leaveReplyTo: 'Leave a Reply to {name}',
  cancelReply: 'Cancel reply',
  cancel: 'Cancel',
  loading: 'Loading comments…',
  loadingMore: 'Loading more comments…',
  loadError: 'Could not load the comments.',
  retry: 'Retry',
  empty: 'No comments yet. Be the first to share your thoughts.',
  loadMore: 'Load more comments',
  reply: 'Reply',
  replyTo: 'Reply to {name}',
  inReplyTo: 'In reply to {name}',
  awaitingModeration: 'Your comment is awaiting moderation.',
  badgeOwner: 'Author',
  badgeModerator: 'Moderator',
  unverifiedName: 'Unverified',
  anonymousName: 'Anonymous',
  commentLabel: 'Comment',
  commentPlaceholder: 'Enter your comment here…',
  submitHint: 'Press Ctrl+Enter to post.',
  fillInDetails: 'Fill in your details below or click an icon to log in:',
  yourDetails: 'Your details',
  fieldEmail: 'Email',
  fieldEmailHint: 'Address never made public',
  fieldName: 'Name',
  fieldUrl: 'Website',
  required: '(required)',
  signedInAs: 'You are commenting using your {provider} account.',
  rememberMe: 'Save my name, email, and website in this browser for the next time I comment.',
  notifyReplies: 'Notify me of new comments via email.',
  notifyPosts: 'Notify me of new posts via email.',
  submit: 'Post Comment',
  posting: 'Posting…',
  retrying: 'Could not post yet. Retrying… (attempt {attempt} of {attempts})',
  postCancelled: 'Posting was cancelled. Your comment is still here.',
  offline: 'You are offline. Your comment is saved in this browser.',
  postWhenOnline: 'Post it when I am back online',
  queuedForOnline: 'Your comment will be posted as soon as you are back online.',
  backOnline: 'You are back online. Your comment is ready to post.',
  posted: 'Your comment was posted.',
  postedPending: 'Your comment was sent and is awaiting moderation.',
  textRequired: 'Please type a comment.',
  nameRequired: 'Please enter your name.',
  emailRequired: 'Please enter your email address.',
  emailInvalid: 'Please enter a valid email address, like name@example.com.',
  urlInvalid: 'Please enter a valid web address, like https://example.com.',
  textTooLong: {
    one: 'Your comment is {count} character too long. Please shorten it to {max} characters.',
    other: 'Your comment is {count} characters too long. Please shorten it to {max} characters.',
  },
  textControl: 'Invisible control characters were removed from your comment. Check it, then post again.',
  detailControl: 'Invisible characters were removed from this field. Check it, then post again.',
  charactersLeft: { one: '{count} character left', other: '{count} characters left' },
  charactersOver: { one: '{count} character over the limit', other: '{count} characters over the limit' },
  draftRestored: 'Your unsent comment was restored.',
  fixFields: { one: 'Please fix the highlighted field.', other: 'Please fix the {count} highlighted fields.' },
  notConfigured: 'This comment section is not set up correctly: {detail}',
  errorInvalid: 'The comment server did not accept this comment. Check the highlighted fields.',
  errorRefused: 'The comment server did not accept this comment.',
  errorDuplicate: 'Duplicate comment: it looks as though you’ve already said that.',
  errorFlood: 'You are posting comments too quickly. Slow down, then try again.',
  errorClosed: 'Comments are closed.',
  errorUnauthorized: 'You need to sign in to comment here.',
  errorForbidden: 'You are not allowed to comment here.',
  errorNotFound: 'This comment thread could not be found.',
  errorRateLimited: 'You are posting too quickly. Wait a moment, then try again.',
  errorRateLimitedFor: {
    one: 'You are posting too quickly. Try again in {count} second.',
    other: 'You are posting too quickly. Try again in {count} seconds.',
  },
  errorNetwork: 'Could not reach the comment server — your comment is still here, try again.',
  errorTimeout: 'The comment server did not answer in time — your comment is still here, try again.',
  errorServer: 'The comment server had a problem — your comment is still here, try again later.',
  errorSignIn: 'Signing in with {provider} did not work. Try again or choose another way to comment.',
  errorSignInExpired: 'Your sign-in expired, sign in again — your comment is still here.',
  errorPopupBlocked: 'The browser blocked the sign-in window.',
};

type English = typeof core & SignInMessages;

/**
 * The English message catalogue: every string Parley shows. Plural messages
 * are keyed by `Intl.PluralRules` category; `{name}`-style placeholders are
 * filled by `translate()`. The provider sign-in flow's messages
 * (`en-sign-in.ts`) are added by the flow itself, so the guest-only script
 * tags, which leave the flow out, carry none of them.
 */
export const en = core as English;

/** Adds the English messages of a part that is not always built in (the provider sign-in flow). */
export function addEnglishMessages(messages: Partial<English>): void {
  Object.assign(en, messages);
}

type Plural = { one?: string; other: string } & Partial<Record<Intl.LDMLPluralRule, string>>;

/** Shape of a complete catalogue: every key of the English one. */
export type Messages = { [K in keyof English]: English[K] extends string ? string : Plural };
export type MessageKey = keyof Messages;
