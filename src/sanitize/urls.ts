/**
 * URL checks for every URL that comes from a backend (author sites, avatars,
 * links in bodies). Only absolute http(s) URLs pass; mailto: only where asked.
 */
export function safeUrl(value: string | null | undefined, { allowMailto = false } = {}): string | null {
  if (typeof value !== 'string') return null;
  const trimmed = value.trim();
  if (trimmed === '') return null;
  let url: URL;
  try {
    url = new URL(trimmed);
  } catch {
    return null;
  }
  if (url.protocol === 'http:' || url.protocol === 'https:') {
    if (url.username || url.password) return null;
    return url.href;
  }
  if (allowMailto && url.protocol === 'mailto:') return url.href;
  return null;
}

const DATA_IMAGE = /^data:image\/(?:png|gif|jpeg|webp|avif|svg\+xml)[;,]/i;

/** Icon and signed-in avatar URLs: http(s), or an inline data: image (images never run script). */
export function safeIconUrl(value: string | null | undefined): string | null {
  if (typeof value === 'string' && DATA_IMAGE.test(value.trim())) return value.trim();
  return safeUrl(value);
}
