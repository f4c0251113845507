/**
 * In-page probe, injected before any page script runs (page.addInitScript).
 * It expects `window.__benchConfig = { host, item, targets }`:
 *   host    – selector of the element whose open shadow root holds the comments (null: the document);
 *   item    – selector of one rendered comment inside it;
 *   targets – comment counts whose first appearance is timed from navigation start.
 *
 * "Painted" means: the comments were in the DOM, then the next animation
 * frame ran, and a task queued from that frame ran, i.e. the frame's style,
 * layout and paint work on the main thread was done.
 * All times are performance.now() values: milliseconds since navigation start.
 */
(() => {
  const config = window.__benchConfig;
  const observedRoots = [document];
  const activeObservers = new Set();
  const longTasks = [];
  const eventEntries = [];
  const keyLatencies = [];
  let lastPointerDown = null;

  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) longTasks.push({ start: entry.startTime, duration: entry.duration });
  }).observe({ type: 'longtask', buffered: true });

  // Event Timing: input-to-next-paint per event (8 ms granularity; only events of 16 ms and more are reported).
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      eventEntries.push({ name: entry.name, start: entry.startTime, duration: entry.duration, interactionId: entry.interactionId });
    }
  }).observe({ type: 'event', durationThreshold: 16, buffered: true });

  // Comments render into shadow roots, which a document MutationObserver does not see: observe each root as it is made.
  const attachShadow = Element.prototype.attachShadow;
  Element.prototype.attachShadow = function (init) {
    const root = attachShadow.call(this, init);
    observedRoots.push(root);
    for (const observer of activeObservers) observer.observe(root, { childList: true, subtree: true });
    return root;
  };

  const afterNextPaint = () =>
    new Promise((resolve) =>
      requestAnimationFrame(() => {
        const channel = new MessageChannel();
        channel.port1.onmessage = () => resolve(performance.now());
        channel.port2.postMessage(null);
      }),
    );

  const container = () => (config.host ? document.querySelector(config.host)?.shadowRoot ?? null : document);
  const count = () => container()?.querySelectorAll(config.item).length ?? 0;

  /** Comments in a node added to or removed from the DOM (the node itself included). */
  const itemsIn = (node) => (node.nodeType === Node.ELEMENT_NODE ? (node.matches(config.item) ? 1 : 0) + node.querySelectorAll(config.item).length : 0);

  /**
   * Resolves with { dom, paint } once at least `target` comments are in the DOM, and painted.
   * Counts from the mutation records (a full query per mutation would cost more than the
   * render being measured with 10,000 comments); a full count confirms the target.
   */
  function watch(target) {
    return new Promise((resolve) => {
      let observer = null;
      let counted = 0;
      let countedIn = null;
      const check = (records = []) => {
        const root = container();
        if (!root) return false;
        // A record whose target has left the DOM since cannot be counted from its nodes: count in full then.
        const resync = root !== countedIn || records.some((record) => !record.target.isConnected);
        if (resync) {
          counted = count();
          countedIn = root;
        } else {
          for (const record of records) {
            if (record.target !== root && record.target.getRootNode() !== root) continue; // another root (the page, another shadow root)
            for (const node of record.addedNodes) counted += itemsIn(node);
            for (const node of record.removedNodes) counted -= itemsIn(node);
          }
        }
        if (counted < target) return false;
        counted = count();
        if (counted < target) return false;
        const dom = performance.now();
        if (observer) {
          observer.disconnect();
          activeObservers.delete(observer);
        }
        afterNextPaint().then((paint) => resolve({ dom, paint }));
        return true;
      };
      if (check()) return;
      observer = new MutationObserver(check);
      activeObservers.add(observer);
      for (const root of observedRoots) observer.observe(root, { childList: true, subtree: true });
    });
  }

  // Typing latency: from a key press to the next frame painted after all its handlers (keydown, input, re-render) ran.
  addEventListener(
    'keydown',
    (event) => {
      const start = event.timeStamp;
      afterNextPaint().then((end) => keyLatencies.push(end - start));
    },
    true,
  );
  addEventListener('pointerdown', (event) => (lastPointerDown = event.timeStamp), true);

  /** Nodes in the document, shadow roots included. */
  function countNodes() {
    let nodes = 0;
    const stack = [document];
    while (stack.length > 0) {
      const node = stack.pop();
      nodes++;
      if (node.shadowRoot) stack.push(node.shadowRoot);
      for (let child = node.firstChild; child; child = child.nextSibling) stack.push(child);
    }
    return nodes;
  }

  const milestones = new Map((config.targets ?? []).map((target) => [target, watch(target)]));
  let pending = null;

  window.__bench = {
    count,
    countNodes,
    milestone: (target) => milestones.get(target),
    /** Starts watching for `target` comments (before an interaction); `watched()` then gives its result. */
    startWatch(target) {
      pending = watch(target);
    },
    watched: () => pending,
    lastPointerDown: () => lastPointerDown,
    longTasks: () => longTasks.slice(),
    eventEntries: () => eventEntries.slice(),
    takeKeyLatencies: () => keyLatencies.splice(0),
    afterNextPaint,
  };
})();
