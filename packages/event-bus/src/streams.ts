import { RetentionPolicy, StorageType, type JetStreamManager, type StreamConfig } from '@nats-io/jetstream';
import { nanos } from '@nats-io/nats-core';
import type { Namespace } from './naming';

export interface StreamOptions {
  /** 1 in development; 3 in production so a stream survives the loss of a server (see README). */
  replicas?: number;
  /** How long events stay replayable. */
  maxAgeMs?: number;
  /** JetStream drops a republished Nats-Msg-Id seen within this window (relay retries land inside it). */
  duplicateWindowMs?: number;
}

function config(name: string, subjects: string[], options: StreamOptions): Partial<StreamConfig> & { name: string } {
  return {
    name,
    subjects,
    storage: StorageType.File,
    retention: RetentionPolicy.Limits,
    num_replicas: options.replicas ?? 1,
    max_age: nanos(options.maxAgeMs ?? 7 * 24 * 3600_000),
    duplicate_window: nanos(options.duplicateWindowMs ?? 120_000),
  };
}

/**
 * Creates the stream if missing. Only its owner (`owner: true`: the service that publishes to it)
 * also brings an existing stream to the wanted config; anyone else (a consumer) leaves it as it is,
 * so a consumer started with defaults cannot shrink a production stream's replicas.
 * Idempotent; safe from every replica.
 */
async function ensure(
  jsm: JetStreamManager,
  cfg: Partial<StreamConfig> & { name: string },
  owner: boolean,
): Promise<void> {
  try {
    await jsm.streams.info(cfg.name);
    if (owner) await jsm.streams.update(cfg.name, cfg);
  } catch (err) {
    if (!isStreamNotFound(err)) throw err;
    try {
      await jsm.streams.add(cfg);
    } catch (addErr) {
      // Another replica created it between our info() and add(): fine if the config is the same.
      if (!/already in use|already exists/i.test(String(addErr))) throw addErr;
    }
  }
}

function isStreamNotFound(err: unknown): boolean {
  return /stream not found/i.test(String((err as Error)?.message ?? err));
}

/** The stream of one service's events (`PLH_CORE` over `plh.core.>`); `owner` as in ensure(). */
export async function ensureServiceStream(
  jsm: JetStreamManager,
  ns: Namespace,
  service: string,
  options: StreamOptions = {},
  owner = true,
) {
  const { name, subjects } = ns.stream(service);
  await ensure(jsm, config(name, subjects, options), owner);
  return name;
}

/**
 * The one dead-letter stream all consumers write to; kept longer, since ops must look at it.
 * Shared by every service, so nobody updates an existing one: provisioning sets it up for production.
 */
export async function ensureDeadLetterStream(jsm: JetStreamManager, ns: Namespace, options: StreamOptions = {}) {
  const { name, subjects } = ns.deadLetterStream();
  await ensure(jsm, config(name, subjects, { maxAgeMs: 30 * 24 * 3600_000, ...options }), false);
  return name;
}
