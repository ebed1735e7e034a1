import type { EventEnvelope, EventRegistry } from '@plh/contracts';
import type { NatsConnection, Subscription } from '@nats-io/nats-core';
import type { Namespace } from './naming';

export interface EventWatch {
  stop(): Promise<void>;
}

/**
 * A best-effort, stateless listener: a plain NATS subscription to the subjects of `types` (JetStream
 * streams also deliver every stored message to core subscribers). No durable consumer, no inbox, no
 * redelivery: for hints that speed something up whose correctness does not depend on them, such as
 * the gateway dropping a cached API key the moment it is revoked instead of when the cache expires.
 * Messages that are not valid envelopes of a registered type are ignored.
 */
export function watchEvents(
  nc: NatsConnection,
  namespace: Namespace,
  registry: EventRegistry,
  types: string[],
  onEvent: (event: EventEnvelope) => void,
): EventWatch {
  const subs: Subscription[] = types.map((type) =>
    nc.subscribe(namespace.subject(type), {
      callback: (err, msg) => {
        if (err) return;
        let body: unknown;
        try {
          body = msg.json();
        } catch {
          return;
        }
        const result = registry.validate(body);
        if (result.ok) onEvent(result.event);
      },
    }),
  );
  return {
    stop: async () => {
      await Promise.all(subs.map((s) => s.drain()));
    },
  };
}
