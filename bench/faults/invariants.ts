import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { JetStreamManager } from '@nats-io/jetstream';
import { DEAD_LETTER_STREAM } from '@plh/contracts';
import { DATA_SERVICES, survivePoolErrors } from '@plh/db';
import { connectNats } from '@plh/event-bus';
import type { Recorder } from '@plh/test-kit';
import { Pool } from 'pg';

/** One checked promise: what must hold, whether it did, and what was seen. */
export interface Invariant {
  name: string;
  holds: boolean;
  detail: string;
}

/** The platform's own records, read as its operator would: the database (admin) and NATS. */
export class PlatformState {
  private constructor(
    private readonly db: Pool,
    private readonly jsm: JetStreamManager,
    private readonly closeNats: () => Promise<void>,
  ) {}

  static async open(adminUrl: string, natsUrl: string): Promise<PlatformState> {
    const db = survivePoolErrors(new Pool({ connectionString: adminUrl, max: 2 })); // PostgreSQL restarts under it
    const { nc, jsm } = await connectNats(natsUrl, 'fault-suite');
    return new PlatformState(db, jsm, () => nc.close());
  }

  async close(): Promise<void> {
    await this.db.end();
    await this.closeNats();
  }

  query<T extends object>(sql: string, params: unknown[] = []): Promise<T[]> {
    return this.db.query<T>(sql, params).then((r) => r.rows);
  }

  /** Outbox rows not yet published, and jobs queued or running, in every service's schema. */
  async backlog(): Promise<{ unsent: number; jobs: number; consumers: number }> {
    let unsent = 0;
    let jobs = 0;
    for (const schema of DATA_SERVICES) {
      const [o] = await this.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM ${schema}.outbox WHERE sent_at IS NULL`,
      );
      unsent += o?.n ?? 0;
      const [j] = await this.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM ${schema}.job_queue
          WHERE (state = 'queued' AND run_at <= now()) OR state = 'running'`,
      ).catch(() => [{ n: 0 }]); // the tenant service has no job queue
      jobs += j?.n ?? 0;
    }
    let consumers = 0;
    for (const c of await this.consumers()) consumers += c.pending + c.ackPending;
    return { unsent, jobs, consumers };
  }

  /** Every durable consumer on every platform stream, with the event types it takes. */
  async consumers(): Promise<{ stream: string; name: string; types: string[]; pending: number; ackPending: number }[]> {
    const found = [];
    for await (const stream of this.jsm.streams.list()) {
      if (stream.config.name === DEAD_LETTER_STREAM.name) continue;
      for await (const c of this.jsm.consumers.list(stream.config.name)) {
        if (!c.config.durable_name) continue; // the gateway's ephemeral watchers keep no inbox
        const types = c.config.filter_subjects ?? (c.config.filter_subject ? [c.config.filter_subject] : []);
        found.push({
          stream: stream.config.name,
          name: c.name,
          types,
          pending: c.num_pending,
          ackPending: c.num_ack_pending,
        });
      }
    }
    return found;
  }

  /**
   * Deletes a durable consumer as an operator would (`nats consumer rm`), trying again while the server
   * answers an error and the consumer is still there: nats-server 2.10 may fail removing the consumer's
   * store while it writes to it (`unlinkat …/obs/<name>: directory not empty`).
   */
  async deleteConsumer(stream: string, name: string): Promise<void> {
    for (let attempt = 1; ; attempt++) {
      try {
        await this.jsm.consumers.delete(stream, name);
        return;
      } catch (err) {
        const still = await this.jsm.consumers.info(stream, name).then(
          () => true,
          () => false,
        );
        if (!still) return;
        if (attempt === 10) throw err;
        await new Promise((r) => setTimeout(r, 100 * attempt));
      }
    }
  }

  async deadLetters(): Promise<number> {
    try {
      return (await this.jsm.streams.info(DEAD_LETTER_STREAM.name)).state.messages;
    } catch {
      return 0; // never created: nothing was ever dead-lettered
    }
  }
}

/** Waits until nothing is in flight anywhere: outboxes published, consumers caught up, due jobs done. */
export async function quiesce(state: PlatformState, timeoutMs: number): Promise<string | null> {
  const deadline = Date.now() + timeoutMs;
  let seen = '';
  for (let calm = 0; calm < 3;) {
    const b = await state.backlog().catch((err: unknown) => ({ error: String(err) }));
    seen = JSON.stringify(b);
    calm = 'unsent' in b && b.unsent + b.jobs + b.consumers === 0 ? calm + 1 : 0;
    if (Date.now() > deadline) return `still busy after ${timeoutMs / 1000} s: ${seen}`;
    await new Promise((r) => setTimeout(r, 1_000));
  }
  return null;
}

export interface Effects {
  /** Orders whose POST answered 2xx to the client (first time or replayed). */
  acceptedOrders: string[];
  /** When the run began: every consumer existed by then, so each later event must be in its inbox. */
  since: Date;
  /** The durable consumers that existed then: each must still exist (recreated if it was dropped). */
  consumersAtStart: string[];
  /**
   * When PostgreSQL was down. A notification is sent, then its sending recorded: if the database goes
   * away in between, the job runs again and the same message (same X-PLH-Message-Id, same webhook-id)
   * goes out again. That repeat is at-least-once delivery, which receivers dedupe by that id; any other
   * repeat is a duplicate.
   */
  databaseOutages: { from: number; to: number }[];
  /** The practices the run made (their data is what is checked). */
  tenantIds: string[];
  mailDir: string;
  webhooks: Recorder;
  /** Audit trail verification per practice (GET …/compliance/audit/verify). */
  verifyAudit: (tenantId: string) => Promise<{ valid: boolean; entries: number }>;
}

/** The promises of the fault suite, checked after the platform is quiet again. */
export async function checkInvariants(state: PlatformState, effects: Effects): Promise<Invariant[]> {
  const out: Invariant[] = [];
  const check = (name: string, holds: boolean, detail: string) => out.push({ name, holds, detail });
  const tenants = effects.tenantIds;

  const orders = await state.query<{ id: string; project_id: string; status: string }>(
    `SELECT id, project_id, status FROM core.orders WHERE tenant_id = ANY($1::uuid[])`,
    [tenants],
  );
  const stored = new Set(orders.map((o) => o.id));
  const missing = effects.acceptedOrders.filter((id) => !stored.has(id));
  const perProject = new Map<string, number>();
  for (const o of orders) perProject.set(o.project_id, (perProject.get(o.project_id) ?? 0) + 1);
  const doubled = [...perProject.values()].filter((n) => n > 1).length;
  check(
    'every accepted order exists, once',
    missing.length === 0 && doubled === 0 && orders.length === new Set(effects.acceptedOrders).size,
    `${new Set(effects.acceptedOrders).size} accepted, ${orders.length} stored, ${missing.length} missing, ${doubled} projects with two orders`,
  );

  // The proof engine queues a render per event (order placed: the proof; approved: the production
  // file). Nothing in its schema stops a second render of a finished one, so an event handled twice
  // would show here. No order of the run is rejected, so each has exactly one of each kind.
  const renders = await state.query<{ kind: string; orders: number; jobs: number; done: number }>(
    `SELECT kind, count(DISTINCT order_id)::int AS orders, count(*)::int AS jobs,
            count(*) FILTER (WHERE state = 'done')::int AS done
       FROM proof.job WHERE tenant_id = ANY($1::uuid[]) GROUP BY kind ORDER BY kind`,
    [tenants],
  );
  check(
    'each order rendered once: one proof, one production file',
    renders.length === 2 &&
      renders.every((r) => r.jobs === r.orders && r.done === r.jobs && r.orders === orders.length),
    renders.map((r) => `${r.kind}: ${r.jobs} renders (${r.done} done) for ${r.orders} orders`).join(', ') ||
      'no renders',
  );

  // Every event published (any schema's outbox) of a type a consumer takes is in that consumer's inbox.
  const inboxes = new Map<string, string>(); // consumer -> schema holding its inbox
  for (const schema of DATA_SERVICES)
    for (const { consumer } of await state.query<{ consumer: string }>(`SELECT DISTINCT consumer FROM ${schema}.inbox`))
      inboxes.set(consumer, schema);
  let unhandled = 0;
  let checkedPairs = 0;
  const lost: string[] = [];
  const present = await state.consumers();
  const gone = effects.consumersAtStart.filter((name) => !present.some((c) => c.name === name));
  if (gone.length) {
    unhandled += gone.length;
    lost.push(`consumers missing at the end: ${gone.join(', ')}`);
  }
  for (const consumer of present) {
    // A consumer that never handled anything has no inbox rows yet: its service is its name's prefix.
    const schema = inboxes.get(consumer.name) ?? DATA_SERVICES.find((s) => consumer.name.startsWith(s));
    if (!schema) {
      lost.push(`${consumer.name}: no inbox found`);
      unhandled += 1;
      continue;
    }
    for (const source of DATA_SERVICES) {
      const [row] = await state.query<{ total: number; missing: number }>(
        `SELECT count(*)::int AS total,
                count(*) FILTER (WHERE NOT EXISTS (
                  SELECT 1 FROM ${schema}.inbox i WHERE i.consumer = $2 AND i.event_id = o.id))::int AS missing
           FROM ${source}.outbox o
          WHERE o.subject = ANY($1::text[]) AND o.created_at >= $3`,
        [consumer.types, consumer.name, effects.since],
      );
      checkedPairs += row?.total ?? 0;
      if (row?.missing) {
        unhandled += row.missing;
        lost.push(`${consumer.name}: ${row.missing} of ${source}'s`);
      }
    }
  }
  check(
    'every event handled by every consumer of its type (inbox)',
    unhandled === 0,
    `${checkedPairs} (event, consumer) pairs, ${unhandled} not handled${lost.length ? `: ${lost.join('; ')}` : ''}`,
  );

  const backlog = await state.backlog();
  check('no outbox row left unpublished', backlog.unsent === 0, `${backlog.unsent} unsent`);
  const dead = await state.deadLetters();
  check('no event dead-lettered', dead === 0, `${dead} dead letters`);

  const failedJobs: string[] = [];
  for (const schema of DATA_SERVICES) {
    const rows = await state
      .query<{ queue: string; n: number }>(
        `SELECT queue, count(*)::int AS n FROM ${schema}.job_queue WHERE state = 'failed' GROUP BY queue`,
      )
      .catch(() => []);
    for (const r of rows) failedJobs.push(`${schema}/${r.queue}: ${r.n}`);
  }
  check('no job failed for good', failedJobs.length === 0, failedJobs.join(', ') || 'none');

  const messages = await state.query<{ channel: string; status: string; n: number }>(
    `SELECT channel, status, count(*)::int AS n FROM notification.message
      WHERE tenant_id = ANY($1::uuid[]) GROUP BY channel, status ORDER BY channel, status`,
    [tenants],
  );
  const undelivered = messages.filter((m) => m.status !== 'delivered' && m.status !== 'sent');
  check(
    'every notification delivered',
    undelivered.length === 0 && messages.length > 0,
    messages.map((m) => `${m.channel} ${m.status}: ${m.n}`).join(', ') || 'no messages at all',
  );

  // Each .eml is named by the time the mailbox received it (scripts/start.mjs).
  const emails = readdirSync(effects.mailDir)
    .filter((f) => f.endsWith('.eml'))
    .map((f) => ({
      id: /^X-PLH-Message-Id:\s*(\S+)/im.exec(readFileSync(path.join(effects.mailDir, f), 'utf8'))?.[1],
      at: Date.parse(f.replace(/^(\d{4}-\d\d-\d\d)T(\d\d)-(\d\d)-(\d\d)-(\d{3})Z.*$/, '$1T$2:$3:$4.$5Z')),
    }))
    .filter((e): e is { id: string; at: number } => Boolean(e.id));
  const mail = repeats(emails, effects.databaseOutages);
  check(
    'no email sent twice',
    mail.duplicates === 0 && emails.length > 0,
    `${emails.length} emails, ${mail.distinct} distinct messages, ${mail.explained} repeated across a database outage`,
  );

  const hooks = repeats(
    effects.webhooks.requests
      .filter((r) => r.method === 'POST')
      .map((r) => ({ id: String(r.headers['webhook-id']), at: r.at })),
    effects.databaseOutages,
  );
  check(
    'no webhook delivered twice',
    hooks.duplicates === 0 && hooks.distinct > 0,
    `${hooks.total} deliveries, ${hooks.distinct} distinct webhook ids, ${hooks.explained} repeated across a database outage`,
  );

  const broken: string[] = [];
  let entries = 0;
  for (const tenantId of tenants) {
    const report = await effects.verifyAudit(tenantId);
    entries += report.entries;
    if (!report.valid) broken.push(tenantId);
  }
  check(
    'every practice’s audit chain verifies',
    broken.length === 0 && entries > 0,
    `${tenants.length} chains, ${entries} entries${broken.length ? `, broken: ${broken.join(', ')}` : ''}`,
  );
  return out;
}

/**
 * Sends counted by message id. A repeat is explained when its first send came while the database was
 * down (or within 5 s before: the record of that send was still to be written); any other is a duplicate.
 */
function repeats(
  sends: { id: string; at: number }[],
  outages: { from: number; to: number }[],
): { total: number; distinct: number; explained: number; duplicates: number } {
  const byId = new Map<string, number[]>();
  for (const s of sends) byId.set(s.id, [...(byId.get(s.id) ?? []), s.at]);
  let explained = 0;
  let duplicates = 0;
  for (const times of byId.values()) {
    if (times.length < 2) continue;
    const first = Math.min(...times);
    if (outages.some((o) => first >= o.from - 5_000 && first <= o.to)) explained += times.length - 1;
    else duplicates += times.length - 1;
  }
  return { total: sends.length, distinct: byId.size, explained, duplicates };
}
