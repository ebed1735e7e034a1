import { randomUUID } from 'node:crypto';
import { ensureDeadLetterStream, ensureServiceStream, publishDeadLetter } from '@plh/event-bus';
import type { Principal } from '@plh/service-kit';
import { buildTestApp, type TestApp } from './helpers';

/**
 * The ops console's dead letters: every service's consumers dead-letter into one stream of the namespace;
 * ops reads them without the event's body and, once the cause is fixed, publishes the event again.
 */
describe('dead letters (ops)', () => {
  let t: TestApp;
  beforeAll(async () => (t = await buildTestApp()));
  afterAll(() => t.close());

  const opsAdmin: Principal = { kind: 'user', id: randomUUID(), tenantId: null, role: 'ops_admin', scopes: [] };
  const opsAgent: Principal = { kind: 'user', id: randomUUID(), tenantId: null, role: 'ops_agent', scopes: [] };
  const call = async (who: Principal, method: 'GET' | 'POST', url: string) =>
    t.app.inject({ method, url, headers: await t.as(who) });

  /** A message core's (made-up) consumer gave up on, as the event bus records it. */
  async function deadLetter(reason: 'handler_failed' | 'invalid_event' = 'handler_failed') {
    const { nats, ns } = t.test.platform;
    const stream = await ensureServiceStream(nats.jsm, ns, 'core');
    await ensureDeadLetterStream(nats.jsm, ns);
    const eventId = randomUUID();
    const type = 'plh.core.order.placed';
    const payload = JSON.stringify({ id: eventId, type, note: 'ids only' });
    const original = await nats.js.publish(ns.subject(type), payload, { msgID: eventId });
    await publishDeadLetter(nats.js, ns, {
      consumer: 'proof-core-events',
      subject: ns.subject(type),
      stream,
      streamSequence: original.seq,
      deliveries: 5,
      reason,
      error: 'core did not answer',
      failedAt: new Date().toISOString(),
      eventId,
      eventType: type,
      payload,
    });
    return { stream, eventId, payload, subject: ns.subject(type) };
  }

  it('lists what failed where, without the event itself; an agent reads, only an admin retries', async () => {
    const { eventId } = await deadLetter();
    const list = await call(opsAgent, 'GET', '/api/ops/dead-letters?consumer=proof-core-events');
    expect(list.statusCode).toBe(200);
    const letter = list.json().items.find((l: { eventId: string }) => l.eventId === eventId);
    expect(letter).toMatchObject({
      consumer: 'proof-core-events',
      reason: 'handler_failed',
      deliveries: 5,
      error: 'core did not answer',
      sequence: expect.any(Number),
    });
    expect(letter).not.toHaveProperty('payload');
    const refused = await call(opsAgent, 'POST', `/api/ops/dead-letters/${letter.sequence}/retry`);
    expect(refused.statusCode).toBe(403);
    expect(refused.headers['content-type']).toMatch(/^application\/problem\+json/);
    const owner: Principal = { kind: 'user', id: randomUUID(), tenantId: randomUUID(), role: 'owner', scopes: [] };
    expect((await call(owner, 'GET', '/api/ops/dead-letters')).statusCode).toBe(403);
    expect((await call(opsAgent, 'GET', '/api/ops/dead-letters?consumer=a.b')).statusCode).toBe(400);
  });

  it('a retry publishes the event again on its subject, removes the letter and is audited; a second is 404', async () => {
    const { eventId, payload, subject, stream } = await deadLetter();
    const { nats } = t.test.platform;
    const letter = (await call(opsAdmin, 'GET', '/api/ops/dead-letters'))
      .json()
      .items.find((l: { eventId: string }) => l.eventId === eventId);
    const retried = await call(opsAdmin, 'POST', `/api/ops/dead-letters/${letter.sequence}/retry`);
    expect(retried.statusCode).toBe(200);
    expect(retried.json()).toMatchObject({ eventId, sequence: letter.sequence });
    const republished = await nats.jsm.streams.getMessage(stream, { last_by_subj: subject });
    expect(republished?.string()).toBe(payload);
    const after = (await call(opsAdmin, 'GET', '/api/ops/dead-letters')).json().items;
    expect(after.map((l: { sequence: number }) => l.sequence)).not.toContain(letter.sequence);
    const again = await call(opsAdmin, 'POST', `/api/ops/dead-letters/${letter.sequence}/retry`);
    expect(again.statusCode).toBe(404);
    expect(again.json()).toMatchObject({ code: 'NOT_FOUND' });

    // A message that broke its contract would only come back: refused, and kept.
    const invalid = await deadLetter('invalid_event');
    const broken = (await call(opsAdmin, 'GET', '/api/ops/dead-letters'))
      .json()
      .items.find((l: { eventId: string }) => l.eventId === invalid.eventId);
    const refused = await call(opsAdmin, 'POST', `/api/ops/dead-letters/${broken.sequence}/retry`);
    expect(refused.statusCode).toBe(409);
    expect(refused.json()).toMatchObject({ code: 'DEAD_LETTER_NOT_RETRYABLE' });
    expect((await call(opsAdmin, 'GET', '/api/ops/dead-letters')).json().items).toContainEqual(
      expect.objectContaining({ sequence: broken.sequence }),
    );

    const audit = await t.test.platform.db.outboxEvent.findMany({
      where: { tenantId: null, subject: { endsWith: 'plh.tenant.audit.recorded' } },
    });
    const records = audit.map((row) => (row.payload as { data: { action: string; resource: { id: string } } }).data);
    expect(records).toContainEqual(
      expect.objectContaining({
        action: 'dead-letter.retry',
        resource: expect.objectContaining({ id: String(letter.sequence) }),
      }),
    );
  });
});
