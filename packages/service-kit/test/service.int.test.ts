import { Writable } from 'node:stream';
import { PgDatabase } from '@plh/db';
import { connectNats, type NatsClients } from '@plh/event-bus';
import { createTestDatabase, testNatsUrl, type TestDatabase } from '@plh/test-kit';
import {
  BaseConfigSchema,
  Conflict,
  createService,
  loadConfig,
  natsCheck,
  postgresCheck,
  ProblemError,
  Type,
  type ServiceApp,
} from '../src';

/** Everything the service logs, as text, so tests can search it for PHI. */
function captureLogs() {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _enc, done) {
      lines.push(chunk.toString());
      done();
    },
  });
  return { stream, text: () => lines.join('') };
}

const PHI = { firstName: 'Nguyễn', lastName: 'Thị-Minh', address1: '12 Rue Oak Street', dob: '1950-02-03' };
const config = loadConfig(BaseConfigSchema, { PORT: '0', LOG_LEVEL: 'info' });

describe('a service built with createService', () => {
  let app: ServiceApp;
  let db: PgDatabase;
  let nats: NatsClients;
  let testDb: TestDatabase;
  const logs = captureLogs();
  const closed: string[] = [];

  beforeAll(async () => {
    testDb = await createTestDatabase();
    db = new PgDatabase({ connectionString: testDb.adminUrl });
    nats = await connectNats(testNatsUrl(), 'service-kit-test');
    app = await createService({
      name: 'demo',
      config,
      logStream: logs.stream,
      readiness: { postgres: postgresCheck(db), nats: natsCheck(nats.nc) },
    });
    app.post(
      '/patients',
      {
        schema: {
          body: Type.Object(
            { firstName: Type.String({ minLength: 1 }), zip: Type.String({ pattern: '^\\d{5}$' }) },
            { additionalProperties: false },
          ),
        },
      },
      async (req) => {
        req.log.info({ patient: PHI, ...PHI }, 'careless log line with PHI');
        return { ok: true };
      },
    );
    app.get('/boom', async () => {
      // The kind of message drivers produce: values echoed back in quotes and key details.
      throw new Error(
        `duplicate key value violates unique constraint "patient_name_key" Key (last_name)=(${PHI.lastName}); ` +
          `invalid input syntax for type date: "${PHI.dob}" near ${PHI.dob}`,
      );
    });
    app.get('/conflict', async () => {
      throw new Conflict('ORDER_ALREADY_APPROVED', 'The order was approved already.');
    });
    app.get('/slow', async () => {
      await new Promise((resolve) => setTimeout(resolve, 300));
      return { finished: true };
    });
    app.addHook('onClose', async () => void closed.push('consumers'));
    app.addHook('onClose', async () => void closed.push('pool'));
    await app.ready();
  });
  afterAll(async () => {
    await app.close();
    await nats.nc.close();
    await db.end();
    await testDb.drop();
  });

  const expectProblem = (res: { headers: Record<string, unknown>; json(): unknown }, requestId: string) => {
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.headers['x-request-id']).toBe(requestId);
    const body = res.json() as Record<string, unknown>;
    expect(body.requestId).toBe(requestId);
    expect(body.type).toMatch(/^https:\/\/docs\.patientletterhub\.com\/problems\/[a-z-]+$/);
    return body;
  };

  it('an unknown route is a problem+json 404 carrying the request id', async () => {
    const res = await app.inject({ method: 'GET', url: '/nope?name=Jane', headers: { 'x-request-id': 'req-404' } });
    expect(res.statusCode).toBe(404);
    expect(expectProblem(res, 'req-404')).toMatchObject({ status: 404, code: 'ROUTE_NOT_FOUND', instance: '/nope' });
  });

  it('a schema violation is a 400 listing every failing field as a JSON pointer', async () => {
    const res = await app.inject({
      method: 'POST',
      url: '/patients',
      headers: { 'x-request-id': 'req-400' },
      payload: { zip: '1234', extra: PHI.lastName },
    });
    expect(res.statusCode).toBe(400);
    const body = expectProblem(res, 'req-400');
    expect(body).toMatchObject({ code: 'VALIDATION_FAILED', status: 400 });
    expect((body.errors as Array<{ pointer: string }>).map((e) => e.pointer).sort()).toEqual([
      '/body/extra',
      '/body/firstName',
      '/body/zip',
    ]);
  });

  it('malformed JSON is a 400 whose detail does not echo the body', async () => {
    const res = await app.inject({
      method: 'POST',
      url: '/patients',
      headers: { 'content-type': 'application/json', 'x-request-id': 'req-json' },
      payload: `{"firstName": "${PHI.firstName}"`,
    });
    expect(res.statusCode).toBe(400);
    expect(expectProblem(res, 'req-json')).toMatchObject({
      code: 'VALIDATION_FAILED',
      detail: 'The body is not valid JSON.',
    });
    expect(res.body).not.toContain(PHI.firstName);
  });

  it('a thrown error is a generic 500: no stack, no message, no SQL', async () => {
    const res = await app.inject({ method: 'GET', url: '/boom', headers: { 'x-request-id': 'req-500' } });
    expect(res.statusCode).toBe(500);
    const body = expectProblem(res, 'req-500');
    expect(body).toMatchObject({ code: 'INTERNAL_ERROR', status: 500 });
    expect(res.body).not.toMatch(/duplicate key|constraint|at Object|\.ts:/);
  });

  it('a domain ProblemError goes out as it is', async () => {
    const res = await app.inject({ method: 'GET', url: '/conflict', headers: { 'x-request-id': 'req-409' } });
    const expected = new Conflict('ORDER_ALREADY_APPROVED', 'The order was approved already.');
    expect(res.statusCode).toBe(409);
    expect(expectProblem(res, 'req-409')).toEqual({
      type: expected.type,
      title: expected.title,
      status: 409,
      detail: expected.detail,
      instance: '/conflict',
      code: 'ORDER_ALREADY_APPROVED',
      requestId: 'req-409',
    });
    expect(expected).toBeInstanceOf(ProblemError);
  });

  it('mints a request id when none (or a hostile one) is given', async () => {
    const res = await app.inject({ method: 'GET', url: '/healthz', headers: { 'x-request-id': 'x\r\ny' } });
    expect(res.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('never writes PHI to the log, whatever a handler logs or a caller sends', async () => {
    await app.inject({ method: 'POST', url: '/patients', payload: { firstName: PHI.firstName, zip: '12345' } });
    await app.inject({ method: 'GET', url: `/boom?lastName=${encodeURIComponent(PHI.lastName)}` });
    const text = logs.text();
    expect(text).toContain('careless log line with PHI');
    expect(text).toContain('[REDACTED]');
    for (const value of Object.values(PHI)) expect(text).not.toContain(value);
    // The 500 is logged for operators with its stack and a scrubbed message.
    expect(text).toContain('duplicate key value violates unique constraint');
    expect(text).toMatch(/"stack":"\s+at /);
  });

  it('/healthz is live; /readyz checks Postgres and NATS', async () => {
    expect((await app.inject({ method: 'GET', url: '/healthz' })).json()).toEqual({ status: 'ok' });
    const ready = await app.inject({ method: 'GET', url: '/readyz' });
    expect(ready.statusCode).toBe(200);
    expect(ready.json()).toEqual({ status: 'ready', checks: { postgres: 'ok', nats: 'ok' } });
  });

  it('/readyz answers 503 problem+json when a dependency is gone', async () => {
    const other = await connectNats(testNatsUrl(), 'readiness-loss');
    const probe = await createService({
      name: 'probe',
      config,
      logStream: captureLogs().stream,
      readiness: { nats: natsCheck(other.nc) },
    });
    await other.nc.close();
    const res = await probe.inject({ method: 'GET', url: '/readyz' });
    expect(res.statusCode).toBe(503);
    expect(res.json()).toMatchObject({ code: 'SERVICE_UNAVAILABLE', detail: 'Not ready: nats' });
    await probe.close();
  });

  it('graceful shutdown finishes in-flight requests, refuses new ones, then closes dependencies', async () => {
    const server = await createService({ name: 'shutdown', config, logStream: captureLogs().stream });
    const order: string[] = [];
    let arrived: () => void = () => undefined;
    const inHandler = new Promise<void>((resolve) => (arrived = resolve));
    server.get('/slow', async () => {
      arrived();
      await new Promise((resolve) => setTimeout(resolve, 300));
      order.push('slow finished');
      return { finished: true };
    });
    server.addHook('onClose', async () => void order.push('dependencies closed'));
    const address = await server.listen({ host: '127.0.0.1', port: 0 });
    const inflight = fetch(`${address}/slow`).then((r) => r.json());
    await inHandler; // the request is in flight when shutdown begins
    const closing = server.close();
    expect(await inflight).toEqual({ finished: true });
    await closing;
    expect(order).toEqual(['slow finished', 'dependencies closed']);
    await expect(fetch(`${address}/healthz`)).rejects.toThrow();
  });
});
