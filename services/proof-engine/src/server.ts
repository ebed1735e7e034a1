import { loadConfigOrExit, runService } from '@plh/service-kit';
import { buildApp } from './app';
import { ConfigSchema } from './config';
import { connectProofPlatform } from './connect';

async function main(): Promise<void> {
  const config = loadConfigOrExit('proof-engine', ConfigSchema, process.env);
  const platform = await connectProofPlatform(config, 'proof-engine');
  const app = await buildApp(config, { platform });
  await runService(app, config);
}

main().catch((err: unknown) => {
  console.error('proof-engine: failed to start:', err instanceof Error ? err.message : err);
  process.exit(1);
});
