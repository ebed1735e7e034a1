#!/usr/bin/env node
// `npm test`: the whole suite on real PostgreSQL and NATS JetStream (started by packages/test-kit),
// plus type checks and lint. Nothing is skipped: a suite that cannot reach its servers fails.
import { bootstrap, run } from './bootstrap.mjs';

try {
  bootstrap({ quiet: true, forTests: true });
  console.log('\x1b[36m[test]\x1b[0m lint + format');
  run('pnpm', ['exec', 'eslint', '.', '--max-warnings=0']);
  run('pnpm', ['exec', 'prettier', '--check', '--log-level=warn', '.']);
  console.log('\x1b[36m[test]\x1b[0m typecheck + tests (turbo, two at a time: this machine has two cores)');
  run('pnpm', [
    'exec',
    'turbo',
    'run',
    'typecheck',
    'test',
    '--concurrency=2',
    '--output-logs=new-only',
    '--continue=never',
  ]);
} catch (err) {
  console.error(`[test] ${err.message}`);
  process.exit(1);
}
