import type { Static, TObject } from '@sinclair/typebox';
import { TypeCompiler, type TypeCheck } from '@sinclair/typebox/compiler';

/** A kind of job: its queue name and the schema of its payload (ids and settings, never PHI). */
export interface JobDefinition<S extends TObject = TObject> {
  queue: string;
  schema: S;
  check: TypeCheck<S>;
  /** Runs before the job counts as failed for good (a lease taken over counts as one). */
  maxAttempts: number;
}

/**
 * `defineJob('proof.render', Type.Object({ jobId: Type.String() }))`: payloads are validated when the
 * job is enqueued (a bad one fails the enqueuing transaction, not a worker hours later) and typed in
 * the handler.
 */
export function defineJob<S extends TObject>(queue: string, schema: S, options: { maxAttempts?: number } = {}) {
  if (!/^[a-z][a-z0-9-]*(\.[a-z][a-z0-9-]*)+$/.test(queue))
    throw new Error(`job queue name "${queue}" must look like <service>.<job> (lowercase, dot-separated)`);
  return {
    queue,
    schema,
    check: TypeCompiler.Compile(schema),
    maxAttempts: options.maxAttempts ?? 5,
  } satisfies JobDefinition<S>;
}

export type JobPayload<D> = D extends JobDefinition<infer S> ? Static<S> : never;

export class InvalidJobPayloadError extends Error {
  constructor(queue: string, errors: string[]) {
    super(`payload of job ${queue} does not match its schema: ${errors.join('; ')}`);
    this.name = 'InvalidJobPayloadError';
  }
}

export function assertPayload<S extends TObject>(
  def: JobDefinition<S>,
  payload: unknown,
): asserts payload is Static<S> {
  if (!def.check.Check(payload))
    throw new InvalidJobPayloadError(
      def.queue,
      [...def.check.Errors(payload)].slice(0, 5).map((e) => `${e.path || '/'} ${e.message}`),
    );
}
