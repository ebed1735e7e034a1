/**
 * Worker thread: validateList over bytes sent by validateInWorker (see there for the protocol). It
 * asks for bytes when its parser wants more, and waits for the caller's acks when two batches are
 * outstanding: backpressure in both directions.
 */
import { Readable } from 'node:stream';
import { parentPort, workerData } from 'node:worker_threads';
import { PhiSealer } from '../phi-cipher';
import { ListFileError } from './read-csv';
import type { FromValidator, ToValidator, ValidatorInput } from './validate-in-worker';
import { validateList } from './validate-list';

const AHEAD = 2;
const port = parentPort!;
const input = workerData as ValidatorInput;
const post = (msg: FromValidator) => port.postMessage(msg);

let outstanding = 0;
let acked: () => void = () => undefined;
const bytes = new Readable({ read: () => post({ type: 'more' }) });

port.on('message', (msg: ToValidator) => {
  if (msg.type === 'bytes') bytes.push(Buffer.from(msg.chunk.buffer, msg.chunk.byteOffset, msg.chunk.byteLength));
  else if (msg.type === 'end') bytes.push(null);
  else {
    outstanding -= 1;
    acked();
  }
});

async function run(): Promise<void> {
  try {
    for await (const batch of validateList(bytes, new PhiSealer(input.keys), input.options)) {
      post({ type: 'batch', batch });
      outstanding += 1;
      while (outstanding >= AHEAD) await new Promise<void>((resolve) => (acked = resolve));
    }
    post({ type: 'done' });
  } catch (err) {
    // Messages of ListFileError name codes and line numbers only; anything else says what failed.
    if (err instanceof ListFileError) post({ type: 'error', code: err.code, message: err.message });
    else post({ type: 'error', message: err instanceof Error ? `${err.name}: ${err.message}` : String(err) });
  }
}

void run();
