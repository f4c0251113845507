/**
 * What the host page says about language and colours, read where the element
 * sits: the nearest `lang`, and a dark or light theme set by the page's own
 * toggle (a class, `data-theme`, or `color-scheme`).
 */

/** The language of the element's place in the page: its own `lang`, the nearest ancestor's, else `<html lang>`. */
export function pageLanguage(element: Element): string {
  return element.closest('[lang]')?.getAttribute('lang') || element.ownerDocument.documentElement.lang || 'en';
}

const DARK_CLASSES = ['dark', 'dark-mode', 'theme-dark', 'is-dark'];
const LIGHT_CLASSES = ['light', 'light-mode', 'theme-light', 'is-light'];
const THEME_ATTRIBUTES = ['data-theme', 'data-bs-theme', 'data-color-scheme', 'data-mode'];

function schemeOf(element: Element): 'light' | 'dark' | null {
  for (const attribute of THEME_ATTRIBUTES) {
    const value = element.getAttribute(attribute)?.toLowerCase() ?? '';
    if (value.includes('dark')) return 'dark';
    if (value.includes('light')) return 'light';
  }
  if (DARK_CLASSES.some((name) => element.classList.contains(name))) return 'dark';
  if (LIGHT_CLASSES.some((name) => element.classList.contains(name))) return 'light';
  return null;
}

let pixel: OffscreenCanvasRenderingContext2D | null | undefined;

/** A computed colour as sRGB channels and alpha (0–255): `rgb()` read directly, other notations (`oklch()`, `lab()`, `color()`) through a one-pixel canvas. */
function channels(color: string): number[] | null {
  const match = /^rgba?\(([\d.]+),\s*([\d.]+),\s*([\d.]+)(?:,\s*([\d.]+))?\)$/.exec(color);
  if (match) return [Number(match[1]), Number(match[2]), Number(match[3]), Number(match[4] ?? 1) * 255];
  pixel ??= new OffscreenCanvas(1, 1).getContext('2d', { willReadFrequently: true });
  if (!pixel) return null;
  pixel.clearRect(0, 0, 1, 1);
  pixel.fillStyle = color;
  pixel.fillRect(0, 0, 1, 1);
  return [...pixel.getImageData(0, 0, 1, 1).data];
}

/** Relative luminance (0 black – 1 white) of an opaque enough colour, else null. */
function luminance(color: string): number | null {
  const rgba = channels(color);
  if (!rgba || rgba[3]! < 128) return null;
  const [r, g, b] = rgba.slice(0, 3).map((value) => {
    const channel = value / 255;
    return channel <= 0.04045 ? channel / 12.92 : ((channel + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
}

/**
 * The scheme the page shows around `element`: its toggle on `<body>` or
 * `<html>`; else the `color-scheme` it inherits; else what the page looks like
 * behind it (the first background that is not transparent: a site whose dark
 * mode is a `prefers-color-scheme` media query shows a dark one); null when
 * nothing says (the system setting decides).
 */
export function pageScheme(element: Element): 'light' | 'dark' | null {
  const doc = element.ownerDocument;
  for (const candidate of [doc.body, doc.documentElement]) {
    const scheme = candidate ? schemeOf(candidate) : null;
    if (scheme) return scheme;
  }
  const words = (value = '') => value.split(/\s+/).filter((word) => word !== 'only' && word !== 'normal' && word !== '');
  // <meta name="color-scheme"> sets the page's scheme without showing in any element's computed style.
  const meta = words(doc.querySelector<HTMLMetaElement>('meta[name="color-scheme"]')?.content);
  const declaredScheme = (of: Element) => {
    const declared = words(getComputedStyle(of).colorScheme);
    return declared.length > 0 ? declared : meta;
  };
  const inherited = declaredScheme(element.parentElement ?? doc.documentElement);
  if (inherited.length === 1 && (inherited[0] === 'dark' || inherited[0] === 'light')) return inherited[0];
  for (let ancestor = element.parentElement; ancestor; ancestor = ancestor.parentElement) {
    const light = luminance(getComputedStyle(ancestor).backgroundColor);
    if (light !== null) return light < 0.2 ? 'dark' : 'light';
  }
  // A page that paints no background shows the browser's, which follows the root's scheme (not <body>'s):
  // light, unless the root declared it may be dark.
  return declaredScheme(doc.documentElement).includes('dark') ? null : 'light';
}

/** The page's own `accent-color` around `element`, if it sets one (the widget's default accent then), with its luminance. */
export function pageAccent(element: Element): PageAccent | null {
  const color = getComputedStyle(element.parentElement ?? element.ownerDocument.documentElement).accentColor;
  // Its luminance is read here, once per change of the page, not on every update (an oklch() accent takes a canvas pixel).
  return color && color !== 'auto' ? { color, light: luminance(color) } : null;
}

export interface PageAccent {
  color: string;
  light: number | null;
}

/**
 * Whether an accent can be read as link and button text: 4.5:1 against white
 * in a light scheme, against black in a dark one (the threshold is the same
 * luminance, 0.18). A page's one accent-color is often its light scheme's.
 */
export function readableAccent({ light }: PageAccent, dark: boolean): boolean {
  return light !== null && light > 0.18 === dark;
}

/**
 * Calls `onChange` when an ancestor of `element` (or `<html>`, `<body>`)
 * changes an attribute that can change the language or the theme: a wrapper
 * that turns `lang="de"` or `class="night"` on counts as much as the page.
 * So does a change of the page's styles in `<head>` (a theme switcher that
 * swaps a stylesheet or a `<meta name="color-scheme">`); a swapped `<link>`
 * counts once it has loaded (the element listens for that, with `signal`).
 */
export function watchPage(element: Element, onChange: () => void, signal: AbortSignal): MutationObserver {
  const observer = new MutationObserver(onChange);
  const options = { attributeFilter: ['lang', 'dir', 'class', 'style', ...THEME_ATTRIBUTES] };
  for (let ancestor = element.parentElement; ancestor; ancestor = ancestor.parentElement) observer.observe(ancestor, options);
  // Inside another component's shadow root, the walk stops at its root: the page's own toggles still count.
  const doc = element.ownerDocument;
  for (const node of [doc.documentElement, doc.body]) if (node) observer.observe(node, options);
  observer.observe(doc.head, { subtree: true, childList: true, characterData: true, attributes: true });
  doc.addEventListener('load', (event) => event.target instanceof HTMLLinkElement && onChange(), { capture: true, signal });
  return observer;
}
