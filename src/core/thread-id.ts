/**
 * The thread a page belongs to when none is given: the path of its canonical
 * URL (`<link rel="canonical">`), else `location.pathname`.
 */
export function defaultThreadId(doc: Document = document): string {
  const canonical = doc.querySelector<HTMLLinkElement>('link[rel~="canonical"][href]');
  if (canonical) {
    try {
      return new URL(canonical.href, doc.baseURI).pathname;
    } catch {
      /* a broken canonical link: fall back to the location */
    }
  }
  return doc.location?.pathname ?? '/';
}
