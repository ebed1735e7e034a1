import { jetstream, jetstreamManager, type JetStreamClient, type JetStreamManager } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/nats-core';
import { connect } from '@nats-io/transport-node';

export interface NatsClients {
  nc: NatsConnection;
  js: JetStreamClient;
  jsm: JetStreamManager;
}

/**
 * Connects with endless reconnects: a NATS restart pauses publishing (the relay retries from the
 * outbox) and consuming (durable consumers resume where they were), it never loses events.
 */
export async function connectNats(url: string, name: string): Promise<NatsClients> {
  const nc = await connect({
    servers: url.split(','),
    name,
    maxReconnectAttempts: -1,
    reconnectTimeWait: 250,
    pingInterval: 10_000,
  });
  return { nc, js: jetstream(nc, { timeout: 5_000 }), jsm: await jetstreamManager(nc) };
}
