import type { ParleyError } from '../core/errors.js';
import type { CommentDraft, Identity, ParleyComment } from '../core/types.js';

/**
 * Details of Parley's public events. Every event is a `CustomEvent` with a
 * typed `detail`, dispatched from `<parley-comments>` with
 * `bubbles: true, composed: true` (see docs/decisions/0001-events-as-custom-events.md).
 */
export interface ParleyEventDetails {
  /** A page of comments was loaded (first page or "Load more"). */
  'parley-loaded': {
    thread: string;
    comments: readonly ParleyComment[];
    total: number | undefined;
    /** Whether "Load more" is offered: false on a page with no `next`, or whose `next` is the cursor that asked for it. */
    hasMore: boolean;
    firstPage: boolean;
  };
  /** Cancelable: about to post. `preventDefault()` stops the post and keeps the form as it is. The draft is frozen. */
  'parley-comment-submit': { thread: string; draft: CommentDraft; identity: Identity };
  /** The backend stored a comment (check `comment.status` for moderation). */
  'parley-comment-posted': { thread: string; comment: ParleyComment };
  /** Loading, posting or signing in failed. */
  'parley-error': { thread: string; action: 'load' | 'post' | 'sign-in'; error: ParleyError };
  /** A reader signed in with an identity adapter. */
  'parley-signed-in': { identity: Identity };
  /** A reader signed out. */
  'parley-signed-out': { provider: string };
}

export type ParleyEventName = keyof ParleyEventDetails;

/** The only events that may be vetoed. */
const CANCELABLE: ReadonlySet<ParleyEventName> = new Set(['parley-comment-submit']);

export function createParleyEvent<K extends ParleyEventName>(name: K, detail: ParleyEventDetails[K]): CustomEvent<ParleyEventDetails[K]> {
  return new CustomEvent(name, { detail, bubbles: true, composed: true, cancelable: CANCELABLE.has(name) });
}

declare global {
  interface GlobalEventHandlersEventMap {
    'parley-loaded': CustomEvent<ParleyEventDetails['parley-loaded']>;
    'parley-comment-submit': CustomEvent<ParleyEventDetails['parley-comment-submit']>;
    'parley-comment-posted': CustomEvent<ParleyEventDetails['parley-comment-posted']>;
    'parley-error': CustomEvent<ParleyEventDetails['parley-error']>;
    'parley-signed-in': CustomEvent<ParleyEventDetails['parley-signed-in']>;
    'parley-signed-out': CustomEvent<ParleyEventDetails['parley-signed-out']>;
  }
}
