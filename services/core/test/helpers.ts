import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Principal } from '@plh/service-kit';
import { newPractice, startTestService, type TestService } from '@plh/service-kit/testing';
import { followAccepted } from '@plh/test-kit';
import type { ObjectStorage } from '@plh/storage';
import type { ConfigSchema } from '../src/config';
import { coreService } from '../src/service';
import type { PrismaClient } from '../generated/prisma';

export interface TestApp extends TestService<typeof ConfigSchema, PrismaClient> {
  filesDir: string;
}

/** The core service on a fresh database, event namespace and files folder, with a test "gateway" key pair. */
export async function buildTestApp(env: Record<string, string> = {}, storage?: ObjectStorage): Promise<TestApp> {
  const filesDir = mkdtempSync(path.join(os.tmpdir(), 'plh-core-files-'));
  const service = await startTestService(coreService, {
    env: {
      PHI_MASTER_KEYS: `k1:${randomBytes(32).toString('base64')}`,
      FILE_URL_SECRET: randomBytes(32).toString('hex'),
      FILE_ENCRYPTION_KEYS: `f1:${randomBytes(32).toString('base64')}`,
      STORAGE_LOCAL_DIR: filesDir,
      ...env,
    },
    deps: storage ? { storage } : {},
  });
  return {
    ...service,
    filesDir,
    close: async () => {
      await service.close();
      rmSync(filesDir, { recursive: true, force: true });
    },
  };
}

/** A practice with an owner, an approver and a viewer (ids only: users live in the tenant service). */
export { newPractice };

export const opsAgent = (): Principal => ({
  kind: 'user',
  id: randomUUID(),
  tenantId: null,
  role: 'ops_agent',
  scopes: [],
});
export const opsAdmin = (): Principal => ({
  kind: 'user',
  id: randomUUID(),
  tenantId: null,
  role: 'ops_admin',
  scopes: [],
});

/** A CSV with `n` valid Massachusetts recipients (distinct names and streets). */
export function patientCsv(n: number, extra = ''): string {
  const rows = ['First Name,Last Name,Address Line 1,City,State,Zip'];
  for (let i = 1; i <= n; i++) rows.push(`Pat${i},Nuñez${i},${i} Main Street,Boston,MA,0${2100 + (i % 99)}`);
  return `${rows.join('\r\n')}\r\n${extra}`;
}

/**
 * Requests to one practice's API (`url` below `/api/tenants/:tenantId`) as its owner, through the
 * internal token. `app` is read at call time (test apps are built in beforeAll).
 */
export function ownerCalls(app: () => TestApp, practice: ReturnType<typeof newPractice>) {
  return async (method: 'GET' | 'POST', url: string, payload?: unknown, contentType?: string) => {
    const t = app();
    return t.app.inject({
      method,
      url: `/api/tenants/${practice.tenantId}${url}`,
      headers: { ...(await t.as(practice.owner)), ...(contentType ? { 'content-type': contentType } : {}) },
      ...(payload === undefined ? {} : { payload: payload as string }),
    });
  };
}

export type PracticeCall = ReturnType<typeof ownerCalls>;

/**
 * A patient-list upload followed to the end of its import job (the test app runs the job worker): the
 * list as GET shows it once it is no longer `importing`, or the upload's own answer if it was refused.
 */
export async function uploadList(
  t: Pick<TestApp, 'app' | 'as'>,
  who: Principal,
  tenantId: string,
  projectId: string,
  body: string | Buffer,
  contentType = 'text/csv',
) {
  const headers = await t.as(who);
  const res = await t.app.inject({
    method: 'POST',
    url: `/api/tenants/${tenantId}/projects/${projectId}/patient-lists`,
    headers: { ...headers, 'content-type': contentType },
    payload: body,
  });
  return followAccepted(res, (url) => t.app.inject({ method: 'GET', url, headers }));
}

/** A new project with a 3-row patient list (accepted if asked): its ids and where its file is on disk. */
export async function uploadedList(t: TestApp, call: PracticeCall, { accept = false } = {}) {
  const project = (await call('POST', '/projects', { name: 'Closure', letterType: 'practice_closure' })).json();
  const uploaded = await call('POST', `/projects/${project.id}/patient-lists`, patientCsv(3), 'text/csv');
  const list = (await followAccepted(uploaded, (url) => call('GET', url.replace(/^\/api\/tenants\/[^/]+/, '')))).json();
  if (accept && (await call('POST', `/patient-lists/${list.id}/accept`)).statusCode !== 200)
    throw new Error('the list was not accepted');
  const [row] = (
    await t.admin.query<{ revision_id: string; storage_key: string }>(
      `SELECT r.id::text AS revision_id, r.storage_key FROM core.patient_list l
         JOIN core.file_revision r ON r.id = l.file_revision_id WHERE l.id = $1`,
      [list.id],
    )
  ).rows;
  return {
    projectId: project.id as string,
    listId: list.id as string,
    revisionId: row!.revision_id,
    file: path.join(t.filesDir, ...row!.storage_key.split('/')),
  };
}
