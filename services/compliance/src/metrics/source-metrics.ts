import { scrapedGauge, type Registry } from '@plh/service-kit';
import type { PrismaClient } from '../../generated/prisma';

/**
 * Each active source's freshness, read at scrape: when it last synced successfully (0: never) and how
 * often it should. An alert fires when a source is older than twice its interval (the alerts reach
 * practices within 15 minutes only if the data they come from is current).
 */
export function sourceMetrics(registry: Registry, db: PrismaClient): void {
  const sources = () =>
    db.$queryRawUnsafe<{ name: string; last_success: number | null; interval_s: number }[]>(
      `SELECT name, EXTRACT(EPOCH FROM last_success_at)::float8 AS last_success, poll_interval_minutes * 60 AS interval_s
         FROM source WHERE is_active`,
    );
  scrapedGauge(
    registry,
    {
      name: 'plh_compliance_source_last_success_timestamp_seconds',
      help: 'When each compliance source last synced successfully (Unix time; 0: never)',
      labelNames: ['source'],
    },
    async () => (await sources()).map((s) => ({ labels: { source: s.name }, value: s.last_success ?? 0 })),
  );
  scrapedGauge(
    registry,
    {
      name: 'plh_compliance_source_poll_interval_seconds',
      help: 'How often each compliance source is meant to sync',
      labelNames: ['source'],
    },
    async () => (await sources()).map((s) => ({ labels: { source: s.name }, value: Number(s.interval_s) })),
  );
}
