import { Type } from '@sinclair/typebox';
import { defineEvent } from '../registry';

const Id = Type.String({ minLength: 1, maxLength: 64 });

/**
 * A proof job finished: the PDF is in storage under `storageKey` (the tenant's prefix), with its hash.
 * Core records it as the order's next proof revision and moves the order to proof_ready.
 */
export const ProofJobReady = defineEvent(
  'plh.proof.job.ready',
  Type.Object(
    {
      jobId: Id,
      orderId: Id,
      kind: Type.Union([Type.Literal('proof'), Type.Literal('production')]),
      storageKey: Type.String({ minLength: 1, maxLength: 512 }),
      sha256: Type.String({ pattern: '^[0-9a-f]{64}$' }),
      pageCount: Type.Integer({ minimum: 1 }),
    },
    { additionalProperties: false },
  ),
  'A proof or production file is ready',
);

/** A proof job failed for good (after retries); the reason is scrubbed of PHI. */
export const ProofJobFailed = defineEvent(
  'plh.proof.job.failed',
  // A stable code and the list row, never the message: a renderer's words can quote a patient's name.
  // The practice reads the full reason on the job (GET …/proof/status/:jobId).
  Type.Object(
    {
      jobId: Id,
      orderId: Id,
      code: Type.String({ pattern: '^[A-Z][A-Z0-9_]*$', maxLength: 64 }),
      row: Type.Union([Type.Integer({ minimum: 1 }), Type.Null()]),
      /** Optional: events from before it was added have none (read as a proof). */
      kind: Type.Optional(Type.Union([Type.Literal('proof'), Type.Literal('production')])),
    },
    { additionalProperties: false },
  ),
  'A proof job failed',
);

/** Letters rendered so far (about every batch of a production file); for progress bars and SLAs. */
export const ProofJobProgress = defineEvent(
  'plh.proof.job.progress',
  Type.Object(
    {
      jobId: Id,
      orderId: Id,
      kind: Type.Union([Type.Literal('proof'), Type.Literal('production')]),
      lettersDone: Type.Integer({ minimum: 0 }),
      lettersTotal: Type.Integer({ minimum: 0 }),
    },
    { additionalProperties: false },
  ),
  'A proof job rendered another batch of letters',
);

export const PROOF_EVENTS = [ProofJobReady, ProofJobFailed, ProofJobProgress];
