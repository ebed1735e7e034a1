/**
 * `pnpm faults`: the long fault suite. The platform as `npm start` runs it, practices ordering letters
 * the whole way, and meanwhile, round after round: kill -9 of core mid-transaction, the outbox relays
 * killed, durable consumers dropped, NATS and PostgreSQL restarted, a rolling restart of every service.
 * Then the invariants (suite.ts). Writes bench/faults/results/<time>/faults-report.json; exits 1 if
 * any invariant failed.
 *   FAULTS_PRACTICES (20), FAULTS_ORDERS_PER_HOUR (1000), FAULTS_ROUNDS (3), FAULTS_SETTLE_SECONDS (20)
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { runFaultSuite } from './suite';

const outDir = path.join(__dirname, 'results', new Date().toISOString().replace(/[:.]/g, '-'));
mkdirSync(outDir, { recursive: true });

runFaultSuite({
  practices: Number(process.env.FAULTS_PRACTICES ?? 20),
  ordersPerHour: Number(process.env.FAULTS_ORDERS_PER_HOUR ?? 1_000),
  rounds: Number(process.env.FAULTS_ROUNDS ?? 3),
  settleSeconds: Number(process.env.FAULTS_SETTLE_SECONDS ?? 20),
  artifactsDir: outDir,
}).then(
  (report) => {
    console.log(`[faults] report: ${path.relative(process.cwd(), outDir)}/faults-report.json`);
    console.log(`[faults] ${report.passed ? 'every invariant held' : 'INVARIANTS FAILED'}`);
    process.exit(report.passed ? 0 : 1);
  },
  (err: unknown) => {
    console.error('[faults]', err instanceof Error ? err.message : err);
    process.exit(1);
  },
);
