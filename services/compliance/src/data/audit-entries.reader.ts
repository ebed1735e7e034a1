import type { ChainEntry } from '@plh/audit-chain';
import { Pool, type CustomTypesConfig } from 'pg';
import { survivePoolErrors } from '@plh/db';

/** Every column as the text PostgreSQL sends: no Date or number objects built for a million rows. */
const RAW_TEXT: CustomTypesConfig = { getTypeParser: () => (value: string) => value };
const iso = (column: string) => `to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;
const SQL = `SELECT tenant_id, seq, event_id, service, action, outcome, resource_type, resource_id, actor_kind, actor_id,
                    actor_role, phi, changes, reason, request_id, trace_id, ip_address, user_agent,
                    ${iso('occurred_at')}, ${iso('recorded_at')}, prev_hash, hash
               FROM audit_log
              WHERE tenant_id = $1::uuid AND seq > $2::bigint AND seq <= $3::bigint
              ORDER BY seq`;

type Row = [
  string,
  string,
  string,
  string,
  string,
  string,
  string,
  string | null,
  string,
  string | null,
  string | null,
  string,
  string,
  string | null,
  string | null,
  string | null,
  string | null,
  string | null,
  string,
  string,
  string,
  string,
];
const toEntry = (r: Row): ChainEntry => ({
  chain: r[0],
  seq: Number(r[1]),
  eventId: r[2],
  service: r[3],
  action: r[4],
  outcome: r[5],
  resourceType: r[6],
  resourceId: r[7],
  actorKind: r[8],
  actorId: r[9],
  actorRole: r[10],
  phi: r[11] === 't',
  changes: JSON.parse(r[12]) as ChainEntry['changes'],
  reason: r[13],
  requestId: r[14],
  traceId: r[15],
  clientIp: r[16],
  userAgent: r[17],
  occurredAt: r[18],
  recordedAt: r[19],
  prevHash: r[20],
  hash: r[21],
});

/**
 * Reads long stretches of a practice's chain for verification: node-postgres with rows as arrays of
 * text, several times cheaper per row than the ORM (a million entries are read to verify a trail of a
 * million). Each read is its own read-only transaction as the practice (row-level security applies);
 * entries never change, so reading a chain in several is consistent.
 */
export function auditEntriesReader(connectionString: string) {
  // A client that errors (server restart) must not crash the process; the pool replaces it.
  const pool = survivePoolErrors(
    new Pool({ connectionString, max: 2, application_name: 'plh-compliance-audit-reader' }),
  );
  return {
    /** Entries numbered in (afterSeq, upToSeq], oldest first. */
    async between(tenantId: string, afterSeq: number, upToSeq: number): Promise<ChainEntry[]> {
      const client = await pool.connect();
      try {
        await client.query('BEGIN READ ONLY');
        await client.query(`SELECT set_config('app.tenant_id', $1, true)`, [tenantId]);
        const { rows } = await client.query<Row>({
          text: SQL,
          values: [tenantId, afterSeq, upToSeq],
          rowMode: 'array',
          types: RAW_TEXT,
        });
        await client.query('COMMIT');
        return rows.map(toEntry);
      } catch (err) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw err;
      } finally {
        client.release();
      }
    },
    close: () => pool.end(),
  };
}
export type AuditEntriesReader = ReturnType<typeof auditEntriesReader>;
