import { loadConfigOrExit, runService } from '@plh/service-kit';
import { buildWorkerApp } from './app';
import { ConfigSchema } from './config';
import { connectProofPlatform } from './connect';

/** The proof worker as its own process: renders jobs from the queue; PORT serves its health checks. */
async function main(): Promise<void> {
  const config = loadConfigOrExit('proof-engine-worker', ConfigSchema, process.env);
  const platform = await connectProofPlatform(config, 'proof-engine-worker');
  await runService(await buildWorkerApp(config, { platform }), config);
}

main().catch((err: unknown) => {
  console.error('proof-engine-worker: failed to start:', err instanceof Error ? err.message : err);
  process.exit(1);
});
