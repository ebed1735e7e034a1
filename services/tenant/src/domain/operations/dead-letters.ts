import type { StoredDeadLetter } from '@plh/event-bus';
import type { TenantDeps } from '../deps';
import { DeadLetterNotFound, DeadLetterNotRetryable } from '../problems';

/** The platform's dead-letter stream (every service's consumers), as the ops console reads and retries it. */
export interface DeadLetterDesk {
  list(options: { consumer?: string; limit: number }): Promise<StoredDeadLetter[]>;
  get(sequence: number): Promise<StoredDeadLetter | null>;
  retry(sequence: number): Promise<StoredDeadLetter | null>;
}

/** What ops sees of a dead letter: where it failed and why; the envelope itself stays in the stream. */
export function deadLetterView({ payload: _payload, ...letter }: StoredDeadLetter) {
  return letter;
}

export async function listDeadLetters(
  deps: Pick<TenantDeps, 'deadLetters'>,
  options: { consumer?: string; limit: number },
) {
  return (await deps.deadLetters.list(options)).map(deadLetterView);
}

/**
 * Retries one dead letter once its cause is fixed (every consumer sees the event again; those that handled
 * it skip it by their inbox). The platform's trail records the request before anything is sent, and a
 * failure to send after it: no retry goes out unaudited. A message that broke its contract is refused: it
 * would only be dead-lettered again, by every consumer of its subject.
 */
export async function retryDeadLetter(deps: Pick<TenantDeps, 'deadLetters' | 'unitOfWork'>, sequence: number) {
  const letter = await deps.deadLetters.get(sequence);
  if (!letter) throw DeadLetterNotFound();
  if (letter.reason === 'invalid_event') throw DeadLetterNotRetryable();
  const audit = (outcome: 'success' | 'failure') =>
    deps.unitOfWork.system(({ audit }) =>
      audit.record({
        tenantId: null, // the platform's trail: a dead letter is no practice's record
        action: 'dead-letter.retry',
        outcome,
        resource: { type: 'dead-letter', id: String(sequence) },
        changes: [
          { field: 'consumer', from: null, to: letter.consumer },
          { field: 'eventType', from: null, to: letter.eventType },
          { field: 'eventId', from: null, to: letter.eventId },
        ],
      }),
    );
  await audit('success');
  const retried = await deps.deadLetters.retry(sequence).catch(async (err: unknown) => {
    await audit('failure');
    throw err;
  });
  if (!retried) throw DeadLetterNotFound(); // retried by someone else meanwhile
  return deadLetterView(retried);
}
