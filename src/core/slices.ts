/**
 * Long work split into slices: the main thread is given back every few
 * milliseconds, so input and rendering go on while thousands of comments are
 * read or threaded.
 */

/** Work done in one go before the main thread is given back. */
const SLICE_MS = 8;

interface PostTaskScheduler {
  postTask?: (task: () => void, options: { priority: 'background' }) => Promise<void>;
}

const scheduler = (): PostTaskScheduler | undefined => (globalThis as { scheduler?: PostTaskScheduler }).scheduler;

/**
 * Runs `task` in a task of its own, behind the browser's rendering and the
 * page's own tasks: a background task where the Scheduler API is there, else
 * a timer (which lets frames through too). `scheduler.yield()` was tried: its
 * continuations go ahead of everything else, so while 1,000 comments rendered
 * only 6–7 frames were painted (31–44 this way), and a page's 10 ms timer
 * waited up to 880 ms.
 */
export function afterRendering(task: () => void): void {
  const postTask = scheduler()?.postTask;
  if (postTask) void postTask.call(scheduler(), task, { priority: 'background' });
  else setTimeout(task, 0);
}

/**
 * Gives the main thread back: like afterRendering() where the Scheduler API
 * is there; else through a message channel, which hidden tabs do not
 * throttle as they do timers.
 */
export function yieldToMain(): Promise<void> {
  if (scheduler()?.postTask) return new Promise((resolve) => afterRendering(resolve));
  return new Promise((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => {
      channel.port1.close();
      resolve();
    };
    channel.port2.postMessage(null);
  });
}

/** Calls `step()` until it returns true, giving the main thread back whenever SLICE_MS have passed. */
export async function inSlices(step: () => boolean): Promise<void> {
  for (;;) {
    const deadline = performance.now() + SLICE_MS;
    while (performance.now() < deadline) {
      for (let i = 0; i < 64; i += 1) if (step()) return;
    }
    await yieldToMain();
  }
}

/** Maps a long list in slices, so checking thousands of items never blocks the page for long. */
export async function mapInSlices<T, U>(items: readonly T[], map: (item: T) => U): Promise<U[]> {
  const mapped: U[] = [];
  await inSlices(() => {
    if (mapped.length === items.length) return true;
    mapped.push(map(items[mapped.length]!));
    return false;
  });
  return mapped;
}
