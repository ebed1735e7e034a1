import { ALL_EVENTS, createEvent, EventRegistry, TenantCreated } from '@plh/contracts';

import { deliverTwice } from '@plh/service-kit/testing';

import { complianceUnitOfWork } from '../src/data/unit-of-work';

import { raiseBulletins } from '../src/domain/federal-register/practice-bulletins';

import { frDocument, frPage, inDays } from './federal-register-documents';

import {
  buildTestApp,
  caller,
  jobsIdle,
  opsAdmin,
  practice,
  provider,
  rosterOf,
  syncNow,
  type TestApp,
} from './helpers';

import { startSourceServer, type SourceServer } from './source-server';

/**
 * Federal Register bulletins end to end on real Postgres and NATS, the API v1 answered in its own
 * format (pages followed by `next_page_url`) by a local stand-in: documents recorded once, a
 * `regulation_change` for every practice (with a roster or not), `deadline_alert`s as dates come
 * close, each practice acknowledging its own.
 */
describe('compliance: Federal Register bulletins for every practice', () => {
  let t: TestApp;
  let server: SourceServer;
  const a = practice();
  const b = practice(); // no providers: still told about regulations
  const rosters = rosterOf([provider(a.tenantId, { firstName: 'Ida', lastName: 'Moss' })], [b.tenantId]);
  const call = caller(() => t);

  const finalRule = frDocument({
    document_number: '2026-30001',
    publication_date: inDays(-3),
    effective_on: inDays(20),
  });
  const proposed = frDocument({
    document_number: '2026-30002',
    type: 'Proposed Rule',
    title: 'HIPAA Security Rule To Strengthen the Cybersecurity of Electronic Protected Health Information',
    publication_date: inDays(-2),
    effective_on: null,
    comments_close_on: inDays(5),
  });
  const notice = frDocument({
    document_number: '2026-30003',
    type: 'Notice',
    publication_date: inDays(-10),
    effective_on: null,
  });
  const incomplete = frDocument({ document_number: '2026-30004', html_url: null });

  beforeAll(async () => {
    server = await startSourceServer();
    server.files.set('documents.json', {
      body: frPage([finalRule, proposed, incomplete], `${server.baseUrl}documents-2.json`, 4),
      contentType: 'application/json; charset=utf-8',
    });
    server.files.set('documents-2.json', { body: frPage([notice], null, 4), contentType: 'application/json' });
    t = await buildTestApp(rosters, { SOURCE_TIMEOUT_MS: '1500' });
    const put = await call(opsAdmin, 'PUT', '/api/ops/compliance/sources/federal-register', {
      config: { baseUrl: server.baseUrl },
    });
    expect(put.statusCode).toBe(200);
  });
  afterAll(async () => {
    await t?.close();
    await server?.close();
  });

  type Event = {
    id: string;
    eventType: string;
    priority: string;
    status: string;
    title: string;
    effectiveDate: string | null;
    deadlineDate: string | null;
    metadata: Record<string, unknown>;
    resolved: { resolution: string } | null;
  };
  const events = async (p: { owner: typeof a.owner; tenantId: string } = a) =>
    (
      await call(p.owner, 'GET', `/api/tenants/${p.tenantId}/compliance/events?limit=100&source=federal-register`)
    ).json().items as Event[];
  const kinds = (list: Event[]) => list.map((e) => `${e.eventType}:${e.metadata.documentNumber}:${e.priority}`).sort();

  it('reads every page, records each document once, and tells every practice', async () => {
    const sync = await syncNow(t, 'federal-register');
    expect(sync).toMatchObject({ state: 'succeeded', snapshotVersion: 1, counts: { rowsRead: 3, added: 3 } });
    expect(sync.files[0].name).toMatch(/1 incomplete skipped/);
    const first = server.requests.find((r) => r.path === 'documents.json')!;
    const query = new URLSearchParams(first.search);
    expect(query.getAll('conditions[agencies][]')).toEqual([
      'centers-for-medicare-medicaid-services',
      'health-and-human-services-department',
    ]);
    expect(query.getAll('conditions[type][]')).toEqual(['RULE', 'PRORULE']);
    expect(query.get('conditions[publication_date][gte]')).toBe(inDays(-30));
    const expected = [
      'deadline_alert:2026-30001:medium',
      'deadline_alert:2026-30002:high',
      'regulation_change:2026-30001:medium',
      'regulation_change:2026-30002:low',
      'regulation_change:2026-30003:low',
    ];
    for (const p of [a, b]) expect(kinds(await events(p))).toEqual(expected);
    const rule = (await events()).find(
      (e) => e.eventType === 'regulation_change' && e.metadata.documentNumber === '2026-30001',
    )!;
    expect(rule).toMatchObject({ effectiveDate: inDays(20), title: finalRule.title });
    const comments = (await events()).find(
      (e) => e.eventType === 'deadline_alert' && e.metadata.documentNumber === '2026-30002',
    )!;
    expect(comments).toMatchObject({ deadlineDate: inDays(5), title: expect.stringMatching(/^Comments close/) });
    // The last week's deadline alerts; each practice's own.
    const { rows } = await t.admin.query<{ tenant_id: string }>(
      `SELECT tenant_id FROM compliance.outbox WHERE subject = 'plh.compliance.alert.raised' AND payload->'data'->>'source' = 'federal-register'`,
    );
    expect(rows.map((r) => r.tenant_id).sort()).toEqual([a.tenantId, b.tenantId].sort());
  });

  it('lets each practice acknowledge its own bulletin', async () => {
    const mine = (await events()).find((e) => e.eventType === 'regulation_change')!;
    const acked = await call(a.owner, 'POST', `/api/tenants/${a.tenantId}/compliance/events/${mine.id}/acknowledge`);
    expect(acked.json()).toMatchObject({ status: 'acknowledged' });
    expect((await events(b)).every((e) => e.status === 'active')).toBe(true);
    // Another practice's bulletin is not there for this one.
    expect(
      (await call(b.owner, 'POST', `/api/tenants/${b.tenantId}/compliance/events/${mine.id}/acknowledge`)).statusCode,
    ).toBe(404);
  });

  it('records nothing again for the same documents, and raises the new date of a corrected one', async () => {
    expect(await syncNow(t, 'federal-register')).toMatchObject({ state: 'unchanged', counts: { added: 0 } });
    expect((await events()).length).toBe(5);
    // Asked from the latest publication recorded, a day back.
    expect(new URLSearchParams(server.requests.at(-2)!.search).get('conditions[publication_date][gte]')).toBe(
      inDays(-3),
    );
    server.files.set('documents.json', {
      body: frPage([{ ...finalRule, effective_on: inDays(25) }]),
      contentType: 'application/json',
    });
    expect(await syncNow(t, 'federal-register')).toMatchObject({
      state: 'succeeded',
      snapshotVersion: 2,
      counts: { added: 1 },
    });
    const rule = (await events()).filter((e) => e.metadata.documentNumber === '2026-30001');
    expect(rule.filter((e) => e.eventType === 'regulation_change')).toHaveLength(1);
    // The new date alerts; the alert of the old one is settled as corrected.
    const deadlines = rule.filter((e) => e.eventType === 'deadline_alert');
    expect(deadlines.find((e) => e.deadlineDate === inDays(25))).toMatchObject({ status: 'active' });
    expect(deadlines.find((e) => e.deadlineDate === inDays(20))).toMatchObject({
      status: 'resolved',
      resolved: { resolution: `The Federal Register corrected the date to ${inDays(25)}.` },
    });
  });

  it('resolves a deadline alert once its date has passed', async () => {
    const work = complianceUnitOfWork(t.test.platform.db, new EventRegistry(ALL_EVENTS));
    const later = new Date(Date.now() + 6 * 86_400_000);
    await work.run(a.tenantId, (uow) => raiseBulletins(uow, { sinceDays: 30, deadlineWarningDays: 30 }, later));
    const comments = (await events()).find(
      (e) => e.eventType === 'deadline_alert' && e.metadata.documentNumber === '2026-30002',
    )!;
    expect(comments).toMatchObject({ status: 'resolved', resolved: { resolution: 'The deadline has passed.' } });
  });

  it.each([
    [
      'an error answer',
      { body: JSON.stringify({ errors: { conditions: ['agency not found'] } }), contentType: 'application/json' },
      'BAD_ANSWER',
    ],
    ['not JSON', { body: '{"count": 3, "results": [', contentType: 'application/json' }, 'BAD_ANSWER'],
    ['an HTML page', { body: '<html>Service Unavailable</html>', contentType: 'text/html' }, 'NOT_CSV'],
    [
      'a next page on another site',
      { body: frPage([notice], 'https://evil.example/api/v1/documents.json?page=2'), contentType: 'application/json' },
      'BAD_ANSWER',
    ],
    ['a 503', { status: 503 }, 'HTTP_ERROR'],
  ])('fails on %s and records nothing', async (_what, served, code) => {
    server.files.set('documents.json', served);
    expect(await syncNow(t, 'federal-register')).toMatchObject({ state: 'failed', error: { code } });
    expect((await events()).length).toBe(6);
  });

  it('tells a new practice at once (the event delivered twice)', async () => {
    const c = practice();
    rosters.providers = [...rosters.providers];
    await deliverTwice(
      t.test.platform,
      'compliance-practice-events',
      createEvent(TenantCreated, {
        source: 'tenant',
        tenantId: c.tenantId,
        data: { tenantId: c.tenantId, createdBy: null },
      }),
    );
    await jobsIdle(t);
    expect(kinds(await events(c)).filter((k) => k.startsWith('regulation_change'))).toEqual([
      'regulation_change:2026-30001:medium',
      'regulation_change:2026-30002:low',
      'regulation_change:2026-30003:low',
    ]);
  });
});
