import { randomUUID } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import { Keyring } from '../src/domain/keyring';
import { parseMasterKeys } from '../src/domain/keyring';
import { followAccepted } from '@plh/test-kit';
import { buildTestApp, newPractice, patientCsv, uploadList, type TestApp } from './helpers';

describe('core: patient lists', () => {
  let t: TestApp;
  const practice = newPractice();
  let projectId: string;

  beforeAll(async () => {
    t = await buildTestApp();
    const res = await t.app.inject({
      method: 'POST',
      url: `/api/tenants/${practice.tenantId}/projects`,
      headers: await t.as(practice.owner),
      payload: { name: 'Dr. Lee retires', letterType: 'provider_departure' },
    });
    expect(res.statusCode).toBe(201);
    projectId = res.json().id;
  });
  afterAll(async () => {
    await t?.close();
  });

  /** An upload followed to the end of its import (or its refusal). */
  const upload = async (
    body: string | Buffer,
    who = practice.owner,
    tenantId = practice.tenantId,
    project = projectId,
  ) => uploadList(t, who, tenantId, project, body);

  it('imports a messy list: maps headers, normalises addresses, explains each refused row by number', async () => {
    const csv = [
      '\uFEFFPatient First Name,Patient Last Name,MRN,DOB,Street Address,Apt,City,ST,Zip Code',
      'Ana,Nuñez,123,1970-01-01,"12 north main street",apartment 4,boston,massachusetts,2134',
      'Bo,"O\'Neil, Jr.",124,1980-02-02,1 Elm Ave,,Salem,MA,01970-1234',
      ' ,NoFirst,125,1990-03-03,3 Oak St,,Salem,MA,01970', // a blank first name: refused, naming it
      'Cy,Unknown,126,1990-03-03,unknown,,Salem,MA,01970',
      'Di,Zip,127,1990-03-03,4 Pine St,,Salem,MA,90210',
      '=HYPERLINK("http://evil.example","x"),Evil,128,1990-03-03,5 Fir St,,Salem,MA,01970',
      'Ana,Nuñez,129,1970-01-01,12 N Main St,Apt 4,Boston,MA,02134', // the same person again
      'Ed,NoState,130,1990-03-03,6 Ash St,,Salem,,01970',
    ].join('\n');
    const res = await upload(csv);
    expect(res.statusCode).toBe(200);
    const list = res.json();
    expect(list).toMatchObject({
      status: 'validated',
      headers: [
        'Patient First Name',
        'Patient Last Name',
        'MRN',
        'DOB',
        'Street Address',
        'Apt',
        'City',
        'ST',
        'Zip Code',
      ],
      mapping: { firstName: 0, lastName: 1, address1: 4, address2: 5, city: 6, state: 7, zip: 8, dateOfBirth: 3 },
      summary: { totalRows: 8, validRows: 2, invalidRows: 5, duplicateRows: 1, warningRows: 1 },
    });
    const brief = (issues: Array<{ line: number; field: string | null; code: string }>) =>
      issues.map((i) => [i.line, i.field, i.code]);
    expect(brief(list.rowErrors)).toEqual([
      [4, 'firstName', 'MISSING_NAME'],
      [5, 'address1', 'UNDELIVERABLE_ADDRESS'],
      [6, 'zip', 'ZIP_STATE_MISMATCH'],
      // Unquoted, the formula's comma splits the row: the extra cell, the formula and the shifted
      // cells are all named.
      [7, null, 'EXTRA_CELLS'],
      [7, 'firstName', 'FORMULA'],
      [7, 'city', 'MISSING_CITY'],
      [7, 'state', 'INVALID_STATE'],
      [7, 'zip', 'INVALID_ZIP'],
      [8, null, 'DUPLICATE'],
      [9, 'state', 'MISSING_STATE'],
    ]);
    expect(list.rowErrors[2].reason).toBe('ZIP code 902xx is in CA, not MA');
    expect(list.rowErrors.find((e: { code: string }) => e.code === 'DUPLICATE').reason).toBe(
      'the same patient as line 2 (name, address and date of birth): one letter is sent',
    );
    expect(brief(list.rowWarnings)).toEqual([
      [2, 'zip', 'ZIP_PADDED'],
      [7, 'dateOfBirth', 'DATE_OF_BIRTH_UNREADABLE'], // the shifted row's "date of birth" is the MRN
    ]);
    const recipients = await t.app.inject({
      method: 'GET',
      url: `/api/tenants/${practice.tenantId}/patient-lists/${list.id}/recipients`,
      headers: await t.as(practice.owner),
    });
    expect(recipients.statusCode).toBe(200);
    expect(recipients.headers['cache-control']).toBe('no-store');
    expect(recipients.json().items).toEqual([
      {
        id: expect.any(String),
        row: 2,
        name: 'Ana Nuñez',
        address1: '12 N MAIN ST',
        address2: 'APT 4',
        city: 'BOSTON',
        state: 'MA',
        zip: '02134',
      },
      {
        id: expect.any(String),
        row: 3,
        name: "Bo O'Neil, Jr.",
        address1: '1 ELM AVE',
        address2: null,
        city: 'SALEM',
        state: 'MA',
        zip: '01970-1234',
      },
    ]);
  });

  it('sends a father and a son of one name at one address a letter each, told apart by date of birth', async () => {
    const csv = [
      'Name,Date of Birth,Address,City,State,ZIP',
      'John Smith,03/04/1950,1 Main St,Boston,MA,02134',
      'John Smith,1980-07-09,1 Main St,Boston,MA,02134',
      'John Smith,3/4/1950,1 Main Street,Boston,MA,02134', // the father again, written differently
    ].join('\n');
    const list = (await upload(csv)).json();
    expect(list.summary).toMatchObject({ validRows: 2, duplicateRows: 1 });
    expect(list.rowErrors).toEqual([
      expect.objectContaining({ line: 4, code: 'DUPLICATE', reason: expect.stringContaining('line 2') }),
    ]);
    // The date of birth is kept nowhere but inside the keyed duplicate hash. The ciphertexts are looked
    // at as bytes: as JSON they are hex, where "1950" turns up by chance about once in sixty runs.
    const stored = await t.admin.query<{ row: string }>(
      `SELECT (to_jsonb(p) - 'name_cipher' - 'address_cipher')::text AS row FROM core.patient p WHERE list_id = $1
       UNION ALL SELECT row_to_json(l)::text FROM core.patient_list l WHERE id = $1
       UNION ALL SELECT row_to_json(i)::text FROM core.patient_list_issue i WHERE list_id = $1`,
      [list.id],
    );
    for (const { row } of stored.rows) for (const dob of ['1950', '1980']) expect(row).not.toContain(dob);
    const ciphers = await t.admin.query<{ name_cipher: Buffer; address_cipher: Buffer }>(
      'SELECT name_cipher, address_cipher FROM core.patient WHERE list_id = $1',
      [list.id],
    );
    expect(ciphers.rowCount).toBe(2);
    for (const row of ciphers.rows)
      for (const bytes of [row.name_cipher, row.address_cipher])
        for (const dob of ['1950', '1980']) expect(bytes.includes(dob)).toBe(false);
  });

  it('keeps every error and warning of a big list, pages them, and hands them out as CSV', async () => {
    const rows = ['Name,Address,City,State,ZIP'];
    for (let i = 1; i <= 300; i++)
      rows.push(i % 2 ? `Pat ${i},${i} Main St,Boston,MA,2134` : `Pat ${i},${i} Main St,Boston,MA,`);
    const list = (await upload(rows.join('\n'))).json();
    expect(list.summary).toMatchObject({ totalRows: 300, validRows: 150, invalidRows: 150, warningRows: 150 });
    expect(list.rowErrors).toHaveLength(100); // the summary shows the first ones…
    const headers = await t.as(practice.owner);
    const base = `/api/tenants/${practice.tenantId}/patient-lists/${list.id}`;
    expect(list.links).toEqual({ self: base, issues: `${base}/issues`, issuesCsv: `${base}/issues.csv` });
    // …and paging reaches every one, in file order.
    const seen: number[] = [];
    let cursor: string | null = null;
    do {
      const page: { statusCode: number; json(): { items: Array<{ line: number }>; next: string | null } } =
        await t.app.inject({
          method: 'GET',
          url: `${base}/issues?severity=error&limit=64${cursor ? `&cursor=${cursor}` : ''}`,
          headers,
        });
      expect(page.statusCode).toBe(200);
      seen.push(...page.json().items.map((i) => i.line));
      cursor = page.json().next;
    } while (cursor);
    expect(seen).toEqual(Array.from({ length: 150 }, (_, i) => 2 * (i + 1) + 1));

    const csv = await t.app.inject({ method: 'GET', url: `${base}/issues.csv`, headers });
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-type']).toMatch(/^text\/csv/);
    expect(csv.headers['content-disposition']).toMatch(/^attachment; filename="patient-list-.*\.csv"$/);
    const lines = csv.body.trimEnd().split('\r\n');
    expect(lines[0]).toBe('line,severity,field,code,reason');
    expect(lines).toHaveLength(301);
    expect(lines[1]).toBe(
      '2,warning,zip,ZIP_PADDED,the ZIP code had 4 digits and was read with a leading 0 (a spreadsheet drops it)',
    );
    expect(lines[2]).toBe('3,error,zip,MISSING_ZIP,the ZIP code is empty');

    const bad = await t.app.inject({ method: 'GET', url: `${base}/issues?cursor=bm90LWEtY3Vyc29y`, headers });
    expect(bad.statusCode).toBe(400);
    expect(bad.json()).toMatchObject({ code: 'VALIDATION_FAILED', errors: [{ pointer: '/querystring/cursor' }] });
    const other = newPractice();
    const theirs = await t.app.inject({
      method: 'GET',
      url: `/api/tenants/${other.tenantId}/patient-lists/${list.id}/issues.csv`,
      headers: await t.as(other.owner),
    });
    expect(theirs.statusCode).toBe(404);
  });

  it('stores names and addresses as ciphertext that another tenant’s key cannot open; MRN and DOB are not kept', async () => {
    const res = await upload(patientCsv(3));
    const listId = res.json().id;
    // The uploaded file itself is encrypted at rest: no patient's name or street in the bytes on disk.
    const [file] = (
      await t.admin.query<{ storage_key: string }>(
        `SELECT r.storage_key FROM core.patient_list l JOIN core.file_revision r ON r.id = l.file_revision_id
          WHERE l.id = $1`,
        [listId],
      )
    ).rows;
    const disk = readFileSync(path.join(t.filesDir, ...file!.storage_key.split('/')));
    expect(disk.subarray(0, 4).toString()).toBe('PLHE');
    for (const plain of ['Pat1', 'Nuñez', 'Main Street', 'Boston'])
      expect(disk.includes(Buffer.from(plain))).toBe(false);
    const rows = await t.admin.query<{ id: string; name_cipher: Buffer; address_cipher: Buffer }>(
      'SELECT id::text, name_cipher, address_cipher FROM core.patient WHERE list_id = $1',
      [listId],
    );
    expect(rows.rows).toHaveLength(3);
    for (const row of rows.rows) {
      const bytes = Buffer.concat([row.name_cipher, row.address_cipher]);
      for (const plain of ['Pat', 'Nuñez', 'MAIN', 'BOSTON', '021'])
        expect(bytes.includes(Buffer.from(plain))).toBe(false);
    }
    // The other tenant's data key (created on its first import) does not open these rows.
    const other = newPractice();
    const otherProject = await t.app.inject({
      method: 'POST',
      url: `/api/tenants/${other.tenantId}/projects`,
      headers: await t.as(other.owner),
      payload: { name: 'x', letterType: 'other' },
    });
    await upload(patientCsv(1), other.owner, other.tenantId, otherProject.json().id);
    const keyring = new Keyring(parseMasterKeys(t.config.PHI_MASTER_KEYS));
    const keyRow = async (tenantId: string) =>
      (
        await t.admin.query<{ wrapped_key: string; master_key_id: string }>(
          'SELECT wrapped_key, master_key_id FROM core.tenant_data_key WHERE tenant_id = $1',
          [tenantId],
        )
      ).rows[0]!;
    const store = (tenantId: string) => ({
      find: async () => {
        const r = await keyRow(tenantId);
        return { wrappedKey: r.wrapped_key, masterKeyId: r.master_key_id };
      },
      insertIfAbsent: async () => {
        throw new Error('exists');
      },
    });
    const own = await keyring.sealerFor(practice.tenantId, store(practice.tenantId));
    const foreign = await keyring.sealerFor(other.tenantId, store(other.tenantId));
    const row = rows.rows[0]!;
    expect(own.decrypt(row.id, 'name', row.name_cipher)).toMatch(/^Pat\d+ Nuñez\d+$/);
    expect(() => foreign.decrypt(row.id, 'name', row.name_cipher)).toThrow();
    // Through the API, the other practice does not even see the list.
    const peek = await t.app.inject({
      method: 'GET',
      url: `/api/tenants/${other.tenantId}/patient-lists/${listId}`,
      headers: await t.as(other.owner),
    });
    expect(peek.statusCode).toBe(404);
    const cross = await t.app.inject({
      method: 'GET',
      url: `/api/tenants/${practice.tenantId}/patient-lists/${listId}/recipients`,
      headers: await t.as(other.owner),
    });
    expect(cross.statusCode).toBe(404);
    expect(cross.headers['content-type']).toMatch(/^application\/problem\+json/);
  });

  it('waits for a mapping when columns are not recognised, then validates with it', async () => {
    const res = await upload('Who,Where,Town,Region,Code\nAna Nuñez,1 Main St,Boston,MA,02134\n');
    expect(res.json()).toMatchObject({
      status: 'needs_mapping',
      missingFields: expect.arrayContaining(['address1', 'zip']),
    });
    const url = `/api/tenants/${practice.tenantId}/patient-lists/${res.json().id}`;
    const bad = await t.app.inject({
      method: 'PUT',
      url: `${url}/mapping`,
      headers: await t.as(practice.owner),
      payload: { mapping: { fullName: 0, address1: 9 } },
    });
    expect(bad.statusCode).toBe(400);
    const accept = await t.app.inject({ method: 'POST', url: `${url}/accept`, headers: await t.as(practice.owner) });
    expect(accept.statusCode).toBe(409);
    const mapped = await t.app.inject({
      method: 'PUT',
      url: `${url}/mapping`,
      headers: await t.as(practice.owner),
      payload: { mapping: { fullName: 0, address1: 1, city: 2, state: 3, zip: 4 } },
    });
    expect(mapped.statusCode).toBe(202);
    expect(mapped.json()).toMatchObject({ status: 'importing' });
    const validated = await followAccepted({ ...mapped, statusCode: 202, headers: { location: url } }, async (u) =>
      t.app.inject({ method: 'GET', url: u, headers: await t.as(practice.owner) }),
    );
    expect(validated.json()).toMatchObject({ status: 'validated', summary: { validRows: 1 } });
    const accepted = await t.app.inject({ method: 'POST', url: `${url}/accept`, headers: await t.as(practice.owner) });
    expect(accepted.json()).toMatchObject({ status: 'accepted' });
  });

  describe('refuses unusable files whole, keeping nothing', () => {
    const countRows = async () =>
      (
        await t.admin.query<{ lists: string; revisions: string }>(
          `SELECT (SELECT count(*) FROM core.patient_list)::text AS lists, (SELECT count(*) FROM core.file_revision)::text AS revisions`,
        )
      ).rows[0]!;
    const storedFiles = () => {
      const dir = `${t.filesDir}/tenants/${practice.tenantId}/projects/${projectId}/patient_list`;
      try {
        return readdirSync(dir).length;
      } catch {
        return 0;
      }
    };

    it.each([
      ['an empty file → 422 EMPTY_LIST', '', 422, 'EMPTY_LIST'],
      ['only a header row → 422 NO_DATA_ROWS', 'First Name,Last Name,Address,City,State,Zip\r\n', 422, 'NO_DATA_ROWS'],
      [
        'one column (wrong delimiter or not a table) → 422 NO_COLUMNS',
        'Name Address City\nAna 1 Main Boston\n',
        422,
        'NO_COLUMNS',
      ],
      [
        'a binary file',
        Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 1, 2, 3]),
        415,
        'UNSUPPORTED_MEDIA_TYPE',
      ],
      [
        'a spreadsheet (xlsx)',
        Buffer.concat([Buffer.from('PK\x03\x04', 'latin1'), Buffer.alloc(100, 1)]),
        415,
        'UNSUPPORTED_MEDIA_TYPE',
      ],
      [
        'an unclosed quote',
        'First Name,Last Name,Address,City,State,Zip\n"Ana,Nuñez,1 Main St,Boston,MA,02134\n',
        422,
        'MALFORMED_CSV',
      ],
    ])('%s', async (_label, body, status, code) => {
      const before = await countRows();
      const filesBefore = storedFiles();
      const res = await upload(body);
      expect(res.statusCode).toBe(status);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(res.json()).toMatchObject({ code });
      expect(await countRows()).toEqual(before);
      expect(storedFiles()).toBe(filesBefore);
    });

    it('rejects a list found over the row limit while importing: the list says why, no patient and no file is kept', async () => {
      const small = await buildTestApp({ PATIENT_LIST_MAX_ROWS: '100' });
      try {
        const project = await small.app.inject({
          method: 'POST',
          url: `/api/tenants/${practice.tenantId}/projects`,
          headers: await small.as(practice.owner),
          payload: { name: 'x', letterType: 'other' },
        });
        const res = await uploadList(small, practice.owner, practice.tenantId, project.json().id, patientCsv(150));
        expect(res.json()).toMatchObject({
          status: 'rejected',
          fileError: { code: 'TOO_MANY_ROWS', message: expect.stringContaining('more than 100 rows') },
          summary: { totalRows: 0, validRows: 0 },
        });
        const left = await small.admin.query(
          'SELECT 1 FROM core.patient UNION ALL SELECT 1 FROM core.patient_list_issue',
        );
        expect(left.rowCount).toBe(0);
        const [revision] = (
          await small.admin.query<{ storage_key: string; deleted_reason: string }>(
            'SELECT storage_key, deleted_reason FROM core.file_revision WHERE id = $1',
            [res.json().fileRevisionId],
          )
        ).rows;
        expect(revision!.deleted_reason).toBe('rejected');
        expect(existsSync(path.join(small.filesDir, ...revision!.storage_key.split('/')))).toBe(false);
        const accept = await small.app.inject({
          method: 'POST',
          url: `/api/tenants/${practice.tenantId}/patient-lists/${res.json().id}/accept`,
          headers: await small.as(practice.owner),
        });
        expect(accept.statusCode).toBe(409);
      } finally {
        await small.close();
      }
    });
  });

  it('refuses a file over the upload limit while it streams (51 MB), keeping nothing', async () => {
    const before = await t.admin.query('SELECT count(*)::int AS n FROM core.file_revision');
    let sent = 0;
    const line = Buffer.from('Ana,Nuñez,1 Main Street,Boston,MA,02134\n'.repeat(1_000));
    const body = new Readable({
      read() {
        if (sent === 0) this.push('First Name,Last Name,Address,City,State,Zip\n');
        sent += line.length;
        this.push(sent <= 51 * 1024 * 1024 ? line : null);
      },
    });
    const res = await t.app.inject({
      method: 'POST',
      url: `/api/tenants/${practice.tenantId}/projects/${projectId}/patient-lists`,
      headers: { ...(await t.as(practice.owner)), 'content-type': 'text/csv' },
      payload: body,
    });
    expect(res.statusCode).toBe(413);
    expect(res.json()).toMatchObject({ code: 'PAYLOAD_TOO_LARGE' });
    expect((await t.admin.query('SELECT count(*)::int AS n FROM core.file_revision')).rows).toEqual(before.rows);
  });

  it('answers a 60,000-row upload at once and imports it whole in a job, its progress visible as it goes', async () => {
    const rows = 60_000;
    let i = 0;
    const body = new Readable({
      read() {
        if (i === 0) this.push('First Name,Last Name,Address Line 1,City,State,Zip\r\n');
        const chunk: string[] = [];
        for (let n = 0; n < 2_000 && i < rows; n++, i++)
          chunk.push(`Pat${i},Lee${i},${i + 1} Oak Street,Hartford,CT,06${String(100 + (i % 900))}`);
        this.push(chunk.length ? `${chunk.join('\r\n')}\r\n` : null);
      },
    });
    const headers = await t.as(practice.owner);
    const res = await t.app.inject({
      method: 'POST',
      url: `/api/tenants/${practice.tenantId}/projects/${projectId}/patient-lists`,
      headers: { ...headers, 'content-type': 'text/csv' },
      payload: body,
    });
    expect(res.statusCode).toBe(202);
    expect(res.json()).toMatchObject({ status: 'importing', progress: { rowsRead: 0, percent: 0 } });
    // Polled as a web app would: the counts move while the job runs, then the list is validated.
    const seen: Array<{ rowsRead: number; percent: number }> = [];
    const done = await followAccepted(
      res,
      async (url) => {
        const now = await t.app.inject({ method: 'GET', url, headers });
        if (now.json().status === 'importing') seen.push(now.json().progress);
        return now;
      },
      undefined,
      { timeoutMs: 150_000, intervalMs: 200 },
    );
    expect(done.json().status).toBe('validated');
    expect(done.json().progress).toMatchObject({ rowsRead: rows, percent: 100 });
    const moving = seen.filter((p) => p.rowsRead > 0 && p.rowsRead < rows);
    expect(new Set(moving.map((p) => p.rowsRead)).size).toBeGreaterThanOrEqual(2);
    for (const p of moving) expect(p.percent).toBeGreaterThan(0);
    expect(done.json().summary).toEqual({
      totalRows: rows,
      validRows: rows,
      invalidRows: 0,
      duplicateRows: 0,
      warningRows: 0,
    });
    const stored = await t.admin.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM core.patient WHERE list_id = $1',
      [res.json().id],
    );
    expect(stored.rows[0]!.n).toBe(rows);
  }, 180_000);

  it('takes a multipart/form-data upload (curl -F file=@list.csv) as well as a raw body', async () => {
    const boundary = '----plh-test-boundary';
    const form = [
      `--${boundary}`,
      'Content-Disposition: form-data; name="note"',
      '',
      'ignored',
      `--${boundary}`,
      'Content-Disposition: form-data; name="file"; filename="list.csv"',
      'Content-Type: text/csv',
      '',
      patientCsv(4).trimEnd(),
      `--${boundary}--`,
      '',
    ].join('\r\n');
    const list = await uploadList(
      t,
      practice.owner,
      practice.tenantId,
      projectId,
      form,
      `multipart/form-data; boundary=${boundary}`,
    );
    expect(list.json()).toMatchObject({ status: 'validated', summary: { validRows: 4 } });
    const [revision] = (
      await t.admin.query<{ filename: string }>('SELECT filename FROM core.file_revision WHERE id = $1', [
        list.json().fileRevisionId,
      ])
    ).rows;
    expect(revision!.filename).toBe('list.csv'); // the form's file name, kept for downloads
    const noFile = await t.app.inject({
      method: 'POST',
      url: `/api/tenants/${practice.tenantId}/projects/${projectId}/patient-lists`,
      headers: { ...(await t.as(practice.owner)), 'content-type': `multipart/form-data; boundary=${boundary}` },
      payload: `--${boundary}\r\nContent-Disposition: form-data; name="other"\r\n\r\nx\r\n--${boundary}--\r\n`,
    });
    expect(noFile.statusCode).toBe(400);
    expect(noFile.json()).toMatchObject({ code: 'VALIDATION_FAILED', errors: [{ pointer: '/body/file' }] });
  });

  it('answers a retried upload with the same Idempotency-Key with the same list, imported once', async () => {
    const headers = {
      ...(await t.as(practice.owner)),
      'content-type': 'text/csv',
      'idempotency-key': `upload-${randomUUID()}`,
    };
    const url = `/api/tenants/${practice.tenantId}/projects/${projectId}/patient-lists`;
    const first = await t.app.inject({ method: 'POST', url, headers, payload: patientCsv(5) });
    const again = await t.app.inject({ method: 'POST', url, headers, payload: patientCsv(5) });
    expect(first.statusCode).toBe(202);
    expect(again.statusCode).toBe(202);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.json().id).toBe(first.json().id);
    // Where to poll, as the first answer said.
    expect(first.headers.location).toContain(first.json().id);
    expect(again.headers.location).toBe(first.headers.location);
    // One list and one import job for the two requests.
    const lists = await t.admin.query(
      'SELECT 1 FROM core.patient_list WHERE project_id = $1 AND created_at >= $2::timestamptz',
      [projectId, first.json().createdAt],
    );
    expect(lists.rowCount).toBe(1);
    const jobs = await t.admin.query(
      `SELECT 1 FROM core.job_queue WHERE queue = 'core.import-patient-list' AND payload->>'listId' = $1`,
      [first.json().id],
    );
    expect(jobs.rowCount).toBe(1);
  });

  it('lists a project’s lists newest first, a page at a time, with a status filter', async () => {
    const project = (
      await t.app.inject({
        method: 'POST',
        url: `/api/tenants/${practice.tenantId}/projects`,
        headers: await t.as(practice.owner),
        payload: { name: 'Paged', letterType: 'other' },
      })
    ).json();
    const ids: string[] = [];
    for (let n = 1; n <= 5; n++)
      ids.push((await uploadList(t, practice.owner, practice.tenantId, project.id, patientCsv(n))).json().id);
    await uploadList(t, practice.owner, practice.tenantId, project.id, 'Who,Where\nA,B\n'); // needs_mapping
    const headers = await t.as(practice.owner);
    const base = `/api/tenants/${practice.tenantId}/projects/${project.id}/patient-lists`;
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: { statusCode: number; json(): { items: Array<{ id: string }>; next: string | null } } =
        await t.app.inject({
          method: 'GET',
          url: `${base}?status=validated&limit=2${cursor ? `&cursor=${cursor}` : ''}`,
          headers,
        });
      expect(page.statusCode).toBe(200);
      seen.push(...page.json().items.map((l) => l.id));
      cursor = page.json().next;
    } while (cursor);
    expect(seen).toEqual([...ids].reverse());
    const all = await t.app.inject({ method: 'GET', url: base, headers });
    expect(all.json().items.map((l: { status: string }) => l.status)).toEqual([
      'needs_mapping',
      ...ids.map(() => 'validated'),
    ]);
    const other = newPractice();
    const theirs = await t.app.inject({
      method: 'GET',
      url: `/api/tenants/${other.tenantId}/projects/${project.id}/patient-lists`,
      headers: await t.as(other.owner),
    });
    expect(theirs.statusCode).toBe(404);
  });

  it('answers 404 for another tenant’s project and 403 for a viewer', async () => {
    const other = newPractice();
    expect((await upload(patientCsv(1), other.owner, other.tenantId, projectId)).statusCode).toBe(404);
    expect((await upload(patientCsv(1), practice.viewer)).statusCode).toBe(403);
    expect((await upload(patientCsv(1), practice.owner, practice.tenantId, randomUUID())).statusCode).toBe(404);
  });
});
