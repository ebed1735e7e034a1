import { spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { CompactTree, entryHash, entryLeaf, PLATFORM_CHAIN, verifyInclusion } from '@plh/audit-chain';
import { AUDIT_EVENTS, createEvent, type AuditRecord, type EventEnvelope } from '@plh/contracts';
import { ensureServiceStream } from '@plh/event-bus';
import { deliverTwice } from '@plh/service-kit/testing';
import { eventually } from '@plh/test-kit';
import { auditTrailRepository } from '../src/data/audit-trail.repository';
import { buildTestApp, caller, opsAdmin, practice, rosterOf, type TestApp } from './helpers';

const VERIFY_CLI = path.resolve(__dirname, '../../../packages/audit-chain/bin/plh-audit-verify.js');

function record(over: Partial<AuditRecord> = {}): AuditRecord {
  return {
    action: 'order.approve',
    outcome: 'success',
    resource: { type: 'order', id: randomUUID() },
    actor: { kind: 'user', id: randomUUID(), role: 'approver' },
    phi: false,
    changes: [{ field: 'status', from: 'proof_ready', to: 'approved' }],
    reason: null,
    requestId: `req-${randomUUID()}`,
    clientIp: '203.0.113.7',
    userAgent: 'Mozilla/5.0',
    ...over,
  };
}

type AuditedService = keyof typeof AUDIT_EVENTS;
const auditEvent = (service: AuditedService, tenantId: string | null, over: Partial<AuditRecord> = {}) =>
  createEvent(AUDIT_EVENTS[service], {
    source: service,
    tenantId,
    traceparent: `00-${randomUUID().replace(/-/g, '')}-${'a'.repeat(16)}-01`,
    data: record(over),
  }) as EventEnvelope;

describe('the audit trail', () => {
  let t: TestApp;
  const call = caller(() => t);
  let dir: string;

  beforeAll(async () => {
    t = await buildTestApp(rosterOf([]));
    dir = mkdtempSync(path.join(os.tmpdir(), 'plh-audit-'));
  });
  afterAll(async () => {
    await t?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  /** Publishes as the services' relays do (one message per event), then waits for the chain to hold `size`. */
  async function publish(events: EventEnvelope[]) {
    const { nats, ns } = t.test.platform;
    for (const service of new Set(events.map((e) => e.source))) await ensureServiceStream(nats.jsm, ns, service);
    await Promise.all(events.map((e) => nats.js.publish(ns.subject(e.type), JSON.stringify(e), { msgID: e.id })));
  }
  async function chainSize(tenantId: string, size: number) {
    await eventually(
      async () => {
        const { rows } = await t.admin.query<{ n: number }>(
          `SELECT count(*)::int AS n FROM compliance.audit_log WHERE tenant_id = $1`,
          [tenantId],
        );
        if (rows[0]!.n < size) throw new Error(`${rows[0]!.n} of ${size} entries appended`);
      },
      { timeoutMs: 30_000 },
    );
  }
  const verify = async (who: Parameters<typeof call>[0], tenantId: string) =>
    (await call(who, 'GET', `/api/tenants/${tenantId}/compliance/audit/verify`)).json();
  /** As a database superuser with the triggers off: what nobody should be able to do, done anyway. */
  const tamper = async (sql: string, params: unknown[]) => {
    const client = await t.admin.connect();
    try {
      await client.query('BEGIN');
      await client.query('SET LOCAL session_replication_role = replica');
      await client.query(sql, params);
      await client.query('COMMIT');
    } finally {
      client.release();
    }
  };

  it('appends each record once, chained per practice, whichever service sent it and however often', async () => {
    const a = practice();
    const b = practice();
    const events = [
      auditEvent('tenant', a.tenantId, { action: 'auth.login', resource: { type: 'session', id: null } }),
      auditEvent('core', a.tenantId, { action: 'patient-list.read', phi: true }),
      auditEvent('proof', a.tenantId, { action: 'proof.generate' }),
      auditEvent('core', b.tenantId),
      // A failed login for an email nobody has: no practice, the platform chain.
      auditEvent('tenant', null, { action: 'auth.login', outcome: 'failure', reason: 'INVALID_CREDENTIALS' }),
    ];
    for (const event of events) await deliverTwice(t.test.platform, `compliance-audit-${event.source}`, event);

    const page = (await call(a.owner, 'GET', `/api/tenants/${a.tenantId}/compliance/audit`)).json();
    expect(page.items.map((e: { action: string }) => e.action).sort()).toEqual([
      'auth.login',
      'patient-list.read',
      'proof.generate',
    ]);
    const [third, second, first] = page.items;
    expect([first.seq, second.seq, third.seq]).toEqual([1, 2, 3]);
    expect(first.prevHash).toBe('0'.repeat(64));
    expect(second.prevHash).toBe(first.hash);
    expect(third.prevHash).toBe(second.hash);
    const read = page.items.find((e: { action: string }) => e.action === 'patient-list.read');
    const sent = events[1]!;
    expect(read).toMatchObject({
      chain: a.tenantId,
      eventId: sent.id,
      service: 'core',
      phi: true,
      actorKind: 'user',
      actorRole: 'approver',
      clientIp: '203.0.113.7',
      userAgent: 'Mozilla/5.0',
      traceId: sent.traceparent!.split('-')[1],
      occurredAt: sent.occurredAt,
    });
    expect((await call(b.owner, 'GET', `/api/tenants/${b.tenantId}/compliance/audit`)).json().items).toHaveLength(1);
    const { rows } = await t.admin.query(`SELECT action, reason FROM compliance.audit_log WHERE tenant_id = $1`, [
      PLATFORM_CHAIN,
    ]);
    expect(rows).toEqual([{ action: 'auth.login', reason: 'INVALID_CREDENTIALS' }]);
    expect(await verify(a.viewer, a.tenantId)).toMatchObject({ valid: true, entries: 3, firstBreak: null });
  });

  it('never forks a chain: 400 records from four services at once make one chain of 400', async () => {
    const p = practice();
    const services: AuditedService[] = ['tenant', 'core', 'proof', 'compliance'];
    await publish(Array.from({ length: 400 }, (_, i) => auditEvent(services[i % 4]!, p.tenantId)));
    await chainSize(p.tenantId, 400);
    const { rows } = await t.admin.query<{ n: number; distinct: number; max: string }>(
      `SELECT count(*)::int AS n, count(DISTINCT seq)::int AS distinct, max(seq)::text AS max
         FROM compliance.audit_log WHERE tenant_id = $1`,
      [p.tenantId],
    );
    expect(rows[0]).toEqual({ n: 400, distinct: 400, max: '400' });
    expect(await verify(p.owner, p.tenantId)).toMatchObject({ valid: true, entries: 400, headMatches: true });
  });

  it('reads with filters a page at a time, exports CSV with formulas defused, and is 404 to another practice', async () => {
    const p = practice();
    const orderId = randomUUID();
    const actorId = randomUUID();
    await publish([
      ...Array.from({ length: 5 }, () =>
        auditEvent('core', p.tenantId, { resource: { type: 'order', id: orderId }, action: 'order.approve' }),
      ),
      auditEvent('core', p.tenantId, { action: 'invoice.issue', resource: { type: 'invoice', id: '=HYPERLINK("x")' } }),
      auditEvent('tenant', p.tenantId, {
        action: 'settings.change',
        actor: { kind: 'user', id: actorId, role: 'owner' },
      }),
    ]);
    await chainSize(p.tenantId, 7);
    const url = `/api/tenants/${p.tenantId}/compliance/audit`;
    const first = (await call(p.viewer, 'GET', `${url}?resourceType=order&resourceId=${orderId}&limit=3`)).json();
    expect(first.items).toHaveLength(3);
    const second = (
      await call(p.viewer, 'GET', `${url}?resourceType=order&resourceId=${orderId}&limit=3&cursor=${first.next}`)
    ).json();
    expect(second).toMatchObject({ next: null });
    expect(second.items).toHaveLength(2);
    const seqs = [...first.items, ...second.items].map((e: { seq: number }) => e.seq);
    expect(seqs).toEqual([...new Set(seqs)].sort((x, y) => y - x));
    expect([...first.items, ...second.items].every((e: { resourceId: string }) => e.resourceId === orderId)).toBe(true);
    expect((await call(p.viewer, 'GET', `${url}?action=order.`)).json().items).toHaveLength(5);
    expect((await call(p.viewer, 'GET', `${url}?actorId=${actorId}`)).json().items).toMatchObject([
      { action: 'settings.change' },
    ]);
    for (const query of [
      '?from=yesterday',
      '?from=2026-12-02T00:00:00Z&to=2026-12-01T00:00:00Z',
      `?cursor=${Buffer.from(JSON.stringify(['audit', 'x'])).toString('base64url')}`,
    ]) {
      const bad = await call(p.viewer, 'GET', `${url}${query}`);
      expect(bad.statusCode).toBe(400);
      expect(bad.headers['content-type']).toMatch(/^application\/problem\+json/);
    }

    const csv = await call(p.owner, 'GET', `${url}/export?format=csv`);
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-type']).toMatch(/^text\/csv/);
    const lines = csv.body.trim().split('\r\n');
    expect(lines).toHaveLength(8);
    expect(csv.body).toContain(`"'=HYPERLINK(""x"")"`);

    // Only owners and ops export; nobody else's trail is visible.
    expect((await call(p.viewer, 'GET', `${url}/export`)).statusCode).toBe(403);
    const other = practice();
    const res = await call(other.owner, 'GET', url);
    expect(res.statusCode).toBe(404);
  });

  it('records the ops team reading a practice’s trail, in that trail', async () => {
    const p = practice();
    await publish([auditEvent('core', p.tenantId)]);
    await chainSize(p.tenantId, 1);
    expect((await call(opsAdmin, 'GET', `/api/tenants/${p.tenantId}/compliance/audit`)).statusCode).toBe(200);
    await chainSize(p.tenantId, 2);
    const page = (await call(p.owner, 'GET', `/api/tenants/${p.tenantId}/compliance/audit`)).json();
    expect(page.items[0]).toMatchObject({
      action: 'audit-trail.read',
      service: 'compliance',
      actorId: opsAdmin.id,
      actorRole: 'ops_admin',
    });
    // So is their verifying it.
    expect((await verify(opsAdmin, p.tenantId)).valid).toBe(true);
    await chainSize(p.tenantId, 3);
    // The practice's own reads are not (they are not a disclosure to anyone new).
    await call(p.owner, 'GET', `/api/tenants/${p.tenantId}/compliance/audit`);
    expect((await call(p.owner, 'POST', `/api/tenants/${p.tenantId}/compliance/audit/checkpoints`)).statusCode).toBe(
      200,
    );
    expect((await verify(p.owner, p.tenantId)).entries).toBe(3);
  });

  it('lets the runtime role write the trail only through its functions, which refuse a fork; UPDATE, DELETE and TRUNCATE are refused to all but the maintenance role', async () => {
    const p = practice();
    await publish([auditEvent('core', p.tenantId), auditEvent('core', p.tenantId)]);
    await chainSize(p.tenantId, 2);
    expect((await call(p.owner, 'POST', `/api/tenants/${p.tenantId}/compliance/audit/checkpoints`)).statusCode).toBe(
      200,
    );
    const db = t.test.platform.db;
    const asPractice = <R>(work: (tx: Parameters<Parameters<typeof db.$transaction>[0]>[0]) => Promise<R>) =>
      db.$transaction(async (tx) => {
        await tx.$executeRawUnsafe(`SELECT set_config('app.tenant_id', $1, true)`, p.tenantId);
        return work(tx);
      });
    await expect(
      asPractice((tx) =>
        tx.$executeRawUnsafe(`UPDATE audit_log SET action = 'order.cancel' WHERE tenant_id = $1::uuid`, p.tenantId),
      ),
    ).rejects.toThrow(/permission denied/);
    await expect(
      asPractice((tx) =>
        tx.$executeRawUnsafe(`INSERT INTO audit_log SELECT * FROM audit_log WHERE tenant_id = $1::uuid`, p.tenantId),
      ),
    ).rejects.toThrow(/permission denied/);
    await expect(
      asPractice((tx) =>
        tx.$executeRawUnsafe(`UPDATE audit_chain SET size = 0 WHERE tenant_id = $1::uuid`, p.tenantId),
      ),
    ).rejects.toThrow(/permission denied/);
    // Entry 1 again (a fork), or entry 3 not linked to entry 2 (a rewrite): refused by the append function.
    const [first] = await asPractice((tx) => auditTrailRepository(tx as never, p.tenantId).entriesBetween(0, 1));
    for (const forged of [first!, { ...first!, seq: 3 }])
      await expect(
        db.$queryRawUnsafe(`SELECT append_audit_entries($1::jsonb, '[]'::jsonb)`, JSON.stringify([forged])),
      ).rejects.toThrow(/do not continue audit chain/);
    const { rows: partitions } = await t.admin.query<{ name: string }>(
      `SELECT c.relname AS name FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
        WHERE i.inhparent = 'compliance.audit_log'::regclass ORDER BY 1 LIMIT 1`,
    );
    await expect(t.admin.query(`TRUNCATE compliance.${partitions[0]!.name}`)).rejects.toThrow(
      /append-only: TRUNCATE refused/,
    );
    await expect(t.admin.query(`DELETE FROM compliance.audit_log WHERE tenant_id = $1`, [p.tenantId])).rejects.toThrow(
      /append-only: DELETE refused/,
    );
    await expect(t.admin.query(`TRUNCATE compliance.audit_log`)).rejects.toThrow(/append-only: TRUNCATE refused/);
    await expect(t.admin.query(`UPDATE compliance.audit_checkpoint SET key_id = 'x'`)).rejects.toThrow(
      /append-only: UPDATE refused/,
    );
    const client = await t.admin.connect();
    try {
      await client.query('BEGIN');
      await client.query('SET LOCAL ROLE plh_compliance_maintenance');
      // Row-level security binds it too: one practice at a time.
      await client.query(`SELECT set_config('app.tenant_id', $1, true)`, [p.tenantId]);
      const updated = await client.query(`UPDATE compliance.audit_log SET user_agent = 'x' WHERE tenant_id = $1`, [
        p.tenantId,
      ]);
      expect(updated.rowCount).toBe(2);
    } finally {
      await client.query('ROLLBACK');
      client.release();
    }
  });

  describe('tampering', () => {
    /** A practice with 12 entries and a signed checkpoint of all of them. */
    async function signedTrail() {
      const p = practice();
      await publish(Array.from({ length: 12 }, (_, i) => auditEvent('core', p.tenantId, { requestId: `r${i}` })));
      await chainSize(p.tenantId, 12);
      const checkpoint = await call(p.owner, 'POST', `/api/tenants/${p.tenantId}/compliance/audit/checkpoints`);
      expect(checkpoint.json()).toMatchObject({ treeSize: 12 });
      return p;
    }
    async function exportOf(p: ReturnType<typeof practice>) {
      const res = await call(p.owner, 'GET', `/api/tenants/${p.tenantId}/compliance/audit/export`);
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toMatch(/^application\/x-ndjson/);
      return res.body;
    }
    function verifyOffline(exported: string) {
      const keys = path.join(dir, `keys-${randomUUID()}.json`);
      const file = path.join(dir, `export-${randomUUID()}.jsonl`);
      writeFileSync(file, exported);
      return (async () => {
        const published = await t.app.inject({ method: 'GET', url: '/api/compliance/audit/public-keys' });
        writeFileSync(keys, published.body);
        const run = spawnSync(process.execPath, [VERIFY_CLI, '--public-key', keys, file], { encoding: 'utf8' });
        return {
          status: run.status,
          out: run.stdout,
          report: JSON.parse(run.stdout.slice(0, run.stdout.lastIndexOf('}') + 1)),
        };
      })();
    }

    it('an untouched trail verifies, online and offline from its export', async () => {
      const p = await signedTrail();
      expect(await verify(p.viewer, p.tenantId)).toMatchObject({
        valid: true,
        entries: 12,
        checkpoints: [{ treeSize: 12, signatureValid: true, rootMatches: true, covered: true }],
      });
      const offline = await verifyOffline(await exportOf(p));
      expect(offline.status).toBe(0);
      expect(offline.out).toContain('valid: 12 entries');
      // Changing one byte of one exported entry is caught offline. The events were published
      // concurrently, so the entry of request r4 is found by its content, not assumed at a seq.
      const original = await exportOf(p);
      const line = original.split('\n').find((l) => l.includes('"requestId":"r4"'))!;
      const seqOfR4 = (JSON.parse(line) as { seq: number }).seq;
      const forged = await verifyOffline(original.replace('"requestId":"r4"', '"requestId":"r5"'));
      expect(forged.status).toBe(1);
      expect(forged.report.firstBreak).toEqual({ seq: seqOfR4, reason: 'hash_mismatch' });
    });

    it('an edited entry is named', async () => {
      const p = await signedTrail();
      await tamper(`UPDATE compliance.audit_log SET actor_role = 'owner' WHERE tenant_id = $1 AND seq = 7`, [
        p.tenantId,
      ]);
      const report = await verify(p.owner, p.tenantId);
      expect(report).toMatchObject({ valid: false, firstBreak: { seq: 7, reason: 'hash_mismatch' } });
      expect(report.checkpoints[0]).toMatchObject({ rootMatches: false });
      expect((await verifyOffline(await exportOf(p))).report.firstBreak).toEqual({ seq: 7, reason: 'hash_mismatch' });
    });

    it('a deleted entry leaves a named gap', async () => {
      const p = await signedTrail();
      await tamper(`DELETE FROM compliance.audit_log WHERE tenant_id = $1 AND seq = 4`, [p.tenantId]);
      expect((await verify(p.owner, p.tenantId)).firstBreak).toEqual({ seq: 5, reason: 'gap', expectedSeq: 4 });
      const offline = await verifyOffline(await exportOf(p));
      expect(offline.status).toBe(1);
      expect(offline.report.firstBreak).toEqual({ seq: 5, reason: 'gap', expectedSeq: 4 });
    });

    it('two reordered entries are detected', async () => {
      const p = await signedTrail();
      for (const [from, to] of [
        [3, 1000],
        [8, 3],
        [1000, 8],
      ])
        await tamper(`UPDATE compliance.audit_log SET seq = $3 WHERE tenant_id = $1 AND seq = $2`, [
          p.tenantId,
          from,
          to,
        ]);
      const report = await verify(p.owner, p.tenantId);
      expect(report.valid).toBe(false);
      expect(report.firstBreak).toMatchObject({ seq: 3 });
    });

    it('a forged checkpoint signature and a rewritten history are detected', async () => {
      const p = await signedTrail();
      await tamper(`UPDATE compliance.audit_checkpoint SET signature = $2 WHERE tenant_id = $1 AND tree_size = 12`, [
        p.tenantId,
        Buffer.alloc(64, 7).toString('base64url'),
      ]);
      const forged = await verify(p.owner, p.tenantId);
      expect(forged).toMatchObject({ valid: false, firstBreak: null });
      expect(forged.checkpoints[0]).toMatchObject({ signatureValid: false, rootMatches: true });
      const offline = await verifyOffline(await exportOf(p));
      expect(offline.status).toBe(1);
      expect(offline.report.problems).toContain(
        'checkpoint 12: the signature is not valid for key ' + forged.checkpoints[0].keyId,
      );
    });

    it('a history rewritten under a new checkpoint fails the consistency proof with the old one', async () => {
      const p = await signedTrail();
      // Someone with the database rewrites entry 6 and re-hashes everything after it (and the head), so
      // every link holds; the checkpoint of 12 published before cannot be made to match.
      const { rows } = await t.admin.query(`SELECT seq FROM compliance.audit_log WHERE tenant_id = $1 ORDER BY seq`, [
        p.tenantId,
      ]);
      expect(rows).toHaveLength(12);
      await rewriteFrom(p.tenantId, 6);
      await publish([auditEvent('core', p.tenantId)]);
      await chainSize(p.tenantId, 13);
      const latest = await call(p.owner, 'POST', `/api/tenants/${p.tenantId}/compliance/audit/checkpoints`);
      expect(latest.json()).toMatchObject({ treeSize: 13 });
      const report = await verify(p.owner, p.tenantId);
      expect(report.firstBreak).toBeNull();
      expect(
        report.checkpoints.map((c: { treeSize: number; rootMatches: boolean }) => [c.treeSize, c.rootMatches]),
      ).toEqual([
        [12, false],
        [13, true],
      ]);
      const proof = await call(p.viewer, 'GET', `/api/tenants/${p.tenantId}/compliance/audit/consistency?from=12`);
      expect(proof.statusCode).toBe(200);
      const offline = await verifyOffline(await exportOf(p));
      expect(offline.status).toBe(1);
      expect(offline.report.problems).toEqual(['checkpoint 12 is not a prefix of checkpoint 13 (history rewritten)']);
    });

    /** Rewrites entry `from`'s action and re-hashes it and every later entry and the chain's head. */
    async function rewriteFrom(tenantId: string, from: number) {
      const db = t.test.platform.db;
      const entries = await db.$transaction(async (tx) => {
        await tx.$executeRawUnsafe(`SELECT set_config('app.tenant_id', $1, true)`, tenantId);
        return auditTrailRepository(tx as never, tenantId).entriesBetween(0, 100);
      });
      const tree = CompactTree.empty();
      let prev = entries[from - 2]!.hash;
      for (const entry of entries) {
        if (entry.seq >= from) {
          const changed = { ...entry, prevHash: prev, ...(entry.seq === from ? { action: 'order.cancel' } : {}) };
          const hash = entryHash(changed);
          await tamper(
            `UPDATE compliance.audit_log SET action = $3, prev_hash = $4, hash = $5 WHERE tenant_id = $1 AND seq = $2`,
            [tenantId, entry.seq, changed.action, prev, hash],
          );
          entry.hash = hash;
          prev = hash;
        }
        tree.append(entryLeaf(entry.hash));
      }
      await tamper(`UPDATE compliance.audit_chain SET head_hash = $2, frontier = $3 WHERE tenant_id = $1`, [
        tenantId,
        prev,
        tree.frontier.map((b) => b.toString('hex')),
      ]);
    }
  });

  it('proves an entry’s inclusion in a checkpoint, and names what cannot be proven', async () => {
    const p = practice();
    await publish(Array.from({ length: 9 }, () => auditEvent('proof', p.tenantId)));
    await chainSize(p.tenantId, 9);
    const url = `/api/tenants/${p.tenantId}/compliance/audit`;
    expect((await call(p.viewer, 'GET', `${url}/entries/4/proof`)).statusCode).toBe(404);
    await call(p.owner, 'POST', `${url}/checkpoints`);
    const res = await call(p.viewer, 'GET', `${url}/entries/4/proof`);
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(
      verifyInclusion(
        entryLeaf(body.entry.hash),
        body.leafIndex,
        body.checkpoint.treeSize,
        body.proof.map((h: string) => Buffer.from(h, 'hex')),
        Buffer.from(body.checkpoint.rootHash, 'hex'),
      ),
    ).toBe(true);
    expect((await call(p.viewer, 'GET', `${url}/entries/40/proof`)).statusCode).toBe(404);
    expect((await call(p.viewer, 'GET', `${url}/entries/0/proof`)).statusCode).toBe(400);
    const keys = (await t.app.inject({ method: 'GET', url: '/api/compliance/audit/public-keys' })).json();
    expect(keys.keys).toEqual([expect.objectContaining({ kty: 'OKP', crv: 'Ed25519', kid: body.checkpoint.keyId })]);
    expect(JSON.stringify(keys)).not.toContain('"d"');
    expect(readFileSync(VERIFY_CLI, 'utf8')).toContain('dist/cli.js');
  });
});
