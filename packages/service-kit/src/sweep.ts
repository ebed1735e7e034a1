/**
 * The loop of a retention sweep (or any batch over practices): `each` runs for one due item at a time
 * and answers how much it did. An item that fails is reported and left for the next run, so it does not
 * hold back the items after it; only when every item failed is the cause likely systemic (storage or
 * database down) and the run fails, for the job queue to retry.
 */
export async function sweepEach<T>(
  due: readonly T[],
  each: (item: T) => Promise<number>,
  onError: (err: unknown, item: T) => void,
): Promise<number> {
  let done = 0;
  let failures = 0;
  for (const item of due) {
    try {
      done += await each(item);
    } catch (err) {
      failures++;
      onError(err, item);
    }
  }
  if (failures && failures === due.length) throw new Error(`sweep: none of ${failures} due items could be handled`);
  return done;
}
