import { randomUUID, randomBytes } from 'node:crypto';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { ALL_EVENTS, EventRegistry } from '@plh/contracts';
import { loadConfig, signInternalToken, type InternalSigner, type ServiceApp } from '@plh/service-kit';
import { createInternalKeys, createTestPlatform, type TestPlatform } from '@plh/service-kit/testing';
import { eventually, followAccepted, startRedisServer, type RedisServerHandle } from '@plh/test-kit';
import { generateCheckpointKey } from '@plh/audit-chain';
import * as complianceService from '@plh/compliance';
import * as coreService from '@plh/core';
import * as notificationService from '@plh/notification';
import * as proofService from '@plh/proof-engine';
import * as tenantService from '@plh/tenant';
import { buildApp } from '../src/app';
import { ConfigSchema } from '../src/config';
import { openApiPath } from '../src/openapi';
import { ROUTES, type RouteRule } from '../src/route-table';

const PASSWORD = 'correct horse battery staple';
type Caller = 'anonymous' | 'owner' | 'approver' | 'viewer' | 'ops_admin' | 'ops_agent' | 'key';

describe('gateway: authentication, authorization from the route table, rate limits, proxying', () => {
  let platform: TestPlatform<tenantService.PrismaClient>;
  let tenant: ServiceApp;
  let gateway: ServiceApp;
  let tenantUrl: string;
  let privateJwk: string;
  let corePlatform: TestPlatform<coreService.PrismaClient>;
  let core: ServiceApp;
  let coreUrl: string;
  let coreFilesDir: string;
  let proofPlatform: TestPlatform<proofService.PrismaClient>;
  let proof: ServiceApp;
  let proofUrl: string;
  let compliancePlatform: TestPlatform<complianceService.PrismaClient>;
  let compliance: ServiceApp;
  let complianceUrl: string;
  let notificationPlatform: TestPlatform<notificationService.PrismaClient>;
  let notification: ServiceApp;
  let notificationUrl: string;
  let internalSigner: InternalSigner;
  const tokens = new Map<string, string>(); // `${tenantLabel}:${caller}` -> bearer credential
  const tenants: Record<'A' | 'B', string> = { A: '', B: '' };
  /** The owner's user id of each practice (users are under RLS: tests keep what they created). */
  const ownerOf = new Map<string, string>();

  /** Lets a gateway hear the tenant service's events (the test platform's NATS and namespace). */
  const eventEnv = () => ({ NATS_URL: platform.env.NATS_URL!, EVENT_NAMESPACE: platform.env.EVENT_NAMESPACE! });

  async function gatewayWith(env: Record<string, string> = {}) {
    const config = loadConfig(ConfigSchema, {
      LOG_LEVEL: 'silent',
      TENANT_URL: tenantUrl,
      CORE_URL: coreUrl,
      PROOF_URL: proofUrl,
      COMPLIANCE_URL: complianceUrl,
      NOTIFICATION_URL: notificationUrl,
      INTERNAL_TOKEN_PRIVATE_JWK: privateJwk,
      RATE_LIMIT_LOGIN_PER_IP_PER_MIN: '1000',
      RATE_LIMIT_TENANT_PER_MIN: '100000',
      ...env,
    });
    const app = await buildApp(config);
    await app.ready();
    return app;
  }

  beforeAll(async () => {
    platform = await createTestPlatform({
      schema: 'tenant',
      serviceDir: path.dirname(require.resolve('@plh/tenant/package.json')),
      createDb: (adapter) => new tenantService.PrismaClient({ adapter }),
      registry: new EventRegistry(ALL_EVENTS),
    });
    const keys = await createInternalKeys();
    privateJwk = keys.privateJwk('gateway');
    const tenantConfig = loadConfig(tenantService.ConfigSchema, {
      ...platform.env,
      LOG_LEVEL: 'silent',
      PORT: '0',
      KEY_ENCRYPTION_KEY: Buffer.alloc(32, 7).toString('base64'),
      INTERNAL_TOKEN_JWKS: keys.jwks,
    });
    tenant = await tenantService.buildApp(tenantConfig, { platform: platform.platform });
    tenantUrl = await tenant.listen({ host: '127.0.0.1', port: 0 });
    internalSigner = keys.signer('gateway');
    corePlatform = await createTestPlatform({
      schema: 'core',
      serviceDir: path.dirname(require.resolve('@plh/core/package.json')),
      createDb: (adapter) => new coreService.PrismaClient({ adapter }),
      registry: new EventRegistry(ALL_EVENTS),
    });
    coreFilesDir = mkdtempSync(path.join(os.tmpdir(), 'plh-gw-core-'));
    core = await coreService.buildApp(
      loadConfig(coreService.ConfigSchema, {
        ...corePlatform.env,
        LOG_LEVEL: 'silent',
        INTERNAL_TOKEN_JWKS: tenantConfig.INTERNAL_TOKEN_JWKS,
        PHI_MASTER_KEYS: `k1:${Buffer.alloc(32, 9).toString('base64')}`,
        FILE_URL_SECRET: 'x'.repeat(32),
        FILE_ENCRYPTION_KEYS: `f1:${Buffer.alloc(32, 3).toString('base64')}`,
        STORAGE_LOCAL_DIR: coreFilesDir,
      }),
      { platform: corePlatform.platform },
    );
    coreUrl = await core.listen({ host: '127.0.0.1', port: 0 });
    proofPlatform = await createTestPlatform({
      schema: 'proof',
      serviceDir: path.dirname(require.resolve('@plh/proof-engine/package.json')),
      createDb: (adapter) => new proofService.PrismaClient({ adapter }),
      registry: new EventRegistry(ALL_EVENTS),
    });
    proof = await proofService.buildApp(
      loadConfig(proofService.ConfigSchema, {
        ...proofPlatform.env,
        LOG_LEVEL: 'silent',
        INTERNAL_TOKEN_JWKS: tenantConfig.INTERNAL_TOKEN_JWKS,
        INTERNAL_TOKEN_PRIVATE_JWK: keys.privateJwk('proof-engine'),
        CORE_URL: coreUrl,
        FILE_URL_SECRET: 'x'.repeat(32),
        FILE_ENCRYPTION_KEYS: `f1:${Buffer.alloc(32, 3).toString('base64')}`,
        STORAGE_LOCAL_DIR: coreFilesDir,
        THUMBNAIL_PAGES: '0',
      }),
      { platform: proofPlatform.platform },
    );
    proofUrl = await proof.listen({ host: '127.0.0.1', port: 0 });
    compliancePlatform = await createTestPlatform({
      schema: 'compliance',
      serviceDir: path.dirname(require.resolve('@plh/compliance/package.json')),
      createDb: (adapter) => new complianceService.PrismaClient({ adapter }),
      registry: new EventRegistry(ALL_EVENTS),
    });
    compliance = await complianceService.buildApp(
      loadConfig(complianceService.ConfigSchema, {
        ...compliancePlatform.env,
        LOG_LEVEL: 'silent',
        INTERNAL_TOKEN_JWKS: tenantConfig.INTERNAL_TOKEN_JWKS,
        INTERNAL_TOKEN_PRIVATE_JWK: keys.privateJwk('compliance'),
        AUDIT_SIGNING_PRIVATE_JWK: JSON.stringify(generateCheckpointKey()),
        TENANT_URL: tenantUrl,
        // No jobs: a queued sync must never reach out to OIG from a test.
        RUN_JOBS: 'false',
      }),
      { platform: compliancePlatform.platform },
    );
    complianceUrl = await compliance.listen({ host: '127.0.0.1', port: 0 });
    notificationPlatform = await createTestPlatform({
      schema: 'notification',
      serviceDir: path.dirname(require.resolve('@plh/notification/package.json')),
      createDb: (adapter) => new notificationService.PrismaClient({ adapter }),
      registry: new EventRegistry(ALL_EVENTS),
    });
    notification = await notificationService.buildApp(
      loadConfig(notificationService.ConfigSchema, {
        ...notificationPlatform.env,
        LOG_LEVEL: 'silent',
        INTERNAL_TOKEN_JWKS: tenantConfig.INTERNAL_TOKEN_JWKS,
        INTERNAL_TOKEN_PRIVATE_JWK: keys.privateJwk('notification'),
        WEBHOOK_SECRET_KEYS: `test1:${randomBytes(32).toString('base64')}`,
        TENANT_URL: tenantUrl,
        // Endpoints registered by the table test point at 127.0.0.1; no jobs, so nothing is delivered.
        WEBHOOK_ALLOW_PRIVATE_TARGETS: 'true',
        RUN_JOBS: 'false',
      }),
      { platform: notificationPlatform.platform },
    );
    notificationUrl = await notification.listen({ host: '127.0.0.1', port: 0 });
    gateway = await gatewayWith();

    const db = platform.platform.db;
    const ops = {
      ops_admin: `ops-admin-${randomUUID()}@plh.example`,
      ops_agent: `ops-agent-${randomUUID()}@plh.example`,
    };
    await tenantService.createUser(db, { tenantId: null, email: ops.ops_admin, password: PASSWORD, role: 'ops_admin' });
    await tenantService.createUser(db, { tenantId: null, email: ops.ops_agent, password: PASSWORD, role: 'ops_agent' });
    for (const label of ['A', 'B'] as const) {
      const ownerEmail = `owner-${randomUUID()}@practice.example`;
      const { tenantId, ownerId } = await tenantService.provisionTenant(db, {
        name: `Practice ${label}`,
        ownerEmail,
        ownerPassword: PASSWORD,
      });
      tenants[label] = tenantId;
      ownerOf.set(tenantId, ownerId);
      const emails: Record<string, string> = { owner: ownerEmail };
      for (const role of ['approver', 'viewer'] as const) {
        emails[role] = `${role}-${randomUUID()}@practice.example`;
        await tenantService.createUser(db, { tenantId, email: emails[role]!, password: PASSWORD, role });
      }
      for (const [caller, email] of Object.entries({ ...emails, ...ops })) {
        const res = await gateway.inject({
          method: 'POST',
          url: '/api/auth/login',
          payload: { email, password: PASSWORD },
        });
        expect(res.statusCode).toBe(200);
        tokens.set(`${label}:${caller}`, res.json().accessToken);
      }
      const { key } = await tenantService.createApiKey(db, {
        tenantId,
        actorId: ownerId,
        name: 'partner',
        scopes: ['orders:read', 'orders:write', 'patients:write', 'webhooks:manage', 'compliance:read'],
      });
      tokens.set(`${label}:key`, key);
    }
  });
  afterAll(async () => {
    await gateway?.close();
    await tenant?.close();
    await core?.close();
    await proof?.close();
    await compliance?.close();
    await notification?.close();
    await notificationPlatform?.database.drop();
    await proofPlatform?.database.drop();
    await compliancePlatform?.database.drop();
    await platform?.database.drop();
    await corePlatform?.database.drop();
    if (coreFilesDir) rmSync(coreFilesDir, { recursive: true, force: true });
  });

  /** What the route table promises for a caller: through (the service answers), or the gateway's refusal. */
  function expected(rule: RouteRule, caller: Caller, ownTenant: boolean): 'through' | 401 | 403 | 404 {
    const access = rule.access;
    if (access.kind === 'public') return 'through';
    if (caller === 'anonymous') return 401;
    const crossesTenants = caller === 'ops_admin' || caller === 'ops_agent';
    if (access.tenantParam && !ownTenant && !crossesTenants) return 404;
    const allowed = caller === 'key' ? access.scopes.length > 0 : access.roles.includes(caller); // the test key holds every scope used below
    if (!allowed) return 403;
    // A path without the practice means the caller's own: another practice's job or order is not found there.
    if (rule.ownPractice && !ownTenant && !crossesTenants) return 404;
    return 'through';
  }

  /** A provider with a valid NPI that no other case of the run has used (NPIs are unique per tenant). */
  let npiCounter = 100_000_000;
  function nextNpi(): string {
    for (;;) {
      const base = String(npiCounter++).slice(0, 9).padStart(9, '1');
      for (let check = 0; check < 10; check++) {
        const npi = `1${base.slice(1)}${check}`;
        if (tenantService.isValidNpi(npi)) return npi;
      }
    }
  }
  const providerBody = () => ({
    npi: nextNpi(),
    firstName: 'Ada',
    lastName: 'Lovelace',
    dateOfBirth: '1975-12-10',
    licenseState: 'NY',
    licenseNumber: 'L-1',
  });

  /** Calls core directly as the tenant's owner (fixtures for the core routes of the table). */
  async function coreCall(
    tenantId: string,
    method: 'GET' | 'POST',
    url: string,
    payload?: unknown,
    contentType?: string,
  ) {
    const token = await signInternalToken(
      internalSigner,
      { kind: 'user', id: randomUUID(), tenantId, role: 'owner', scopes: [] },
      'core',
    );
    const res = await core.inject({
      method,
      url: `/api/tenants/${tenantId}${url}`,
      headers: { 'x-plh-internal-token': token, ...(contentType ? { 'content-type': contentType } : {}) },
      ...(payload === undefined ? {} : { payload: payload as string }),
    });
    expect(res.statusCode).toBeLessThan(300);
    // A list upload is imported by a job: fixtures wait for it, as a client would.
    const done = await followAccepted(res, (location) =>
      core.inject({ method: 'GET', url: location, headers: { 'x-plh-internal-token': token } }),
    );
    return done.json();
  }
  const LIST_CSV = 'First Name,Last Name,Address,City,State,Zip\nAna,Nuñez,1 Main St,Boston,MA,02134\n';
  const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]);
  const coreBase = new Map<string, { projectId: string; listId: string; revisionId: string }>();
  async function coreFixtures(tenantId: string) {
    const cached = coreBase.get(tenantId);
    if (cached) return cached;
    const projectId = (await coreCall(tenantId, 'POST', '/projects', { name: 'table test', letterType: 'other' })).id;
    const listId = (await coreCall(tenantId, 'POST', `/projects/${projectId}/patient-lists`, LIST_CSV, 'text/csv')).id;
    await coreCall(tenantId, 'POST', `/patient-lists/${listId}/accept`);
    const revisionId = (await coreCall(tenantId, 'POST', `/projects/${projectId}/files/logo`, PNG, 'image/png')).id;
    const fixtures = { projectId, listId, revisionId };
    coreBase.set(tenantId, fixtures);
    return fixtures;
  }
  const QUOTE_OPTIONS = { pages: 1, color: false, duplex: false, postageClass: 'first_class' };
  async function freshQuote(tenantId: string): Promise<string> {
    const { projectId, listId } = await coreFixtures(tenantId);
    return (await coreCall(tenantId, 'POST', '/quotes', { projectId, listId, options: QUOTE_OPTIONS })).id;
  }

  /** Calls the proof engine directly as the tenant's owner (fixtures for its routes). */
  async function proofCall(tenantId: string, method: 'POST' | 'PUT', url: string, payload: unknown) {
    const token = await signInternalToken(
      internalSigner,
      { kind: 'user', id: randomUUID(), tenantId, role: 'owner', scopes: [] },
      'proof-engine',
    );
    const res = await proof.inject({
      method,
      url: `/api/tenants/${tenantId}${url}`,
      headers: { 'x-plh-internal-token': token },
      payload: payload as string,
    });
    expect(res.statusCode).toBeLessThan(300);
    return res.json();
  }
  /** Calls the notification service directly as the tenant's owner (fixtures for its routes). */
  async function notificationCall(tenantId: string, method: 'POST', url: string, payload?: unknown) {
    const token = await signInternalToken(
      internalSigner,
      { kind: 'user', id: randomUUID(), tenantId, role: 'owner', scopes: [] },
      'notification',
    );
    const res = await notification.inject({
      method,
      url: `/api/tenants/${tenantId}${url}`,
      headers: { 'x-plh-internal-token': token },
      ...(payload === undefined ? {} : { payload: payload as string }),
    });
    expect(res.statusCode).toBeLessThan(300);
    return res.json();
  }
  /** A one-row LEIE file in OIG's format (the upload route applies it; compliance tests cover the rest). */
  const LEIE_FILE =
    'LASTNAME,FIRSTNAME,MIDNAME,BUSNAME,GENERAL,SPECIALTY,UPIN,NPI,DOB,ADDRESS,CITY,STATE,ZIP,EXCLTYPE,EXCLDATE,REINDATE,WAIVERDATE,WVRSTATE\r\n' +
    '"DOE","JANE","","","IND- LIC HC SERV PRO","NURSE","","0000000000","19600101","1 MAIN ST","SPRINGFIELD","IL","62701","1128b4","20240101","00000000","00000000",""\r\n';
  const TEMPLATE = {
    letterType: 'practice_closure',
    name: 'Our closure letter',
    body: proofService.LIBRARY.practice_closure.body,
  };
  const LETTER = {
    letterType: 'practice_closure',
    values: proofService.SAMPLE_LETTER_DATA.practice_closure,
    returnAddress: ['Table Test Clinic', '1 MAIN ST', 'SALEM MA 01970'],
  };

  /** Creates what a route acts on in `targetTenant`, and the body it needs. */
  async function requestFor(rule: RouteRule, caller: Caller, targetTenant: string) {
    const db = platform.platform.db;
    // A dead-letter sequence nothing was ever dead-lettered at.
    const params: Record<string, string> = { tenantId: targetTenant, sequence: '999999' };
    if (rule.path.includes(':apiKeyId')) {
      const owner = { id: ownerOf.get(targetTenant)! };
      const { apiKey } = await tenantService.createApiKey(db, {
        tenantId: targetTenant,
        actorId: owner.id,
        name: 'doomed',
        scopes: ['orders:read'],
      });
      params.apiKeyId = apiKey.id;
    }
    if (rule.path.includes(':userId')) {
      const user = await tenantService.createUser(db, {
        tenantId: targetTenant,
        email: `staff-${randomUUID()}@practice.example`,
        password: PASSWORD,
        role: 'viewer',
      });
      params.userId = user.id;
    }
    if (rule.path.includes(':providerId'))
      params.providerId = (await tenantService.addProvider(db, targetTenant, providerBody())).id;
    let payload: unknown;
    let contentType: string | undefined;
    if (rule.service === 'core') {
      Object.assign(params, await coreFixtures(targetTenant));
      params.kind = 'logo';
      params.action = 'cancel';
      if (rule.path.includes(':quoteId') || rule.path.endsWith('/orders'))
        params.quoteId = await freshQuote(targetTenant);
      if (rule.path.includes(':orderId'))
        params.orderId = (
          await coreCall(targetTenant, 'POST', '/orders', { quoteId: await freshQuote(targetTenant) })
        ).id;
      // Mapping or deleting a list, archiving a project: on fresh ones, not the shared fixtures.
      if (rule.path.endsWith('/mapping') || (rule.method === 'DELETE' && rule.path.endsWith('/:listId')))
        params.listId = (
          await coreCall(targetTenant, 'POST', `/projects/${params.projectId}/patient-lists`, LIST_CSV, 'text/csv')
        ).id;
      if (/\/(archive|restore)$/.test(rule.path))
        params.projectId = (
          await coreCall(targetTenant, 'POST', '/projects', { name: 'to archive', letterType: 'other' })
        ).id;
      if (rule.method !== 'GET') {
        const bodies: Array<[RegExp, unknown, string?]> = [
          [/\/files\/:kind$/, PNG, 'image/png'],
          [/\/patient-lists$/, LIST_CSV, 'text/csv'],
          [/\/mapping$/, { mapping: { firstName: 0, lastName: 1, address1: 2, city: 3, state: 4, zip: 5 } }],
          [/\/projects$/, { name: 'table test', letterType: 'other' }],
          [/\/quotes$/, { projectId: params.projectId, listId: params.listId, options: QUOTE_OPTIONS }],
          [/\/orders$/, { quoteId: params.quoteId }],
          [/\/orders\/:orderId$/, { status: 'cancelled' }],
          [/\/approval$/, { decision: 'approved', proofId: randomUUID(), proofSha256: 'a'.repeat(64) }],
          [
            /\/tracking$/,
            {
              scans: [
                {
                  mailPieceId: randomUUID(),
                  status: 'in_transit',
                  occurredAt: new Date().toISOString(),
                  externalId: `scan-${randomUUID()}`,
                },
              ],
            },
          ],
        ];
        const match = bodies.find(([re]) => re.test(rule.path));
        payload = match?.[1];
        contentType = match?.[2];
      }
    }
    if (rule.service === 'proof-engine') {
      const { projectId } = await coreFixtures(targetTenant);
      params.projectId = projectId;
      await proofCall(targetTenant, 'PUT', `/proof/projects/${projectId}/letter`, LETTER);
      params.templateId = (await proofCall(targetTenant, 'POST', '/proof/templates', TEMPLATE)).id;
      params.orderId = (
        await coreCall(targetTenant, 'POST', '/orders', { quoteId: await freshQuote(targetTenant) })
      ).id;
      if (rule.path.includes(':jobId'))
        params.jobId = (await proofCall(targetTenant, 'POST', '/proof/generate', { orderId: params.orderId })).id;
      const bodies: Array<[RegExp, unknown]> = [
        [/\/templates$/, TEMPLATE],
        [/\/templates\/preview$/, { letterType: 'practice_closure' }],
        [/\/templates\/:templateId$/, { body: TEMPLATE.body }],
        [/\/letter$/, LETTER],
        [/\/generate$/, { orderId: params.orderId }],
      ];
      if (['POST', 'PUT'].includes(rule.method)) payload = bodies.find(([re]) => re.test(rule.path))?.[1];
    }
    if (rule.service === 'compliance') {
      // One sync of a source at a time: the previous case's queued sync (no jobs run here) is ended.
      await compliancePlatform.platform.db.$executeRawUnsafe(
        `UPDATE source_sync SET state = 'failed' WHERE state IN ('queued', 'running')`,
      );
      if (rule.path.includes(':syncId'))
        params.syncId = (
          await compliancePlatform.platform.db.sourceSync.create({
            data: { id: randomUUID(), source: 'oig-leie', trigger: 'manual', state: 'failed' },
          })
        ).id;
      params.source = 'oig-leie';
      // No entry has this number (and no checkpoint this size): the proofs answer 404 (compliance tests prove them).
      params.seq = '999999';
      const bodies: Array<[RegExp, unknown, string?]> = [
        [/\/decision$/, { listingKey: 'SMITH|JOHN', decision: 'dismiss', reason: 'not the same person' }],
        [/\/resolve$/, { resolution: 'handled' }],
        [/\/sources\/:source$/, { isActive: true }],
        [/\/files$/, LEIE_FILE, 'text/csv'],
        [
          /\/departure-letter$/,
          {
            recordsCustodian: 'Harbor Family Medicine',
            recordsRequest: 'call 978-555-0100',
            signatory: 'Dr. Ben Ortiz',
            returnAddress: ['Harbor Family Medicine', '12 HARBOR ST'],
          },
        ],
      ];
      const match = bodies.find(([re]) => re.test(rule.path));
      payload = match?.[1];
      contentType = match?.[2];
    }
    if (rule.service === 'notification') {
      const endpoint = await notificationCall(targetTenant, 'POST', '/notifications/webhooks', {
        url: 'http://127.0.0.1:9/hook',
        topics: ['order.approved'],
      });
      params.endpointId = endpoint.id;
      params.messageId = (
        await notificationCall(targetTenant, 'POST', `/notifications/webhooks/${endpoint.id}/test`)
      ).messageId;
      params.id = params.messageId!;
      const bodies: Array<[RegExp, unknown]> = [
        [/\/preferences$/, { topics: { 'order.approved': ['email'] } }],
        [/\/preferences\/me$/, { topics: {}, phone: null, quietHours: null, timeZone: 'UTC' }],
        [/\/webhooks$/, { url: 'http://127.0.0.1:9/other', topics: ['invoice.issued'] }],
        [/\/webhooks\/:endpointId$/, { description: 'renamed' }],
        [/\/replay$/, { since: new Date(Date.now() - 60_000).toISOString() }],
        [/\/notifications\/email$/, { to: 'ops-desk@plh.example', subject: 'Table test', text: 'Hello' }],
        [/\/notifications\/sms$/, { to: '+15551230000', text: 'Hello' }],
        [/\/notifications\/webhook$/, { tenantId: targetTenant, type: 'order.approved', data: { orderId: 'o-1' } }],
      ];
      if (['POST', 'PUT', 'PATCH'].includes(rule.method)) payload = bodies.find(([re]) => re.test(rule.path))?.[1];
    }
    const query = rule.path.endsWith('/proof/jobs')
      ? `?orderId=${params.orderId}`
      : rule.path.endsWith('/attestation')
        ? `?month=${new Date().toISOString().slice(0, 7)}&format=csv`
        : rule.path.endsWith('/audit/consistency')
          ? '?from=999999'
          : '';
    const url = rule.path.replace(/:(\w+)/g, (_, name: string) => params[name] ?? randomUUID()) + query;
    payload ??=
      rule.service !== 'tenant' ||
      !['POST', 'PUT', 'PATCH'].includes(rule.method) ||
      /\/(suspend|reactivate)$/.test(rule.path)
        ? undefined
        : rule.path.endsWith('/invitation')
          ? undefined
          : rule.path.includes('/users/')
            ? { role: 'approver' }
            : rule.path.endsWith('/users')
              ? { email: `invited-${randomUUID()}@practice.example`, role: 'viewer' }
              : rule.path === '/api/me/password'
                ? { currentPassword: 'not the password at all', newPassword: 'a whole new passphrase 2026' }
                : rule.path.endsWith('/settings')
                  ? { 'letters.colorPrinting': true }
                  : rule.path.includes('/providers')
                    ? providerBody()
                    : rule.path === '/api/ops/tenants'
                      ? { name: 'Table Test Clinic', ownerEmail: `owner-${randomUUID()}@table.example` }
                      : { name: 'table test', scopes: ['orders:read'] };
    const credential = caller === 'anonymous' ? undefined : tokens.get(`A:${caller}`);
    return gateway.inject({
      method: rule.method,
      url,
      headers: {
        ...(credential ? { authorization: `Bearer ${credential}` } : {}),
        ...(contentType ? { 'content-type': contentType } : {}),
      },
      ...(payload ? { payload: payload as string } : {}),
    });
  }

  /** Routes whose success needs a proof, a mailed order or its invoice (covered by ordering-workflow.int.test.ts). */
  /**
   * Reaching these needs an order (or job) in a later state than the fixtures make: the gateway lets
   * the caller through and the service answers with its own exact refusal, never 401/403.
   */
  const NEEDS_STATE: Array<[RegExp, { status: number; code: string }]> = [
    // An order just placed has no proof to decide on yet.
    [/\/approval$/, { status: 409, code: 'NO_PROOF_YET' }],
    // No invoice before the order is mailed; the fixtures' invoice id is made up.
    [/\/invoice$/, { status: 404, code: 'INVOICE_NOT_YET_ISSUED' }],
    [/\/invoices\/:invoiceId\/pdf$/, { status: 404, code: 'NOT_FOUND' }],
    // Scans name the order's mail pieces, which exist once it is in production.
    [/^POST .*\/tracking$/, { status: 400, code: 'VALIDATION_FAILED' }],
    // A failed job to retry, a finished one to download (proof-engine tests cover both).
    [/\/proof\/jobs\/:jobId\/retry$/, { status: 409, code: 'JOB_NOT_RETRYABLE' }],
    [/\/proof\/download\/:jobId$/, { status: 409, code: 'JOB_NOT_DONE' }],
    // The fixtures' users have accepted already; the invitation routes are for those who have not.
    [/\/users\/:userId\/invitation$/, { status: 409, code: 'INVITATION_ACCEPTED' }],
    // Screenings and events exist once a source has been screened (compliance tests cover them).
    [/\/screenings\/:providerId\/decision$/, { status: 404, code: 'NOT_FOUND' }],
    [/\/events\/:eventId\/(acknowledge|resolve|departure-letter)$/, { status: 404, code: 'NOT_FOUND' }],
    // Proofs of an entry or a checkpoint the table test's practices do not have.
    [/\/audit\/(entries\/:seq\/proof|consistency)$/, { status: 404, code: 'NOT_FOUND' }],
    // The fixtures' test message is still queued (no jobs run here): only a delivered or failed one is replayed.
    [/\/messages\/:messageId\/replay$/, { status: 409, code: 'MESSAGE_STATE_CONFLICT' }],
    // Nothing was dead-lettered in the table test (event-bus and tenant tests cover a retry).
    [/\/dead-letters\/:sequence\/retry$/, { status: 404, code: 'NOT_FOUND' }],
    // The table test does not know the callers' passwords to change them (the tenant tests do).
    [/^POST \/api\/me\/password$/, { status: 401, code: 'INVALID_CREDENTIALS' }],
  ];
  const authenticated = ROUTES.filter((r) => r.access.kind === 'authenticated');
  const callers: Caller[] = ['anonymous', 'owner', 'approver', 'viewer', 'ops_admin', 'ops_agent', 'key'];
  const cases = authenticated.flatMap((rule) =>
    callers.flatMap((caller) =>
      [true, false].map((own) => [`${rule.method} ${rule.path}`, caller, own ? 'own' : 'other', rule, own] as const),
    ),
  );

  it('has an authorization case for every authenticated route in the table', () => {
    expect(authenticated.length).toBeGreaterThan(0);
    expect(new Set(cases.map((c) => c[0])).size).toBe(authenticated.length);
  });

  it.each(cases)('%s as %s on the %s tenant', async (_name, caller, _label, rule, own) => {
    const target = own ? tenants.A : tenants.B;
    const res = await requestFor(rule, caller, target);
    // A suspension that went through must not spill into the next cases.
    await platform.platform.db.tenant.updateMany({
      where: { id: { in: [tenants.A, tenants.B] } },
      data: { status: 'active' },
    });
    const want = expected(rule, caller, own);
    const later = NEEDS_STATE.find(([re]) => re.test(`${rule.method} ${rule.path}`))?.[1];
    if (want === 'through' && later) {
      expect(res.headers.via).toBe('1.1 plh-gateway');
      expect({ path: rule.path, status: res.statusCode, code: res.json().code }).toEqual({ path: rule.path, ...later });
    } else if (want === 'through') {
      expect([200, 201, 202, 204]).toContain(res.statusCode);
    } else {
      expect(res.statusCode).toBe(want);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    }
    // A route with no practice in its path (`/api/me`) has no other tenant to leak.
    const hasTenant = rule.access.kind === 'authenticated' && rule.access.tenantParam !== undefined;
    if (!own && hasTenant && caller !== 'ops_admin' && caller !== 'ops_agent') {
      // Refused before reaching the service: nothing but the problem fields, so no tenant-B data.
      expect(Object.keys(res.json()).sort()).toEqual([
        'code',
        'detail',
        'instance',
        'requestId',
        'status',
        'title',
        'type',
      ]);
    }
  });

  it("answers 404 for another practice's ids under one's own path, the same as for ids that do not exist", async () => {
    const theirs = await coreFixtures(tenants.B);
    const theirOrder = (await coreCall(tenants.B, 'POST', '/orders', { quoteId: await freshQuote(tenants.B) })).id;
    const mine = `/api/tenants/${tenants.A}`;
    const asOwner = { authorization: `Bearer ${tokens.get('A:owner')!}` };
    const probes: Array<[string, string, unknown?]> = [
      ['GET', `${mine}/orders/${theirOrder}/mail-pieces`],
      ['GET', `${mine}/orders/${theirOrder}/invoice`],
      ['GET', `${mine}/patient-lists/${theirs.listId}/issues.csv`],
      ['GET', `${mine}/projects/${theirs.projectId}/patient-lists`],
      ['PUT', `${mine}/proof/projects/${theirs.projectId}/letter`, LETTER],
      ['PUT', `${mine}/proof/projects/${randomUUID()}/letter`, LETTER],
    ];
    for (const [method, url, payload] of probes) {
      const res = await gateway.inject({
        method: method as 'GET' | 'PUT',
        url,
        headers: asOwner,
        ...(payload ? { payload: payload as string } : {}),
      });
      expect({ url, status: res.statusCode, code: res.json().code }).toEqual({ url, status: 404, code: 'NOT_FOUND' });
    }
    // Nothing was stored for their project under this practice.
    const letter = await gateway.inject({
      method: 'GET',
      url: `${mine}/proof/projects/${theirs.projectId}/letter`,
      headers: asOwner,
    });
    expect(letter.statusCode).toBe(404);
  });

  it("says when an order's invoice comes instead of a bare 404", async () => {
    const order = (await coreCall(tenants.A, 'POST', '/orders', { quoteId: await freshQuote(tenants.A) })).id;
    const res = await gateway.inject({
      method: 'GET',
      url: `/api/tenants/${tenants.A}/orders/${order}/invoice`,
      headers: { authorization: `Bearer ${tokens.get('A:owner')!}` },
    });
    expect(res.statusCode).toBe(404);
    expect(res.json()).toMatchObject({
      code: 'INVOICE_NOT_YET_ISSUED',
      detail: 'The invoice is issued when the order is mailed; this order is ordered.',
    });
  });

  it("matches the web app's API types (apps/web/src/api/generated/openapi.d.ts) to the merged OpenAPI document", async () => {
    // A route or schema changed without `pnpm --filter @plh/web api:types`: the web app would be
    // type-checked against an API that no longer exists.
    const doc = await gateway.inject({ method: 'GET', url: '/api/openapi.json' });
    const dir = mkdtempSync(path.join(os.tmpdir(), 'plh-api-types-'));
    try {
      writeFileSync(path.join(dir, 'openapi.json'), doc.body);
      const script = path.join(__dirname, '../../../apps/web/scripts/api-types.mjs');
      execFileSync(process.execPath, [
        script,
        '--from',
        path.join(dir, 'openapi.json'),
        '--out',
        path.join(dir, 'schema.d.ts'),
      ]);
      const expected = readFileSync(path.join(dir, 'schema.d.ts'), 'utf8');
      const committed = readFileSync(path.join(__dirname, '../../../apps/web/src/api/generated/openapi.d.ts'), 'utf8');
      expect(committed === expected).toBe(true);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("keeps a web session's refresh token in an httpOnly cookie the gateway sets, rotates and clears", async () => {
    const email = `web-${randomUUID()}@practice.example`;
    await tenantService.createUser(platform.platform.db, {
      tenantId: tenants.A,
      email,
      password: PASSWORD,
      role: 'viewer',
    });
    const web = { 'x-plh-session': 'cookie' };
    const login = await gateway.inject({
      method: 'POST',
      url: '/api/auth/login',
      headers: web,
      payload: { email, password: PASSWORD },
    });
    expect(login.statusCode).toBe(200);
    expect(login.json()).toMatchObject({ tokenType: 'Bearer', accessToken: expect.any(String) });
    expect(login.json().refreshToken).toBeUndefined();
    const cookie = String(login.headers['set-cookie']);
    expect(cookie).toMatch(/^plh_refresh=[^;]+; Path=\/api\/auth; HttpOnly; Secure; SameSite=Strict; Max-Age=2592000$/);
    const jar = cookie.split(';')[0]!;

    // Refresh reads the cookie (only with the session header: a cross-site form cannot send it) and rotates it.
    expect(
      (await gateway.inject({ method: 'POST', url: '/api/auth/refresh', headers: { cookie: jar }, payload: {} }))
        .statusCode,
    ).toBe(400);
    const refreshed = await gateway.inject({
      method: 'POST',
      url: '/api/auth/refresh',
      headers: { ...web, cookie: jar },
    });
    expect(refreshed.statusCode).toBe(200);
    expect(refreshed.json().refreshToken).toBeUndefined();
    const rotated = String(refreshed.headers['set-cookie']).split(';')[0]!;
    expect(rotated).not.toBe(jar);
    // The old token was used: presenting it again is refused (and revokes the family), and the cookie is cleared.
    const replayed = await gateway.inject({
      method: 'POST',
      url: '/api/auth/refresh',
      headers: { ...web, cookie: jar },
    });
    expect(replayed.statusCode).toBe(401);
    expect(String(replayed.headers['set-cookie'])).toContain('Max-Age=0');
    const noCookie = await gateway.inject({ method: 'POST', url: '/api/auth/refresh', headers: web });
    expect(noCookie.statusCode).toBe(401);
    expect(noCookie.json()).toMatchObject({ code: 'NO_SESSION' });

    // Logout ends the session and clears the cookie; API clients still get the token in the body.
    const second = await gateway.inject({
      method: 'POST',
      url: '/api/auth/login',
      headers: web,
      payload: { email, password: PASSWORD },
    });
    const secondJar = String(second.headers['set-cookie']).split(';')[0]!;
    const out = await gateway.inject({
      method: 'POST',
      url: '/api/auth/logout',
      headers: { ...web, cookie: secondJar },
    });
    expect(out.statusCode).toBe(204);
    expect(String(out.headers['set-cookie'])).toContain('Max-Age=0');
    expect(
      (await gateway.inject({ method: 'POST', url: '/api/auth/refresh', headers: { ...web, cookie: secondJar } }))
        .statusCode,
    ).toBe(401);
    const apiClient = await gateway.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { email, password: PASSWORD },
    });
    expect(apiClient.json().refreshToken).toEqual(expect.any(String));
    expect(apiClient.headers['set-cookie']).toBeUndefined();

    // Logging out everywhere ends every session of the user: two browsers and an API client's token.
    const laptop = await gateway.inject({
      method: 'POST',
      url: '/api/auth/login',
      headers: web,
      payload: { email, password: PASSWORD },
    });
    const phone = await gateway.inject({
      method: 'POST',
      url: '/api/auth/login',
      headers: web,
      payload: { email, password: PASSWORD },
    });
    const everywhere = await gateway.inject({
      method: 'POST',
      url: '/api/me/logout-everywhere',
      headers: { ...web, authorization: `Bearer ${phone.json().accessToken}` },
    });
    expect(everywhere.statusCode).toBe(204);
    expect(String(everywhere.headers['set-cookie'])).toContain('Max-Age=0');
    for (const jarOf of [laptop, phone]) {
      const jar = String(jarOf.headers['set-cookie']).split(';')[0]!;
      expect(
        (await gateway.inject({ method: 'POST', url: '/api/auth/refresh', headers: { ...web, cookie: jar } }))
          .statusCode,
      ).toBe(401);
    }
    const apiRefresh = await gateway.inject({
      method: 'POST',
      url: '/api/auth/refresh',
      payload: { refreshToken: apiClient.json().refreshToken },
    });
    expect(apiRefresh.statusCode).toBe(401);
  });

  it('says who the caller is: in the login answer and at GET /api/me, for a user, ops and an API key', async () => {
    const email = `who-${randomUUID()}@practice.example`;
    const user = await tenantService.createUser(platform.platform.db, {
      tenantId: tenants.A,
      email,
      password: PASSWORD,
      role: 'approver',
    });
    const login = await gateway.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { email, password: PASSWORD },
    });
    expect(login.json().user).toEqual({
      id: user.id,
      kind: 'user',
      email,
      role: 'approver',
      scopes: [],
      practice: { id: tenants.A, name: 'Practice A' },
    });
    const me = async (credential: string) =>
      gateway.inject({ method: 'GET', url: '/api/me', headers: { authorization: `Bearer ${credential}` } });
    expect((await me(login.json().accessToken)).json()).toEqual(login.json().user);
    expect((await me(tokens.get('A:ops_admin')!)).json()).toMatchObject({
      kind: 'user',
      role: 'ops_admin',
      practice: null,
    });
    expect((await me(tokens.get('B:key')!)).json()).toMatchObject({
      kind: 'api_key',
      email: null,
      scopes: expect.arrayContaining(['orders:read']),
      practice: { id: tenants.B, name: 'Practice B' },
    });
    expect((await gateway.inject({ method: 'GET', url: '/api/me' })).statusCode).toBe(401);
  });

  it('routes outside the table do not exist, internal ones included', async () => {
    for (const url of ['/internal/api-keys/verify', '/api/tenants', '/readyz-of-tenant']) {
      const res = await gateway.inject({ method: 'POST', url, payload: {} });
      expect(res.statusCode).toBe(404);
      expect(res.json()).toMatchObject({ code: 'ROUTE_NOT_FOUND' });
    }
  });

  it('refuses a tampered or garbage bearer token with 401 problem+json', async () => {
    const token = tokens.get('A:owner')!;
    const [h, p, s] = token.split('.');
    const payload = JSON.parse(Buffer.from(p!, 'base64url').toString());
    const forged = `${h}.${Buffer.from(JSON.stringify({ ...payload, role: 'ops_admin', tid: null })).toString('base64url')}.${s}`;
    for (const bad of [forged, 'garbage', `${token}x`]) {
      const res = await gateway.inject({
        method: 'GET',
        url: `/api/tenants/${tenants.A}/api-keys`,
        headers: { authorization: `Bearer ${bad}` },
      });
      expect(res.statusCode).toBe(401);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    }
  });

  it('passes the request id through and never forwards a client-sent internal token', async () => {
    const res = await gateway.inject({
      method: 'GET',
      url: `/api/tenants/${tenants.A}/api-keys`,
      headers: { 'x-request-id': 'gw-req-1', 'x-plh-internal-token': 'forged', 'x-api-key': 'plh_live_nope' },
    });
    expect(res.statusCode).toBe(401); // the bad key is refused; the forged header is ignored
    expect(res.headers['x-request-id']).toBe('gw-req-1');
    expect(res.json()).toMatchObject({ requestId: 'gw-req-1' });
  });

  it('answers 429 with RateLimit, RateLimit-Policy and Retry-After once the login limit per IP is used up', async () => {
    const limited = await gatewayWith({ RATE_LIMIT_LOGIN_PER_IP_PER_MIN: '3' });
    try {
      const attempt = () =>
        limited.inject({
          method: 'POST',
          url: '/api/auth/login',
          payload: { email: `nobody-${randomUUID()}@y.example`, password: 'whatever-it-is' },
          remoteAddress: '10.9.9.9',
        });
      for (let i = 0; i < 3; i++) {
        const res = await attempt();
        expect(res.statusCode).toBe(401);
        expect(res.headers['ratelimit-policy']).toBe('"login";q=3;w=60');
      }
      const res = await attempt();
      expect(res.statusCode).toBe(429);
      expect(res.json()).toMatchObject({ code: 'RATE_LIMITED' });
      expect(res.headers.ratelimit).toMatch(/^"login";r=0;t=\d+$/);
      expect(Number(res.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    } finally {
      await limited.close();
    }
  });

  it('limits each tenant, with the headers on every answer', async () => {
    const limited = await gatewayWith({ RATE_LIMIT_TENANT_PER_MIN: '2' });
    try {
      const call = (label: 'A' | 'B') =>
        limited.inject({
          method: 'GET',
          url: `/api/tenants/${tenants[label]}/api-keys`,
          headers: { authorization: `Bearer ${tokens.get(`${label}:owner`)}` },
        });
      expect((await call('A')).headers.ratelimit).toMatch(/^"tenant";r=1;t=\d+$/);
      expect((await call('A')).statusCode).toBe(200);
      expect((await call('A')).statusCode).toBe(429);
      expect((await call('B')).statusCode).toBe(200); // another tenant has its own budget
    } finally {
      await limited.close();
    }
  });

  it('a revoked API key stops working within the cache window', async () => {
    const quick = await gatewayWith({ API_KEY_CACHE_MS: '300' });
    try {
      const db = platform.platform.db;
      const owner = { id: ownerOf.get(tenants.A)! };
      const { key, apiKey } = await tenantService.createApiKey(db, {
        tenantId: tenants.A,
        actorId: owner.id,
        name: 'soon revoked',
        scopes: ['orders:read'],
      });
      const call = () =>
        quick.inject({ method: 'GET', url: `/api/tenants/${tenants.A}/api-keys`, headers: { 'x-api-key': key } });
      expect((await call()).statusCode).toBe(403); // authenticated, but no route takes this scope yet
      const ownerToken = tokens.get('A:owner')!;
      const revoke = await quick.inject({
        method: 'DELETE',
        url: `/api/tenants/${tenants.A}/api-keys/${apiKey.id}`,
        headers: { authorization: `Bearer ${ownerToken}` },
      });
      expect(revoke.statusCode).toBe(204);
      await eventually(async () => expect((await call()).statusCode).toBe(401), { timeoutMs: 5_000 });
    } finally {
      await quick.close();
    }
  });

  it('drops a revoked API key at once when it hears the event, long before the cache window', async () => {
    const listening = await gatewayWith({ API_KEY_CACHE_MS: '30000', ...eventEnv() });
    try {
      const db = platform.platform.db;
      const owner = { id: ownerOf.get(tenants.A)! };
      const { key, apiKey } = await tenantService.createApiKey(db, {
        tenantId: tenants.A,
        actorId: owner.id,
        name: 'revoked by event',
        scopes: ['orders:read'],
      });
      const call = () =>
        listening.inject({ method: 'GET', url: `/api/tenants/${tenants.A}/api-keys`, headers: { 'x-api-key': key } });
      expect((await call()).statusCode).toBe(403); // verified and cached for 30 s
      const revoke = await listening.inject({
        method: 'DELETE',
        url: `/api/tenants/${tenants.A}/api-keys/${apiKey.id}`,
        headers: { authorization: `Bearer ${tokens.get('A:owner')}` },
      });
      expect(revoke.statusCode).toBe(204);
      const started = Date.now();
      await eventually(async () => expect((await call()).statusCode).toBe(401), { timeoutMs: 10_000 });
      expect(Date.now() - started).toBeLessThan(10_000);
    } finally {
      await listening.close();
    }
  });

  it('cuts off live access tokens of a suspended tenant and of a user whose role changed', async () => {
    const listening = await gatewayWith(eventEnv());
    try {
      const db = platform.platform.db;
      const ownerEmail = `owner-${randomUUID()}@practice.example`;
      const { tenantId } = await tenantService.provisionTenant(db, {
        name: 'Practice C',
        ownerEmail,
        ownerPassword: PASSWORD,
      });
      const approverEmail = `approver-${randomUUID()}@practice.example`;
      const approver = await tenantService.createUser(db, {
        tenantId,
        email: approverEmail,
        password: PASSWORD,
        role: 'approver',
      });
      const login = async (email: string) => {
        const res = await listening.inject({
          method: 'POST',
          url: '/api/auth/login',
          payload: { email, password: PASSWORD },
        });
        expect(res.statusCode).toBe(200);
        return res.json().accessToken as string;
      };
      const settings = (token: string) =>
        listening.inject({
          method: 'GET',
          url: `/api/tenants/${tenantId}/settings`,
          headers: { authorization: `Bearer ${token}` },
        });
      const ownerToken = await login(ownerEmail);
      const approverToken = await login(approverEmail);
      expect((await settings(approverToken)).statusCode).toBe(200);

      // The owner makes the approver a viewer: the approver's token (role approver) stops at once.
      const demote = await listening.inject({
        method: 'PATCH',
        url: `/api/tenants/${tenantId}/users/${approver.id}`,
        headers: { authorization: `Bearer ${ownerToken}` },
        payload: { role: 'viewer' },
      });
      expect(demote.statusCode).toBe(200);
      await eventually(async () => expect((await settings(approverToken)).statusCode).toBe(401), { timeoutMs: 10_000 });
      expect((await settings(await login(approverEmail))).statusCode).toBe(200); // a fresh login works, as viewer
      expect((await settings(ownerToken)).statusCode).toBe(200); // nobody else is affected

      const suspend = await listening.inject({
        method: 'POST',
        url: `/api/ops/tenants/${tenantId}/suspend`,
        headers: { authorization: `Bearer ${tokens.get('A:ops_admin')}` },
      });
      expect(suspend.statusCode).toBe(204);
      await eventually(async () => expect((await settings(ownerToken)).statusCode).toBe(401), { timeoutMs: 10_000 });
      const otherTenant = await listening.inject({
        method: 'GET',
        url: `/api/tenants/${tenants.A}/settings`,
        headers: { authorization: `Bearer ${tokens.get('A:owner')}` },
      });
      expect(otherTenant.statusCode).toBe(200); // other tenants unaffected
    } finally {
      await listening.close();
    }
  });

  it('counts the login limit per client address, believing X-Forwarded-For only from a trusted proxy', async () => {
    const attempt = (app: ServiceApp, forwardedFor: string) =>
      app.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { email: `nobody-${randomUUID()}@y.example`, password: 'whatever-it-is' },
        remoteAddress: '127.0.0.1',
        headers: { 'x-forwarded-for': forwardedFor },
      });
    const edge = await gatewayWith({ RATE_LIMIT_LOGIN_PER_IP_PER_MIN: '2' }); // TRUST_PROXY empty: trusts nobody
    const behindIngress = await gatewayWith({ RATE_LIMIT_LOGIN_PER_IP_PER_MIN: '2', TRUST_PROXY: 'loopback' });
    try {
      // A client cannot escape the limit by inventing addresses.
      expect((await attempt(edge, '10.0.0.1')).statusCode).toBe(401);
      expect((await attempt(edge, '10.0.0.2')).statusCode).toBe(401);
      expect((await attempt(edge, '10.0.0.3')).statusCode).toBe(429);
      // Behind a trusted ingress, each client address has its own budget.
      for (let i = 0; i < 2; i++) expect((await attempt(behindIngress, '10.0.0.1')).statusCode).toBe(401);
      expect((await attempt(behindIngress, '10.0.0.1')).statusCode).toBe(429);
      expect((await attempt(behindIngress, '10.0.0.2')).statusCode).toBe(401);
    } finally {
      await edge.close();
      await behindIngress.close();
    }
  });

  describe('with Redis (REDIS_URL): replicas share one budget', () => {
    let redis: RedisServerHandle;
    beforeAll(async () => {
      redis = await startRedisServer();
    });
    afterAll(async () => {
      await redis?.stop();
    });

    it('two gateway replicas share the login budget of one address, and keep serving when Redis is down', async () => {
      const env = { RATE_LIMIT_LOGIN_PER_IP_PER_MIN: '3', REDIS_URL: redis.url };
      const [one, two] = [await gatewayWith(env), await gatewayWith(env)];
      try {
        const attempt = (app: ServiceApp) =>
          app.inject({
            method: 'POST',
            url: '/api/auth/login',
            payload: { email: `nobody-${randomUUID()}@y.example`, password: 'whatever-it-is' },
            remoteAddress: '10.7.7.7',
          });
        expect((await attempt(one)).statusCode).toBe(401);
        expect((await attempt(two)).statusCode).toBe(401);
        expect((await attempt(one)).headers.ratelimit).toMatch(/^"login";r=0;t=\d+$/);
        const refused = await attempt(two);
        expect(refused.statusCode).toBe(429);
        expect(refused.headers['retry-after']).toBeDefined();

        await redis.kill('SIGKILL');
        // Fail open to per-replica windows: replica two has counted nothing itself yet.
        expect((await attempt(two)).statusCode).toBe(401);
        await redis.restart();
      } finally {
        await one.close();
        await two.close();
      }
    });
  });

  it('serves one OpenAPI document with exactly the routes of the table, and a docs page', async () => {
    const res = await gateway.inject({ method: 'GET', url: '/api/openapi.json' });
    expect(res.statusCode).toBe(200);
    const doc = res.json();
    const operations = Object.entries(doc.paths as Record<string, Record<string, unknown>>).flatMap(([p, methods]) =>
      Object.keys(methods).map((m) => `${m.toUpperCase()} ${p}`),
    );
    expect(operations.sort()).toEqual(ROUTES.map((r) => `${r.method} ${openApiPath(r.path)}`).sort());
    for (const [p, methods] of Object.entries(doc.paths as Record<string, Record<string, Record<string, unknown>>>)) {
      for (const op of Object.values(methods)) {
        expect(op['x-plh-undescribed']).toBeUndefined(); // every table route is described by its service
        expect(op.summary).toEqual(expect.any(String));
        expect(p).not.toMatch(/^\/internal/);
      }
    }
    const create = doc.paths['/api/tenants/{tenantId}/api-keys'].post;
    expect(create['x-plh-roles']).toEqual(['owner']);
    expect(create.security).toEqual([{ bearerAuth: [] }]); // keys cannot create keys
    expect(Object.keys(create.responses)).toEqual(expect.arrayContaining(['201', '401', '403', '404', '429']));
    expect(doc.paths['/api/auth/login'].post.security).toEqual([]);
    expect(doc.components.schemas.Problem).toBeDefined();
    // An upload's body is described for generated clients: the raw CSV, or a form with a `file` field.
    const upload = doc.paths['/api/tenants/{tenantId}/projects/{projectId}/patient-lists'].post;
    expect(Object.keys(upload.requestBody.content)).toEqual(
      expect.arrayContaining(['text/csv', 'multipart/form-data']),
    );
    expect(upload.requestBody.content['multipart/form-data'].schema.properties.file).toMatchObject({
      format: 'binary',
    });
    expect(Object.keys(upload.responses)).toContain('202');

    const page = await gateway.inject({ method: 'GET', url: '/api/docs' });
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-type']).toMatch(/^text\/html/);
    expect(page.headers['content-security-policy']).toContain("default-src 'none'");
    expect(page.body).toContain('/api/tenants/{tenantId}/api-keys');
    expect(page.body).not.toContain('<script');
  });

  it('sends security headers and CORS for the web app origin only', async () => {
    const res = await gateway.inject({
      method: 'GET',
      url: '/.well-known/jwks.json',
      headers: { origin: 'http://localhost:5173' },
    });
    expect(res.statusCode).toBe(200);
    expect(res.headers['access-control-allow-origin']).toBe('http://localhost:5173');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['strict-transport-security']).toBeDefined();
    const other = await gateway.inject({
      method: 'GET',
      url: '/.well-known/jwks.json',
      headers: { origin: 'https://evil.example' },
    });
    expect(other.headers['access-control-allow-origin']).toBeUndefined();
  });
});
