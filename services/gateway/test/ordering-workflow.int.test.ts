import { createHash, createHmac, generateKeyPairSync, randomBytes, randomUUID, sign } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ALL_EVENTS, createEvent, EventRegistry, ProofJobReady, type AuditRecord } from '@plh/contracts';
import { ensureServiceStream } from '@plh/event-bus';
import { Client } from 'pg';
import {
  generateWebhookSecret,
  loadConfig,
  SpanKind,
  startTracing,
  webhookSigner,
  type ServiceApp,
  type WebhookHeaders,
} from '@plh/service-kit';
import { generateCheckpointKey, publicKeys, verifyExport } from '@plh/audit-chain';
import {
  createInternalKeys,
  createTestPlatform,
  deliverTwice,
  InMemorySpanExporter,
  SimpleSpanProcessor,
  type ReadableSpan,
  type TestPlatform,
} from '@plh/service-kit/testing';
import { storageFromConfig, tenantObjectKey } from '@plh/storage';
import { eventually, followAccepted, startRecorder, type Recorder } from '@plh/test-kit';
import { verifyWebhook } from '@plh/webhook-verify';
import * as complianceService from '@plh/compliance';
import * as coreService from '@plh/core';
import * as notificationService from '@plh/notification';
import * as tenantService from '@plh/tenant';
import { buildApp } from '../src/app';
import { ConfigSchema } from '../src/config';

const PASSWORD = 'correct horse battery staple';
/** SendGrid's Event Webhook signing key (its public half is the account's verification key) and Twilio's auth token. */
const SENDGRID_EVENTS_KEY = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
const TWILIO_TOKEN = 'workflow-twilio-token';
const WEBHOOK_SECRET = generateWebhookSecret();

/**
 * The product's main path, through the gateway on real Postgres + NATS: upload a list → quote → order
 * → (the proof engine's real `plh.proof.job.ready` event, published here) → approve → production →
 * mailed → invoice → tracking. Every illegal step on the way is refused with problem+json and no change.
 */
describe('ordering workflow through the gateway', () => {
  let tenantPlatform: TestPlatform<tenantService.PrismaClient>;
  let corePlatform: TestPlatform<coreService.PrismaClient>;
  let compliancePlatform: TestPlatform<complianceService.PrismaClient>;
  let notificationPlatform: TestPlatform<notificationService.PrismaClient>;
  let notification: ServiceApp;
  /** SendGrid's API and a partner system's webhook receiver (recorders of the real request bodies). */
  let sendgrid: Recorder;
  let partnerSystem: Recorder;
  let tenant: ServiceApp;
  let compliance: ServiceApp;
  let core: ServiceApp;
  let gateway: ServiceApp;
  let filesDir: string;
  let coreConfig: coreService.Config;
  let tenantId: string;
  const bearer: Record<string, string> = {};
  let approverId: string;

  /** What the uploaded lists hold of their patients: names, streets, ZIP, dates of birth. */
  const PATIENT_VALUES = ['Patient 0', 'Elm St', 'Seán', 'O’Brien', 'Brien', 'Smith Sr', '1950-03-04', '01970', '小明'];
  // Tracing on for the whole workflow, its spans kept in memory: one request is followed across
  // services below, and no span of any step may carry a patient's data.
  const spans = new InMemorySpanExporter();
  let tracing: { shutdown(): Promise<void> } | undefined;

  beforeAll(async () => {
    tracing = startTracing({
      serviceName: 'ordering-workflow',
      spanProcessors: [new SimpleSpanProcessor({ exporter: spans })],
    });
    const registry = new EventRegistry(ALL_EVENTS);
    // One event namespace: the compliance service's audit trail hears the tenant service and core.
    const eventNamespace = `t${randomBytes(4).toString('hex')}`;
    [tenantPlatform, corePlatform, compliancePlatform, notificationPlatform] = await Promise.all([
      createTestPlatform({
        schema: 'tenant',
        serviceDir: path.dirname(require.resolve('@plh/tenant/package.json')),
        createDb: (adapter) => new tenantService.PrismaClient({ adapter }),
        registry,
        eventNamespace,
      }),
      createTestPlatform({
        schema: 'core',
        serviceDir: path.dirname(require.resolve('@plh/core/package.json')),
        createDb: (adapter) => new coreService.PrismaClient({ adapter }),
        registry,
        eventNamespace,
      }),
      createTestPlatform({
        schema: 'compliance',
        serviceDir: path.dirname(require.resolve('@plh/compliance/package.json')),
        createDb: (adapter) => new complianceService.PrismaClient({ adapter }),
        registry,
        eventNamespace,
      }),
      createTestPlatform({
        schema: 'notification',
        serviceDir: path.dirname(require.resolve('@plh/notification/package.json')),
        createDb: (adapter) => new notificationService.PrismaClient({ adapter }),
        registry,
        eventNamespace,
      }),
    ]);
    sendgrid = await startRecorder(() => ({ status: 202, headers: { 'x-message-id': randomUUID() } }));
    partnerSystem = await startRecorder(() => ({ status: 200, body: 'thanks' }));
    const keys = await createInternalKeys();
    const jwks = keys.jwks;
    tenant = await tenantService.buildApp(
      loadConfig(tenantService.ConfigSchema, {
        ...tenantPlatform.env,
        LOG_LEVEL: 'silent',
        KEY_ENCRYPTION_KEY: Buffer.alloc(32, 3).toString('base64'),
        INTERNAL_TOKEN_JWKS: jwks,
      }),
      { platform: tenantPlatform.platform },
    );
    filesDir = mkdtempSync(path.join(os.tmpdir(), 'plh-wf-'));
    const tenantUrl = await tenant.listen({ host: '127.0.0.1', port: 0 });
    coreConfig = loadConfig(coreService.ConfigSchema, {
      ...corePlatform.env,
      LOG_LEVEL: 'silent',
      INTERNAL_TOKEN_JWKS: jwks,
      PHI_MASTER_KEYS: `k1:${Buffer.alloc(32, 5).toString('base64')}`,
      FILE_URL_SECRET: 'f'.repeat(32),
      FILE_ENCRYPTION_KEYS: `f1:${Buffer.alloc(32, 6).toString('base64')}`,
      STORAGE_LOCAL_DIR: filesDir,
      FULFILMENT_WEBHOOK_SECRETS: `usps-partner:${WEBHOOK_SECRET}`,
      // The practice's negotiated price and cancel window come from its settings (a service call).
      TENANT_URL: tenantUrl,
      INTERNAL_TOKEN_PRIVATE_JWK: keys.privateJwk('core'),
    });
    core = await coreService.buildApp(coreConfig, { platform: corePlatform.platform });
    compliance = await complianceService.buildApp(
      loadConfig(complianceService.ConfigSchema, {
        ...compliancePlatform.env,
        LOG_LEVEL: 'silent',
        INTERNAL_TOKEN_JWKS: jwks,
        INTERNAL_TOKEN_PRIVATE_JWK: keys.privateJwk('compliance'),
        AUDIT_SIGNING_PRIVATE_JWK: JSON.stringify(generateCheckpointKey()),
        TENANT_URL: tenantUrl,
        // Screening and bulletins are the compliance tests' business; the trail needs no jobs.
        RUN_JOBS: 'false',
      }),
      { platform: compliancePlatform.platform },
    );
    // Tells the practice's people (addresses from the tenant service) and its partner system.
    notification = await notificationService.buildApp(
      loadConfig(notificationService.ConfigSchema, {
        ...notificationPlatform.env,
        LOG_LEVEL: 'silent',
        INTERNAL_TOKEN_JWKS: jwks,
        INTERNAL_TOKEN_PRIVATE_JWK: keys.privateJwk('notification'),
        WEBHOOK_SECRET_KEYS: `test1:${randomBytes(32).toString('base64')}`,
        TENANT_URL: tenantUrl,
        SENDGRID_API_KEY: 'SG.workflow',
        SENDGRID_API_URL: sendgrid.url,
        SENDGRID_WEBHOOK_PUBLIC_KEY: SENDGRID_EVENTS_KEY.publicKey
          .export({ type: 'spki', format: 'der' })
          .toString('base64'),
        TWILIO_AUTH_TOKEN: TWILIO_TOKEN,
        PUBLIC_BASE_URL: 'https://plh.example',
        WEBHOOK_ALLOW_PRIVATE_TARGETS: 'true',
        JOB_POLL_MS: '200',
      }),
      { platform: notificationPlatform.platform },
    );
    gateway = await buildApp(
      loadConfig(ConfigSchema, {
        LOG_LEVEL: 'silent',
        TENANT_URL: tenantUrl,
        NOTIFICATION_URL: await notification.listen({ host: '127.0.0.1', port: 0 }),
        CORE_URL: await core.listen({ host: '127.0.0.1', port: 0 }),
        COMPLIANCE_URL: await compliance.listen({ host: '127.0.0.1', port: 0 }),
        INTERNAL_TOKEN_PRIVATE_JWK: keys.privateJwk('gateway'),
      }),
    );
    await gateway.ready();

    const db = tenantPlatform.platform.db;
    const ownerEmail = `owner-${randomUUID()}@practice.example`;
    ({ tenantId } = await tenantService.provisionTenant(db, {
      name: 'Workflow Clinic',
      ownerEmail,
      ownerPassword: PASSWORD,
    }));
    const approverEmail = `approver-${randomUUID()}@practice.example`;
    const opsEmail = `ops-${randomUUID()}@plh.example`;
    const opsAdminEmail = `ops-admin-${randomUUID()}@plh.example`;
    await tenantService.createUser(db, { tenantId: null, email: opsAdminEmail, password: PASSWORD, role: 'ops_admin' });
    ({ id: approverId } = await tenantService.createUser(db, {
      tenantId,
      email: approverEmail,
      password: PASSWORD,
      role: 'approver',
    }));
    await tenantService.createUser(db, { tenantId: null, email: opsEmail, password: PASSWORD, role: 'ops_agent' });
    for (const [who, email] of [
      ['owner', ownerEmail],
      ['approver', approverEmail],
      ['ops', opsEmail],
      ['opsAdmin', opsAdminEmail],
    ] as const) {
      const res = await gateway.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { email, password: PASSWORD },
      });
      bearer[who] = `Bearer ${res.json().accessToken}`;
    }
  });
  afterAll(async () => {
    await gateway?.close();
    await Promise.all([tenant?.close(), core?.close(), compliance?.close(), notification?.close()]);
    await Promise.all([sendgrid?.close(), partnerSystem?.close()]);
    await Promise.all([
      tenantPlatform?.database.drop(),
      corePlatform?.database.drop(),
      compliancePlatform?.database.drop(),
      notificationPlatform?.database.drop(),
    ]);
    if (filesDir) rmSync(filesDir, { recursive: true, force: true });
    await tracing?.shutdown();
  });

  const api = (
    who: 'owner' | 'approver' | 'ops' | 'opsAdmin',
    method: 'GET' | 'POST' | 'PUT' | 'PATCH',
    url: string,
    payload?: unknown,
    headers = {},
  ) =>
    gateway.inject({
      method,
      url: `/api/tenants/${tenantId}${url}`,
      headers: { authorization: bearer[who]!, ...headers },
      ...(payload === undefined ? {} : { payload: payload as string }),
    });
  /** A list upload through the gateway, followed (as a client polls) until its import has finished. */
  const uploadList = async (who: 'owner' | 'approver', projectId: string, body: string | Buffer) =>
    followAccepted(
      await api(who, 'POST', `/projects/${projectId}/patient-lists`, body, { 'content-type': 'text/csv' }),
      (location) => gateway.inject({ method: 'GET', url: location, headers: { authorization: bearer[who]! } }),
    );
  const expectRefused = async (
    res: Awaited<ReturnType<typeof api>>,
    status: number,
    code: string,
    orderUrl: string,
    version: number,
  ) => {
    expect(res.statusCode).toBe(status);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.json()).toMatchObject({ code });
    expect((await api('owner', 'GET', orderUrl)).json()).toMatchObject({ version }); // nothing changed
  };

  it('imports a real-world list through the gateway: every patient as written, or a reason by line and field', async () => {
    const project = (
      await api('owner', 'POST', '/projects', { name: 'Closure', letterType: 'practice_closure' })
    ).json();
    // Excel on Windows: Windows-1252 bytes (’ is 0x92), a ZIP that lost its leading zero, a father and
    // son of one name at one address told apart by date of birth, a Chinese name, a blank last name,
    // and a row shifted by an unquoted comma.
    const csv = Buffer.concat([
      Buffer.from('First Name,Last Name,DOB,Address,City,State,Zip\r\n'),
      Buffer.from('Se\xe1n,O\x92Brien,1/2/1961,1 Elm St,Salem,MA,1970\r\n', 'latin1'),
      Buffer.from('John,Smith Sr.,1950-03-04,2 Oak St,Salem,MA,01970\r\n'),
      Buffer.from('John,Smith Sr.,1980-07-09,2 Oak St,Salem,MA,01970\r\n'),
      Buffer.from('小明,王,1990-01-01,3 Pine St,Salem,MA,01970\r\n'),
      Buffer.from('Ann, ,1970-01-01,4 Ash St,Salem,MA,01970\r\n'),
      Buffer.from('Bo,Lee,1970-01-01,5 Fir St, Apt 2,Salem,MA,01970\r\n'),
    ]);
    const list = await uploadList('owner', project.id, csv);
    expect(list.statusCode).toBe(200);
    expect(list.json().summary).toMatchObject({
      totalRows: 6,
      validRows: 4,
      invalidRows: 2,
      duplicateRows: 0,
      warningRows: 1,
    });
    const issues = (all: Array<{ line: number; field: string | null; code: string }>) =>
      all.map((i) => `${i.line} ${i.field} ${i.code}`);
    expect(issues(list.json().rowErrors)).toEqual(
      expect.arrayContaining(['6 lastName MISSING_NAME', '7 null EXTRA_CELLS']),
    );
    expect(issues(list.json().rowWarnings)).toEqual(['2 zip ZIP_PADDED']);
    const listId = list.json().id;
    await api('owner', 'POST', `/patient-lists/${listId}/accept`);
    const names = (await api('owner', 'GET', `/patient-lists/${listId}/recipients`))
      .json()
      .items.map((r: { name: string }) => r.name);
    expect(names).toEqual(['Seán O’Brien', 'John Smith Sr.', 'John Smith Sr.', '小明 王']);
    const csvOut = await api('owner', 'GET', `/patient-lists/${listId}/issues.csv?severity=error`);
    expect(csvOut.statusCode).toBe(200);
    expect(csvOut.headers['content-disposition']).toMatch(/filename="patient-list-[0-9a-f]{8}-errors\.csv"/);
    expect(csvOut.body.split('\r\n')).toEqual(
      expect.arrayContaining([
        'line,severity,field,code,reason',
        '6,error,lastName,MISSING_NAME,the last name is empty',
      ]),
    );

    // What a browser's FormData and `curl -F file=@list.csv` send, through the gateway; answered at once.
    const form = [
      '--plh',
      'Content-Disposition: form-data; name="file"; filename="list.csv"',
      'Content-Type: text/csv',
      '',
      'Name,Address,City,State,Zip\r\nAna Lee,9 Elm St,Salem,MA,01970',
      '--plh--',
      '',
    ].join('\r\n');
    const multipart = await api('owner', 'POST', `/projects/${project.id}/patient-lists`, form, {
      'content-type': 'multipart/form-data; boundary=plh',
    });
    expect(multipart.statusCode).toBe(202);
    expect(multipart.headers.location).toBe(`/api/tenants/${tenantId}/patient-lists/${multipart.json().id}`);
    const imported = await followAccepted(multipart, (location) =>
      gateway.inject({ method: 'GET', url: location, headers: { authorization: bearer.owner! } }),
    );
    expect(imported.json()).toMatchObject({ status: 'validated', summary: { validRows: 1 } });
    const lists = await api('owner', 'GET', `/projects/${project.id}/patient-lists`);
    expect(lists.json().items.map((l: { id: string }) => l.id)).toEqual([multipart.json().id, listId]);
  });

  let partnerSecret = '';
  it('goes from a patient list to a mailed, invoiced and tracked campaign', async () => {
    // The practice's EHR bridge follows its orders by webhook (the secret is shown this once).
    const endpoint = await api('owner', 'POST', '/notifications/webhooks', {
      url: `${partnerSystem.url}/plh`,
      description: 'EHR bridge',
      topics: ['order.proof-ready', 'order.approved', 'order.status-changed', 'invoice.issued'],
    });
    expect(endpoint.statusCode).toBe(201);
    partnerSecret = endpoint.json().secret;
    // Ops negotiated 39¢ a letter and a 48-hour cancel window with this practice.
    const terms = await api('opsAdmin', 'PATCH', '/settings', {
      'pricing.perLetterOverrideCents': 39,
      'orders.cancelWindowHours': 48,
    });
    expect(terms.statusCode).toBe(200);
    const project = (
      await api('owner', 'POST', '/projects', { name: 'Relocation', letterType: 'office_relocation' })
    ).json();
    const csv = [
      'Name,Address,City,State,Zip',
      ...Array.from({ length: 4 }, (_, i) => `Patient ${i},${i + 1} Elm St,Salem,MA,01970`),
    ].join('\n');
    const list = await uploadList('owner', project.id, csv);
    expect(list.statusCode).toBe(200);
    expect(list.json().summary).toMatchObject({ validRows: 4 });
    await api('owner', 'POST', `/patient-lists/${list.json().id}/accept`);
    const quote = (
      await api('approver', 'POST', '/quotes', {
        projectId: project.id,
        listId: list.json().id,
        options: { pages: 1, postageClass: 'first_class' },
      })
    ).json();
    expect(quote.lines[0]).toMatchObject({ code: 'production', unitCents: 39, quantity: 4 });
    const idempotencyKey = `wf-${randomUUID()}`;
    const placed = await api(
      'approver',
      'POST',
      '/orders',
      { quoteId: quote.id },
      { 'idempotency-key': idempotencyKey },
    );
    const replay = await api(
      'approver',
      'POST',
      '/orders',
      { quoteId: quote.id },
      { 'idempotency-key': idempotencyKey },
    );
    expect(replay.json()).toEqual(placed.json());
    const order = placed.json();
    const orderUrl = `/orders/${order.id}`;
    const window = Date.parse(order.cancelWindowEndsAt) - Date.parse(order.createdAt);
    expect(Math.round(window / 3_600_000)).toBe(48);

    // Approving before there is a proof, or producing before approval, is refused.
    await expectRefused(
      await api('approver', 'POST', `${orderUrl}/approval`, {
        decision: 'approved',
        proofId: randomUUID(),
        proofSha256: 'a'.repeat(64),
      }),
      409,
      'NO_PROOF_YET',
      orderUrl,
      1,
    );
    await expectRefused(
      await api('ops', 'POST', `${orderUrl}/start_production`),
      409,
      'ORDER_STATE_CONFLICT',
      orderUrl,
      1,
    );

    // The proof engine (simulated): a PDF in the tenant's storage, then its real contract event.
    const pdf = Buffer.from('%PDF-1.7\n% proof of order\n%%EOF\n');
    // Stored as the proof engine stores it: the same settings, so encrypted under the practice's key.
    const storage = storageFromConfig(coreConfig);
    const jobId = randomUUID();
    const stored = await storage.put(tenantObjectKey(tenantId, 'proofs', jobId), pdf, { maxBytes: 1_000_000 });
    const { js, jsm } = corePlatform.platform.nats;
    await ensureServiceStream(jsm, corePlatform.platform.ns, 'proof');
    const event = createEvent(ProofJobReady, {
      source: 'proof-engine',
      tenantId,
      data: { jobId, orderId: order.id, kind: 'proof', storageKey: stored.key, sha256: stored.sha256, pageCount: 1 },
    });
    for (let i = 0; i < 2; i++)
      // delivered twice: recorded once
      await js.publish(corePlatform.platform.ns.subject(event.type), JSON.stringify(event), {
        msgID: `${event.id}-${i}`,
      });
    await eventually(
      async () => expect((await api('owner', 'GET', orderUrl)).json()).toMatchObject({ status: 'proof_ready' }),
      {
        timeoutMs: 15_000,
      },
    );
    const proofs = (await api('approver', 'GET', `${orderUrl}/proofs`)).json();
    expect(proofs.proofs).toHaveLength(1);
    expect(proofs.proofs[0]).toMatchObject({ revision: 1, sha256: createHash('sha256').update(pdf).digest('hex') });
    const download = await gateway.inject({
      method: 'GET',
      url: new URL(proofs.proofs[0].url).pathname + new URL(proofs.proofs[0].url).search,
    });
    expect(download.statusCode).toBe(200);
    expect(download.rawPayload).toEqual(pdf);

    const current = (await api('owner', 'GET', orderUrl)).json();
    // A decision on a different file than the latest proof is refused.
    await expectRefused(
      await api('approver', 'POST', `${orderUrl}/approval`, {
        decision: 'approved',
        proofId: proofs.proofs[0].id,
        proofSha256: 'b'.repeat(64),
      }),
      409,
      'PROOF_CHANGED',
      orderUrl,
      current.version,
    );
    // The order names what the approver can do as requests to send: approving is its approval link.
    const links = (await api('approver', 'GET', orderUrl)).json().availableActions;
    expect(links.map((l: { action: string }) => l.action).sort()).toEqual(['approve', 'cancel', 'reject']);
    const approve = links.find((l: { action: string }) => l.action === 'approve');
    expect(approve).toMatchObject({ method: 'POST', path: `/api/tenants/${tenantId}${orderUrl}/approval` });
    expect(approve.body).toMatchObject({ decision: 'approved' });
    const approved = await gateway.inject({
      method: approve.method,
      url: approve.path,
      headers: { authorization: bearer.approver!, 'if-match': `W/"${current.version}"` },
      payload: { decision: approve.body.decision, proofId: proofs.proofs[0].id, proofSha256: proofs.proofs[0].sha256 },
    });
    expect(approved.statusCode).toBe(200);
    expect(approved.json()).toMatchObject({ status: 'approved' });

    // Production is ops' business; mailing issues the invoice.
    await expectRefused(
      await api('owner', 'POST', `${orderUrl}/start_production`),
      403,
      'ACTION_NOT_ALLOWED',
      orderUrl,
      current.version + 1,
    );
    // An action link needs no body: an empty one sent as JSON (what many clients do) is fine.
    const start = (await api('ops', 'GET', orderUrl))
      .json()
      .availableActions.find((l: { action: string }) => l.action === 'start_production');
    expect(start).toMatchObject({ method: 'POST', ifMatch: true, body: null });
    const started = await gateway.inject({
      method: 'POST',
      url: start.path,
      headers: { authorization: bearer.ops!, 'content-type': 'application/json' },
      payload: '',
    });
    expect(started.statusCode).toBe(200);
    expect(started.json()).toMatchObject({ status: 'in_production' });
    await expectRefused(
      await api('owner', 'POST', `${orderUrl}/cancel`),
      409,
      'CANCEL_WINDOW_CLOSED',
      orderUrl,
      current.version + 2,
    );
    // One letter was caught as undeliverable at presort: the invoice credits it.
    const mailed = await api('ops', 'POST', `${orderUrl}/mark_mailed`, {
      undeliverable: 1,
      reason: 'NCOA: moved, no forwarding',
    });
    expect(mailed.json()).toMatchObject({ status: 'mailed' });
    const invoice = (await api('owner', 'GET', `${orderUrl}/invoice`)).json();
    const perLetter = quote.lines.reduce(
      (a: number, l: { quantity: number; unitCents: number }) => a + (l.quantity === 4 ? l.unitCents : 0),
      0,
    );
    expect(invoice).toMatchObject({
      number: 1,
      orderId: order.id,
      lines: quote.lines.map(({ kind: _kind, ...line }: { kind: string }) => line),
      adjustments: [{ description: '1 undeliverable letter not mailed (credited)', totalCents: -perLetter }],
      subtotalCents: quote.totalCents,
      totalCents: quote.totalCents - perLetter,
    });
    const invoicePdf = await api('owner', 'GET', `/invoices/${invoice.id}/pdf`);
    expect(invoicePdf.headers['content-type']).toBe('application/pdf');
    expect(invoicePdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');

    // Tracking: four letters; one delivered, one returned (listed for follow-up); a repeated scan counts once.
    const pieces = (await api('owner', 'GET', `${orderUrl}/mail-pieces`)).json().items;
    expect(pieces).toHaveLength(4);
    const scans = [
      { mailPieceId: pieces[0].id, status: 'delivered', occurredAt: '2026-11-28T15:00:00Z', externalId: 'usps-1' },
      {
        mailPieceId: pieces[1].id,
        status: 'returned_to_sender',
        occurredAt: '2026-11-29T15:00:00Z',
        externalId: 'usps-2',
      },
      { mailPieceId: pieces[2].id, status: 'in_transit', occurredAt: '2026-11-27T15:00:00Z', externalId: 'usps-3' },
    ];
    expect((await api('ops', 'POST', `${orderUrl}/tracking`, { source: 'usps-imb', scans })).json()).toEqual({
      recorded: 3,
      duplicates: 0,
    });
    expect(
      (await api('ops', 'POST', `${orderUrl}/tracking`, { source: 'usps-imb', scans: [scans[0]] })).json(),
    ).toEqual({
      recorded: 0,
      duplicates: 1,
    });
    // The fulfilment provider's webhook: signed, deduplicated by its event id, unknown pieces reported.
    const webhook = (body: string, signed: WebhookHeaders) =>
      gateway.inject({
        method: 'POST',
        url: '/api/webhooks/fulfilment/usps-partner',
        headers: { 'content-type': 'application/json', ...signed },
        payload: body,
      });
    const delivery = JSON.stringify({
      events: [
        { id: 'evt-1', tenantId, mailPieceId: pieces[3].id, status: 'delivered', occurredAt: '2026-11-30T10:00:00Z' },
        {
          id: 'evt-2',
          tenantId: randomUUID(),
          mailPieceId: pieces[2].id,
          status: 'delivered',
          occurredAt: '2026-11-30T10:00:00Z',
        },
      ],
    });
    const partner = webhookSigner(WEBHOOK_SECRET);
    const sign = (body: string, at?: Date) => partner.sign(body, { at });
    expect((await webhook(delivery, webhookSigner(generateWebhookSecret()).sign(delivery))).json()).toMatchObject({
      status: 401,
      code: 'INVALID_WEBHOOK_SIGNATURE',
    });
    expect((await webhook(delivery, sign(delivery, new Date(Date.now() - 3600_000)))).statusCode).toBe(401);
    expect((await webhook(delivery.replace('evt-1', 'evt-9'), sign(delivery))).statusCode).toBe(401);
    expect((await webhook(delivery, sign(delivery))).json()).toEqual({
      recorded: 1,
      duplicates: 0,
      unknown: 1,
    });
    expect((await webhook(delivery, sign(delivery))).json()).toEqual({
      recorded: 0,
      duplicates: 1,
      unknown: 1,
    });

    const tracking = (await api('owner', 'GET', `${orderUrl}/tracking`)).json();
    expect(tracking).toMatchObject({
      total: 4,
      deliveredPercent: 50,
      byStatus: { delivered: 2, returned_to_sender: 1, in_transit: 1 },
    });
    expect(tracking.returned).toEqual([expect.objectContaining({ mailPieceId: pieces[1].id })]);

    const final = (await api('owner', 'GET', orderUrl)).json();
    expect(final.timeline.map((e: { to: string }) => e.to)).toEqual([
      'ordered',
      'proof_pending',
      'proof_ready',
      'approved',
      'in_production',
      'mailed',
    ]);

    // Every step left an audit record in its own transaction, in order, with who did it and from
    // where (as the gateway signed it), the PHI reads marked, and no patient's name or street.
    const audit = (rows: Array<{ subject: string; payload: unknown }>) =>
      rows
        .filter((row) => row.subject.endsWith('.audit.recorded'))
        .map((row) => (row.payload as { data: AuditRecord }).data);
    const outboxOf = { where: { tenantId }, orderBy: { seq: 'asc' as const } };
    const records = audit(await corePlatform.platform.db.outboxEvent.findMany(outboxOf));
    const actions = records.map((r) => r.action);
    const walk = [
      'project.create',
      'patient-list.accept',
      'quote.issue',
      'order.place',
      'proof.attach',
      'order.read-proofs',
      'order.approve',
      'proof.approve',
      'order.start-production',
      'order.mark-mailed',
      'invoice.issue',
      'order.record-scans',
    ];
    const positions = walk.map((action) => ({ action, at: actions.indexOf(action) }));
    expect(positions.filter((p) => p.at < 0)).toEqual([]);
    expect(positions.map((p) => p.at)).toEqual([...positions.map((p) => p.at)].sort((a, b) => a - b));
    const approval = records.find((r) => r.action === 'proof.approve')!;
    expect(approval).toMatchObject({
      outcome: 'success',
      actor: { kind: 'user', id: approverId, role: 'approver' },
      phi: false,
    });
    expect(approval.clientIp).toEqual(expect.any(String));
    expect(approval.changes).toContainEqual({ field: 'decision', to: 'approved' });
    expect(records.filter((r) => r.phi).map((r) => r.action)).toEqual(expect.arrayContaining(['order.read-proofs']));
    expect(JSON.stringify(records)).not.toMatch(/Patient \d|Elm St/);
    // The practice's terms, changed by ops in the tenant service, with before and after.
    expect(
      audit(await tenantPlatform.platform.db.outboxEvent.findMany(outboxOf)).find(
        (r) => r.action === 'settings.change',
      ),
    ).toMatchObject({
      actor: { kind: 'user', role: 'ops_admin' },
      changes: expect.arrayContaining([{ field: 'pricing.perLetterOverrideCents', from: null, to: 39 }]),
    });
  });
  it('tells the practice’s people and its partner system about each step, with no patient in any message', async () => {
    type Mail = {
      personalizations: Array<{ to: Array<{ email: string }> }>;
      subject: string;
      content: Array<{ value: string }>;
    };
    const mails = () => sendgrid.requests.map((r) => JSON.parse(r.body.toString()) as Mail);
    const subjects = (who: string) =>
      mails()
        .filter((m) => m.personalizations[0]!.to[0]!.email.startsWith(who))
        .map((m) => m.subject)
        .sort();
    // Owner and approver hear of the proof and the approval; the owner also of the invoice (defaults).
    await eventually(
      async () => {
        const owner = subjects('owner-');
        if (!owner.some((s) => s.startsWith('Invoice 1'))) throw new Error(`owner has ${owner.join(' | ')}`);
      },
      { timeoutMs: 30_000 },
    );
    expect(subjects('owner-')).toEqual(
      expect.arrayContaining(['A proof is ready for your approval', 'Proof approved: your letters go to production']),
    );
    expect(subjects('approver-')).toEqual(
      expect.arrayContaining(['A proof is ready for your approval', 'Proof approved: your letters go to production']),
    );
    expect(subjects('approver-').some((s) => s.startsWith('Invoice'))).toBe(false);
    // The partner's deliveries verify with the shipped verifier; every order step reached it once.
    const deliveries = await eventually(async () => {
      const got = partnerSystem.requests.map((r) =>
        verifyWebhook<{ type: string; data: { to?: string } }>(partnerSecret, r.headers, r.body),
      );
      if (!got.some((d) => d.type === 'invoice.issued')) throw new Error('no invoice webhook yet');
      return got;
    });
    expect(deliveries.map((d) => d.type)).toEqual(
      expect.arrayContaining(['order.proof-ready', 'order.approved', 'invoice.issued']),
    );
    expect(new Set(partnerSystem.requests.map((r) => r.headers['webhook-id'])).size).toBe(
      partnerSystem.requests.length,
    );
    // The delivery log through the gateway: the practice sees its messages and their attempts.
    const log = (await api('owner', 'GET', '/notifications/messages?channel=webhook&limit=100')).json();
    expect(log.items.length).toBe(partnerSystem.requests.length);
    expect(log.items.every((m: { status: string }) => m.status === 'delivered')).toBe(true);

    // The providers' signed callbacks reach the notification service through the gateway, signatures intact.
    const owner = mails().find((m) => m.personalizations[0]!.to[0]!.email.startsWith('owner-'))!;
    const ownerMessage = (await api('owner', 'GET', '/notifications/messages?channel=email&limit=100'))
      .json()
      .items.find(
        (m: { toAddress: string; status: string }) => m.toAddress === owner.personalizations[0]!.to[0]!.email,
      );
    const timestamp = String(Math.floor(Date.now() / 1000));
    const events = JSON.stringify([
      { event: 'delivered', timestamp: Number(timestamp), plh_message_id: ownerMessage.id, plh_tenant_id: tenantId },
    ]);
    const callback = await gateway.inject({
      method: 'POST',
      url: '/api/notifications/callbacks/sendgrid/events',
      headers: {
        'content-type': 'application/json',
        'x-twilio-email-event-webhook-timestamp': timestamp,
        'x-twilio-email-event-webhook-signature': sign(
          'sha256',
          Buffer.from(timestamp + events),
          SENDGRID_EVENTS_KEY.privateKey,
        ).toString('base64'),
      },
      payload: events,
    });
    expect(callback.json()).toEqual({ applied: 1 });
    expect((await api('owner', 'GET', `/notifications/messages/${ownerMessage.id}`)).json()).toMatchObject({
      status: 'delivered',
    });
    const stop = { From: '+15551239876', To: '+15005550006', Body: 'STOP' };
    const signed = Object.keys(stop)
      .sort()
      .reduce(
        (acc, k) => acc + k + stop[k as keyof typeof stop],
        'https://plh.example/api/notifications/callbacks/twilio/inbound',
      );
    const inbound = await gateway.inject({
      method: 'POST',
      url: '/api/notifications/callbacks/twilio/inbound',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        'x-twilio-signature': createHmac('sha1', TWILIO_TOKEN).update(signed).digest('base64'),
      },
      payload: new URLSearchParams(stop).toString(),
    });
    expect(inbound.statusCode).toBe(200);
    const optOuts = await notificationPlatform.platform.db.smsOptOut.findMany({ where: { phone: '+15551239876' } });
    expect(optOuts).toHaveLength(1);

    // No patient's name, street, ZIP or date of birth in any email or webhook.
    const outgoing = [...sendgrid.requests, ...partnerSystem.requests].map((r) => r.body.toString()).join('\n');
    expect(outgoing.length).toBeGreaterThan(1000);
    for (const planted of PATIENT_VALUES) expect(outgoing).not.toContain(planted);
  });

  it('keeps every step in the practice’s audit trail once, hash-chained, verifiable offline, and no patient in it', async () => {
    const audited = async () =>
      [
        ...(await corePlatform.platform.db.outboxEvent.findMany({ where: { tenantId } })),
        ...(await tenantPlatform.platform.db.outboxEvent.findMany({ where: { tenantId } })),
        ...(await notificationPlatform.platform.db.outboxEvent.findMany({ where: { tenantId } })),
      ].filter((row) => row.subject.endsWith('.audit.recorded'));

    // Core dies between its commit and the publish: the relay is stopped, a project is created (its
    // audit record committed with it, unsent), and a restarted core's relay sends it.
    await corePlatform.platform.relay.stop();
    const project = await api('owner', 'POST', '/projects', { name: 'After a crash', letterType: 'other' });
    expect(project.statusCode).toBe(201);
    const unsent = await corePlatform.platform.db.outboxEvent.findMany({ where: { tenantId, sentAt: null } });
    expect(unsent.map((row) => row.subject)).toEqual([expect.stringMatching(/\.core\.audit\.recorded$/)]);
    const restarted = await corePlatform.replica();
    // And NATS delivers some records twice (a redelivery, a republish after the de-duplication window).
    const records = await audited();
    for (const row of records.filter((r) => r.subject.includes('.core.')).slice(0, 3))
      await deliverTwice(compliancePlatform.platform, 'compliance-audit-core', row.payload as never);

    type Entry = { seq: number; eventId: string; action: string; service: string; prevHash: string; hash: string };
    const trail = async (): Promise<Entry[]> => {
      const all: Entry[] = [];
      for (let cursor = ''; ;) {
        const page = (await api('owner', 'GET', `/compliance/audit?limit=500${cursor}`)).json();
        all.push(...page.items);
        if (!page.next) return all;
        cursor = `&cursor=${page.next}`;
      }
    };
    const entries = await eventually(
      async () => {
        const now = await trail();
        const want = (await audited()).map((r) => r.id).sort();
        const have = now.filter((e) => e.service !== 'compliance').map((e) => e.eventId);
        if (have.length < want.length) throw new Error(`${have.length} of ${want.length} records appended`);
        return { now, want, have };
      },
      { timeoutMs: 30_000 },
    );
    // The restarted core's relay takes over (this is the last test: the first relay stays stopped).
    await restarted.close();
    // Exactly the records the services committed, each once.
    expect([...entries.have].sort()).toEqual(entries.want);
    const actions = entries.now.map((e) => e.action);
    for (const action of [
      'project.create',
      'quote.issue',
      'order.place',
      'proof.approve',
      'order.mark-mailed',
      'invoice.issue',
    ])
      expect(actions).toContain(action);
    expect(actions.filter((a) => a === 'proof.approve')).toHaveLength(1);
    const bySeq = [...entries.now].sort((a, b) => a.seq - b.seq);
    expect(bySeq.map((e) => e.seq)).toEqual(bySeq.map((_, i) => i + 1));
    bySeq.slice(1).forEach((e, i) => expect(e.prevHash).toBe(bySeq[i]!.hash));

    const verified = await api('approver', 'GET', '/compliance/audit/verify');
    expect(verified.json()).toMatchObject({ valid: true, entries: bySeq.length, firstBreak: null });
    // Only owners and ops export; the export verifies with the published key alone.
    expect((await api('approver', 'GET', '/compliance/audit/export')).statusCode).toBe(403);
    const exported = await api('owner', 'GET', '/compliance/audit/export');
    expect(exported.statusCode).toBe(200);
    const published = await gateway.inject({ method: 'GET', url: '/api/compliance/audit/public-keys' });
    expect(published.statusCode).toBe(200);
    const report = verifyExport(exported.body.split('\n'), publicKeys(published.json()));
    expect(report).toMatchObject({ valid: true, entries: bySeq.length, problems: [] });
    // Another practice's trail does not exist for this one.
    const other = await gateway.inject({
      method: 'GET',
      url: `/api/tenants/${randomUUID()}/compliance/audit`,
      headers: { authorization: bearer.owner! },
    });
    expect(other.statusCode).toBe(404);

    // No patient's name, street, ZIP or date of birth anywhere in the trail or its export.
    const db = new Client({ connectionString: compliancePlatform.database.adminUrl });
    await db.connect();
    const stored = (await db.query(`SELECT row_to_json(a)::text AS row FROM compliance.audit_log a`)).rows
      .map((r: { row: string }) => r.row)
      .join('\n');
    await db.end();
    for (const text of [stored, exported.body, JSON.stringify(entries.now)])
      for (const planted of PATIENT_VALUES) expect(text).not.toContain(planted);
    expect(stored.length).toBeGreaterThan(1000);
  });
  it('follows one request in one trace: gateway, tenant service, its transaction, the outbox, and the notification service handling the event', async () => {
    const created = await api('owner', 'POST', '/api-keys', { name: 'Traced partner', scopes: ['orders:read'] });
    expect(created.statusCode).toBe(201);
    const byTrace = (traceId: string) => spans.getFinishedSpans().filter((s) => s.spanContext().traceId === traceId);
    // The gateway's server span of this request: the root of its trace (the test called without a traceparent).
    const root = spans
      .getFinishedSpans()
      .find(
        (s) =>
          s.kind === SpanKind.SERVER &&
          s.name === 'POST /api/tenants/:tenantId/api-keys' &&
          !s.parentSpanContext &&
          s.attributes['url.path'] === `/api/tenants/${tenantId}/api-keys`,
      );
    expect(root).toBeDefined();
    const traceId = root!.spanContext().traceId;
    const consumed = await eventually(() => {
      const span = byTrace(traceId).find(
        (s) => s.kind === SpanKind.CONSUMER && s.name === 'process plh.tenant.api-key.created',
      );
      if (!span) throw new Error('the notification service has not handled the event yet');
      return span;
    });
    const trace = byTrace(traceId);
    const parentOf = (span: ReadableSpan) =>
      trace.find((s) => s.spanContext().spanId === span.parentSpanContext?.spanId);
    // gateway (server) -> its call upstream (client) -> the tenant service (server) -> its transaction
    const upstream = trace.find((s) => s.kind === SpanKind.CLIENT && parentOf(s) === root);
    const tenantServer = trace.find((s) => s.kind === SpanKind.SERVER && parentOf(s) === upstream);
    expect(upstream && tenantServer).toBeTruthy();
    expect(trace.find((s) => s.name === 'tenant transaction' && parentOf(s) === tenantServer)).toBeDefined();
    // -> the outbox row, published by the relay (producer) -> handled by the notification service (consumer)
    expect(
      trace.find((s) => s.kind === SpanKind.PRODUCER && s.name === 'publish plh.tenant.api-key.created'),
    ).toBeDefined();
    expect(parentOf(consumed)).toBe(tenantServer);
    expect(consumed.attributes['messaging.consumer.group.name']).toEqual(expect.stringContaining('notification'));
    // The job the handling queued (planning the notice's messages) continues the same trace.
    const job = await eventually(() => {
      const span = byTrace(traceId).find(
        (s) => s.name.startsWith('job ') && s.parentSpanContext?.spanId === consumed.spanContext().spanId,
      );
      if (!span) throw new Error('the planning job has not run yet');
      return span;
    });
    expect(
      byTrace(traceId).some(
        (s) => s.name === 'notification transaction' && s.parentSpanContext?.spanId === job.spanContext().spanId,
      ),
    ).toBe(true);
  });

  it('puts no patient data in any span of the whole workflow', () => {
    const everything = JSON.stringify(
      spans.getFinishedSpans().map((s) => ({ name: s.name, attributes: s.attributes, events: s.events })),
    );
    expect(spans.getFinishedSpans().length).toBeGreaterThan(100);
    for (const value of PATIENT_VALUES) expect(everything).not.toContain(value);
  });
});
