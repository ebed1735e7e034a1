import { randomUUID } from 'node:crypto';
import type { Session } from './client';

/** A practice of the load test: its id and its owner (who also approves). */
export interface Practice {
  tenantId: string;
  owner: Session;
  name: string;
}

export class ScenarioError extends Error {}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function expect2xx(res: { status: number; body: unknown }, step: string) {
  if (res.status < 200 || res.status >= 300)
    throw new ScenarioError(`${step}: HTTP ${res.status} ${JSON.stringify(res.body).slice(0, 200)}`);
  return res.body as Record<string, unknown>;
}

/** Polls `read` every `everyMs` until `done` says so, or throws after `timeoutMs`. */
async function until<T>(
  read: () => Promise<T>,
  done: (value: T) => boolean,
  everyMs: number,
  timeoutMs: number,
  what: string,
) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (done(value)) return value;
    if (Date.now() > deadline) throw new ScenarioError(`${what}: not within ${timeoutMs / 1000} s`);
    await sleep(everyMs);
  }
}

/** Milestones of one order, for the event-driven stages' latencies. */
export interface OrderTimes {
  /** The order the practice was answered with (the fault suite checks it exists, once). */
  orderId?: string;
  placedAt?: number;
  proofReadyAt?: number;
  approvedAt?: number;
  mailedAt?: number;
}

/**
 * One order the whole way, as a practice and the ops team drive it through the gateway: campaign,
 * letter, patient list (imported on the server), quote, order (the proof engine renders the proof on
 * the event), approval (the production file renders on the event), production, mailing (the invoice),
 * and the reads a practice makes meanwhile (dashboard, compliance). See docs/capacity.md.
 */
export async function runOrder(practice: Practice, ops: Session, seq: number, times: OrderTimes): Promise<void> {
  const t = `/api/tenants/${practice.tenantId}`;
  const owner = practice.owner;
  const project = await expect2xx(
    await owner.call('POST', `${t}/projects`, { json: { name: `Relocation ${seq}`, letterType: 'office_relocation' } }),
    'project',
  );
  await expect2xx(
    await owner.call('PUT', `${t}/proof/projects/${project.id}/letter`, {
      json: {
        letterType: 'office_relocation',
        values: {
          effectiveDate: 'February 1, 2027',
          newAddress: '40 Derby St, Salem MA 01970',
          signatory: 'Dr. Ada Lee',
        },
        returnAddress: [practice.name, '12 HARBOR ST STE 200', 'SALEM MA 01970'],
      },
    }),
    'letter setup',
  );
  const csv = [
    'Name,Address,City,State,Zip',
    ...Array.from({ length: 5 }, (_, i) => `Patient ${i},${i + 1} Elm St,Salem,MA,01970`),
  ].join('\n');
  const uploaded = await owner.call('POST', `${t}/projects/${project.id}/patient-lists`, {
    body: csv,
    headers: { 'content-type': 'text/csv' },
  });
  const list = await expect2xx(uploaded, 'list upload');
  const imported = await until(
    async () => (await owner.call('GET', `${t}/patient-lists/${list.id}`)).body as { status: string },
    (l) => l.status !== 'importing',
    700, // as the web app polls an import
    300_000,
    'list import',
  );
  if (imported.status !== 'validated') throw new ScenarioError(`list import: ${imported.status}`);
  await expect2xx(await owner.call('POST', `${t}/patient-lists/${list.id}/accept`), 'accept list');
  await owner.call('GET', `${t}/dashboard`);
  await owner.call('GET', `${t}/compliance/summary`);
  const quote = await expect2xx(
    await owner.call('POST', `${t}/quotes`, {
      json: { projectId: project.id, listId: list.id, options: { pages: 1, postageClass: 'first_class' } },
    }),
    'quote',
  );
  const order = await expect2xx(
    await owner.call('POST', `${t}/orders`, {
      json: { quoteId: quote.id },
      headers: { 'idempotency-key': `load-${randomUUID()}` },
    }),
    'order',
  );
  times.orderId = String(order.id);
  times.placedAt = Date.now();
  const ready = await until(
    async () =>
      (await owner.call('GET', `${t}/orders/${order.id}`)).body as {
        status: string;
        version: number;
        problem: unknown;
      },
    (o) => o.status === 'proof_ready' || o.problem !== null,
    2_000, // as the web app polls an order that can change
    600_000,
    'proof',
  );
  if (ready.status !== 'proof_ready') throw new ScenarioError(`proof: ${JSON.stringify(ready.problem)}`);
  times.proofReadyAt = Date.now();
  const proofs = (await expect2xx(await owner.call('GET', `${t}/orders/${order.id}/proofs`), 'proofs')) as {
    proofs: { id: string; sha256: string }[];
  };
  const approved = await expect2xx(
    await owner.call('POST', `${t}/orders/${order.id}/approval`, {
      json: { decision: 'approved', proofId: proofs.proofs[0]!.id, proofSha256: proofs.proofs[0]!.sha256 },
      headers: { 'if-match': `W/"${ready.version}"` },
    }),
    'approval',
  );
  times.approvedAt = Date.now();
  const started = await expect2xx(
    await ops.call('POST', `${t}/orders/${order.id}/start_production`, {
      headers: { 'if-match': `W/"${approved.version}"` },
    }),
    'start production',
  );
  await expect2xx(
    await ops.call('POST', `${t}/orders/${order.id}/mark_mailed`, {
      json: {},
      headers: { 'if-match': `W/"${started.version}"` },
    }),
    'mark mailed',
  );
  times.mailedAt = Date.now();
  await expect2xx(await owner.call('GET', `${t}/orders/${order.id}/invoice`), 'invoice');
  await owner.call('GET', `${t}/compliance/events?limit=50`);
}
