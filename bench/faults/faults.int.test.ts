import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { runFaultSuite } from './suite';

/**
 * The short fault suite of `npm test` (the long one: `pnpm faults`): every fault once, against a few
 * practices ordering letters the whole way, then every invariant. Its report and the platform's log
 * are kept in bench/faults/results/npm-test/.
 */
describe('faults: kill -9 mid-transaction, relays killed, consumers dropped, NATS and PostgreSQL restarted, a rolling restart', () => {
  it('loses and duplicates nothing, and the rolling restart fails no request', async () => {
    const artifactsDir = path.join(__dirname, 'results', 'npm-test');
    mkdirSync(artifactsDir, { recursive: true });
    const report = await runFaultSuite({
      practices: 4,
      ordersPerHour: 720,
      rounds: 1,
      settleSeconds: 5,
      artifactsDir,
    });
    expect(report.faults.map((f) => f.name)).toHaveLength(6);
    expect(report.invariants.filter((i) => !i.holds)).toEqual([]);
    expect(report.orders.completed).toBeGreaterThan(0);
  });
});
