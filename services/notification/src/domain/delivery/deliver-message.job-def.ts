import { defineJob } from '@plh/jobs';
import { Type } from '@sinclair/typebox';

/**
 * One attempt at one message. `attempt` is the message's attempt count when it was queued: a job whose
 * message moved on since (delivered, replayed, tried by another job) does nothing.
 */
export const DeliverMessage = defineJob(
  'notification.deliver',
  Type.Object({ messageId: Type.String({ minLength: 36, maxLength: 36 }), attempt: Type.Integer({ minimum: 0 }) }),
  // Failures of the delivery itself are scheduled by the message's own retry schedule; the job's own
  // retries cover only this process failing (the database unreachable, a crash).
  { maxAttempts: 10 },
);
