import { css } from './reactive-element.js';

/**
 * Styles of <parley-comments>. Every colour, size and font is a --parley-*
 * token with a fallback; text colour and font come from the host page, and
 * light/dark follows the page's `color-scheme`. Logical properties
 * throughout, so right-to-left layouts mirror.
 */
export const styles = css`
  :host {
    --_accent: var(--parley-accent, var(--_page-accent, light-dark(#1d4ed8, #93c5fd)));
    --_muted: var(--parley-muted, color-mix(in srgb, currentColor 72%, transparent));
    --_surface: var(--parley-surface, color-mix(in srgb, currentColor 4%, transparent));
    --_border: 1px solid var(--parley-border, color-mix(in srgb, currentColor 22%, transparent));
    /* Fields and buttons are told by their outline: at least 3:1 against what is around them (WCAG 1.4.11). */
    --_control-border: 1px solid var(--parley-border, color-mix(in srgb, currentColor 50%, transparent));
    --_danger: var(--parley-danger, light-dark(#b91c1c, #fca5a5));
    --_radius: var(--parley-radius, 6px);
    --_gap: var(--parley-spacing, 1rem);
    --_avatar: var(--parley-avatar-size, 40px);
    display: block;
    color: var(--parley-text, inherit);
    background: var(--parley-background, transparent);
    font-family: var(--parley-font, inherit);
    font-size: var(--parley-font-size, inherit);
    line-height: var(--parley-line-height, 1.5);
    overflow-wrap: anywhere;
  }
  :host([hidden]),
  [hidden] {
    display: none !important;
  }
  * {
    box-sizing: border-box;
  }
  :focus-visible {
    outline: var(--parley-focus-ring, 2px solid var(--_accent));
    outline-offset: 2px;
  }
  /* The reply form's container takes no box of its own. */
  .form-host {
    display: contents;
  }
  .visually-hidden {
    position: absolute;
    inline-size: 1px;
    block-size: 1px;
    overflow: hidden;
    clip-path: inset(50%);
    white-space: nowrap;
  }
  h2,
  h3 {
    margin: 0;
    line-height: 1.25;
  }
  [part~='header'] {
    margin-block-end: var(--_gap);
    font-size: 1.35em;
  }
  ol {
    list-style: none;
    margin: 0;
    padding: 0;
  }
  [part~='replies'] {
    /* Narrower on small screens, so a reply three levels deep keeps room for its text. */
    padding-inline-start: var(--parley-indent, min(2.5rem, 6vw));
  }
  /* Off-screen blocks of comments skip style, layout and paint; the padding keeps focus rings inside the clipped box. */
  .block {
    content-visibility: auto;
    /* About 10em per comment, 16 comments per block (BLOCK_SIZE in thread-renderer.ts, which sets smaller blocks' own). */
    contain-intrinsic-size: auto 160em;
    padding: 4px;
    margin: -4px;
  }
  [part~='comment'] {
    padding-block: calc(var(--_gap) * 0.75);
    border-block-start: var(--_border);
  }
  [part~='comment-header'],
  [part~='reply-heading'],
  [part~='signed-in'],
  [part~='error'],
  [part~='form-actions'],
  [part~='identity-providers'] {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.5em 0.75em;
  }
  [part~='comment-avatar'] {
    position: relative;
    display: inline-grid;
    place-items: center;
    inline-size: var(--_avatar);
    block-size: var(--_avatar);
    overflow: hidden;
    border-radius: 50%;
    font-weight: 600;
    font-size: calc(var(--_avatar) * 0.45);
    color: var(--parley-avatar-text, #fff);
    background: var(--parley-avatar-background, #52606d);
  }
  [part~='comment-avatar-image'] {
    position: absolute;
    inline-size: 100%;
    block-size: 100%;
    object-fit: cover;
  }
  [part~='comment-author'] {
    font-size: 1em;
  }
  [part~='comment-author'] a {
    color: inherit;
  }
  [part~='badge'],
  [part~='unverified-badge'] {
    padding-inline: 0.5em;
    border: 1px solid;
    border-radius: var(--_radius);
    font-size: 0.75em;
    font-weight: 600;
  }
  [part~='badge'] {
    border-color: transparent;
    background: var(--parley-badge-background, var(--_accent));
    color: var(--parley-badge-text, var(--parley-accent-text, light-dark(#fff, #0b1220)));
  }
  [part~='unverified-badge'] {
    color: var(--_danger);
  }
  [part~='comment-date'],
  [part~='in-reply-to'],
  [part~='pending'],
  [part~='status'],
  [part~='empty'],
  [part~='field-hint'],
  [part~='submit-hint'],
  [part~='char-count'],
  [part~='retrying'],
  [part~='field-required'] {
    color: var(--_muted);
    font-size: 0.875em;
    font-weight: normal;
  }
  /* Each body aligns to its own direction (dir=auto): Firefox gives list items the page's side instead. */
  [part~='comment-body'] {
    text-align: start;
  }
  [part~='comment-body'] > * {
    margin-block: 0.5em;
  }
  a {
    color: var(--_accent);
  }
  [part~='comment-body'] pre {
    overflow-x: auto;
    padding: 0.5em;
    background: var(--_surface);
  }
  [part~='comment-body'] blockquote {
    margin-inline: 0;
    padding-inline-start: 1em;
    border-inline-start: 3px solid var(--_muted);
  }
  button {
    font: inherit;
    color: inherit;
    cursor: pointer;
    padding: 0.45em 1em;
    border: var(--_control-border);
    border-radius: var(--_radius);
    background: var(--_surface);
  }
  button:disabled,
  button[aria-disabled='true'] {
    cursor: progress;
    opacity: 0.7;
  }
  [part~='reply-button'],
  [part~='cancel-reply'],
  [part~='sign-out'],
  [part~='change-identity'],
  [part~='cancel-sign-in'],
  [part~='sign-in-here'],
  [part~='cancel-post'],
  [part~='post-when-online'] {
    padding: 0;
    border: 0;
    background: none;
    color: var(--_accent);
    font-size: 0.875em;
    text-decoration: underline;
  }
  [part~='load-more'] {
    margin-block: var(--_gap);
  }
  [part~='identity-continue'] {
    justify-self: start;
  }
  [part~='comment-permalink'] {
    color: inherit;
    text-decoration: none;
  }
  [part~='comment-permalink']:hover {
    text-decoration: underline;
  }
  [part~='error'],
  [part~='field-error'],
  [part~='notice-error'],
  [part~='char-count-over'] {
    color: var(--_danger);
  }
  [part~='reply-form'],
  [part~='identity'],
  [part~='guest-fields'],
  [part~='identity-input'],
  [part~='field'] {
    display: grid;
    gap: 0.75em;
    margin: 0;
    padding: 0;
    border: 0;
  }
  [part~='reply-form'] {
    margin-block: var(--_gap);
    padding: var(--_gap);
    border: var(--_border);
    border-radius: var(--_radius);
    background: var(--_surface);
  }
  [part~='field'] {
    gap: 0.25em;
    align-content: start;
  }
  [part~='guest-fields'] {
    grid-template-columns: repeat(auto-fit, minmax(min(14em, 100%), 1fr));
  }
  [part~='reply-title'] {
    font-size: 1.15em;
  }
  label,
  legend {
    font-weight: 600;
    padding: 0;
  }
  [part~='reply-textarea'],
  [part~='field-input'] {
    inline-size: 100%;
    padding: 0.5em 0.65em;
    border: var(--_control-border);
    border-radius: var(--_radius);
    background: var(--parley-input-background, Field);
    color: var(--parley-input-text, FieldText);
    font: inherit;
  }
  ::placeholder {
    color: var(--_muted);
    opacity: 1;
  }
  [part~='reply-textarea'] {
    block-size: 2.75em;
    resize: vertical;
  }
  .expanded [part~='reply-textarea'] {
    block-size: 8em;
  }
  [aria-invalid='true'] {
    border-color: var(--_danger);
  }
  [part~='field-error'] {
    font-size: 0.875em;
  }
  [part~='field-error'],
  [part~='char-count'],
  [part~='retrying'],
  [part~='offline'] {
    margin: 0;
  }
  [part~='field-error']:empty,
  [part~='char-count']:empty {
    display: none;
  }
  [part~='char-count'] {
    text-align: end;
  }
  [part~='checkbox'] {
    display: flex;
    gap: 0.5em;
    font-weight: normal;
  }
  [part~='notice'] {
    margin: 0;
    padding: 0.5em 0.75em;
    border: 1px solid;
    border-radius: var(--_radius);
  }
  [part~='notice-success'] {
    color: var(--parley-success, light-dark(#166534, #86efac));
  }
  [part~='submit-button'] {
    /* Transparent, not none: forced colours (Windows High Contrast) draw it, so the button still looks like one. */
    border-color: transparent;
    background: var(--_accent);
    color: var(--parley-accent-text, light-dark(#fff, #0b1220));
    font-weight: 600;
  }
`;
