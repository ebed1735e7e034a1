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

import { startSourceServer, type SourceServer } from './source-server';

/**
 * The OIG LEIE end to end on real Postgres and NATS, the files served in OIG's format by a local
 * stand-in: the full file, then monthly supplements, screening of the practices' rosters, the events
 * and alerts they raise and resolve, and the decisions a person takes.
 */
describe('compliance: OIG LEIE sync, screening, events and alerts', () => {
  let t: TestApp;
  let oig: SourceServer;
  const a = practice();
  const b = practice();
  // William Smith is listed in a supplement under his maiden... his other name, with his NPI.
  const william = provider(a.tenantId, {
    firstName: 'William',
    lastName: 'Smith',
    npi: '1234567893',
    dateOfBirth: '1965-03-12',
  });
  // Peggy O'Brien has the name and date of birth of a listed MARGARET OBRIEN (no NPI): a possible match.
  const peggy = provider(a.tenantId, {
    firstName: 'Peggy',
    lastName: "O'Brien",
    npi: '1111111112',
    dateOfBirth: '1970-01-01',
  });
  // John Doe shares a listed name, with the day and month of his birth transposed: a different person.
  const john = provider(a.tenantId, {
    firstName: 'John',
    lastName: 'Doe',
    npi: '2222222220',
    dateOfBirth: '1975-02-03',
  });
  const other = provider(b.tenantId, {
    firstName: 'Ana',
    lastName: 'Lee',
    npi: '3333333336',
    dateOfBirth: '1980-08-08',
  });
  const rosters = rosterOf([william, peggy, john, other]);
  const call = caller(() => t);

  const smytheExcl = {
    LASTNAME: 'SMYTHE',
    FIRSTNAME: 'WILLIAM',
    NPI: '1234567893',
    DOB: '19650312',
    EXCLTYPE: '1128a1',
    EXCLDATE: '20261105',
  };
  const fullFile = leieCsv([
    ...fillerRecords(30),
    { LASTNAME: 'OBRIEN', FIRSTNAME: 'MARGARET', DOB: '19700101', EXCLDATE: '20190301' },
    { LASTNAME: 'DOE', FIRSTNAME: 'JOHN', DOB: '19750302' },
    { BUSNAME: 'SMITH WILLIAM PHARMACY', GENERAL: 'PHARMACY', SPECIALTY: 'PHARMACY', DOB: '19650312' },
    { LASTNAME: 'SMITH', FIRSTNAME: 'WILLIAM', NPI: '0000000000', DOB: '19440101' },
  ]);

  beforeAll(async () => {
    oig = await startSourceServer();
    t = await buildTestApp(rosters, { SOURCE_TIMEOUT_MS: '1500', SOURCE_MAX_BYTES: String(256 * 1024) });
    const put = await call(opsAdmin, 'PUT', '/api/ops/compliance/sources/oig-leie', {
      config: { baseUrl: oig.baseUrl },
    });
    expect(put.statusCode).toBe(200);
  });
  afterAll(async () => {
    await t?.close();
    await oig?.close();
  });

  const screenings = async (p = a) =>
    Object.fromEntries(
      (
        (await call(p.owner, 'GET', `/api/tenants/${p.tenantId}/compliance/screenings`)).json().items as Array<{
          providerId: string;
          exclusionStatus: string;
          evidence: Array<{ listingKey: string; basis: string }>;
        }>
      ).map((s) => [s.providerId, s]),
    );
  const events = async (query = '') =>
    (await call(a.owner, 'GET', `/api/tenants/${a.tenantId}/compliance/events?limit=100${query}`)).json()
      .items as Array<{
      id: string;
      eventType: string;
      priority: string;
      status: string;
      providerId: string;
      description: string;
      resolved: { resolution: string } | null;
      alert: { latencyMs: number | null };
    }>;
  const alerts = async () =>
    (
      await t.admin.query<{ event_id: string; priority: string }>(
        `SELECT payload->'data'->>'eventId' AS event_id, payload->'data'->>'priority' AS priority
           FROM compliance.outbox WHERE subject = 'plh.compliance.alert.raised' ORDER BY seq`,
      )
    ).rows;
  const source = async () =>
    ((await call(opsAdmin, 'GET', '/api/ops/compliance/sources')).json().items as Array<Record<string, unknown>>).find(
      (s) => s.name === 'oig-leie',
    )!;

  it('imports the full file and raises a possible match for a nickname with the identical date of birth', async () => {
    oig.files.set('UPDATED.csv', { body: fullFile, lastModified: new Date(Date.UTC(2026, 10, 2)) });
    const sync = await syncNow(t, 'oig-leie');
    expect(sync.error).toBeNull();
    expect(sync).toMatchObject({
      state: 'succeeded',
      snapshotVersion: 1,
      counts: { rowsRead: 34, added: 34, removed: 0 },
    });
    expect(sync.files[0]).toMatchObject({
      name: 'UPDATED.csv',
      outcome: 'applied',
      rows: 34,
      sha256: expect.stringMatching(/^[0-9a-f]{64}$/),
    });
    // The supplements since November were asked for; none is published yet.
    expect(sync.files.slice(1).map((f: { name: string; outcome: string }) => [f.name, f.outcome])).toEqual([
      ['2026/2611EXCL.csv', 'not_published'],
      ['2026/2611REIN.csv', 'not_published'],
      ['2026/2612EXCL.csv', 'not_published'],
      ['2026/2612REIN.csv', 'not_published'],
    ]);
    expect(await source()).toMatchObject({ snapshotVersion: 1, activeRows: 34, lastError: null });

    const now = await screenings();
    expect(now[peggy.id]).toMatchObject({ exclusionStatus: 'possible_match', evidence: [{ basis: 'name_dob' }] });
    expect(now[william.id]).toMatchObject({ exclusionStatus: 'clear' }); // the pharmacy and the other William are not him
    expect(now[john.id]).toMatchObject({ exclusionStatus: 'clear' }); // transposed day and month
    expect((await screenings(b))[other.id]).toMatchObject({ exclusionStatus: 'clear' });
    const raised = await events();
    expect(raised).toEqual([
      expect.objectContaining({ eventType: 'exclusion_match', priority: 'high', providerId: peggy.id }),
    ]);
    expect(raised[0]!.description).not.toMatch(/peggy|o'?brien|margaret/i);
    expect(raised[0]!.alert.latencyMs).toEqual(expect.any(Number));
    expect(await alerts()).toEqual([{ event_id: raised[0]!.id, priority: 'high' }]);
    // Each practice's screening and each raised event is in the audit trail (ids and counts, no names).
    const audited = await t.admin.query<{ action: string }>(
      `SELECT payload->'data'->>'action' AS action FROM compliance.outbox
        WHERE subject = 'plh.compliance.audit.recorded' AND tenant_id = $1`,
      [a.tenantId],
    );
    expect(audited.rows.map((r) => r.action)).toEqual(
      expect.arrayContaining(['screening.run', 'compliance-event.raise']),
    );
  });

  it('excludes a provider named in a new EXCL supplement by NPI, with exactly one critical event and one alert', async () => {
    oig.files.set('2026/2611EXCL.csv', {
      body: leieCsv([smytheExcl, { LASTNAME: 'ROE', FIRSTNAME: 'RICHARD', DOB: '19500505' }]),
    });
    const sync = await syncNow(t, 'oig-leie');
    expect(sync).toMatchObject({ state: 'succeeded', snapshotVersion: 2, counts: { added: 2, removed: 0 } });
    expect(sync.files[0]).toMatchObject({ name: 'UPDATED.csv', outcome: 'unchanged' }); // 304: not read again
    expect(oig.requests.filter((r) => r.path === 'UPDATED.csv').map((r) => r.status)).toEqual([200, 304]);
    expect(await source()).toMatchObject({ activeRows: 36 });
    expect((await screenings())[william.id]).toMatchObject({
      exclusionStatus: 'excluded',
      evidence: [{ basis: 'npi', listed: expect.objectContaining({ lastName: 'SMYTHE', exclusionType: '1128a1' }) }],
    });
    const critical = (await events('&priority=critical')).filter((e) => e.providerId === william.id);
    expect(critical).toHaveLength(1);

    // The same supplement again (another sync), and the screening delivered twice: nothing new.
    const again = await syncNow(t, 'oig-leie');
    expect(again).toMatchObject({ state: 'unchanged', snapshotVersion: null });
    // Asked for with its validators, the applied supplement costs a 304.
    expect(again.files.find((f: { name: string }) => f.name === '2026/2611EXCL.csv')).toMatchObject({
      outcome: 'unchanged',
    });
    const asked = oig.requests.filter((r) => r.path === '2026/2611EXCL.csv');
    expect(asked.map((r) => r.status)).toEqual([404, 200, 304]);
    expect(asked[2]!.ifNoneMatch).toMatch(/^"[0-9a-f]{16}"$/);
    await t.admin.query(
      `INSERT INTO compliance.job_queue (id, queue, payload) VALUES (gen_random_uuid(), 'compliance.screen-practices', $1), (gen_random_uuid(), 'compliance.screen-practices', $1)`,
      [JSON.stringify({ snapshotVersion: 2, sourceFetchedAt: null, syncId: null })],
    );
    await jobsIdle(t);
    expect((await alerts()).filter((x) => x.event_id === critical[0]!.id)).toHaveLength(1);
    expect((await events('&priority=critical')).filter((e) => e.providerId === william.id)).toHaveLength(1);
  });

  it('keeps a dismissed possible match dismissed after the next sync', async () => {
    const [possible] = (await screenings())[peggy.id]!.evidence;
    const decision = {
      listingKey: possible!.listingKey,
      decision: 'dismiss',
      reason: 'Different person: her NPI and licence differ.',
    };
    // A viewer may not decide; another practice cannot even see the provider.
    expect(
      (await call(a.viewer, 'POST', `/api/tenants/${a.tenantId}/compliance/screenings/${peggy.id}/decision`, decision))
        .statusCode,
    ).toBe(403);
    expect(
      (await call(b.owner, 'POST', `/api/tenants/${b.tenantId}/compliance/screenings/${peggy.id}/decision`, decision))
        .statusCode,
    ).toBe(404);
    const decided = await call(
      a.owner,
      'POST',
      `/api/tenants/${a.tenantId}/compliance/screenings/${peggy.id}/decision`,
      decision,
    );
    expect(decided.statusCode).toBe(200);
    expect(decided.json()).toMatchObject({ exclusionStatus: 'clear', evidence: [] });
    const resolved = (await events()).find((e) => e.providerId === peggy.id)!;
    expect(resolved).toMatchObject({
      status: 'resolved',
      resolved: { resolution: expect.stringMatching(/dismissed/i) },
    });

    oig.files.set('2026/2612EXCL.csv', { body: leieCsv([{ LASTNAME: 'POE', FIRSTNAME: 'EDGAR', DOB: '19490119' }]) });
    expect(await syncNow(t, 'oig-leie')).toMatchObject({ state: 'succeeded', snapshotVersion: 3 });
    expect((await screenings())[peggy.id]).toMatchObject({ exclusionStatus: 'clear' });
    expect((await events()).filter((e) => e.providerId === peggy.id)).toHaveLength(1);
    expect(
      (await call(a.owner, 'POST', `/api/tenants/${a.tenantId}/compliance/screenings/${peggy.id}/decision`, decision))
        .statusCode,
    ).toBe(409);
  });

  it('lifts the exclusion when a REIN supplement reinstates the listing, resolving the event', async () => {
    oig.files.set('2026/2611REIN.csv', { body: leieCsv([{ ...smytheExcl, REINDATE: '20261120' }]) });
    const sync = await syncNow(t, 'oig-leie');
    expect(sync).toMatchObject({ state: 'succeeded', counts: { added: 0, removed: 1 } });
    // Active set: the full file (34) + EXCL (2 + 1) - REIN (1).
    expect(await source()).toMatchObject({ activeRows: 36 });
    expect((await screenings())[william.id]).toMatchObject({ exclusionStatus: 'clear' });
    const critical = (await events('&priority=critical')).find((e) => e.providerId === william.id)!;
    expect(critical).toMatchObject({
      status: 'resolved',
      resolved: { resolution: expect.stringMatching(/left the LEIE/) },
    });
  });

  it('alerts again when a reinstated listing returns, and refuses a file given as the wrong kind', async () => {
    const upload = (kind: string, body: string) =>
      call(opsAdmin, 'POST', `/api/ops/compliance/sources/oig-leie/files?kind=${kind}`, body, {
        'content-type': 'text/csv',
      });
    // The full file uploaded as reinstatements would reinstate everyone: refused, nothing changes.
    const wrong = await upload('reinstatements', fullFile);
    expect(wrong.json()).toMatchObject({ trigger: 'upload', state: 'failed', error: { code: 'MALFORMED_ROW' } });
    expect(await source()).toMatchObject({ activeRows: 36 });
    // OIG excludes SMYTHE again (an EXCL supplement uploaded by hand): the resolved event reopens, alerting again.
    const again = await upload('exclusions', leieCsv([smytheExcl]));
    expect(again.json()).toMatchObject({ state: 'succeeded', counts: { added: 1 } });
    await jobsIdle(t);
    expect((await screenings())[william.id]).toMatchObject({ exclusionStatus: 'excluded' });
    const critical = (await events('&priority=critical')).filter((e) => e.providerId === william.id);
    expect(critical).toEqual([expect.objectContaining({ status: 'active', resolved: null })]);
    expect((await alerts()).filter((x) => x.event_id === critical[0]!.id)).toHaveLength(2);
    // The same content again, under another name: already applied, not twice.
    expect((await upload('exclusions', leieCsv([smytheExcl]))).json()).toMatchObject({ state: 'unchanged' });
  });

  it.each([
    ['a file cut short', { truncate: '"LASTNAME","FIRSTNAME"\r\n', announce: 100_000 }, /TRUNCATED|NETWORK/],
    ['a wrong header', { body: leieCsv([], ['LAST', 'FIRST', 'NPI']) }, /WRONG_HEADER/],
    [
      'an HTML error page',
      { body: '<!DOCTYPE html><html><body>Maintenance</body></html>', contentType: 'text/html' },
      /NOT_CSV/,
    ],
    ['an oversized file', { body: leieCsv(fillerRecords(2_500, 'BIG')) }, /TOO_LARGE/],
    ['a server error', { status: 500, body: 'oops' }, /HTTP_ERROR/],
    ['no answer', { hang: true }, /TIMEOUT/],
    ['a full file that lost most of its rows', { body: leieCsv(fillerRecords(5, 'FEW')) }, /TRUNCATED/],
  ] as const)('fails the sync on %s, keeping the snapshot and raising nothing', async (_, served, code) => {
    const before = { source: await source(), events: (await events()).length, alerts: (await alerts()).length };
    oig.files.set('UPDATED.csv', served);
    const sync = await syncNow(t, 'oig-leie');
    expect(sync.state).toBe('failed');
    expect(sync.error.code).toMatch(code);
    expect(sync.error.message.length).toBeGreaterThan(10);
    const after = await source();
    expect(after).toMatchObject({
      snapshotVersion: before.source.snapshotVersion,
      activeRows: before.source.activeRows,
    });
    expect(after.lastError).toMatchObject({ code: sync.error.code });
    expect((await events()).length).toBe(before.events);
    expect((await alerts()).length).toBe(before.alerts);
  });

  it('still applies a new supplement when the full file is damaged, and fails the sync with the full file’s reason', async () => {
    const before = await source();
    oig.files.set('UPDATED.csv', { body: leieCsv([], ['LAST', 'FIRST', 'NPI']) });
    oig.files.set('2026/2612EXCL.csv', {
      body: leieCsv([
        { LASTNAME: 'POE', FIRSTNAME: 'EDGAR', DOB: '19490119' },
        { LASTNAME: 'ROE', FIRSTNAME: 'JANE', DOB: '19610707' },
      ]),
    });
    const sync = await syncNow(t, 'oig-leie');
    expect(sync).toMatchObject({ state: 'failed', error: { code: 'WRONG_HEADER' }, counts: { added: 1 } });
    expect(sync.files.map((f: { name: string; outcome: string }) => [f.name, f.outcome])).toEqual(
      expect.arrayContaining([
        ['UPDATED.csv', 'failed'],
        ['2026/2612EXCL.csv', 'applied'],
      ]),
    );
    expect(await source()).toMatchObject({ activeRows: (before.activeRows as number) + 1 });
  });

  it('runs one sync of a source at a time, however many ask', async () => {
    oig.files.set('UPDATED.csv', { hang: true });
    const [first, second] = await Promise.all([
      call(opsAdmin, 'POST', '/api/ops/compliance/sources/oig-leie/sync'),
      call(opsAdmin, 'POST', '/api/ops/compliance/sources/oig-leie/sync'),
    ]);
    expect([first.statusCode, second.statusCode].sort()).toEqual([202, 409]);
    expect([first, second].find((r) => r.statusCode === 409)!.json()).toMatchObject({ code: 'SYNC_IN_PROGRESS' });
    await jobsIdle(t);
  });

  it('keeps the API to its callers: ops only for sources, each practice its own events', async () => {
    expect((await call(a.owner, 'GET', '/api/ops/compliance/sources')).statusCode).toBe(403);
    expect(
      (await call(a.owner, 'PUT', '/api/ops/compliance/sources/oig-leie', { config: { baseUrl: 'ftp://x' } }))
        .statusCode,
    ).toBe(403);
    const bad = await call(opsAdmin, 'PUT', '/api/ops/compliance/sources/oig-leie', { config: { baseUrl: 'ftp://x' } });
    expect(bad.statusCode).toBe(400);
    expect(bad.headers['content-type']).toMatch(/application\/problem\+json/);
    // A host outside SOURCE_HOSTS (the cloud's metadata service, here) is refused, and nothing changes.
    const inside = await call(opsAdmin, 'PUT', '/api/ops/compliance/sources/oig-leie', {
      config: { baseUrl: 'http://169.254.169.254/latest/' },
    });
    expect(inside.statusCode).toBe(400);
    expect(inside.json().errors).toEqual([
      { pointer: '/body/config/baseUrl', message: expect.stringMatching(/SOURCE_HOSTS/) },
    ]);
    expect((await source()).config).toMatchObject({ baseUrl: oig.baseUrl });
    const [event] = await events('&status=resolved');
    expect(
      (await call(b.owner, 'POST', `/api/tenants/${b.tenantId}/compliance/events/${event!.id}/acknowledge`)).statusCode,
    ).toBe(404);
    expect((await call(b.owner, 'GET', `/api/tenants/${b.tenantId}/compliance/events`)).json().items).toEqual([]);
    const ack = await call(a.approver, 'POST', `/api/tenants/${a.tenantId}/compliance/events/${event!.id}/acknowledge`);
    expect([ack.statusCode, ack.json().code]).toEqual([409, 'EVENT_STATE_CONFLICT']); // it was resolved already
    // The active critical event: acknowledged, then resolved with how.
    const [open] = await events('&status=active&priority=critical');
    const acked = await call(
      a.approver,
      'POST',
      `/api/tenants/${a.tenantId}/compliance/events/${open!.id}/acknowledge`,
    );
    expect(acked.json()).toMatchObject({ status: 'acknowledged', acknowledged: { by: a.approver.id } });
    const done = await call(a.owner, 'POST', `/api/tenants/${a.tenantId}/compliance/events/${open!.id}/resolve`, {
      resolution: 'Dr. Smith stopped seeing Medicare patients on 2026-11-06; claims reviewed.',
    });
    expect(done.json()).toMatchObject({ status: 'resolved', resolved: { by: a.owner.id } });
    expect(
      (
        await call(a.viewer, 'POST', `/api/tenants/${a.tenantId}/compliance/events/${event!.id}/resolve`, {
          resolution: 'done',
        })
      ).statusCode,
    ).toBe(403);
    const summary = (await call(a.owner, 'GET', `/api/tenants/${a.tenantId}/compliance/summary`)).json();
    expect(summary).toMatchObject({
      screening: { providers: 3 },
      sources: expect.arrayContaining([expect.objectContaining({ name: 'oig-leie' })]),
    });
  });
});
