import { ALL_EVENTS, createEvent, EventRegistry, ProviderAdded, type EventEnvelope } from '@plh/contracts';
import type { SqlExecutor } from '@plh/db';
import { createUnitOfWork } from './unit-of-work';
import { runInContext, type WorkContext } from './work-context';

/** A transaction double that keeps what the outbox inserts (the integration tests use PostgreSQL). */
function recordingTx() {
  const inserted: EventEnvelope[] = [];
  const tx: SqlExecutor = {
    $executeRawUnsafe: async (query: string, ...values: unknown[]) => {
      if (query.startsWith('INSERT INTO outbox')) inserted.push(JSON.parse(String(values[3])) as EventEnvelope);
      return 1;
    },
    $queryRawUnsafe: async <T>() => [] as T,
  };
  return { tx, inserted };
}

const context: WorkContext = {
  actor: { kind: 'user', id: 'u-1', role: 'owner', tenantId: 't-1' },
  requestId: 'req-1',
  traceparent: '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01',
  clientIp: '203.0.113.9',
  userAgent: 'test',
};

describe('createUnitOfWork', () => {
  const { tx, inserted } = recordingTx();
  const uow = createUnitOfWork({
    db: { $transaction: (fn) => fn(tx) },
    registry: new EventRegistry(ALL_EVENTS),
    service: 'tenant',
    repositories: () => ({}),
  });

  it('drops the values of PHI fields from audit records and keeps the others', async () => {
    await runInContext(context, () =>
      uow.run('t-1', (work) =>
        work.audit.record({
          action: 'provider.update',
          resource: { type: 'provider', id: 'p-1' },
          changes: [
            { field: 'lastName', from: 'Nuñez', to: 'Nguyen' },
            { field: 'dateOfBirth', to: '1970-01-01' },
            { field: 'status', from: 'active', to: 'inactive' },
          ],
        }),
      ),
    );
    const record = inserted.pop()!;
    expect(record).toMatchObject({
      type: 'plh.tenant.audit.recorded',
      tenantId: 't-1',
      traceparent: context.traceparent,
    });
    expect(record.data).toEqual({
      action: 'provider.update',
      outcome: 'success',
      resource: { type: 'provider', id: 'p-1' },
      actor: { kind: 'user', id: 'u-1', role: 'owner' },
      phi: false,
      changes: [{ field: 'lastName' }, { field: 'dateOfBirth' }, { field: 'status', from: 'active', to: 'inactive' }],
      reason: null,
      requestId: 'req-1',
      clientIp: '203.0.113.9',
      userAgent: 'test',
    });
    expect(JSON.stringify(record)).not.toMatch(/Nuñez|Nguyen|1970/);
  });

  it("gives an event without a traceparent the context's, and keeps one that has its own", async () => {
    const own = '00-11111111111111111111111111111111-2222222222222222-01';
    await runInContext(context, () =>
      uow.run('t-1', async (work) => {
        await work.outbox.enqueue(
          createEvent(ProviderAdded, { source: 'tenant', tenantId: 't-1', data: { providerId: 'p' } }),
        );
        await work.outbox.enqueue(
          createEvent(ProviderAdded, {
            source: 'tenant',
            tenantId: 't-1',
            traceparent: own,
            data: { providerId: 'p' },
          }),
        );
      }),
    );
    expect(inserted.splice(0).map((e) => e.traceparent)).toEqual([context.traceparent, own]);
  });

  it('records platform-wide work for the practice it names (or none), with the actor it names', async () => {
    const anonymous: WorkContext = { ...context, actor: { kind: 'anonymous', id: null, role: null, tenantId: null } };
    await runInContext(anonymous, () =>
      uow.system(async (work) => {
        await work.audit.record({
          tenantId: 't-2',
          action: 'auth.login',
          resource: { type: 'user', id: 'u-2' },
          actor: { kind: 'user', id: 'u-2', role: 'approver' },
        });
        await work.audit.record({
          tenantId: null,
          action: 'auth.login',
          resource: { type: 'user', id: null },
          outcome: 'failure',
          reason: 'UNKNOWN_EMAIL',
        });
      }),
    );
    const [success, failure] = inserted.splice(0);
    expect(success).toMatchObject({ tenantId: 't-2', data: { actor: { kind: 'user', id: 'u-2', role: 'approver' } } });
    expect(failure).toMatchObject({
      tenantId: null,
      data: { actor: { kind: 'anonymous', id: null, role: null }, outcome: 'failure', reason: 'UNKNOWN_EMAIL' },
    });
  });

  it('runs many practices in one transaction, switching the tenant before each', async () => {
    const statements: Array<[string, unknown[]]> = [];
    let transactions = 0;
    const batchTx: SqlExecutor = {
      $executeRawUnsafe: async (query: string, ...values: unknown[]) => (statements.push([query, values]), 1),
      $queryRawUnsafe: async <T>(query: string, ...values: unknown[]) => (statements.push([query, values]), [] as T),
    };
    const batch = createUnitOfWork({
      db: { $transaction: (fn) => (transactions++, fn(batchTx)) },
      registry: new EventRegistry(ALL_EVENTS),
      service: 'compliance',
      repositories: (_tx, tenantId) => ({ whoAmI: () => tenantId }),
      systemRepositories: () => ({ platformWide: true }),
    });
    const seen = await batch.runBatch(async ({ practice, platform }) => {
      expect(platform.platformWide).toBe(true);
      const out: string[] = [];
      for (const id of ['t-1', 't-1', 't-2']) {
        const uow = await practice(id);
        out.push(uow.whoAmI());
        await uow.audit.record({ action: 'screening.run', resource: { type: 'roster', id } });
      }
      return out;
    });
    expect(seen).toEqual(['t-1', 't-1', 't-2']);
    expect(transactions).toBe(1);
    // The tenant is set once per switch; the audit records of all practices go in one statement at the end.
    const order = statements.map(([q, v]) => (q.includes('set_config') ? `set ${String(v[0])}` : 'outbox'));
    expect(order).toEqual(['set t-1', 'set t-2', 'outbox']);
    const written = JSON.parse(String(statements.at(-1)![1][0])) as EventEnvelope[];
    expect(written.map((e) => e.tenantId)).toEqual(['t-1', 't-1', 't-2']);
  });
});
