/** Small statistics helpers. */

/** Median of the numbers in `values` (nulls and undefined left out); null when there are none. */
export function median(values) {
  const numbers = values.filter((value) => typeof value === 'number' && Number.isFinite(value)).sort((a, b) => a - b);
  if (numbers.length === 0) return null;
  const middle = Math.floor(numbers.length / 2);
  return numbers.length % 2 === 1 ? numbers[middle] : (numbers[middle - 1] + numbers[middle]) / 2;
}

/** Total blocking time (sum over long tasks of the part beyond 50 ms) and the longest task. */
export function blockingTime(tasks) {
  let total = 0;
  let longest = 0;
  for (const { duration } of tasks) {
    total += Math.max(0, duration - 50);
    longest = Math.max(longest, duration);
  }
  return { total, longest };
}
