import { on } from 'node:events';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { startWorkerThread } from '@plh/service-kit';
import type { PhiSealer, SealerKeys } from '../phi-cipher';
import { ListFileError } from './read-csv';
import type { ValidatedBatch, ValidateOptions } from './validate-list';

/** What the worker starts with (workerData). */
export interface ValidatorInput {
  keys: SealerKeys;
  options: ValidateOptions;
}
/** Bytes of the list on request, `end` after the last; `ack` for each batch taken. */
export type ToValidator = { type: 'bytes'; chunk: Uint8Array } | { type: 'end' } | { type: 'ack' };
export type FromValidator =
  | { type: 'more' }
  | { type: 'batch'; batch: ValidatedBatch }
  | { type: 'done' }
  | { type: 'error'; code?: ListFileError['code']; message: string };

/**
 * validateList in a worker thread (list-validator.worker.ts): the list's bytes go there as the worker
 * asks for them, batches come back as it finishes them, and the worker runs at most two batches ahead
 * of the caller, so memory stays flat whatever the list's size. Parsing, validation and encryption
 * then use the second core while this thread stores the batches, and the service's event loop stays
 * free for requests during a 100,000-row import. A ListFileError in the worker is rethrown here.
 */
export async function* validateInWorker(
  source: Readable,
  sealer: PhiSealer,
  options: ValidateOptions,
  onBytes: (n: number) => void,
): AsyncGenerator<ValidatedBatch> {
  const worker = startWorkerThread(path.join(__dirname, 'list-validator.worker'), {
    workerData: { keys: sealer.keys, options } satisfies ValidatorInput,
    // A streaming parse needs little beyond the duplicate check's keys (~100 bytes per row); a runaway
    // one stops here instead of taking the service down.
    resourceLimits: { maxOldGenerationSizeMb: workerHeapMb(options.maxRows), maxYoungGenerationSizeMb: 8 },
  });
  // Errors reach the loop below through its own listener; this one outlives it, so an error after an
  // early return (the worker is being terminated) cannot become an uncaught exception.
  worker.on('error', () => undefined);
  const send = (msg: ToValidator, transfer: ArrayBuffer[] = []) => worker.postMessage(msg, transfer);
  const chunks = source[Symbol.asyncIterator]() as AsyncIterator<Buffer>;
  try {
    for await (const [msg] of on(worker, 'message', { close: ['exit'] }) as AsyncIterable<[FromValidator]>) {
      switch (msg.type) {
        case 'more': {
          const next = await chunks.next();
          if (next.done) {
            send({ type: 'end' });
            break;
          }
          onBytes(next.value.length);
          // A copy of exactly these bytes, moved rather than cloned (a chunk may view a larger pool).
          const chunk = new Uint8Array(next.value);
          send({ type: 'bytes', chunk }, [chunk.buffer]);
          break;
        }
        case 'batch':
          yield msg.batch;
          send({ type: 'ack' });
          break;
        case 'done':
          return;
        case 'error':
          throw msg.code
            ? new ListFileError(msg.code, msg.message)
            : new Error(`validating the list failed: ${msg.message}`);
      }
    }
    throw new Error('the list validator thread stopped before the end of the list');
  } catch (err) {
    // Out of heap is the list's size, not a passing fault: retrying would fail the same way.
    if ((err as { code?: string }).code === 'ERR_WORKER_OUT_OF_MEMORY')
      throw new ListFileError('TOO_MANY_ROWS', 'The list is too large to import at once; split it into several.');
    throw err;
  } finally {
    await worker.terminate();
    source.destroy();
  }
}

/** The worker's heap: 64 MB for parsing and batches, plus room for the duplicate check's keys. */
export const workerHeapMb = (maxRows: number) => 64 + Math.ceil((maxRows * 200) / (1024 * 1024));
