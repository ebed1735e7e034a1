import type { Tx } from './db';

/** One practice's webhook endpoints. */
export function webhookEndpointRepository(tx: Tx, tenantId: string) {
  return {
    list: () => tx.webhookEndpoint.findMany({ where: { tenantId }, orderBy: { createdAt: 'asc' } }),
    byId: (id: string) => tx.webhookEndpoint.findFirst({ where: { id, tenantId } }),
    byIds: (ids: string[]) => tx.webhookEndpoint.findMany({ where: { id: { in: ids }, tenantId } }),
    /** The enabled endpoints subscribed to a topic. */
    subscribedTo: (topic: string) =>
      tx.webhookEndpoint.findMany({ where: { tenantId, disabledAt: null, topics: { has: topic } } }),
    create: (endpoint: {
      id: string;
      url: string;
      description: string;
      topics: string[];
      secret: string;
      createdBy: string;
    }) => tx.webhookEndpoint.create({ data: { ...endpoint, tenantId } }),
    update: (
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
    ) => tx.webhookEndpoint.update({ where: { id }, data: { ...data, updatedAt: new Date() } }),
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
