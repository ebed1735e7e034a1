/**
 * When the next attempt of a message runs, after `attemptsSoFar` failed ones: the schedule's next delay
 * (Svix's by default: at once, 5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 10 h) with ±10% jitter, so endpoints
 * that failed together are not all retried in the same second. Null: the schedule is used up.
 */
export function nextAttemptDelayMs(
  schedule: readonly number[],
  attemptsSoFar: number,
  random = Math.random,
): number | null {
  const base = schedule[attemptsSoFar];
  if (base === undefined) return null;
  return Math.round(base * (0.9 + random() * 0.2));
}

export function parseSchedule(value: string): number[] {
  return value.split(',').map((v) => Number(v));
}
