import { expect } from '@open-wc/testing';
import { afterRendering, mapInSlices, yieldToMain } from '../../src/core/slices.js';

/** Keeps the main thread busy for `ms`. */
function busy(ms: number): void {
  const end = performance.now() + ms;
  while (performance.now() < end) {
    /* work */
  }
}

describe('slices', () => {
  it('afterRendering: a long chain of tasks lets frames through', async () => {
    let frames = 0;
    let counting = true;
    const countFrames = () => {
      frames += 1;
      if (counting) requestAnimationFrame(countFrames);
    };
    requestAnimationFrame(countFrames);
    await new Promise<void>((resolve) => {
      let left = 40;
      const step = () => {
        busy(5);
        if (--left === 0) resolve();
        else afterRendering(step);
      };
      afterRendering(step);
    });
    counting = false;
    // 200 ms of work in 5 ms pieces, each a task of its own: frames come between them (a chain of microtasks would see none).
    expect(frames).to.be.at.least(3);
  });

  it('afterRendering runs every task, in order', async () => {
    const ran: number[] = [];
    await new Promise<void>((resolve) => {
      for (let index = 0; index < 5; index += 1) afterRendering(() => ran.push(index));
      afterRendering(resolve);
    });
    expect(ran).to.deep.equal([0, 1, 2, 3, 4]);
  });

  it('mapInSlices maps every item, in order, across several tasks', async () => {
    const items = Array.from({ length: 100_000 }, (_, index) => index);
    let tasks = 0;
    let stop = false;
    const countTasks = async () => {
      while (!stop) {
        tasks += 1;
        await yieldToMain();
      }
    };
    void countTasks();
    // Some arithmetic per item (not a timed wait: Firefox's clock is too coarse for microseconds).
    const mapped = await mapInSlices(items, (item) => {
      let sum = 0;
      for (let step = 0; step < 200; step += 1) sum += Math.sqrt(item + step);
      return sum > -1 ? item * 2 : 0;
    });
    stop = true;
    expect(mapped).to.have.length(items.length);
    expect(mapped[0]).to.equal(0);
    expect(mapped.at(-1)).to.equal(199_998);
    expect(tasks, 'other tasks ran while the list was mapped').to.be.above(1);
  });
});
