import { readFileSync } from 'node:fs';

import path from 'node:path';
import { fillerRecords, leieCsv } from './leie-files';

import { buildTestApp, caller, opsAdmin, practice, provider, rosterOf, syncNow, type TestApp } from './helpers';
import { startSourceServer, type SourceServer } from './source-server';

/** The monthly attestation from real screenings: CSV rows per provider, a PDF, each practice its own. */
describe('compliance: monthly attestation', () => {
  let t: TestApp;
  let server: SourceServer;
  const a = practice();
  const b = practice();
  const excluded = provider(a.tenantId, { firstName: 'Tom', lastName: 'Hale', npi: '1000000011' });
  const possible = provider(a.tenantId, {
    firstName: 'Peggy',
    lastName: "O'Brien",
    npi: '1000000029',
    dateOfBirth: '1970-01-01',
  });
  const clear = provider(a.tenantId, { firstName: '=HYPERLINK("x")', lastName: 'Moss', npi: '1000000037' });
  const month = new Date().toISOString().slice(0, 7);
  const call = caller(() => t);

  beforeAll(async () => {
    server = await startSourceServer();
    server.files.set('UPDATED.csv', {
      body: leieCsv([
        ...fillerRecords(20),
        { LASTNAME: 'HALE', FIRSTNAME: 'TOM', NPI: '1000000011', EXCLTYPE: '1128a1' },
        { LASTNAME: 'OBRIEN', FIRSTNAME: 'MARGARET', DOB: '19700101' },
      ]),
    });
    t = await buildTestApp(
      rosterOf([excluded, possible, clear, provider(b.tenantId, { firstName: 'B', lastName: 'B' })]),
    );
    await t.admin.query(`UPDATE compliance.source SET is_active = false WHERE name <> 'oig-leie'`);
    await call(opsAdmin, 'PUT', '/api/ops/compliance/sources/oig-leie', { config: { baseUrl: server.baseUrl } });
    expect((await syncNow(t, 'oig-leie')).state).toBe('succeeded');
    const key = (
      (await call(a.owner, 'GET', `/api/tenants/${a.tenantId}/compliance/screenings`)).json().items as Array<{
        providerId: string;
        evidence: Array<{ listingKey: string }>;
      }>
    ).find((s) => s.providerId === possible.id)!.evidence[0]!.listingKey;
    const decided = await call(
      a.owner,
      'POST',
      `/api/tenants/${a.tenantId}/compliance/screenings/${possible.id}/decision`,
      {
        listingKey: key,
        decision: 'dismiss',
        reason: 'Different person: Margaret O’Brien the listed nurse lives in Ohio; ours was born in Cork.',
      },
    );
    expect(decided.statusCode).toBe(200);
  });
  afterAll(async () => {
    await t?.close();
    await server?.close();
  });

  const attestation = (format: 'csv' | 'pdf', p = a, m = month) =>
    call(p.viewer, 'GET', `/api/tenants/${p.tenantId}/compliance/attestation?month=${m}&format=${format}`);

  it('lists every provider screened this month with the versions checked, the results and the decisions', async () => {
    const res = await attestation('csv');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/csv/);
    expect(res.headers['content-disposition']).toBe(
      `attachment; filename="exclusion-screening-attestation-${month}.csv"`,
    );
    const [header, ...rows] = res.body.trimEnd().split('\r\n');
    expect(header).toBe(
      'month,provider_id,provider_name,npi,screenings,first_screened_at,last_screened_at,exclusion_status,statuses_seen,npi_status,npi_checked_at,sources_checked,decisions',
    );
    const byId = new Map(rows.map((r) => [r.split(',')[1], r]));
    expect(byId.size).toBe(3);
    expect(byId.get(excluded.id)).toMatch(/,excluded,excluded,,,oig-leie v1,$/);
    // Screened at the sync, then again at the decision: possible, then clear.
    expect(byId.get(possible.id)).toMatch(
      /,2,.*,clear,possible_match clear,,,oig-leie v1,dismissed .* by .*: Different person/,
    );
    // A name that looks like a formula is written so that a spreadsheet shows it, never runs it.
    expect(byId.get(clear.id)).toContain(`"'=HYPERLINK(""x"") Moss"`);
  });

  it('is a PDF by default, and each practice sees only its own providers', async () => {
    const pdf = await call(a.owner, 'GET', `/api/tenants/${a.tenantId}/compliance/attestation?month=${month}`);
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    expect(pdf.rawPayload.subarray(-6).toString()).toMatch(/%%EOF/);
    const theirs = (await attestation('csv', b)).body.trimEnd().split('\r\n');
    expect(theirs).toHaveLength(2);
    expect(theirs.join()).not.toContain(excluded.id);
  });

  it('attests a month without screenings as such, and refuses a month to come or a bad month', async () => {
    expect((await attestation('csv', a, '2020-01')).body.trimEnd().split('\r\n')).toHaveLength(1);
    const next = new Date();
    next.setUTCMonth(next.getUTCMonth() + 1, 1);
    expect((await attestation('csv', a, next.toISOString().slice(0, 7))).statusCode).toBe(400);
    expect((await attestation('csv', a, '2026-13')).statusCode).toBe(400);
    expect((await attestation('csv', a, '2026-1')).statusCode).toBe(400);
  });

  it('attests the month of screenings that ran before monthly records existed (the backfill migration)', async () => {
    await t.admin.query(`DELETE FROM compliance.screening_month WHERE tenant_id = $1`, [a.tenantId]);
    const backfill = readFileSync(
      path.join(__dirname, '../prisma/migrations/20261204000700_screening_month_backfill/migration.sql'),
      'utf8',
    );
    await t.admin.query(`SET search_path = compliance; ${backfill}; RESET search_path`);
    const rows = (await attestation('csv')).body.trimEnd().split('\r\n').slice(1);
    expect(rows).toHaveLength(3);
    for (const row of rows) expect(row).toMatch(/,1,.*,oig-leie v1,/);
  });
});
