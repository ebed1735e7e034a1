import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { AccessRule } from '@plh/contracts';
import type { DeclaredRoute } from '@plh/service-kit';
import { startTestService } from '@plh/service-kit/testing';
import { generateCheckpointKey } from '@plh/audit-chain';
import { complianceService } from '@plh/compliance';
import { coreService } from '@plh/core';
import { notificationService } from '@plh/notification';
import { proofEngineService } from '@plh/proof-engine';
import { tenantService } from '@plh/tenant';
import { ROUTES, tenantPathOf, type ServiceName } from '../src/route-table';

/**
 * The gateway's route table and the services agree: every route of the table is served by its
 * service, with the same access rule declared on the route (`config: { access }`, which the service
 * enforces itself), and every route a service guards with a rule is in the table. Both sides import
 * the rule sets of @plh/contracts; this proves nobody wrote a rule by hand on one side only.
 */
describe('route table ⇄ services: the same routes, the same access rules', () => {
  const declared = new Map<ServiceName, DeclaredRoute[]>();
  const closers: Array<() => Promise<void>> = [];
  const filesDir = mkdtempSync(path.join(os.tmpdir(), 'plh-route-access-'));

  beforeAll(async () => {
    const storageEnv = {
      FILE_URL_SECRET: randomBytes(32).toString('hex'),
      FILE_ENCRYPTION_KEYS: `f1:${randomBytes(32).toString('base64')}`,
      STORAGE_LOCAL_DIR: filesDir,
    };
    const tenant = await startTestService(tenantService, {
      env: { KEY_ENCRYPTION_KEY: randomBytes(32).toString('base64') },
    });
    const core = await startTestService(coreService, {
      env: { ...storageEnv, PHI_MASTER_KEYS: `k1:${randomBytes(32).toString('base64')}`, RUN_JOBS: 'false' },
    });
    const proof = await startTestService(proofEngineService, {
      env: (keys) => ({
        ...storageEnv,
        CORE_URL: 'http://127.0.0.1:9',
        INTERNAL_TOKEN_PRIVATE_JWK: keys.privateJwk('proof-engine'),
        RUN_JOBS: 'false',
      }),
    });
    const compliance = await startTestService(complianceService, {
      env: (keys) => ({
        INTERNAL_TOKEN_PRIVATE_JWK: keys.privateJwk('compliance'),
        AUDIT_SIGNING_PRIVATE_JWK: JSON.stringify(generateCheckpointKey()),
        RUN_JOBS: 'false',
      }),
    });
    const notification = await startTestService(notificationService, {
      env: (keys) => ({
        INTERNAL_TOKEN_PRIVATE_JWK: keys.privateJwk('notification'),
        WEBHOOK_SECRET_KEYS: `test1:${randomBytes(32).toString('base64')}`,
        RUN_JOBS: 'false',
      }),
    });
    for (const [name, service] of [
      ['notification', notification],
      ['tenant', tenant],
      ['core', core],
      ['proof-engine', proof],
      ['compliance', compliance],
    ] as const) {
      declared.set(name, service.app.declaredRoutes);
      closers.push(() => service.close());
    }
  });
  afterAll(async () => {
    await Promise.all(closers.map((close) => close()));
    rmSync(filesDir, { recursive: true, force: true });
  });

  const sorted = (rule: AccessRule) => ({ roles: [...rule.roles].sort(), scopes: [...rule.scopes].sort() });
  const find = (service: ServiceName, method: string, url: string) =>
    declared.get(service)!.find((r) => r.method === method && r.url === url);

  it.each(ROUTES.map((rule) => [`${rule.method} ${rule.path}`, rule] as const))('%s', (_, rule) => {
    const served = find(rule.service, rule.method, rule.ownPractice ? tenantPathOf(rule.path) : rule.path);
    expect(served).toBeDefined();
    if (rule.access.kind === 'public') return expect(served!.access).toBeNull();
    expect(served!.access).not.toBeNull();
    const { roles, scopes } = rule.access;
    if (!rule.ownPractice) return expect(sorted(served!.access!)).toEqual(sorted({ roles, scopes }));
    // The practice-less path: the same rule without the ops roles (ops use the tenant path).
    const customerRoles = served!.access!.roles.filter((r) => r !== 'ops_admin' && r !== 'ops_agent');
    expect(sorted({ roles, scopes })).toEqual(sorted({ roles: customerRoles, scopes: served!.access!.scopes }));
  });

  it('has a table entry for every route a service guards with an access rule', () => {
    const inTable = new Set(
      ROUTES.map((r) => `${r.service} ${r.method} ${r.ownPractice ? tenantPathOf(r.path) : r.path}`),
    );
    const missing = [...declared].flatMap(([service, routes]) =>
      routes.filter((r) => r.access && !inTable.has(`${service} ${r.method} ${r.url}`)),
    );
    expect(missing).toEqual([]);
    // And the other way round: a public path a service serves without a rule must be public in the
    // table too (a route that forgot its rule would otherwise run for any internal-token holder).
    const publicInTable = new Set(
      ROUTES.filter((r) => r.access.kind === 'public').map((r) => `${r.service} ${r.method} ${r.path}`),
    );
    const unguarded = [...declared].flatMap(([service, routes]) =>
      routes.filter(
        (r) => r.url.startsWith('/api/') && !r.access && !publicInTable.has(`${service} ${r.method} ${r.url}`),
      ),
    );
    expect(unguarded).toEqual([]);
    const guarded = ROUTES.filter((r) => r.access.kind === 'authenticated' && !r.ownPractice);
    expect([...declared.values()].flat().filter((r) => r.access)).toHaveLength(guarded.length);
  });
});
