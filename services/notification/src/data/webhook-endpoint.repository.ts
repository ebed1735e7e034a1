import { SecretBox } from '@plh/storage';
import type { WebhookEndpoint } from '../../generated/prisma';
import type { Tx } from './db';

/** What a sealed secret is bound to: a secret copied to another endpoint's row does not open. */
export const secretBinding = (endpointId: string) => `webhook-endpoint:${endpointId}`;

/**
 * One practice's webhook endpoints. Their signing secrets are sealed at rest (WEBHOOK_SECRET_KEYS):
 * sealed on the way in, opened on the way out, so the rest of the service sees them as partners do.
 * A secret written before sealing existed is read as it is until `reseal-webhook-secrets` seals it.
 */
export function webhookEndpointRepository(tx: Tx, tenantId: string, secrets: SecretBox) {
  const open = (value: string, id: string) =>
    SecretBox.isSealed(value) ? secrets.open(value, secretBinding(id)) : value;
  const opened = <T extends WebhookEndpoint | null>(row: T): T =>
    row && {
      ...row,
      secret: open(row.secret, row.id),
      previousSecret: row.previousSecret === null ? null : open(row.previousSecret, row.id),
    };
  const seal = (value: string, id: string) => secrets.seal(value, secretBinding(id));
  return {
    list: async () =>
      (await tx.webhookEndpoint.findMany({ where: { tenantId }, orderBy: { createdAt: 'asc' } })).map(opened),
    byId: async (id: string) => opened(await tx.webhookEndpoint.findFirst({ where: { id, tenantId } })),
    byIds: async (ids: string[]) =>
      (await tx.webhookEndpoint.findMany({ where: { id: { in: ids }, tenantId } })).map(opened),
    /** The enabled endpoints subscribed to a topic. */
    subscribedTo: async (topic: string) =>
      (await tx.webhookEndpoint.findMany({ where: { tenantId, disabledAt: null, topics: { has: topic } } })).map(
        opened,
      ),
    create: async (endpoint: {
      id: string;
      url: string;
      description: string;
      topics: string[];
      secret: string;
      createdBy: string;
    }) =>
      opened(
        await tx.webhookEndpoint.create({
          data: { ...endpoint, secret: seal(endpoint.secret, endpoint.id), tenantId },
        }),
      ),
    update: async (
      id: string,
      data: Partial<{
        url: string;
        description: string;
        topics: string[];
        secret: string;
        previousSecret: string | null;
        previousSecretUntil: Date | null;
        disabledAt: Date | null;
        disabledReason: string | null;
        failingSince: Date | null;
      }>,
    ) =>
      opened(
        await tx.webhookEndpoint.update({
          where: { id },
          data: {
            ...data,
            ...(data.secret !== undefined ? { secret: seal(data.secret, id) } : {}),
            ...(data.previousSecret ? { previousSecret: seal(data.previousSecret, id) } : {}),
            updatedAt: new Date(),
          },
        }),
      ),
    /** A delivery failed: the endpoint is failing since its first failure after its last success. */
    markFailing: (id: string, at: Date) =>
      tx.webhookEndpoint.updateMany({ where: { id, tenantId, failingSince: null }, data: { failingSince: at } }),
    /** Deliveries succeeded: those endpoints are not failing (any more). */
    markHealthy: (ids: string[]) =>
      tx.webhookEndpoint.updateMany({
        where: { id: { in: ids }, tenantId, NOT: { failingSince: null } },
        data: { failingSince: null },
      }),
    /** Disables the endpoint if it is still failing since before `before`; answers whether it did. */
    async disableIfFailingSince(id: string, before: Date, at: Date, reason: string) {
      const done = await tx.webhookEndpoint.updateMany({
        where: { id, tenantId, disabledAt: null, failingSince: { lte: before } },
        data: { disabledAt: at, disabledReason: reason, updatedAt: at },
      });
      return done.count === 1;
    },
    delete: (id: string) => tx.webhookEndpoint.deleteMany({ where: { id, tenantId } }),
  };
}
export type WebhookEndpointRecord = NonNullable<
  Awaited<ReturnType<ReturnType<typeof webhookEndpointRepository>['byId']>>
>;
