/** Independent jobs (host builds, compiles) spread over the machine's cores. */
import { availableParallelism } from 'node:os';

/**
 * `work` over `items`, as many at once as there are cores (at least `min`),
 * results in the items' order. Once `stop(result)` holds for one, no further
 * item is started (those stay undefined).
 */
export async function mapOnCores<T, R>(
  items: readonly T[],
  work: (item: T, index: number) => Promise<R>,
  options: { min?: number; stop?: (result: R) => boolean } = {},
): Promise<(R | undefined)[]> {
  const results: (R | undefined)[] = new Array(items.length).fill(undefined);
  let next = 0;
  let stopped = false;
  const worker = async (): Promise<void> => {
    while (next < items.length && !stopped) {
      const i = next++;
      const result = await work(items[i]!, i);
      results[i] = result;
      if (options.stop?.(result)) stopped = true;
    }
  };
  await Promise.all(Array.from({ length: Math.max(options.min ?? 1, availableParallelism()) }, worker));
  return results;
}
