// A site that sanitises its own HTML with DOMPurify (which creates the `dompurify`
// Trusted Types policy) before Parley is registered.
import DOMPurify from 'dompurify';

const fragment = DOMPurify.sanitize('<b>The page’s own</b> sanitised HTML', { RETURN_DOM_FRAGMENT: true });
document.getElementById('page-content')!.append(fragment);
await import('../../src/define.js');
