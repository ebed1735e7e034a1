import { randomUUID } from 'node:crypto';
import { Kind, type Static, type TObject } from '@sinclair/typebox';
import { TypeCompiler, type TypeCheck } from '@sinclair/typebox/compiler';
import { EventEnvelopeSchema, type EventEnvelope } from './envelope';
import { isValidSubject } from './subjects';

/** One event type: its subject-shaped name and the schema of its `data`. */
export interface EventDefinition<S extends TObject = TObject> {
  readonly type: string;
  readonly schema: S;
  readonly description: string;
}

/**
 * Declares an event type. The data schema must close `additionalProperties`: a payload can then
 * carry nothing its schema did not name, which is how PHI stays out of events.
 */
export function defineEvent<S extends TObject>(type: string, schema: S, description: string): EventDefinition<S> {
  if (!isValidSubject(type)) throw new Error(`event type "${type}" does not match plh.<service>.<entity>.<verb>`);
  if (schema[Kind] !== 'Object' || schema.additionalProperties !== false) {
    throw new Error(`event "${type}": data schema must be an object with additionalProperties: false`);
  }
  return { type, schema, description };
}

export interface ValidationIssue {
  path: string;
  message: string;
}
export type ValidationResult = { ok: true; event: EventEnvelope } | { ok: false; errors: ValidationIssue[] };

const envelopeCheck = TypeCompiler.Compile(EventEnvelopeSchema);

/** type -> compiled schema. Built once; lookups and checks are allocation-light on the hot path. */
export class EventRegistry {
  private readonly checks = new Map<string, { def: EventDefinition; check: TypeCheck<TObject> }>();

  constructor(definitions: readonly EventDefinition[] = []) {
    for (const def of definitions) this.register(def);
  }

  register(def: EventDefinition): this {
    if (this.checks.has(def.type)) throw new Error(`event "${def.type}" registered twice`);
    this.checks.set(def.type, { def, check: TypeCompiler.Compile(def.schema) });
    return this;
  }

  has(type: string): boolean {
    return this.checks.has(type);
  }

  types(): string[] {
    return [...this.checks.keys()].sort();
  }

  /** JSON Schemas of every registered event, for docs and for consumers in other languages. */
  jsonSchemas(): Record<string, unknown> {
    return Object.fromEntries([...this.checks].map(([type, { def }]) => [type, def.schema]));
  }

  /** Checks the envelope, then `data` against the schema registered for `type`. Unknown types fail. */
  validate(candidate: unknown): ValidationResult {
    if (!envelopeCheck.Check(candidate)) {
      return {
        ok: false,
        errors: [...envelopeCheck.Errors(candidate)].map((e) => ({ path: e.path, message: e.message })),
      };
    }
    const entry = this.checks.get(candidate.type);
    if (!entry) return { ok: false, errors: [{ path: '/type', message: `unknown event type "${candidate.type}"` }] };
    if (!entry.check.Check(candidate.data)) {
      const errors = [...entry.check.Errors(candidate.data)].map((e) => ({
        path: `/data${e.path}`,
        message: e.message,
      }));
      return { ok: false, errors };
    }
    return { ok: true, event: candidate as EventEnvelope };
  }
}

/** Validates a candidate envelope (and its data) against `registry`: the check done on publish and on consume. */
export function validateEvent(registry: EventRegistry, candidate: unknown): ValidationResult {
  return registry.validate(candidate);
}

export interface NewEventInput<S extends TObject> {
  source: string;
  tenantId: string | null;
  data: Static<S>;
  traceparent?: string | null;
  id?: string;
  occurredAt?: Date;
}

/** Builds an envelope for `def` with a fresh id and timestamp. Validation happens on publish. */
export function createEvent<S extends TObject>(
  def: EventDefinition<S>,
  input: NewEventInput<S>,
): EventEnvelope<Static<S>> {
  return {
    id: input.id ?? randomUUID(),
    type: def.type,
    source: input.source,
    tenantId: input.tenantId,
    occurredAt: (input.occurredAt ?? new Date()).toISOString(),
    traceparent: input.traceparent ?? null,
    data: input.data,
  };
}

export class InvalidEventError extends Error {
  constructor(
    readonly type: string,
    readonly errors: ValidationIssue[],
  ) {
    super(`invalid event "${type}": ${errors.map((e) => `${e.path} ${e.message}`).join('; ')}`);
    this.name = 'InvalidEventError';
  }
}
