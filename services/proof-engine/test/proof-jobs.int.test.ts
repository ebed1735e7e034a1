import { randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Pool } from 'pg';
import { ALL_EVENTS, createEvent, EventRegistry, OrderApproved, OrderPlaced, OrderStatusChanged } from '@plh/contracts';
import { loadConfig, signInternalToken, type InternalSigner, type Principal, type ServiceApp } from '@plh/service-kit';
import { createInternalKeys, createTestPlatform, deliverTwice, type TestPlatform } from '@plh/service-kit/testing';
import { encryptedStorage, localStorage, parseFileKeys, type ObjectStorage } from '@plh/storage';
import { eventually, followAccepted } from '@plh/test-kit';
import * as coreService from '@plh/core';
import { buildApp, buildWorkerApp } from '../src/app';
import { ConfigSchema } from '../src/config';
import { PrismaClient } from '../generated/prisma';
import { LIBRARY } from '../src/domain/templates/library';
import { SAMPLE_LETTER_DATA } from '../src/domain/templates/sample-data';

// pdf.js reads the stored proof back.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const pdfjs = require('pdfjs-dist/legacy/build/pdf.js') as {
  getDocument(src: { data: Uint8Array; isEvalSupported?: boolean }): {
    promise: Promise<{
      numPages: number;
      getPage(n: number): Promise<{ getTextContent(): Promise<{ items: Array<{ str: string }> }> }>;
      destroy(): Promise<void>;
    }>;
  };
};
async function pdfText(pdf: Buffer): Promise<{ pages: number; text: string }> {
  const doc = await pdfjs.getDocument({ data: new Uint8Array(pdf), isEvalSupported: false }).promise;
  const texts: string[] = [];
  for (let n = 1; n <= doc.numPages; n++)
    texts.push((await (await doc.getPage(n)).getTextContent()).items.map((i) => i.str).join('\n'));
  const pages = doc.numPages;
  await doc.destroy();
  return { pages, text: texts.join('\n') };
}

/**
 * The proof engine with the real core service on real Postgres + NATS (one event namespace): an
 * order placed in core becomes a proof job here by its event, the proof comes back to core by event,
 * an approval starts the production file. Failures name the list row; a retry resumes. The API runs no
 * jobs here (RUN_JOBS=false): a separate worker app on its own platform connection runs them all, as
 * `node dist/worker.js` does in production.
 */
describe('proof jobs with core', () => {
  let corePlatform: TestPlatform<coreService.PrismaClient>;
  let proofPlatform: TestPlatform<PrismaClient>;
  let core: ServiceApp;
  let proof: ServiceApp;
  let worker: ServiceApp;
  let filesDir: string;
  let signer: InternalSigner;
  let storage: ObjectStorage;
  let admin: Pool;
  /** Fails the next put of a key matching this, once (a storage outage in the middle of a job). */
  let failNextPut: RegExp | null = null;
  const puts: string[] = [];
  const tenantId = randomUUID();
  const owner: Principal = { kind: 'user', id: randomUUID(), tenantId, role: 'owner', scopes: [] };
  const approver: Principal = { ...owner, id: randomUUID(), role: 'approver' };

  beforeAll(async () => {
    const registry = new EventRegistry(ALL_EVENTS);
    corePlatform = await createTestPlatform({
      schema: 'core',
      serviceDir: path.dirname(require.resolve('@plh/core/package.json')),
      createDb: (adapter) => new coreService.PrismaClient({ adapter }),
      registry,
    });
    proofPlatform = await createTestPlatform({
      schema: 'proof',
      serviceDir: path.join(__dirname, '..'),
      createDb: (adapter) => new PrismaClient({ adapter }),
      registry,
      eventNamespace: corePlatform.config.EVENT_NAMESPACE,
    });
    // The gateway's key speaks for the test's users; the proof engine signs its calls to core with its own.
    const keys = await createInternalKeys();
    signer = keys.signer('gateway');
    const jwks = keys.jwks;
    const privateJwk = keys.privateJwk('proof-engine');
    filesDir = mkdtempSync(path.join(os.tmpdir(), 'plh-proof-'));
    const fileKeys = `f1:${Buffer.alloc(32, 8).toString('base64')}`;
    const shared = {
      FILE_URL_SECRET: 's'.repeat(32),
      FILE_ENCRYPTION_KEYS: fileKeys,
      STORAGE_LOCAL_DIR: filesDir,
      INTERNAL_TOKEN_JWKS: jwks,
    };
    core = await coreService.buildApp(
      loadConfig(coreService.ConfigSchema, {
        ...corePlatform.env,
        ...shared,
        LOG_LEVEL: 'silent',
        PHI_MASTER_KEYS: `k1:${Buffer.alloc(32, 4).toString('base64')}`,
      }),
      { platform: corePlatform.platform },
    );
    // Encrypted at rest as storageFromConfig sets it up: core, which serves the links, decrypts.
    const real = encryptedStorage(
      localStorage({ root: filesDir, publicBaseUrl: 'http://gw/api/files', urlSecret: Buffer.from('s'.repeat(32)) }),
      {
        keys: parseFileKeys(fileKeys),
        signedUrls: { baseUrl: 'http://gw/api/files', secret: Buffer.from('s'.repeat(32)) },
      },
    );
    // The real local driver, with a switch that makes one upload fail as an unreachable bucket would.
    storage = {
      ...real,
      driver: real.driver,
      put: async (key, body, options) => {
        if (failNextPut?.test(key)) {
          failNextPut = null;
          throw new Error('connect ECONNREFUSED (storage unreachable)');
        }
        puts.push(key);
        return real.put(key, body, options);
      },
      get: (key) => real.get(key),
      head: (key) => real.head(key),
      delete: (key) => real.delete(key),
      signedDownloadUrl: (key, o) => real.signedDownloadUrl(key, o),
    };
    const proofConfig = loadConfig(ConfigSchema, {
      ...proofPlatform.env,
      ...shared,
      LOG_LEVEL: process.env.PLH_TEST_LOG_LEVEL ?? 'silent',
      CORE_URL: await core.listen({ host: '127.0.0.1', port: 0 }),
      INTERNAL_TOKEN_PRIVATE_JWK: privateJwk,
      PROOF_SAMPLE_LETTERS: '5',
      PRODUCTION_PART_LETTERS: '10',
      THUMBNAIL_PAGES: '2',
      JOB_POLL_MS: '200',
      RUN_JOBS: 'false',
    });
    proof = await buildApp(proofConfig, { platform: proofPlatform.platform, storage });
    await proof.ready();
    worker = await buildWorkerApp(proofConfig, { platform: await proofPlatform.replica(), storage });
    await worker.ready();
    admin = new Pool({ connectionString: proofPlatform.database.adminUrl, max: 2 });
    admin.on('error', () => undefined); // idle connections end when the test database is dropped
  });
  afterAll(async () => {
    await worker?.close();
    await proof?.close();
    await core?.close();
    await admin?.end();
    await proofPlatform?.database.drop();
    await corePlatform?.database.drop();
    if (filesDir) rmSync(filesDir, { recursive: true, force: true });
  });

  const call = async (
    app: 'core' | 'proof',
    who: Principal,
    method: 'GET' | 'POST' | 'PUT',
    url: string,
    payload?: unknown,
    headers: Record<string, string> = {},
  ) => {
    const target = app === 'core' ? core : proof;
    const token = await signInternalToken(signer, who, app === 'core' ? 'core' : 'proof-engine');
    return target.inject({
      method,
      url: `/api/tenants/${tenantId}${url}`,
      headers: { 'x-plh-internal-token': token, ...headers },
      ...(payload === undefined ? {} : { payload: payload as string }),
    });
  };

  /** A project with an accepted list of `rows` (rows named in `names` get those names) and a placed order. */
  async function placedOrder(rows: number, names: Record<number, string> = {}, setUp = true) {
    const project = (
      await call('core', owner, 'POST', '/projects', { name: 'Closure', letterType: 'practice_closure' })
    ).json();
    if (setUp) {
      const setup = await call('proof', owner, 'PUT', `/proof/projects/${project.id}/letter`, {
        letterType: 'practice_closure',
        values: SAMPLE_LETTER_DATA.practice_closure,
        returnAddress: ['Harbor Family Medicine', '12 HARBOR ST STE 200', 'SALEM MA 01970'],
      });
      expect(setup.statusCode).toBe(200);
    }
    const csv = ['First Name,Last Name,Address,City,State,Zip'];
    for (let i = 1; i <= rows; i++) {
      const [first, last] = (names[i] ?? `Pat${i} Lee${i}`).split(' ');
      csv.push(`${first},${last},${i} Main St,Boston,MA,02134`);
    }
    const uploaded = await call('core', owner, 'POST', `/projects/${project.id}/patient-lists`, csv.join('\n'), {
      'content-type': 'text/csv',
    });
    // The import runs as core's job; the list is followed until it is validated.
    const list = (
      await followAccepted(uploaded, (url) => call('core', owner, 'GET', url.replace(`/api/tenants/${tenantId}`, '')))
    ).json();
    expect(list.summary.validRows).toBe(rows);
    await call('core', owner, 'POST', `/patient-lists/${list.id}/accept`);
    const quote = (
      await call('core', owner, 'POST', '/quotes', {
        projectId: project.id,
        listId: list.id,
        options: { pages: 1, color: false, duplex: false, postageClass: 'first_class' },
      })
    ).json();
    const order = await call('core', owner, 'POST', '/orders', { quoteId: quote.id });
    expect(order.statusCode).toBe(201);
    return { projectId: project.id as string, orderId: order.json().id as string };
  }

  const jobsOf = (orderId: string) =>
    admin
      .query<{ id: string; kind: string; state: string }>(
        'SELECT id::text, kind, state FROM proof.job WHERE order_id = $1 ORDER BY created_at',
        [orderId],
      )
      .then((r) => r.rows);
  const status = async (jobId: string) => (await call('proof', owner, 'GET', `/proof/status/${jobId}`)).json();
  const untilSettled = (jobId: string) =>
    eventually(
      async () => {
        const s = await status(jobId);
        expect(['done', 'failed']).toContain(s.state);
        return s;
      },
      { timeoutMs: 30_000 },
    );
  /** Follows a signed link (served by core's /api/files/*, as through the gateway). */
  const download = async (url: string) => {
    const res = await core.inject({ method: 'GET', url: new URL(url).pathname + new URL(url).search });
    expect(res.statusCode).toBe(200);
    const ext = new URL(url).pathname.split('.').pop();
    expect(res.headers['content-type']).toBe(
      { pdf: 'application/pdf', png: 'image/png', json: 'application/json' }[ext as 'pdf'],
    );
    return res.rawPayload;
  };

  it('order placed → proof job by event → proof in core (proof_ready) → approval → production file in batches', async () => {
    const { orderId } = await placedOrder(23, {
      2: 'Nguyễn Thị',
      17: 'Maria-de-los-Ángeles Fernández-Castillo-Rodríguez',
    });
    const [job] = await eventually(async () => {
      const jobs = await jobsOf(orderId);
      expect(jobs).toHaveLength(1);
      return jobs;
    });
    expect(job!.kind).toBe('proof');
    const done = await untilSettled(job!.id);
    expect(done).toMatchObject({ state: 'done', error: null, progress: { lettersDone: 6, lettersTotal: 6 } });

    // The proof: the first 5 letters plus the longest name (row 17), watermarked, merged, no braces.
    const links = (await call('proof', owner, 'GET', `/proof/download/${job!.id}`)).json();
    const pdf = await download(links.url);
    // On disk the proof is ciphertext: neither a PDF nor a thumbnail can be read there.
    const stored = readFileSync(path.join(filesDir, 'tenants', tenantId, 'proofs', orderId, `${job!.id}.pdf`));
    expect(stored.subarray(0, 4).toString()).toBe('PLHE');
    expect(stored.includes(Buffer.from('%PDF'))).toBe(false);
    const back = await pdfText(pdf);
    expect(back.pages).toBe(6);
    expect(back.text).toContain('Dear Nguyễn Thị,');
    expect(back.text).toContain('Fernández-Castillo-Rodríguez');
    expect(back.text).not.toContain('Pat6 Lee6');
    expect(back.text).toContain('PROOF');
    expect(back.text).not.toContain('{{');
    expect(links.sha256).toBe(done.sha256);
    // npm test's bootstrap installs poppler (scripts/ensure-poppler.mjs): thumbnails always exist here.
    expect(links.thumbnails).toHaveLength(2);
    expect((await download(links.thumbnails[0])).subarray(1, 4).toString()).toBe('PNG');

    // Core heard plh.proof.job.ready: the order is proof_ready with this file as its proof.
    const proofs = await eventually(async () => {
      const res = (await call('core', owner, 'GET', `/orders/${orderId}/proofs`)).json();
      expect(res.proofs).toHaveLength(1);
      return res.proofs;
    });
    expect(proofs[0].sha256).toBe(done.sha256);
    const order = (await call('core', owner, 'GET', `/orders/${orderId}`)).json();
    expect(order.status).toBe('proof_ready');

    // A rejection sends the order back to proof_pending, which queues a new proof by itself.
    const rejected = await call('core', approver, 'POST', `/orders/${orderId}/approval`, {
      decision: 'rejected',
      proofId: proofs[0].id,
      proofSha256: proofs[0].sha256,
      comment: 'Please check the date.',
    });
    expect(rejected.statusCode).toBe(200);
    const second = await eventually(
      async () => {
        const res = (await call('core', owner, 'GET', `/orders/${orderId}/proofs`)).json();
        expect(res.proofs).toHaveLength(2);
        return res.proofs.find((p: { id: string }) => p.id !== proofs[0].id);
      },
      { timeoutMs: 30_000 },
    );
    const ready = (await call('core', owner, 'GET', `/orders/${orderId}`)).json();
    expect(ready.status).toBe('proof_ready');

    // Approval → plh.core.order.approved → the production file: 23 letters in batches of 10.
    const approved = await call(
      'core',
      approver,
      'POST',
      `/orders/${orderId}/approval`,
      { decision: 'approved', proofId: second.id, proofSha256: second.sha256 },
      { 'if-match': `W/"${ready.version}"` },
    );
    expect(approved.statusCode).toBe(200);
    const production = await eventually(async () => {
      const jobs = (await jobsOf(orderId)).filter((j) => j.kind === 'production');
      expect(jobs).toHaveLength(1);
      return jobs[0]!;
    });
    const finished = await untilSettled(production.id);
    expect(finished).toMatchObject({ state: 'done', progress: { lettersDone: 23, lettersTotal: 23, parts: 3 } });
    const files = (await call('proof', owner, 'GET', `/proof/download/${production.id}`)).json();
    expect(files.parts.map((p: { letters: number }) => p.letters)).toEqual([10, 10, 3]);
    const last = await pdfText(await download(files.parts[2].url));
    expect(last.pages).toBe(3);
    expect(last.text).toContain('Pat23 Lee23');
    expect(last.text).not.toContain('PROOF');
    const manifest = JSON.parse((await download(files.url)).toString());
    expect(manifest).toMatchObject({ orderId, letters: 23 });
    // One proof job for the placed order, one for the rejection, one production job: nothing else
    // (core passing ordered → proof_pending → proof_ready on the first proof must not queue another).
    const kinds = (await jobsOf(orderId)).map((j) => `${j.kind}:${j.state}`);
    expect(kinds).toEqual(['proof:done', 'proof:done', 'production:done']);
    const listed = (await call('proof', owner, 'GET', `/proof/jobs?orderId=${orderId}`)).json();
    expect(listed.map((j: { kind: string }) => j.kind)).toEqual(['production', 'proof', 'proof']);
    // The job's audit trail: done by the proof engine (with the file's hash), then downloaded (PHI).
    const audits = await auditsOf(finished.id);
    expect(audits.map((a) => a.action)).toEqual(['job.complete', 'job.download']);
    expect(audits.slice(0, 1)).toEqual([
      expect.objectContaining({
        action: 'job.complete',
        actor: { kind: 'service', id: 'proof', role: null },
        changes: expect.arrayContaining([{ field: 'sha256', to: finished.sha256 }]),
      }),
    ]);
  });

  /** The audit records of one job, oldest first, as the outbox carries them. */
  async function auditsOf(jobId: string) {
    const rows = await proofPlatform.platform.db.outboxEvent.findMany({
      where: { subject: 'plh.proof.audit.recorded' },
      orderBy: { seq: 'asc' },
    });
    return rows
      .map((row) => (row.payload as { data: { resource: { id: string } } & Record<string, unknown> }).data)
      .filter((d) => d.resource.id === jobId);
  }

  describe('the same order event delivered twice has one effect', () => {
    const liveJobs = (orderId: string) =>
      admin
        .query<{ kind: string; n: number }>(
          'SELECT kind, count(*)::int AS n FROM proof.job WHERE order_id = $1 GROUP BY kind ORDER BY kind',
          [orderId],
        )
        .then((r) => r.rows);
    const base = { source: 'core', tenantId } as const;

    it('OrderPlaced: one proof job', async () => {
      const orderId = randomUUID();
      await deliverTwice(
        proofPlatform.platform,
        'proof-order-events',
        createEvent(OrderPlaced, {
          ...base,
          data: { orderId, projectId: randomUUID(), quoteId: randomUUID(), listId: randomUUID(), recipients: 3 },
        }),
      );
      expect(await liveJobs(orderId)).toEqual([{ kind: 'proof', n: 1 }]);
    });

    it('OrderApproved: one production job', async () => {
      const orderId = randomUUID();
      await deliverTwice(
        proofPlatform.platform,
        'proof-order-events',
        createEvent(OrderApproved, { ...base, data: { orderId, proofId: randomUUID(), proofSha256: 'a'.repeat(64) } }),
      );
      expect(await liveJobs(orderId)).toEqual([{ kind: 'production', n: 1 }]);
    });

    it('OrderStatusChanged (a rejected proof): one new proof job', async () => {
      const orderId = randomUUID();
      await deliverTwice(
        proofPlatform.platform,
        'proof-order-events',
        createEvent(OrderStatusChanged, {
          ...base,
          data: { orderId, from: 'proof_ready', to: 'proof_pending', actorKind: 'user' },
        }),
      );
      expect(await liveJobs(orderId)).toEqual([{ kind: 'proof', n: 1 }]);
    });
  });

  it('deletes production files PRODUCTION_RETENTION_DAYS after mailing, audits it, answers 410', async () => {
    /** An order with its proof done and its production file made; the file paths on disk. */
    const produced = async () => {
      const { orderId } = await placedOrder(12);
      await eventually(async () => expect((await jobsOf(orderId)).map((j) => j.state)).toEqual(['done']));
      const generated = await call('proof', owner, 'POST', '/proof/generate', { orderId, kind: 'production' });
      const job = await untilSettled(generated.json().id);
      expect(job.state).toBe('done');
      const [row] = (
        await admin.query<{ parts: Array<{ key: string }>; storage_key: string }>(
          'SELECT parts, storage_key FROM proof.job WHERE id = $1',
          [job.id],
        )
      ).rows;
      const keys = [...row!.parts.map((p) => p.key), row!.storage_key];
      return { orderId, jobId: job.id as string, files: keys.map((k) => path.join(filesDir, ...k.split('/'))) };
    };
    const mailed = (orderId: string) =>
      deliverTwice(
        proofPlatform.platform,
        'proof-order-events',
        createEvent(OrderStatusChanged, {
          source: 'core',
          tenantId,
          data: { orderId, from: 'in_production', to: 'mailed', actorKind: 'user' },
        }),
      );
    const old = await produced();
    const recent = await produced();
    const neverMailed = await produced(); // its order was cancelled in production, say
    await mailed(old.orderId);
    await mailed(recent.orderId);
    expect((await status(old.jobId)).mailedAt).toEqual(expect.any(String));
    expect((await status(neverMailed.jobId)).mailedAt).toBeNull();
    // Time travel for one timestamp each: this order was mailed 91 days ago; that job finished then.
    await admin.query(`UPDATE proof.job SET mailed_at = now() - interval '91 days' WHERE id = $1`, [old.jobId]);
    await admin.query(`UPDATE proof.job SET finished_at = now() - interval '91 days' WHERE id = $1`, [
      neverMailed.jobId,
    ]);
    for (const file of [...old.files, ...recent.files, ...neverMailed.files]) expect(existsSync(file)).toBe(true);
    // The schedule's slot has come (as it does at 03:45 UTC every day).
    const slot = await admin.query(
      `UPDATE proof.job_schedule SET next_run_at = now() - interval '1 minute' WHERE name = 'proof.retention-sweep'`,
    );
    expect(slot.rowCount).toBe(1);

    await eventually(async () => expect([...old.files, ...neverMailed.files].filter(existsSync)).toEqual([]), {
      timeoutMs: 15_000,
    });
    await eventually(async () => expect((await status(old.jobId)).filesDeletedAt).toEqual(expect.any(String)));
    for (const file of recent.files) expect(existsSync(file)).toBe(true);
    expect((await status(recent.jobId)).filesDeletedAt).toBeNull();

    const gone = await call('proof', owner, 'GET', `/proof/download/${old.jobId}`);
    expect(gone.statusCode).toBe(410);
    expect(gone.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(gone.json()).toMatchObject({ code: 'FILE_DELETED_BY_RETENTION' });
    expect((await call('proof', owner, 'GET', `/proof/download/${recent.jobId}`)).statusCode).toBe(200);
    expect((await auditsOf(old.jobId)).map((a) => [a.action, a.reason ?? null])).toEqual([
      ['job.request', null],
      ['job.complete', null],
      ['file.delete', 'RETENTION'],
    ]);
  });

  it('refuses a letter setup for a project of another letter type', async () => {
    const project = (
      await call('core', owner, 'POST', '/projects', { name: 'Departure', letterType: 'provider_departure' })
    ).json();
    const setup = await call('proof', owner, 'PUT', `/proof/projects/${project.id}/letter`, {
      letterType: 'practice_closure',
      values: SAMPLE_LETTER_DATA.practice_closure,
      returnAddress: ['Harbor Family Medicine', '12 HARBOR ST STE 200', 'SALEM MA 01970'],
    });
    expect(setup.statusCode).toBe(422);
    expect(setup.json()).toMatchObject({ code: 'LETTER_TYPE_MISMATCH' });
  });

  it('refuses a letter setup with a value the letter fonts cannot print, naming the field', async () => {
    const project = (
      await call('core', owner, 'POST', '/projects', { name: 'Closure', letterType: 'practice_closure' })
    ).json();
    const setup = await call('proof', owner, 'PUT', `/proof/projects/${project.id}/letter`, {
      letterType: 'practice_closure',
      values: SAMPLE_LETTER_DATA.practice_closure,
      returnAddress: ['מרפאת הנמל', '12 HARBOR ST STE 200', 'SALEM MA 01970'],
    });
    expect(setup.statusCode).toBe(400);
    expect(setup.json()).toMatchObject({
      code: 'VALIDATION_FAILED',
      errors: [{ pointer: '/body/returnAddress/0', message: expect.stringContaining('U+05DE') }],
    });
  });

  it('shows a failed proof on its order and in the ops queue, and one call retries it once the letter is fixed', async () => {
    const { orderId, projectId } = await placedOrder(3, {}, false); // no letter set up: the proof fails
    const failed = await eventually(
      async () => {
        const o = (await call('core', owner, 'GET', `/orders/${orderId}`)).json();
        expect(o.problem).not.toBeNull();
        return o;
      },
      { timeoutMs: 30_000 },
    );
    const jobId = failed.problem.jobId as string;
    expect(failed).toMatchObject({
      status: 'ordered', // the status stays: nothing moved, something must be fixed
      problem: {
        code: 'NO_LETTER_SETUP',
        row: null,
        details: `/api/tenants/${tenantId}/proof/status/${jobId}`,
        retry: { method: 'POST', path: `/api/tenants/${tenantId}/proof/jobs/${jobId}/retry` },
      },
    });
    expect(failed.timeline.at(-1)).toMatchObject({
      kind: 'problem',
      from: 'ordered',
      to: 'ordered',
      code: 'NO_LETTER_SETUP',
      jobId,
      reason: expect.stringContaining('NO_LETTER_SETUP'),
    });
    // The ops team sees it first in its queue.
    const ops: Principal = { kind: 'user', id: randomUUID(), tenantId: null, role: 'ops_agent', scopes: [] };
    const queue = await core.inject({
      method: 'GET',
      url: '/api/ops/orders?problem=true',
      headers: { 'x-plh-internal-token': await signInternalToken(signer, ops, 'core') },
    });
    expect(queue.statusCode).toBe(200);
    expect(queue.json().problems).toBeGreaterThanOrEqual(1);
    expect(queue.json().items.find((i: { id: string }) => i.id === orderId)).toMatchObject({
      problem: { code: 'NO_LETTER_SETUP', jobId },
    });
    // The practice sets up its letter; the retry is the one call the order names.
    const setup = await call('proof', owner, 'PUT', `/proof/projects/${projectId}/letter`, {
      letterType: 'practice_closure',
      values: SAMPLE_LETTER_DATA.practice_closure,
      returnAddress: ['Harbor Family Medicine', '12 HARBOR ST STE 200', 'SALEM MA 01970'],
    });
    expect(setup.statusCode).toBe(200);
    const retry = await call(
      'proof',
      owner,
      failed.problem.retry.method,
      failed.problem.retry.path.replace(`/api/tenants/${tenantId}`, ''),
    );
    expect(retry.statusCode).toBeLessThan(300);
    const ready = await eventually(
      async () => {
        const o = (await call('core', owner, 'GET', `/orders/${orderId}`)).json();
        expect(o.status).toBe('proof_ready');
        return o;
      },
      { timeoutMs: 30_000 },
    );
    expect(ready.problem).toBeNull();
  });

  it('prints a Chinese and a Korean name from the fallback fonts, through proof and production', async () => {
    // Before the fallback fonts, row 15 (王 小明) failed the production job after the practice approved.
    const { orderId } = await placedOrder(25, { 14: '王 小明', 20: '김 민준' });
    const proofJob = await eventually(async () => {
      const [j] = await jobsOf(orderId);
      expect(j).toBeDefined();
      return j!;
    });
    expect((await untilSettled(proofJob.id)).state).toBe('done');
    const generated = await call('proof', owner, 'POST', '/proof/generate', { orderId, kind: 'production' });
    expect(generated.statusCode).toBe(202);
    const produced = await untilSettled(generated.json().id);
    expect(produced).toMatchObject({ state: 'done', failedRow: null, progress: { lettersDone: 25 } });
  });

  it('retries a job stopped by a storage outage, resuming after the last stored batch', async () => {
    const { orderId } = await placedOrder(25);
    await eventually(async () => expect((await jobsOf(orderId)).map((j) => j.state)).toEqual(['done']), {
      timeoutMs: 30_000,
    });
    failNextPut = /part-0002\.pdf$/;
    const generated = await call('proof', owner, 'POST', '/proof/generate', { orderId, kind: 'production' });
    const jobId = generated.json().id as string;
    const stopped = await untilSettled(jobId);
    expect(stopped).toMatchObject({ state: 'failed', progress: { lettersDone: 10, parts: 1 }, failedRow: null });

    // Asking again while it is failed is refused for done/queued jobs, allowed for failed ones.
    const retried = await call('proof', owner, 'POST', `/proof/jobs/${jobId}/retry`);
    expect(retried.statusCode).toBe(202);
    const done = await untilSettled(jobId);
    expect(done).toMatchObject({ state: 'done', attempts: 2, progress: { lettersDone: 25, parts: 3 } });
    // Batch 1 was stored once: the retry started at batch 2.
    expect(puts.filter((k) => k.includes(jobId) && k.endsWith('part-0001.pdf'))).toHaveLength(1);
    expect(puts.filter((k) => k.includes(jobId) && k.endsWith('part-0002.pdf'))).toHaveLength(1);
    const again = await call('proof', owner, 'POST', `/proof/jobs/${jobId}/retry`);
    expect(again.statusCode).toBe(409);
    expect(again.headers['content-type']).toMatch(/^application\/problem\+json/);
  });

  it('refuses bad templates with problem+json and creates nothing', async () => {
    const body = LIBRARY.practice_closure.body;
    const bad: Array<[string, string, number]> = [
      ['{{#if}}', 'TEMPLATE_SYNTAX', 422],
      [`${body} {{lookupSecrets letter.effectiveDate}}`, 'TEMPLATE_UNKNOWN_HELPER', 422],
      [`${body} {{constructor.name}}`, 'TEMPLATE_FORBIDDEN_NAME', 422],
      [`${body} {{letter.__proto__}}`, 'TEMPLATE_FORBIDDEN_NAME', 422],
      ['Dear {{patient.name}}, we are closing.', 'CONTENT_CHECKS_FAILED', 422],
      [`${body} {{letter.ssn}}`, 'TEMPLATE_UNKNOWN_FIELD', 422],
      ['x'.repeat(100 * 1024), 'TEMPLATE_TOO_LARGE', 422],
    ];
    for (const [text, code, statusCode] of bad) {
      const res = await call('proof', owner, 'POST', '/proof/templates', {
        letterType: 'practice_closure',
        name: 'Bad',
        body: text,
      });
      expect({ code: res.json().code, statusCode: res.statusCode }).toEqual({ code, statusCode });
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    }
    const huge = await call('proof', owner, 'POST', '/proof/templates', {
      letterType: 'practice_closure',
      name: 'Huge',
      body: 'x'.repeat(5 * 1024 * 1024),
    });
    expect(huge.statusCode).toBe(413);
    expect(huge.headers['content-type']).toMatch(/^application\/problem\+json/);
    const count = await admin.query<{ n: string }>(
      'SELECT count(*)::text AS n FROM proof.template WHERE tenant_id = $1',
      [tenantId],
    );
    expect(count.rows[0]!.n).toBe('0');

    // A good one; a setup that lacks a required value is refused and no job can start without one.
    const good = await call('proof', owner, 'POST', '/proof/templates', {
      letterType: 'practice_closure',
      name: 'Ours',
      body,
    });
    expect(good.statusCode).toBe(201);
    const { orderId, projectId } = await placedOrder(3, {}, false);
    const missing = await call('proof', owner, 'PUT', `/proof/projects/${projectId}/letter`, {
      letterType: 'practice_closure',
      templateId: good.json().id,
      values: { ...SAMPLE_LETTER_DATA.practice_closure, recordsCustodian: '' },
      returnAddress: ['Harbor Family Medicine', '12 HARBOR ST'],
    });
    expect(missing.statusCode).toBe(422);
    expect(missing.json().code).toBe('CONTENT_CHECKS_FAILED');
    expect(missing.json().errors).toEqual([
      { pointer: '/values/recordsCustodian', message: expect.stringMatching(/records.*\(missing value\)/i) },
    ]);
    // The order.placed job fails with the reason; a manual request while it is failed is refused too.
    const [auto] = await eventually(
      async () => {
        const jobs = await jobsOf(orderId);
        expect(jobs.map((j) => j.state)).toEqual(['failed']);
        return jobs;
      },
      { timeoutMs: 30_000 },
    );
    expect((await status(auto!.id)).error).toMatch(/no letter set up/);
    const refused = await call('proof', owner, 'POST', '/proof/generate', { orderId });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().code).toBe('LETTER_NOT_SET_UP');
    // Another practice's job is not found.
    const other: Principal = { ...owner, id: randomUUID(), tenantId: randomUUID() };
    const token = await signInternalToken(signer, other, 'proof-engine');
    const res = await proof.inject({
      method: 'GET',
      url: `/api/tenants/${other.tenantId}/proof/status/${auto!.id}`,
      headers: { 'x-plh-internal-token': token },
    });
    expect(res.statusCode).toBe(404);
  });
});
