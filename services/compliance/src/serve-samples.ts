#!/usr/bin/env node
/** The samples server as a process (docker compose's `compliance-samples`): SAMPLES_PORT, SAMPLES_HOST. */
import { serveSamples } from './samples-server';

const port = Number(process.env.SAMPLES_PORT ?? 3095);
const host = process.env.SAMPLES_HOST ?? '127.0.0.1';
serveSamples({ port, host }).then(
  () => process.stdout.write(`compliance samples on http://${host}:${port}\n`),
  (err: unknown) => {
    console.error('serve-samples:', err instanceof Error ? err.message : err);
    process.exit(1);
  },
);
process.on('SIGTERM', () => process.exit(0));
