import type { StoredDeadLetter } from '@plh/event-bus';
import type { TenantDeps } from '../deps';
import { DeadLetterNotFound } from '../problems';

/** The platform's dead-letter stream (every service's consumers), as the ops console reads and retries it. */
export interface DeadLetterDesk {
  list(options: { consumer?: string; limit: number }): Promise<StoredDeadLetter[]>;
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
 * it skip it by their inbox), audited on the platform's trail with who asked. The retry runs inside the
 * audit's transaction: a letter that is not there (retried already) records nothing.
 */
export async function retryDeadLetter(deps: Pick<TenantDeps, 'deadLetters' | 'unitOfWork'>, sequence: number) {
  const letter = await deps.unitOfWork.system(async ({ audit }) => {
    const retried = await deps.deadLetters.retry(sequence);
    if (!retried) throw DeadLetterNotFound();
    await audit.record({
      tenantId: null, // the platform's trail: a dead letter is no practice's record
      action: 'dead-letter.retry',
      resource: { type: 'dead-letter', id: String(sequence) },
      changes: [
        { field: 'consumer', from: null, to: retried.consumer },
        { field: 'eventType', from: null, to: retried.eventType },
        { field: 'eventId', from: null, to: retried.eventId },
      ],
    });
    return retried;
  });
  return deadLetterView(letter);
}
