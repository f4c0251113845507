import { css } from './reactive-element.js';

/**
 * Styles of <parley-comments>. Every colour, size and font is a --parley-*
 * token with a fallback; text colour and font come from the host page.
 * Logical properties throughout, so right-to-left layouts mirror.
 */
export const styles = css`
  :host {
    --_accent: var(--parley-accent, light-dark(#1d4ed8, #93c5fd));
    --_accent-text: var(--parley-accent-text, light-dark(#ffffff, #0b1220));
    --_text: var(--parley-text, inherit);
    --_muted: var(--parley-muted, color-mix(in srgb, currentColor 72%, transparent));
    --_background: var(--parley-background, transparent);
    --_surface: var(--parley-surface, color-mix(in srgb, currentColor 4%, transparent));
    --_border: var(--parley-border, color-mix(in srgb, currentColor 22%, transparent));
    --_danger: var(--parley-danger, light-dark(#b91c1c, #fca5a5));
    --_success: var(--parley-success, light-dark(#166534, #86efac));
    --_radius: var(--parley-radius, 6px);
    --_spacing: var(--parley-spacing, 1rem);
    --_avatar-size: var(--parley-avatar-size, 40px);
    --_indent: var(--parley-indent, 2.5rem);
    --_focus-ring: var(--parley-focus-ring, 2px solid var(--_accent));

    display: block;
    color: var(--_text);
    background: var(--_background);
    font-family: var(--parley-font, inherit);
    font-size: var(--parley-font-size, inherit);
    line-height: var(--parley-line-height, 1.5);
    overflow-wrap: anywhere;
  }
  :host([hidden]) {
    display: none;
  }
  *,
  *::before,
  *::after {
    box-sizing: border-box;
  }
  :focus-visible {
    outline: var(--_focus-ring);
    outline-offset: 2px;
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
    margin-block-end: var(--_spacing);
    font-size: 1.35em;
  }
  ol {
    list-style: none;
    margin: 0;
    padding: 0;
  }
  [part~='replies'] {
    padding-inline-start: var(--_indent);
  }
  [part~='comment'] {
    padding-block: calc(var(--_spacing) * 0.75);
    border-block-start: 1px solid var(--_border);
  }
  [part~='comment-header'] {
    display: flex;
    align-items: center;
    gap: 0.75em;
    flex-wrap: wrap;
  }
  [part~='comment-avatar'] {
    position: relative;
    display: inline-grid;
    place-items: center;
    inline-size: var(--_avatar-size);
    block-size: var(--_avatar-size);
    flex: none;
    overflow: hidden;
    border-radius: 50%;
    font-weight: 600;
    font-size: calc(var(--_avatar-size) * 0.45);
    color: var(--parley-avatar-text, #fff);
    background: var(--parley-avatar-background, #52606d);
  }
  [part~='comment-avatar-image'] {
    position: absolute;
    inset: 0;
    inline-size: 100%;
    block-size: 100%;
    object-fit: cover;
  }
  [part~='comment-avatar-image'][hidden] {
    display: none;
  }
  [part~='comment-author'] {
    font-size: 1em;
    font-weight: 600;
  }
  [part~='comment-author'] a {
    color: inherit;
  }
  [part~='comment-date'],
  [part~='in-reply-to'] {
    color: var(--_muted);
    font-size: 0.875em;
  }
  [part~='comment-body'] {
    margin-block: 0.5em;
  }
  [part~='comment-body'] > * {
    margin-block: 0.5em;
  }
  [part~='comment-body'] a {
    color: var(--_accent);
  }
  [part~='comment-body'] pre {
    overflow-x: auto;
    padding: 0.5em;
    background: var(--_surface);
    border-radius: var(--_radius);
  }
  [part~='comment-body'] blockquote {
    margin-inline: 0;
    padding-inline-start: 1em;
    border-inline-start: 3px solid var(--_border);
  }
  [part~='pending'] {
    margin-block: 0.25em;
    font-style: italic;
    color: var(--_muted);
  }
  button {
    font: inherit;
    cursor: pointer;
  }
  button:disabled {
    cursor: progress;
    opacity: 0.7;
  }
  [part~='reply-button'],
  [part~='cancel-reply'],
  [part~='sign-out'],
  [part~='change-identity'] {
    padding: 0;
    border: 0;
    background: none;
    color: var(--_accent);
    font-size: 0.875em;
    text-decoration: underline;
    text-underline-offset: 0.15em;
  }
  [part~='load-more'],
  [part~='retry-button'],
  [part~='identity-button'] {
    padding: 0.45em 1em;
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_surface);
    color: inherit;
  }
  [part~='load-more'] {
    margin-block: var(--_spacing);
  }
  [part~='status'],
  [part~='empty'] {
    color: var(--_muted);
  }
  [part~='error'] {
    display: flex;
    align-items: center;
    gap: 0.75em;
    flex-wrap: wrap;
    color: var(--_danger);
  }
  [part~='reply-form'] {
    display: grid;
    gap: calc(var(--_spacing) * 0.75);
    margin-block: var(--_spacing);
    padding: var(--_spacing);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_surface);
  }
  [part~='reply-heading'] {
    display: flex;
    gap: 1em;
    align-items: baseline;
    flex-wrap: wrap;
  }
  [part~='reply-title'] {
    font-size: 1.15em;
  }
  label,
  legend {
    font-weight: 600;
  }
  [part~='reply-textarea'],
  [part~='field-input'] {
    display: block;
    inline-size: 100%;
    padding: 0.5em 0.65em;
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--parley-input-background, Field);
    color: var(--parley-input-text, FieldText);
    font: inherit;
  }
  [part~='reply-textarea'] {
    min-block-size: 2.75em;
    block-size: 2.75em;
    resize: vertical;
  }
  .expanded [part~='reply-textarea'] {
    block-size: 8em;
  }
  [aria-invalid='true'] {
    border-color: var(--_danger);
  }
  [part~='identity'] {
    margin: 0;
    padding: 0;
    border: 0;
    display: grid;
    gap: 0.75em;
  }
  [part~='identity'] legend {
    padding: 0;
    margin-block-end: 0.5em;
    font-weight: normal;
  }
  [part~='guest-fields'] {
    display: grid;
    gap: 0.75em;
    grid-template-columns: repeat(auto-fit, minmax(min(14em, 100%), 1fr));
  }
  [part~='field'] {
    display: grid;
    gap: 0.25em;
    align-content: start;
  }
  [part~='field-hint'],
  .required {
    color: var(--_muted);
    font-size: 0.875em;
    font-weight: normal;
  }
  [part~='field-error'] {
    margin: 0;
    color: var(--_danger);
    font-size: 0.875em;
  }
  [part~='field-error']:empty {
    display: none;
  }
  [part~='identity-providers'] {
    display: flex;
    gap: 0.5em;
    flex-wrap: wrap;
  }
  [part~='identity-button'] {
    display: inline-flex;
    align-items: center;
    gap: 0.5em;
  }
  [part~='signed-in'] {
    display: flex;
    align-items: center;
    gap: 0.75em;
    margin: 0;
  }
  [part~='checkbox'] {
    display: flex;
    gap: 0.5em;
    align-items: flex-start;
    font-weight: normal;
  }
  [part~='notice'] {
    margin: 0;
    padding: 0.5em 0.75em;
    border-radius: var(--_radius);
    border: 1px solid currentColor;
  }
  [part~='notice-error'] {
    color: var(--_danger);
  }
  [part~='notice-success'] {
    color: var(--_success);
  }
  [part~='form-actions'] {
    display: flex;
    align-items: center;
    gap: 1em;
    flex-wrap: wrap;
  }
  [part~='submit-button'] {
    padding: 0.55em 1.25em;
    border: 0;
    border-radius: var(--_radius);
    background: var(--_accent);
    color: var(--_accent-text);
    font-weight: 600;
  }
  [part~='submit-hint'] {
    color: var(--_muted);
    font-size: 0.875em;
  }
`;
