import { expect, fixture } from '@open-wc/testing';
import { html } from 'lit/html.js';
import { ReactiveElement, css, type PropertyDeclaration, type PropertyValues } from '../../src/elements/reactive-element.js';

let renders = 0;
let lastChanged: PropertyValues = new Map();

class TestCounter extends ReactiveElement {
  static override styles = css`:host { display: block; color: rgb(1, 2, 3); }`;
  static override properties: Record<string, PropertyDeclaration> = {
    label: {},
    count: { type: Number, attribute: 'start-count' },
    data: { attribute: false },
    derived: { state: true },
  };
  label = 'default';
  count = 0;
  data: unknown = null;
  derived = '';

  protected override willUpdate(changed: PropertyValues): void {
    lastChanged = new Map(changed);
    this.derived = `${this.label}:${this.count}`; // must not cause a second render
  }

  protected override updated(changed: PropertyValues): void {
    if (changed.has('label') && this.label === 'chain') this.count = 99; // causes one more render
  }

  protected render() {
    renders++;
    return html`<p>${this.derived}</p>`;
  }
}
customElements.define('test-counter', TestCounter);

describe('ReactiveElement', () => {
  beforeEach(() => {
    renders = 0;
  });

  const text = (element: Element) => element.shadowRoot!.querySelector('p')!.textContent;

  it('renders once after connection, converting attributes, with styles adopted', async () => {
    const element = await fixture<TestCounter>(html`<test-counter label="a" start-count="5"></test-counter>`);
    expect(text(element)).to.equal('a:5');
    expect(element.count).to.equal(5);
    expect(renders).to.equal(1);
    expect(getComputedStyle(element).color).to.equal('rgb(1, 2, 3)');
    expect(TestCounter.observedAttributes).to.deep.equal(['label', 'start-count']);
  });

  it('batches several property changes into one render and reports what changed', async () => {
    const element = await fixture<TestCounter>(html`<test-counter></test-counter>`);
    renders = 0;
    element.label = 'b';
    element.count = 2;
    element.count = 3;
    await element.updateComplete;
    expect(renders).to.equal(1);
    expect(text(element)).to.equal('b:3');
    expect([...lastChanged.keys()]).to.have.members(['label', 'count']);
    expect(lastChanged.get('count')).to.equal(0);
  });

  it('does not render for a value that did not change', async () => {
    const element = await fixture<TestCounter>(html`<test-counter></test-counter>`);
    renders = 0;
    element.label = 'default';
    await element.updateComplete;
    expect(renders).to.equal(0);
  });

  it('waits for a render caused by updated() in updateComplete', async () => {
    const element = await fixture<TestCounter>(html`<test-counter></test-counter>`);
    element.label = 'chain';
    await element.updateComplete;
    expect(text(element)).to.equal('chain:99');
  });

  it('does not render before connection, and keeps what was set meanwhile', async () => {
    const element = document.createElement('test-counter') as TestCounter;
    element.label = 'early';
    await Promise.resolve();
    expect(renders).to.equal(0);
    document.body.append(element);
    await element.updateComplete;
    expect(text(element)).to.equal('early:0');
    element.remove();
  });

  it('renders first in a task of its own, not in the task that connected it', async () => {
    const element = document.createElement('test-counter') as TestCounter;
    document.body.append(element);
    // Microtasks of the connecting task have run: still no render.
    await Promise.resolve();
    await Promise.resolve();
    expect(renders).to.equal(0);
    await element.updateComplete;
    expect(renders).to.equal(1);
    expect(text(element)).to.equal('default:0');
    // Later renders stay batched in the task that asked for them.
    element.label = 'same task';
    await Promise.resolve();
    expect(renders).to.equal(2);
    element.remove();
  });

  it('leaves its first render to the next connection when removed before it', async () => {
    const element = document.createElement('test-counter') as TestCounter;
    document.body.append(element);
    element.remove();
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(renders).to.equal(0);
    expect(element.hasUpdated).to.equal(false);
    document.body.append(element);
    await element.updateComplete;
    expect(renders).to.equal(1);
    element.remove();
  });

  it('picks up properties set on the element before its class was defined', async () => {
    const element = document.createElement('test-late');
    (element as unknown as { label: string }).label = 'set before define';
    document.body.append(element);
    class TestLate extends TestCounter {}
    customElements.define('test-late', TestLate);
    await (element as TestLate).updateComplete;
    expect(text(element)).to.equal('set before define:0');
    element.remove();
  });
});
