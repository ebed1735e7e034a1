import { randomUUID } from 'node:crypto';
import { generateWebhookSecret, NotFound } from '@plh/service-kit';
import type { WebhookEndpointRecord } from '../../data/webhook-endpoint.repository';
import type { NotificationDeps } from '../deps';
import { TopicNotAllowed, WebhookTargetRefused } from '../problems';
import { isTopic, TOPICS, WEBHOOK_TOPICS } from '../topics';
import { refuseTarget } from './target-guard';

type Deps = Pick<NotificationDeps, 'unitOfWork' | 'settings'>;

/** During a rotation the previous secret keeps signing (a second signature) for this long. */
export const ROTATION_OVERLAP_MS = 24 * 3_600_000;

async function checkTarget(deps: Deps, url: string) {
  const refused = await refuseTarget(url, deps.settings.allowPrivateTargets);
  if (refused) throw new WebhookTargetRefused(refused);
}

function checkTopics(topics: string[]) {
  const wrong = topics.filter((t) => !isTopic(t) || !TOPICS[t].webhook);
  if (wrong.length)
    throw new TopicNotAllowed(
      `Not webhook event types: ${wrong.join(', ')}. Choose among ${WEBHOOK_TOPICS.join(', ')}.`,
    );
}

/** Registers an endpoint; its secret is answered here, once. */
export async function createEndpoint(
  deps: Deps,
  tenantId: string,
  input: { url: string; description: string; topics: string[] },
  actorId: string,
): Promise<{ endpoint: WebhookEndpointRecord; secret: string }> {
  checkTopics(input.topics);
  await checkTarget(deps, input.url);
  const secret = generateWebhookSecret();
  const endpoint = await deps.unitOfWork(tenantId, async (uow) => {
    const created = await uow.endpoints.create({
      id: randomUUID(),
      url: input.url,
      description: input.description,
      topics: [...new Set(input.topics)],
      secret,
      createdBy: actorId,
    });
    await uow.audit.record({
      action: 'webhook-endpoint.create',
      resource: { type: 'webhook-endpoint', id: created.id },
      changes: [{ field: 'topics', to: created.topics.join(',') }],
    });
    return created;
  });
  return { endpoint, secret };
}

export async function updateEndpoint(
  deps: Deps,
  tenantId: string,
  id: string,
  input: { url?: string; description?: string; topics?: string[]; enabled?: boolean },
): Promise<WebhookEndpointRecord> {
  if (input.topics) checkTopics(input.topics);
  if (input.url) await checkTarget(deps, input.url);
  return deps.unitOfWork(tenantId, async (uow) => {
    const current = await uow.endpoints.byId(id);
    if (!current) throw new NotFound('No such webhook endpoint.');
    const updated = await uow.endpoints.update(id, {
      ...(input.url !== undefined ? { url: input.url } : {}),
      ...(input.description !== undefined ? { description: input.description } : {}),
      ...(input.topics ? { topics: [...new Set(input.topics)] } : {}),
      // Enabling again starts a fresh failure clock.
      ...(input.enabled === true ? { disabledAt: null, disabledReason: null, failingSince: null } : {}),
      ...(input.enabled === false && !current.disabledAt
        ? { disabledAt: new Date(), disabledReason: 'Disabled by the practice.' }
        : {}),
    });
    await uow.audit.record({
      action: 'webhook-endpoint.update',
      resource: { type: 'webhook-endpoint', id },
      changes: [
        ...(input.url !== undefined && input.url !== current.url ? [{ field: 'url' }] : []),
        ...(input.topics ? [{ field: 'topics', from: current.topics.join(','), to: updated.topics.join(',') }] : []),
        ...(input.enabled !== undefined
          ? [{ field: 'enabled', from: !current.disabledAt, to: !updated.disabledAt }]
          : []),
      ],
    });
    return updated;
  });
}

export async function deleteEndpoint(deps: Deps, tenantId: string, id: string): Promise<void> {
  await deps.unitOfWork(tenantId, async (uow) => {
    const deleted = await uow.endpoints.delete(id);
    if (deleted.count === 0) throw new NotFound('No such webhook endpoint.');
    await uow.audit.record({ action: 'webhook-endpoint.delete', resource: { type: 'webhook-endpoint', id } });
  });
}

/**
 * A new secret, answered once; the old one keeps signing beside it for 24 hours, so the partner can
 * switch without refusing a delivery (every delivery carries both signatures meanwhile).
 */
export async function rotateSecret(
  deps: Deps,
  tenantId: string,
  id: string,
): Promise<{ secret: string; previousValidUntil: Date }> {
  const secret = generateWebhookSecret();
  const until = new Date(Date.now() + ROTATION_OVERLAP_MS);
  await deps.unitOfWork(tenantId, async (uow) => {
    const current = await uow.endpoints.byId(id);
    if (!current) throw new NotFound('No such webhook endpoint.');
    await uow.endpoints.update(id, { secret, previousSecret: current.secret, previousSecretUntil: until });
    await uow.audit.record({ action: 'webhook-endpoint.rotate-secret', resource: { type: 'webhook-endpoint', id } });
  });
  return { secret, previousValidUntil: until };
}
