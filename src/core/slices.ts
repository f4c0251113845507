/**
 * Long work split into slices: the main thread is given back every few
 * milliseconds, so input and rendering go on while thousands of comments are
 * read or threaded.
 */

/** Work done in one go before the main thread is given back. */
export const SLICE_MS = 8;

/** Gives the main thread back (input, rendering), without the throttling timers get in hidden tabs. */
export function yieldToMain(): Promise<void> {
  const scheduler = (globalThis as { scheduler?: { yield?: () => Promise<void> } }).scheduler;
  if (scheduler?.yield) return scheduler.yield();
  return new Promise((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => {
      channel.port1.close();
      resolve();
    };
    channel.port2.postMessage(null);
  });
}

interface PostTaskScheduler {
  postTask?: ((task: () => void, options: { priority: 'background' }) => Promise<void>) | undefined;
}

/**
 * Runs `task` once the browser has had the chance to paint: a background task
 * when the Scheduler API is there (rendering goes first, and no timer clamping),
 * else a timer. Yielding with `yieldToMain()` instead lets the next piece of
 * work run before any frame, and nothing new would show until all is done.
 */
export function afterRendering(task: () => void): void {
  const scheduler = (globalThis as { scheduler?: PostTaskScheduler }).scheduler;
  if (scheduler?.postTask) void scheduler.postTask(task, { priority: 'background' });
  else setTimeout(task, 0);
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
