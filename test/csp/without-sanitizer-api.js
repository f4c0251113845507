// This page behaves like a browser without the HTML Sanitizer API: Parley sanitises with DOMPurify.
delete Element.prototype.setHTML;
delete window.Sanitizer;
