import { buildOpenApiDocument, type OpenApiPaths } from '../../src/http/api/openapi';
import { startStaffApp } from './authHelpers';

describe('/api/openapi.json', () => {
  it('serves an OpenAPI 3.1 document without a token, with login, audit and stream', async () => {
    const running = await startStaffApp();
    try {
      const res = await fetch(`${running.base}/api/openapi.json`);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toMatch(/json/);
      const doc = JSON.parse(await res.text());
      expect(doc.openapi).toBe('3.1.0');
      const login = doc.paths['/api/auth/login'].post;
      expect(login.security).toEqual([]);
      expect(login.requestBody.content['application/json'].schema).toMatchObject({
        type: 'object',
        required: expect.arrayContaining(['username', 'password']),
      });
      expect(login.responses['200'].content['application/json'].schema.properties).toHaveProperty('token');
      expect(doc.paths['/api/audit'].get.responses).toHaveProperty('403');
      expect(doc.paths['/api/stream'].get.description).toMatch(/StaffEvent/);
      expect(doc.components.securitySchemes.bearerAuth).toMatchObject({ type: 'http', scheme: 'bearer' });
      // Every local $ref resolves.
      const refs = [...JSON.stringify(doc).matchAll(/"\$ref":"#\/([^"]+)"/g)].map((m) => m[1]);
      expect(refs.length).toBeGreaterThan(0);
      for (const ref of refs) expect(ref.split('/').reduce((node: any, key) => node?.[key], doc)).toBeDefined();
    } finally {
      await running.stop();
    }
  });

  it('merges fragments from other route modules, also ones added after mount', async () => {
    const running = await startStaffApp();
    try {
      const late = { '/api/example-late': { get: { summary: 'Added late', responses: { 200: { description: 'ok' } } } } };
      running.app.staff.addOpenApiPaths(late);
      const doc = await (await fetch(`${running.base}/api/openapi.json`)).json();
      expect(doc.paths['/api/example-late'].get.summary).toBe('Added late');
      expect(doc.paths['/api/auth/login']).toBeDefined();
      // A clash is refused when added, and the served document stays whole.
      expect(() => running.app.staff.addOpenApiPaths(late)).toThrow(/GET \/api\/example-late/);
      expect((await fetch(`${running.base}/api/openapi.json`)).status).toBe(200);
    } finally {
      await running.stop();
    }
  });

  it('refuses two descriptions of one operation, and merges methods of one path', () => {
    const a: OpenApiPaths = { '/api/x': { get: { responses: {} } } };
    const b: OpenApiPaths = { '/api/x': { post: { responses: {} } } };
    const merged = buildOpenApiDocument([a, b]) as { paths: Record<string, object> };
    expect(Object.keys(merged.paths['/api/x'])).toEqual(['get', 'post']);
    expect(() => buildOpenApiDocument([a, a])).toThrow(/GET \/api\/x/);
  });
});
