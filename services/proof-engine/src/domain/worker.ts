import type { ProofDeps } from './deps';
import { runInContext, serviceContext } from '@plh/service-kit';
import { runJob } from './run-job';

export interface Worker {
  /** Look for work now (after a job was queued here) instead of at the next poll. */
  kick(): void;
  stop(): Promise<void>;
}

/**
 * Takes queued jobs one at a time (rendering is CPU-bound: one per process, more processes for
 * more throughput) and polls for jobs queued by other replicas or left by a worker that died (its
 * lease ran out). Claiming is a database function with SKIP LOCKED: replicas never take the same job.
 */
export function startWorker(
  deps: ProofDeps,
  claim: () => Promise<{ id: string; tenantId: string } | null>,
  log: { error(obj: object, msg: string): void; warn(obj: object, msg: string): void },
  pollMs = 2_000,
): Worker {
  let stopped = false;
  let running: Promise<void> | null = null;
  let again = false;
  let timer: NodeJS.Timeout | undefined;

  const drain = async () => {
    for (;;) {
      again = false;
      let claimed;
      try {
        claimed = await claim();
      } catch (err) {
        log.warn({ err }, 'could not claim a proof job; retrying at the next poll');
        return;
      }
      if (!claimed) {
        if (again && !stopped) continue;
        return;
      }
      // The job's own work context: audit records and events name the proof engine as the actor.
      const job = claimed;
      await runInContext(serviceContext('proof', { id: job.id, traceparent: null }), () =>
        runJob(deps, job, log),
      ).catch((err: unknown) => log.error({ err }, 'proof job bookkeeping failed'));
      if (stopped) return;
    }
  };
  const kick = () => {
    if (stopped) return;
    if (running) {
      again = true;
      return;
    }
    running = drain().finally(() => {
      running = null;
    });
  };
  const tick = () => {
    kick();
    timer = setTimeout(tick, pollMs);
    timer.unref();
  };
  tick();
  return {
    kick,
    stop: async () => {
      stopped = true;
      clearTimeout(timer);
      await running;
    },
  };
}
