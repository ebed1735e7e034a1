import { freePort } from '@plh/test-kit';
import { serveMetrics } from '@plh/service-kit';
import type { Server } from 'node:http';
import { buildTestApp, newPractice, ownerCalls, uploadList, patientCsv, type TestApp } from './helpers';

/** GET /metrics: the app's HTTP series and the platform's (outbox, consumers, dead letters, jobs), on its own port. */
describe('core metrics', () => {
  let t: TestApp;
  let server: Server;
  let url: string;
  const practice = newPractice();
  const call = ownerCalls(() => t, practice);

  beforeAll(async () => {
    t = await buildTestApp();
    const port = await freePort();
    server = await serveMetrics('core', [t.app.metrics, t.test.platform.metrics], { host: '127.0.0.1', port });
    url = `http://127.0.0.1:${port}`;
  });
  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
    await t.close();
  });

  const scrape = async () => {
    const res = await fetch(`${url}/metrics`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
    return res.text();
  };
  /** The value of one series, by its name and labels as written. */
  const valueOf = (text: string, series: string) => {
    const line = text.split('\n').find((l) => l.startsWith(`${series} `));
    return line === undefined ? undefined : Number(line.slice(series.length + 1));
  };

  it('counts requests by route template and status, with durations', async () => {
    const project = await call('POST', '/projects', { name: 'Metrics', letterType: 'practice_closure' });
    expect(project.statusCode).toBe(201);
    const { id } = project.json<{ id: string }>();
    expect((await call('GET', `/projects/${id}`)).statusCode).toBe(200);
    const text = await scrape();
    const route = '/api/tenants/:tenantId/projects/:projectId';
    const count = valueOf(
      text,
      `plh_http_request_duration_seconds_count{service="core",method="GET",route="${route}",status_code="200"}`,
    );
    expect(count).toBeGreaterThanOrEqual(1);
    expect(text).not.toContain(practice.tenantId); // a template, never the path with its ids
  });

  it('shows the outbox, the job queue and job durations, the consumers and the dead letters', async () => {
    const project = (await call('POST', '/projects', { name: 'Queue', letterType: 'practice_closure' })).json<{
      id: string;
    }>();
    // The list's import runs as a job of the service's own queue.
    await uploadList(t, practice.owner, practice.tenantId, project.id, patientCsv(3));
    const text = await scrape();
    expect(valueOf(text, 'plh_outbox_unsent{service="core"}')).toBeGreaterThanOrEqual(0);
    expect(valueOf(text, 'plh_outbox_oldest_unsent_seconds{service="core"}')).toBeGreaterThanOrEqual(0);
    expect(text).toMatch(
      /^plh_job_duration_seconds_count\{service="core",queue="core\.import-patient-list",outcome="done"\} [1-9]/m,
    );
    expect(text).toMatch(/^plh_consumer_pending_messages\{consumer="core-[^"]+",service="core"\} \d+/m);
    expect(valueOf(text, 'plh_dead_letter_messages{service="core"}')).toBeGreaterThanOrEqual(0);
    expect(text).toContain('plh_process_cpu_seconds_total');
    expect(text).not.toContain('plh_metric_read_errors'); // every source answered
  });

  it('answers only GET /metrics', async () => {
    expect((await fetch(`${url}/`)).status).toBe(404);
    expect((await fetch(`${url}/metrics`, { method: 'POST' })).status).toBe(404);
  });
});
