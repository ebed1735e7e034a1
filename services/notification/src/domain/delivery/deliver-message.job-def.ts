import { defineJob } from '@plh/jobs';
import { Type } from '@sinclair/typebox';

/** Messages one delivery job takes at most (a notice's fan-out to its endpoints and people). */
export const MAX_BATCH = 100;

/**
 * One attempt at each of a few messages of one practice (a notice's fan-out is delivered together:
 * two reads and one write for the batch instead of per message). `attempt` is each message's attempt
 * count when it was queued: a message that moved on since (delivered, replayed, tried by another job)
 * is skipped.
 */
export const DeliverMessages = defineJob(
  'notification.deliver',
  Type.Object({
    messages: Type.Array(
      Type.Object({ id: Type.String({ minLength: 36, maxLength: 36 }), attempt: Type.Integer({ minimum: 0 }) }),
      { minItems: 1, maxItems: MAX_BATCH },
    ),
  }),
  // Failures of a delivery itself are scheduled by the message's own retry schedule; the job's own
  // retries cover only this process failing (the database unreachable, a crash).
  { maxAttempts: 10 },
);
