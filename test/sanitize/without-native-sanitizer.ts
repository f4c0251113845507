// Imported first by the tests of the DOMPurify fallback: this page behaves like a browser without the HTML Sanitizer API.
delete (Element.prototype as { setHTML?: unknown }).setHTML;
delete (globalThis as { Sanitizer?: unknown }).Sanitizer;
