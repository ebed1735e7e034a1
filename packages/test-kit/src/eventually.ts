/**
 * Retries `assertion` until it stops throwing or the deadline passes, then rethrows its last error.
 * Tests wait for outcomes this way, never with fixed sleeps.
 */
export async function eventually<T>(
  assertion: () => T | Promise<T>,
  { timeoutMs = 10_000, intervalMs = 20 } = {},
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await assertion();
    } catch (err) {
      if (Date.now() > deadline) throw err;
      await new Promise((resolve) => setTimeout(resolve, intervalMs));
    }
  }
}

interface HttpAnswer {
  statusCode: number;
  headers: Record<string, unknown>;
  json(): unknown;
}

/**
 * Follows an asynchronous operation (`202 Accepted` with a `Location`): GETs that URL until the
 * resource is no longer `pending`, and answers that last GET. Any other answer is handed back as it
 * is (a refused request has nothing to follow).
 */
export async function followAccepted<A extends HttpAnswer>(
  answer: A,
  get: (url: string) => Promise<A>,
  pending: (resource: { status?: unknown }) => boolean = (r) => r.status === 'importing',
  { timeoutMs = 60_000, intervalMs = 50 } = {},
): Promise<A> {
  if (answer.statusCode !== 202) return answer;
  const location = answer.headers.location;
  if (typeof location !== 'string') throw new Error('a 202 answer without a Location header');
  return eventually(
    async () => {
      const now = await get(location);
      if (now.statusCode !== 200 || pending(now.json() as { status?: unknown }))
        throw new Error(`${location} is still pending (${now.statusCode})`);
      return now;
    },
    { timeoutMs, intervalMs },
  );
}
