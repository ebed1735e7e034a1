import { buildTestApp, type TestApp } from './helpers';

describe('tenant: OpenAPI description', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp();
  });
  afterAll(async () => {
    await t?.close();
  });

  it('describes the public routes from their validation schemas and hides platform-only ones', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/openapi.json' });
    expect(res.statusCode).toBe(200);
    const doc = res.json();
    expect(doc.openapi).toBe('3.1.0');
    const paths = Object.keys(doc.paths);
    expect(paths).toEqual(expect.arrayContaining(['/api/auth/login', '/api/tenants/{tenantId}/api-keys']));
    expect(paths.filter((p) => /^\/(internal|healthz|readyz|openapi)/.test(p))).toEqual([]);
    const create = doc.paths['/api/tenants/{tenantId}/api-keys'].post;
    expect(create.requestBody.content['application/json'].schema.required).toEqual(['name', 'scopes']);
    expect(create.responses['201']).toBeDefined();
    expect(JSON.stringify(create.responses['403'])).toContain('#/components/schemas/Problem');
    expect(doc.components.schemas.Problem).toBeDefined();
  });
});
