import { createEvent, ProviderAdded } from '@plh/contracts';

import { deliverTwice } from '@plh/service-kit/testing';

import { fillerRecords, leieCsv } from './leie-files';

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

import { registryAnswer } from './nppes-answers';

import { startSourceServer, type SourceServer } from './source-server';

/**
 * CMS NPPES end to end on real Postgres and NATS, the NPI Registry API v2.1 answered in its own format
 * (HTTP 200 even for its errors) by a local stand-in: every roster NPI verified, the `npiStatus` of
 * each screening, the findings as events, retries of what the registry could not answer.
 */
describe('compliance: CMS NPPES verification of every roster NPI', () => {
  let t: TestApp;
  let server: SourceServer;
  const a = practice();
  const b = practice();
  const licensed = (state: string, license: string) => [
    { code: '207Q00000X', taxonomy_group: '', desc: 'Family Medicine', state, license, primary: true },
  ];
  const active = provider(a.tenantId, {
    firstName: 'Élena',
    lastName: 'Rivera',
    npi: '1000000011',
    licenseNumber: 'MD 4411',
  });
  const deactivated = provider(a.tenantId, {
    firstName: 'Tom',
    lastName: 'Hale',
    npi: '1000000029',
    licenseNumber: '',
  });
  const unknown = provider(a.tenantId, { firstName: 'Ida', lastName: 'Moss', npi: '1000000037', licenseNumber: '' });
  const failing = provider(a.tenantId, { firstName: 'Ray', lastName: 'Kent', npi: '1000000045', licenseNumber: '' });
  const renamed = provider(a.tenantId, { firstName: 'Ann', lastName: 'Webb', npi: '1000000052', licenseNumber: '777' });
  // Practice B lists the same clinician as A (one lookup for both), and is never shown A's findings.
  const shared = provider(b.tenantId, { firstName: 'Tom', lastName: 'Hale', npi: '1000000029', licenseNumber: '' });
  const rosters = rosterOf([active, deactivated, unknown, failing, renamed, shared]);
  const call = caller(() => t);

  beforeAll(async () => {
    server = await startSourceServer();
    server.files.set('UPDATED.csv', { body: leieCsv(fillerRecords(20)) });
    server.registry.set(active.npi, {
      json: registryAnswer(active.npi, { first_name: 'ELENA', last_name: 'RIVERA' }, licensed('MA', 'MD-4411')),
    });
    server.registry.set(deactivated.npi, {
      json: registryAnswer(deactivated.npi, { first_name: 'TOM', last_name: 'HALE', status: 'D' }),
    });
    server.registry.set(failing.npi, {
      json: { Errors: [{ description: 'Server busy, try later', field: 'number', number: '99' }] },
    });
    server.registry.set(renamed.npi, {
      json: registryAnswer(renamed.npi, { first_name: 'ANN', last_name: 'STONE' }, licensed('MA', '778')),
    });
    t = await buildTestApp(rosters, { SOURCE_TIMEOUT_MS: '1500' });
    for (const [name, config] of [
      ['oig-leie', { baseUrl: server.baseUrl }],
      ['cms-nppes', { baseUrl: server.registryUrl, requestsPerSecond: 500, retryDelayMs: 5, attempts: 3 }],
    ] as const)
      expect((await call(opsAdmin, 'PUT', `/api/ops/compliance/sources/${name}`, { config })).statusCode).toBe(200);
    await syncNow(t, 'oig-leie');
  });
  afterAll(async () => {
    await t?.close();
    await server?.close();
  });

  type Screening = {
    npiStatus: string | null;
    npiCheck: { findings: Array<{ type: string }>; error: string | null; registry: Record<string, unknown> } | null;
  };
  const screenings = async (p = a) =>
    Object.fromEntries(
      (
        (await call(p.owner, 'GET', `/api/tenants/${p.tenantId}/compliance/screenings`)).json().items as Array<
          Screening & { providerId: string }
        >
      ).map((s) => [s.providerId, s]),
    );
  const events = async (p = a) =>
    (await call(p.owner, 'GET', `/api/tenants/${p.tenantId}/compliance/events?limit=100&source=cms-nppes`)).json()
      .items as Array<{ eventType: string; priority: string; status: string; providerId: string; description: string }>;
  const lookups = (npi: string) => server.requests.filter((r) => r.path === `nppes:${npi}`).length;
  const alerts = async () =>
    (
      await t.admin.query<{ type: string; tenant: string }>(
        `SELECT payload->'data'->>'eventType' AS type, tenant_id AS tenant
           FROM compliance.outbox WHERE subject = 'plh.compliance.alert.raised' ORDER BY seq`,
      )
    ).rows;

  it('gives each roster NPI its status, raises the findings, and fails the sync on what could not be answered', async () => {
    const sync = await syncNow(t, 'cms-nppes');
    expect(sync).toMatchObject({ state: 'failed', error: { code: 'LOOKUPS_FAILED' }, counts: { rowsRead: 5 } });
    expect(sync.error.message).toMatch(/1 of 5 NPI lookups failed.*NPI 1000000045.*Server busy/);
    // One lookup per NPI however many practices list it; the error was asked three times.
    expect([active, deactivated, unknown, renamed].map((p) => lookups(p.npi!))).toEqual([1, 1, 1, 1]);
    expect(lookups(failing.npi!)).toBe(3);

    const mine = await screenings();
    expect(mine[active.id]).toMatchObject({ npiStatus: 'active', npiCheck: { findings: [], error: null } });
    expect(mine[deactivated.id]).toMatchObject({
      npiStatus: 'deactivated',
      npiCheck: { findings: [{ type: 'npi_deactivated' }] },
    });
    expect(mine[unknown.id]).toMatchObject({
      npiStatus: 'not_found',
      npiCheck: { findings: [{ type: 'npi_not_found' }] },
    });
    // The Errors answer is an error, shown with its reason: never verified, never not found.
    expect(mine[failing.id]).toMatchObject({ npiStatus: 'error', npiCheck: { findings: [] } });
    expect(mine[failing.id]!.npiCheck!.error).toMatch(/Server busy/);
    expect(mine[renamed.id]!.npiCheck!.findings.map((f) => f.type)).toEqual(['name_mismatch', 'license_mismatch']);
    expect(mine[renamed.id]!.npiCheck!.registry).toMatchObject({ lastName: 'STONE' });

    const found = await events();
    expect(found.map((e) => [e.providerId, e.eventType, e.priority]).sort()).toEqual(
      [
        [deactivated.id, 'npi_deactivated', 'high'],
        [unknown.id, 'npi_not_found', 'medium'],
        [renamed.id, 'name_mismatch', 'medium'],
        [renamed.id, 'license_mismatch', 'medium'],
      ].sort(),
    );
    // Names stay on the screening: events say NPI and licence only.
    for (const e of found) expect(e.description).not.toMatch(/STONE|Webb|Hale|HALE/i);
    // Only the high one alerts, once per practice that lists the NPI.
    expect((await alerts()).map((r) => [r.type, r.tenant]).sort()).toEqual(
      [
        ['npi_deactivated', a.tenantId],
        ['npi_deactivated', b.tenantId],
      ].sort(),
    );
    expect((await events(b)).map((e) => e.providerId)).toEqual([shared.id]);
    const source = (
      (await call(opsAdmin, 'GET', '/api/ops/compliance/sources')).json().items as Array<Record<string, unknown>>
    ).find((s) => s.name === 'cms-nppes');
    expect(source).toMatchObject({ lastError: { code: 'LOOKUPS_FAILED' } });
  });

  it('answers the failed lookup on the next sync and resolves what the registry no longer says', async () => {
    server.registry.set(failing.npi, { json: registryAnswer(failing.npi, { first_name: 'RAY', last_name: 'KENT' }) });
    server.registry.set(deactivated.npi, {
      json: registryAnswer(deactivated.npi, { first_name: 'TOM', last_name: 'HALE' }),
    });
    const sync = await syncNow(t, 'cms-nppes');
    expect(sync).toMatchObject({ state: 'succeeded', error: null, counts: { rowsRead: 5, added: 2 } });
    const mine = await screenings();
    expect(mine[failing.id]).toMatchObject({ npiStatus: 'active', npiCheck: { error: null } });
    expect(mine[deactivated.id]).toMatchObject({ npiStatus: 'active' });
    const found = await events();
    expect(found.find((e) => e.eventType === 'npi_deactivated')).toMatchObject({ status: 'resolved' });
    expect(
      found
        .filter((e) => e.status !== 'resolved')
        .map((e) => e.eventType)
        .sort(),
    ).toEqual(['license_mismatch', 'name_mismatch', 'npi_not_found']);
  });

  it('raises nothing again when nothing changed', async () => {
    const before = (await events()).length;
    const sync = await syncNow(t, 'cms-nppes');
    expect(sync).toMatchObject({ state: 'unchanged', counts: { added: 0 } });
    expect((await events()).length).toBe(before);
    expect((await alerts()).length).toBe(2);
  });

  it('looks a new roster NPI up when the provider is added (delivered twice, looked up once)', async () => {
    const added = provider(a.tenantId, { firstName: 'Lu', lastName: 'Park', npi: '1000000060', licenseNumber: '' });
    server.registry.set(added.npi, {
      json: registryAnswer(added.npi, { first_name: 'LU', last_name: 'PARK', status: 'D' }),
    });
    rosters.providers = [...rosters.providers, added];
    await deliverTwice(
      t.test.platform,
      'compliance-roster-events',
      createEvent(ProviderAdded, { source: 'tenant', tenantId: a.tenantId, data: { providerId: added.id } }),
    );
    await jobsIdle(t);
    expect((await screenings())[added.id]).toMatchObject({ npiStatus: 'deactivated' });
    expect(lookups(added.npi!)).toBe(1);
    expect((await alerts()).filter((r) => r.type === 'npi_deactivated')).toHaveLength(3);
  });
});
