/** Jest globalTeardown: stops what globalSetup started, so no server outlives the run. */
export default async function globalTeardown(): Promise<void> {
  const stops = globalThis.__PLH_TEST_STOPS__ ?? [];
  await Promise.allSettled(stops.map((stop) => stop()));
  globalThis.__PLH_TEST_STOPS__ = [];
}
