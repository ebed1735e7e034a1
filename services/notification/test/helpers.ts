import { randomUUID, randomBytes } from 'node:crypto';
import { createEvent, type DirectoryUser, type EventDefinition, type EventEnvelope } from '@plh/contracts';
import { ensureServiceStream } from '@plh/event-bus';
import type { Principal } from '@plh/service-kit';
import { startTestService, type TestService } from '@plh/service-kit/testing';
import { eventually, startMailbox, startRecorder, type Mailbox, type Recorder } from '@plh/test-kit';
import type { Static, TObject } from '@sinclair/typebox';
import type { ConfigSchema } from '../src/config';
import type { UserDirectory } from '../src/domain/deps';
import { notificationService } from '../src/service';
import type { PrismaClient } from '../generated/prisma';

export type TestApp = TestService<typeof ConfigSchema, PrismaClient>;

/**
 * The tenant service's users as its internal API answers them (that API has its own tests in the
 * tenant service; the gateway's workflow test runs both services together).
 */
export function directoryOf(users: DirectoryUser[]): UserDirectory & { users: DirectoryUser[] } {
  const state = { users };
  return {
    get users() {
      return state.users;
    },
    set users(next) {
      state.users = next;
    },
    practiceUsers: async (tenantId) => state.users.filter((u) => u.tenantId === tenantId),
    user: async (userId) => state.users.find((u) => u.id === userId) ?? null,
    opsUsers: async () => state.users.filter((u) => u.tenantId === null),
    close: async () => undefined,
  };
}

export function practiceUser(
  tenantId: string,
  role: 'owner' | 'approver' | 'viewer',
  status = 'active',
): DirectoryUser {
  const id = randomUUID();
  return { id, tenantId, email: `${role}-${id.slice(0, 8)}@clinic.example`, role, status };
}

export const principalOf = (u: DirectoryUser): Principal => ({
  kind: 'user',
  id: u.id,
  tenantId: u.tenantId,
  role: u.role as 'owner',
  scopes: [],
});

/** The providers' stand-ins: SendGrid's and Twilio's APIs (recorders of the real request bodies) and a real SMTP server. */
export interface Providers {
  sendgrid: Recorder;
  twilio: Recorder;
  smtp: Mailbox;
  close(): Promise<void>;
}

export async function startProviders(): Promise<Providers> {
  let sent = 0;
  const sendgrid = await startRecorder(() => ({ status: 202, headers: { 'x-message-id': `sg-${++sent}` }, body: '' }));
  const twilio = await startRecorder(() => ({
    status: 201,
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ sid: `SM${randomUUID().replaceAll('-', '')}`, status: 'queued' }),
  }));
  const smtp = await startMailbox();
  return {
    sendgrid,
    twilio,
    smtp,
    close: async () => void (await Promise.all([sendgrid.close(), twilio.close(), smtp.close()])),
  };
}

export const TWILIO = { sid: 'AC00000000000000000000000000000001', token: 'twilio-test-token', from: '+15005550006' };

export function providerEnv(p: Providers): Record<string, string> {
  return {
    EMAIL_PROVIDER: 'sendgrid',
    SENDGRID_API_KEY: 'SG.test-key',
    SENDGRID_API_URL: p.sendgrid.url,
    SMTP_URL: p.smtp.url,
    EMAIL_PROVIDER_RETRIES: '1',
    TWILIO_ACCOUNT_SID: TWILIO.sid,
    TWILIO_AUTH_TOKEN: TWILIO.token,
    TWILIO_FROM: TWILIO.from,
    TWILIO_API_URL: p.twilio.url,
    PUBLIC_BASE_URL: 'https://app.patientletterhub.test',
    // Receivers listen on 127.0.0.1 in tests; a short schedule keeps retries quick.
    WEBHOOK_ALLOW_PRIVATE_TARGETS: 'true',
    WEBHOOK_RETRY_SCHEDULE: '0,50,50,50,50',
    JOB_POLL_MS: '100',
  };
}

export async function buildTestApp(env: Record<string, string>, directory: UserDirectory): Promise<TestApp> {
  return startTestService(notificationService, {
    env: (keys) => ({
      INTERNAL_TOKEN_PRIVATE_JWK: keys.privateJwk('notification'),
      WEBHOOK_SECRET_KEYS: `test1:${randomBytes(32).toString('base64')}`,
      ...env,
    }),
    deps: { directory },
  });
}

/** Publishes an event on its service's stream in the test's namespace, as that service's relay would. */
export async function publish(t: TestApp, event: EventEnvelope): Promise<void> {
  const { nats, ns } = t.test.platform;
  await ensureServiceStream(nats.jsm, ns, event.type.split('.')[1]!);
  await nats.js.publish(ns.subject(event.type), JSON.stringify(event), { msgID: event.id });
}

export function eventOf<S extends TObject>(def: EventDefinition<S>, tenantId: string | null, data: Static<S>) {
  return createEvent(def, { source: def.type.split('.')[1]!, tenantId, data });
}

export interface MessageRow {
  id: string;
  tenant_id: string;
  channel: string;
  topic: string;
  recipient: string;
  to_address: string | null;
  status: string;
  attempts: number;
  event_id: string | null;
  last_error: string | null;
}

export async function messagesOf(t: TestApp, where: string, params: unknown[] = []): Promise<MessageRow[]> {
  const { rows } = await t.admin.query<MessageRow>(
    `SELECT id::text, tenant_id::text, channel, topic, recipient, to_address, status, attempts, event_id::text, last_error
       FROM notification.message WHERE ${where} ORDER BY created_at, id`,
    params,
  );
  return rows;
}

/** Waits until no job (delivery, escalation) is queued or running. */
export async function jobsIdle(t: TestApp, timeoutMs = 20_000): Promise<void> {
  await eventually(
    async () => {
      const { rows } = await t.admin.query<{ n: number; jobs: string }>(
        `SELECT count(*)::int AS n, string_agg(queue || ' ' || state || ' ' || attempts || ' ' || coalesce(last_error, ''), '; ') AS jobs
           FROM notification.job_queue WHERE state IN ('queued', 'running')`,
      );
      if (rows[0]!.n !== 0) throw new Error(`${rows[0]!.n} jobs still queued or running: ${rows[0]!.jobs}`);
    },
    { timeoutMs },
  );
}

export { eventually };
