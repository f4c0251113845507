// With ?without-sanitizer-api, the page behaves like a browser without the HTML Sanitizer API:
// Parley sanitises with DOMPurify there.
if (new URLSearchParams(location.search).has('without-sanitizer-api')) {
  delete Element.prototype.setHTML;
  delete window.Sanitizer;
}
