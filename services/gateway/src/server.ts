import { loadConfigOrExit, runService, serveMetricsOf, tracingFromConfig } from '@plh/service-kit';
import { buildApp } from './app';
import { ConfigSchema } from './config';

async function main(): Promise<void> {
  const config = loadConfigOrExit('gateway', ConfigSchema, process.env);
  const tracing = tracingFromConfig('gateway', config);
  const app = await buildApp(config);
  tracing.closeWith(app);
  await serveMetricsOf(app, 'gateway', config, [app.metrics]);
  await runService(app, config);
}

main().catch((err: unknown) => {
  console.error('gateway: failed to start:', err instanceof Error ? err.message : err);
  process.exit(1);
});
