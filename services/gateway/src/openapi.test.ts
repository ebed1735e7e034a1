import { mergeOpenApi } from './openapi';
import type { RouteRule } from './route-table';

describe('mergeOpenApi', () => {
  const rule = (path: string, service: 'tenant'): RouteRule => ({
    method: 'GET',
    path,
    service,
    access: { kind: 'authenticated', roles: ['owner'], scopes: ['orders:read'], tenantParam: 'tenantId' },
  });

  it('keeps only table routes, marks undescribed ones, and adds the access rules', () => {
    const doc = mergeOpenApi(
      [rule('/api/tenants/:tenantId/things', 'tenant'), rule('/api/tenants/:tenantId/missing', 'tenant')],
      {
        tenant: {
          paths: {
            '/api/tenants/{tenantId}/things': { get: { responses: { 200: { description: 'ok' } } } },
            '/api/not-in-table': { get: { responses: {} } },
          },
        },
      },
      '1.0.0',
    );
    expect(Object.keys(doc.paths).sort()).toEqual([
      '/api/tenants/{tenantId}/missing',
      '/api/tenants/{tenantId}/things',
    ]);
    expect(doc.paths['/api/tenants/{tenantId}/missing']!.get!['x-plh-undescribed']).toBe(true);
    const things = doc.paths['/api/tenants/{tenantId}/things']!.get!;
    expect(things.security).toEqual([{ bearerAuth: [] }, { apiKey: [] }]);
    expect(things['x-plh-scopes']).toEqual(['orders:read']);
    expect(Object.keys(things.responses as object)).toEqual(['200', '401', '403', '404', '429', '502']);
  });

  it('keeps identical shared schemas once and renames conflicting ones per service, refs included', () => {
    const problem = { type: 'object', properties: { title: { type: 'string' } } };
    const docs = {
      tenant: {
        paths: { '/a': { get: { responses: { 200: { $ref: '#/components/schemas/Thing' } } } } },
        components: { schemas: { Problem: problem, Thing: { type: 'string' } } },
      },
      other: {
        paths: { '/b': { get: { responses: { 200: { $ref: '#/components/schemas/Thing' } } } } },
        components: { schemas: { Problem: problem, Thing: { type: 'integer' } } },
      },
    };
    const routes = [
      { ...rule('/a', 'tenant'), access: { kind: 'public' as const } },
      { ...rule('/b', 'tenant'), service: 'other' as 'tenant', access: { kind: 'public' as const } },
    ];
    const doc = mergeOpenApi(routes, docs as never, '1.0.0');
    expect(Object.keys(doc.components.schemas).sort()).toEqual(['Problem', 'Thing', 'other.Thing']);
    expect(JSON.stringify(doc.paths['/b'])).toContain('#/components/schemas/other.Thing');
    expect(JSON.stringify(doc.paths['/a'])).toContain('#/components/schemas/Thing"');
  });
});
