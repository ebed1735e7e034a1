import { createHash } from 'node:crypto';
import { s3Storage } from '@plh/storage';
import { startS3Server, type S3ServerHandle } from '@plh/test-kit';
import { buildTestApp, newPractice, patientCsv, uploadList, type TestApp } from './helpers';

/**
 * The same service on the S3 driver with S3's own encryption (STORAGE_ENCRYPTION=s3-kms: SSE-KMS, so
 * presigned links work; s3rver stands in for S3: real client library, real wire format, though it
 * neither encrypts nor checks signatures).
 */
describe('core on S3 storage', () => {
  let s3: S3ServerHandle;
  let t: TestApp;
  const practice = newPractice();

  beforeAll(async () => {
    s3 = await startS3Server('plh-core-test');
    t = await buildTestApp(
      { STORAGE_DRIVER: 's3', STORAGE_ENCRYPTION: 's3-kms', S3_KMS_KEY_ID: 'alias/plh-test' },
      s3Storage({
        bucket: s3.bucket,
        prefix: 'test-env',
        kms: { keyId: 'alias/plh-test' },
        client: { endpoint: s3.endpoint, region: s3.region, credentials: s3.credentials, forcePathStyle: true },
      }),
    );
  });
  afterAll(async () => {
    await t?.close();
    await s3?.stop();
  });

  it('keeps revisions and patient lists in the bucket under the tenant prefix, with presigned downloads', async () => {
    const headers = await t.as(practice.owner);
    const project = (
      await t.app.inject({
        method: 'POST',
        url: `/api/tenants/${practice.tenantId}/projects`,
        headers,
        payload: { name: 'S3', letterType: 'other' },
      })
    ).json();
    const png = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(500, 7)]);
    const logo = await t.app.inject({
      method: 'POST',
      url: `/api/tenants/${practice.tenantId}/projects/${project.id}/files/logo`,
      headers: { ...headers, 'content-type': 'image/png' },
      payload: png,
    });
    expect(logo.statusCode).toBe(201);
    expect(logo.json()).toMatchObject({
      revision: 1,
      contentType: 'image/png',
      sha256: createHash('sha256').update(png).digest('hex'),
    });
    const link = await t.app.inject({
      method: 'GET',
      url: `/api/tenants/${practice.tenantId}/files/${logo.json().id}/download`,
      headers,
    });
    const url = new URL(link.json().url);
    expect(url.origin).toBe(s3.endpoint);
    expect(url.pathname).toBe(
      `/${s3.bucket}/test-env/tenants/${practice.tenantId}/projects/${project.id}/logo/${logo.json().id}`,
    );
    expect(url.searchParams.get('X-Amz-Expires')).toBe(String(t.config.DOWNLOAD_URL_TTL_SEC));
    expect(Buffer.from(await (await fetch(url)).arrayBuffer())).toEqual(png);

    const list = await uploadList(t, practice.owner, practice.tenantId, project.id, patientCsv(25));
    expect(list.statusCode).toBe(200);
    expect(list.json().summary).toMatchObject({ validRows: 25 });
  });
});
