import { fillerRecords, leieCsv } from './leie-files';

import { buildTestApp, caller, opsAdmin, practice, provider, rosterOf, syncNow, type TestApp } from './helpers';
import { fillerPrecluded, medicheckCsv, precludedPerson } from './medicheck-files';

import { startSourceServer, type SourceServer } from './source-server';

/**
 * A state Medicaid list end to end on real Postgres and NATS: Pennsylvania's Medicheck file, served in
 * its own format (quoted text, unquoted M/D/YYYY dates, no date of birth) by a local stand-in, applied
 * as snapshots and screened by NPI and licence beside the LEIE.
 */
describe('compliance: a state Medicaid exclusion list (Pennsylvania Medicheck)', () => {
  let t: TestApp;
  let server: SourceServer;
  const a = practice();
  const byLicense = provider(a.tenantId, {
    firstName: 'John',
    lastName: 'Roe',
    npi: '1000000011',
    licenseState: 'PA',
    licenseNumber: 'MD-045678E',
  });
  const byNpi = provider(a.tenantId, { firstName: 'Kim', lastName: 'Lowe', npi: '1000000029', licenseState: 'PA' });
  const otherName = provider(a.tenantId, {
    firstName: 'Ann',
    lastName: 'Hart',
    npi: '1000000037',
    licenseState: 'PA',
    licenseNumber: 'RN777777L',
  });
  const clear = provider(a.tenantId, { firstName: 'Ida', lastName: 'Moss', npi: '1000000045', licenseState: 'PA' });
  const rosters = rosterOf([byLicense, byNpi, otherName, clear]);
  const call = caller(() => t);

  const roe = precludedPerson('Roe', 'John', {
    LicenseNumber: 'MD045678E',
    NAM_TITLE_PROVR: 'MD',
    CAO: 'Out of State (NJ)',
  });
  const lowe = precludedPerson('Lowe-Smith', 'Kimberly', { IDN_NPI: '1000000029', LicenseNumber: 'Unknown' });
  const hart = precludedPerson('Harte', 'Annabel', { LicenseNumber: 'RN777777L' });
  const filler = fillerPrecluded(30);
  const roeEnded = medicheckCsv([
    ...filler,
    { ...roe, EndDate: '11/30/2026 0:00:00', Status: 'Terminated' },
    lowe,
    hart,
  ]);

  beforeAll(async () => {
    server = await startSourceServer();
    server.files.set('UPDATED.csv', { body: leieCsv(fillerRecords(20)) });
    server.files.set('Medchk', { body: medicheckCsv([...filler, roe, lowe, hart]) });
    t = await buildTestApp(rosters, { SOURCE_TIMEOUT_MS: '1500' });
    await t.admin.query(`UPDATE compliance.source SET is_active = false WHERE name = 'cms-nppes'`);
    for (const name of ['oig-leie', 'pa-medicheck'])
      expect(
        (await call(opsAdmin, 'PUT', `/api/ops/compliance/sources/${name}`, { config: { baseUrl: server.baseUrl } }))
          .statusCode,
      ).toBe(200);
    expect((await syncNow(t, 'oig-leie')).state).toBe('succeeded');
  });
  afterAll(async () => {
    await t?.close();
    await server?.close();
  });

  const screenings = async () =>
    Object.fromEntries(
      (
        (await call(a.owner, 'GET', `/api/tenants/${a.tenantId}/compliance/screenings`)).json().items as Array<{
          providerId: string;
          exclusionStatus: string;
          evidence: Array<{ source: string; basis: string; listingKey: string; listed: Record<string, unknown> }>;
        }>
      ).map((s) => [s.providerId, s]),
    );
  const events = async () =>
    (await call(a.owner, 'GET', `/api/tenants/${a.tenantId}/compliance/events?limit=100&source=pa-medicheck`)).json()
      .items as Array<{
      providerId: string;
      priority: string;
      status: string;
      title: string;
      resolved: { resolution: string } | null;
    }>;
  const alerts = async () =>
    (
      await t.admin.query(
        `SELECT 1 FROM compliance.outbox WHERE subject = 'plh.compliance.alert.raised' AND payload->'data'->>'source' = 'pa-medicheck'`,
      )
    ).rowCount;
  const paSource = async () =>
    ((await call(opsAdmin, 'GET', '/api/ops/compliance/sources')).json().items as Array<Record<string, unknown>>).find(
      (s) => s.name === 'pa-medicheck',
    )!;

  it('applies the list and screens by licence (with the name) and by NPI (whatever the name)', async () => {
    const sync = await syncNow(t, 'pa-medicheck');
    expect(sync).toMatchObject({
      state: 'succeeded',
      snapshotVersion: 1,
      counts: { rowsRead: 33, added: 33, removed: 0 },
      files: [{ name: 'Medchk?target=_blank', kind: 'state-list', outcome: 'applied' }],
    });
    expect(await paSource()).toMatchObject({ snapshotVersion: 1, activeRows: 33 });
    const mine = await screenings();
    expect(mine[byLicense.id]).toMatchObject({
      exclusionStatus: 'excluded',
      evidence: [{ source: 'pa-medicheck', basis: 'license', listed: { licenseNumber: 'MD045678E', state: 'PA' } }],
    });
    expect(mine[byNpi.id]).toMatchObject({ exclusionStatus: 'excluded', evidence: [{ basis: 'npi' }] });
    expect(mine[otherName.id]).toMatchObject({
      exclusionStatus: 'possible_match',
      evidence: [{ basis: 'license_only' }],
    });
    expect(mine[clear.id]).toMatchObject({ exclusionStatus: 'clear', evidence: [] });
    const found = await events();
    expect(found.map((e) => [e.providerId, e.priority]).sort()).toEqual(
      [
        [byLicense.id, 'critical'],
        [byNpi.id, 'critical'],
        [otherName.id, 'high'],
      ].sort(),
    );
    expect(found[0]!.title).toMatch(/Pennsylvania/);
    expect(await alerts()).toBe(3);
  });

  it('does nothing more for the same list (a 304), nor for the same content served anew', async () => {
    expect(await syncNow(t, 'pa-medicheck')).toMatchObject({ state: 'unchanged', files: [{ outcome: 'unchanged' }] });
    server.files.set('Medchk', { body: medicheckCsv([...filler, roe, lowe, hart]).replace(/\r\n/g, '\n') });
    expect(await syncNow(t, 'pa-medicheck')).toMatchObject({ state: 'unchanged', counts: { added: 0, removed: 0 } });
    expect(await paSource()).toMatchObject({ snapshotVersion: 1 });
    expect(await alerts()).toBe(3);
  });

  it('lets a person dismiss the licence under another name', async () => {
    const key = (await screenings())[otherName.id]!.evidence[0]!.listingKey;
    const res = await call(
      a.owner,
      'POST',
      `/api/tenants/${a.tenantId}/compliance/screenings/${otherName.id}/decision`,
      {
        listingKey: key,
        decision: 'dismiss',
        reason: 'Annabel Harte is a different nurse; the board confirmed the licence is Ms. Hart’s.',
      },
    );
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ exclusionStatus: 'clear' });
  });

  it('lifts a preclusion that ended, resolving its event', async () => {
    server.files.set('Medchk', { body: roeEnded });
    expect(await syncNow(t, 'pa-medicheck')).toMatchObject({
      state: 'succeeded',
      snapshotVersion: 2,
      counts: { removed: 1, added: 0 },
    });
    expect((await screenings())[byLicense.id]).toMatchObject({ exclusionStatus: 'clear' });
    const event = (await events()).find((e) => e.providerId === byLicense.id)!;
    expect(event).toMatchObject({
      status: 'resolved',
      resolved: { resolution: expect.stringMatching(/left Pennsylvania/) },
    });
    expect(await alerts()).toBe(3);
  });

  it.each([
    ['a wrong header', { body: '"LASTNAME","FIRSTNAME","NPI"\r\n"A","B","1"\r\n' }, 'WRONG_HEADER'],
    ['an HTML page', { body: '<!DOCTYPE html><html>Site maintenance</html>', contentType: 'text/html' }, 'NOT_CSV'],
    ['a list far shorter than the active set', { body: medicheckCsv(filler.slice(0, 10)) }, 'TRUNCATED'],
    ['a 500', { status: 500 }, 'HTTP_ERROR'],
  ])('fails on %s and keeps the snapshot', async (_what, served, code) => {
    server.files.set('Medchk', served);
    expect(await syncNow(t, 'pa-medicheck')).toMatchObject({ state: 'failed', error: { code } });
    expect(await paSource()).toMatchObject({ snapshotVersion: 2, activeRows: 32, lastError: { code } });
    expect((await screenings())[byNpi.id]).toMatchObject({ exclusionStatus: 'excluded' });
  });

  it('lifts a preclusion whose end date passed while the list stayed the same', async () => {
    server.files.set('Medchk', { body: roeEnded });
    // Time passes: Ms. Lowe-Smith's preclusion ended yesterday (the file is unchanged: a 304).
    await t.admin.query(
      `UPDATE compliance.state_listing SET end_date = current_date - 1 WHERE last_name = 'Lowe-Smith' AND removed_version IS NULL`,
    );
    const sync = await syncNow(t, 'pa-medicheck');
    expect(sync).toMatchObject({ state: 'succeeded', snapshotVersion: 3, counts: { removed: 1 } });
    expect(sync.files[0]).toMatchObject({ outcome: 'unchanged' });
    expect((await screenings())[byNpi.id]).toMatchObject({ exclusionStatus: 'clear' });
    expect((await events()).find((e) => e.providerId === byNpi.id)).toMatchObject({ status: 'resolved' });
  });
});
