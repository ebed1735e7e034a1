import { randomBytes } from 'node:crypto';

import { mkdtempSync, rmSync } from 'node:fs';

import os from 'node:os';
import path from 'node:path';
import { coreService } from '@plh/core';

import { proofEngineService } from '@plh/proof-engine';

import {
  createInternalTokenMinter,
  internalSigner,
  signInternalToken,
  type PlatformDb,
  type Principal,
} from '@plh/service-kit';

import type { TObject } from '@sinclair/typebox';
import { startTestService, type TestService } from '@plh/service-kit/testing';

import { practiceLettersClient } from '../src/data/practice-letters.client';

import { departureProjectId } from '../src/domain/events/start-departure-letter';

import type { PracticeLetters } from '../src/domain/deps';
import { fillerRecords, leieCsv } from './leie-files';

import { buildTestApp, caller, opsAdmin, practice, provider, rosterOf, syncNow, type TestApp } from './helpers';
import { startSourceServer, type SourceServer } from './source-server';

/**
 * The departure letter an exclusion calls for, across three real services on real Postgres and NATS:
 * the compliance service starts a provider-departure project in core and sets its letter up in the
 * proof engine over their internal APIs, with its own service token.
 */
describe('compliance: the departure letter from an exclusion_match event', () => {
  let t: TestApp;
  let core: Pick<TestService<TObject, PlatformDb>, 'app' | 'close'>;
  let proof: Pick<TestService<TObject, PlatformDb>, 'app' | 'close'>;
  let server: SourceServer;
  let real: PracticeLetters | null = null;
  const filesDir = mkdtempSync(path.join(os.tmpdir(), 'plh-compliance-letters-'));
  const a = practice();
  const b = practice();
  const hale = provider(a.tenantId, { firstName: 'Tomás', lastName: 'Hale', npi: '1000000011' });
  // A possible match only (name and date of birth): no letter is owed for that.
  const moss = provider(a.tenantId, { firstName: 'Ida', lastName: 'Moss', npi: '1000000029' });
  const call = caller(() => t);
  // Core and the proof engine start after this service (they trust its keys): the client is made then.
  const letters: PracticeLetters = {
    createProject: (...args) => real!.createProject(...args),
    setLetter: (...args) => real!.setLetter(...args),
    close: async () => real?.close(),
  };
  const body = {
    recordsCustodian: 'Harbor Family Medicine, 12 Harbor St, Salem MA',
    recordsRequest: 'call 978-555-0100 or write to records@harbor.example.',
    signatory: 'Dr. Ben Ortiz, Medical Director',
    returnAddress: ['Harbor Family Medicine', '12 HARBOR ST', 'SALEM MA 01970'],
  };

  beforeAll(async () => {
    server = await startSourceServer();
    server.files.set('UPDATED.csv', {
      body: leieCsv([
        ...fillerRecords(20),
        { LASTNAME: 'HALE', FIRSTNAME: 'TOMAS', NPI: '1000000011' },
        { LASTNAME: 'MOSS', FIRSTNAME: 'IDA', DOB: '19600101' },
      ]),
    });
    t = await buildTestApp(rosterOf([hale, moss]), { RUN_JOBS: 'true' }, { letters });
    const storageEnv = {
      FILE_URL_SECRET: randomBytes(32).toString('hex'),
      FILE_ENCRYPTION_KEYS: `f1:${randomBytes(32).toString('base64')}`,
      STORAGE_LOCAL_DIR: filesDir,
      INTERNAL_TOKEN_JWKS: t.keys.jwks,
    };
    core = await startTestService(coreService, {
      env: { ...storageEnv, PHI_MASTER_KEYS: `k1:${randomBytes(32).toString('base64')}` },
    });
    const coreUrl = await core.app.listen({ host: '127.0.0.1', port: 0 });
    proof = await startTestService(proofEngineService, {
      env: {
        ...storageEnv,
        CORE_URL: coreUrl,
        INTERNAL_TOKEN_PRIVATE_JWK: t.keys.privateJwk('proof-engine'),
        RUN_JOBS: 'false',
      },
    });
    real = practiceLettersClient({
      coreUrl,
      proofEngineUrl: await proof.app.listen({ host: '127.0.0.1', port: 0 }),
      mint: createInternalTokenMinter(await internalSigner(t.keys.privateJwk('compliance'))),
    });
    await t.admin.query(`UPDATE compliance.source SET is_active = false WHERE name <> 'oig-leie'`);
    await call(opsAdmin, 'PUT', '/api/ops/compliance/sources/oig-leie', { config: { baseUrl: server.baseUrl } });
    expect((await syncNow(t, 'oig-leie')).state).toBe('succeeded');
  });
  afterAll(async () => {
    await t?.close();
    await proof?.close();
    await core?.close();
    await server?.close();
    rmSync(filesDir, { recursive: true, force: true });
  });

  const exclusion = async (priority = 'critical') =>
    (
      (
        await call(
          a.owner,
          'GET',
          `/api/tenants/${a.tenantId}/compliance/events?type=exclusion_match&priority=${priority}`,
        )
      ).json().items as Array<{ id: string; metadata: Record<string, unknown> }>
    )[0]!;
  const start = async (who: Principal, eventId: string, payload: object = body, tenantId = a.tenantId) =>
    call(who, 'POST', `/api/tenants/${tenantId}/compliance/events/${eventId}/departure-letter`, payload);
  /** Core and the proof engine as the gateway would call them for the practice's owner. */
  const asOwner = async (service: 'core' | 'proof-engine') => ({
    'x-plh-internal-token': await signInternalToken(t.keys.signer('gateway'), a.owner, service),
  });

  it('starts a provider-departure campaign in core with its letter set up, pre-filled', async () => {
    const event = await exclusion();
    const res = await start(a.approver, event.id, { ...body, continuingCare: 'Dr. Ana Lee will see you from now on.' });
    expect(res.statusCode).toBe(201);
    const started = res.json();
    expect(started.projectId).toBe(departureProjectId(event.id));
    expect(started).toMatchObject({
      providerName: 'Tomás Hale',
      effectiveDate: expect.stringMatching(/^[A-Z][a-z]+ \d{1,2}, \d{4}$/),
    });
    const project = await core.app.inject({
      method: 'GET',
      url: `/api/tenants/${a.tenantId}/projects/${started.projectId}`,
      headers: await asOwner('core'),
    });
    expect(project.json()).toMatchObject({ name: 'Provider departure: Tomás Hale', letterType: 'provider_departure' });
    const letter = await proof.app.inject({
      method: 'GET',
      url: `/api/tenants/${a.tenantId}/proof/projects/${started.projectId}/letter`,
      headers: await asOwner('proof-engine'),
    });
    expect(letter.json()).toMatchObject({
      letterType: 'provider_departure',
      values: {
        providerName: 'Tomás Hale',
        effectiveDate: started.effectiveDate,
        recordsCustodian: body.recordsCustodian,
        continuingCare: 'Dr. Ana Lee will see you from now on.',
      },
      returnAddress: body.returnAddress,
      updatedBy: a.approver.id,
    });
    expect((await exclusion()).metadata).toMatchObject({ departureProjectId: started.projectId });
  });

  it('reuses the campaign when asked again, and relays the proof engine’s refusal', async () => {
    const event = await exclusion();
    const refused = await start(a.owner, event.id, { ...body, signatory: 'Dr. \u05e9\u05dc\u05d5\u05dd' });
    expect(refused.statusCode).toBe(400);
    expect(refused.headers['content-type']).toMatch(/^application\/problem\+json/);
    const again = await start(a.owner, event.id, { ...body, effectiveDate: 'December 31, 2026' });
    expect(again.statusCode).toBe(200);
    expect(again.json().projectId).toBe(event.metadata.departureProjectId);
    const projects = await core.app.inject({
      method: 'GET',
      url: `/api/tenants/${a.tenantId}/projects`,
      headers: await asOwner('core'),
    });
    expect(projects.json().items).toHaveLength(1);
  });

  it('is the practice’s own, for writers, from an exclusion only', async () => {
    const event = await exclusion();
    expect((await start(a.viewer, event.id)).statusCode).toBe(403);
    expect((await start(b.owner, event.id, body, b.tenantId)).statusCode).toBe(404);
    expect((await start(a.owner, '00000000-0000-4000-8000-000000000000')).statusCode).toBe(404);
    expect((await start(a.owner, event.id, { ...body, recordsCustodian: '' })).statusCode).toBe(400);
    const possible = await start(a.owner, (await exclusion('high')).id);
    expect(possible.statusCode).toBe(409);
    expect(possible.json().code).toBe('NOT_AN_EXCLUSION');
  });
});
