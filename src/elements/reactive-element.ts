import { render } from 'lit/html.js';
import { yieldToMain } from '../core/slices.js';

/**
 * How a declared property behaves. Mirrors the subset of Lit's property
 * options Parley uses, so the declarations read the same.
 */
export interface PropertyDeclaration {
  /** Attribute name (default: the property name lower-cased), or `false` for none. */
  attribute?: string | false | undefined;
  /** `Number` converts the attribute text to a number. */
  type?: NumberConstructor | StringConstructor | undefined;
  /** Turns the attribute text (`null` once removed) into the property value; takes precedence over `type`. */
  converter?: ((value: string | null) => unknown) | undefined;
  /** Internal state: re-renders, has no attribute. */
  state?: boolean | undefined;
}

export type PropertyValues = Map<PropertyKey, unknown>;

/** Tag for stylesheets: plain CSS text (kept a tagged template so the build can minify it). */
export const css = (strings: TemplateStringsArray, ...values: unknown[]): string => String.raw(strings, ...values);

/**
 * The reactive base of Parley's elements, on lit-html's `render()` (see
 * docs/decisions/0004-reactive-base-on-lit-html.md). It offers the part of
 * LitElement's life cycle Parley uses, at a fraction of its weight:
 * declared properties become accessors that batch one render per microtask
 * (the first render waits for a task of its own),
 * attributes are converted to properties, `willUpdate(changed)` /
 * `updated(changed)` hooks, `updateComplete`, and styles adopted as one
 * constructable stylesheet per class.
 */
export abstract class ReactiveElement extends HTMLElement {
  /** Declared reactive properties. */
  static properties: Record<string, PropertyDeclaration> = {};
  /** CSS text for the shadow root. */
  static styles = '';

  static #sheets = new WeakMap<Function, CSSStyleSheet>();
  static #attributeMaps = new WeakMap<Function, Map<string, [string, PropertyDeclaration]>>();

  /** Attribute → property map; creating it also installs the property accessors. */
  static #attributesOf(element: typeof ReactiveElement): Map<string, [string, PropertyDeclaration]> {
    let map = ReactiveElement.#attributeMaps.get(element);
    if (map) return map;
    map = new Map();
    for (const [name, declaration] of Object.entries(element.properties)) {
      Object.defineProperty(element.prototype, name, {
        get(this: ReactiveElement) {
          return this.#values.get(name);
        },
        set(this: ReactiveElement, value: unknown) {
          const old = this.#values.get(name);
          if (Object.is(old, value)) return;
          this.#values.set(name, value);
          this.requestUpdate(name, old);
        },
        configurable: true,
        enumerable: true,
      });
      if (!declaration.state && declaration.attribute !== false) {
        map.set(declaration.attribute ?? name.toLowerCase(), [name, declaration]);
      }
    }
    ReactiveElement.#attributeMaps.set(element, map);
    return map;
  }

  static get observedAttributes(): string[] {
    return [...ReactiveElement.#attributesOf(this).keys()];
  }

  readonly renderRoot: ShadowRoot;
  /** True once the first render has happened. */
  hasUpdated = false;

  #values = new Map<PropertyKey, unknown>();
  #changed: PropertyValues = new Map();
  /** Values set on the element before its class was defined (they shadow the accessors). */
  #early = new Map<string, unknown>();
  #updatePending = false;
  #updating = false;
  #updateDone: Promise<unknown> = Promise.resolve();
  #resolveUpdate: () => void = () => {};

  constructor() {
    super();
    const constructor = this.constructor as typeof ReactiveElement;
    ReactiveElement.#attributesOf(constructor); // installs the accessors before any field initialiser runs
    for (const name of Object.keys(constructor.properties)) {
      if (Object.hasOwn(this, name)) {
        this.#early.set(name, (this as unknown as Record<string, unknown>)[name]);
        delete (this as unknown as Record<string, unknown>)[name];
      }
    }
    this.renderRoot = this.attachShadow({ mode: 'open' });
    let sheet = ReactiveElement.#sheets.get(constructor);
    if (!sheet) {
      sheet = new CSSStyleSheet();
      sheet.replaceSync(constructor.styles);
      ReactiveElement.#sheets.set(constructor, sheet);
    }
    this.renderRoot.adoptedStyleSheets = [sheet];
  }

  connectedCallback(): void {
    // Upgraded in the page: the values it had take effect now, before anything set after define() (which then wins).
    this.#applyEarly();
    if (this.#updatePending) this.#scheduleUpdate();
    else if (!this.hasUpdated) this.requestUpdate();
  }

  disconnectedCallback(): void {}

  #applyEarly(): void {
    for (const [name, value] of this.#early) (this as unknown as Record<string, unknown>)[name] = value;
    this.#early.clear();
  }

  attributeChangedCallback(attribute: string, _old: string | null, value: string | null): void {
    const entry = ReactiveElement.#attributesOf(this.constructor as typeof ReactiveElement).get(attribute);
    if (!entry) return;
    const [name, declaration] = entry;
    (this as unknown as Record<string, unknown>)[name] = declaration.converter
      ? declaration.converter(value)
      : declaration.type === Number && value !== null
        ? Number(value)
        : value;
  }

  /** Schedules one render per microtask (rendering waits for the first connection); records what changed. */
  requestUpdate(name?: PropertyKey, oldValue?: unknown): void {
    if (name !== undefined && !this.#changed.has(name)) this.#changed.set(name, oldValue);
    if (this.#updatePending || this.#updating) return;
    this.#updatePending = true;
    this.#updateDone = new Promise<void>((resolve) => (this.#resolveUpdate = resolve));
    if (this.isConnected || this.hasUpdated) this.#scheduleUpdate();
  }

  /**
   * Renders at the end of the current task, batching what changed in it; the
   * first render in a task of its own, so the task that connected the element
   * (a script tag's evaluation, say) does not carry it too, and neither is long.
   */
  #scheduleUpdate(): void {
    if (this.hasUpdated) queueMicrotask(() => this.#performUpdate());
    else
      void yieldToMain().then(() => {
        // Removed meanwhile: the first render waits for the next connection.
        if (this.isConnected) this.#performUpdate();
      });
  }

  /** Resolves once the scheduled render has happened, and any render that one caused. */
  get updateComplete(): Promise<boolean> {
    return this.#updateDone.then(() => (this.#updatePending ? this.updateComplete : true));
  }

  #performUpdate(): void {
    if (!this.#updatePending) return;
    const resolve = this.#resolveUpdate;
    this.#updatePending = false;
    this.#updating = true;
    let changed = this.#changed;
    try {
      if (!this.hasUpdated) {
        this.#applyEarly();
        changed = this.#changed;
      }
      this.willUpdate(changed);
      this.#changed = new Map();
      render(this.render(), this.renderRoot, { host: this });
    } finally {
      this.#updating = false;
    }
    this.hasUpdated = true;
    this.updated(changed);
    resolve();
  }

  /** Before rendering: derive state from what changed (setting properties here does not re-render). */
  protected willUpdate(_changed: PropertyValues): void {}

  /** After rendering. */
  protected updated(_changed: PropertyValues): void {}

  protected abstract render(): unknown;
}
