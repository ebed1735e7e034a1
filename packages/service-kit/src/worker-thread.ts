import { existsSync } from 'node:fs';
import { Worker, type WorkerOptions } from 'node:worker_threads';

/**
 * A worker thread running `file` (a path without extension, usually `path.join(__dirname, 'x.worker')`):
 * the compiled `.js` beside it in a build, else the `.ts` source through tsx, which is how the tests run
 * a service from source. CPU-heavy work (parsing, encryption, rendering) runs there, so the service's
 * event loop keeps answering requests and the work uses the machine's second core.
 */
export function startWorkerThread(file: string, options: WorkerOptions = {}): Worker {
  if (existsSync(`${file}.js`)) return new Worker(`${file}.js`, options);
  // Only a service run from its sources has .ts beside it; a build missing the file says so plainly.
  if (!existsSync(`${file}.ts`)) throw new Error(`worker thread ${file}.js is missing from this build`);
  return new Worker(`${file}.ts`, { ...options, execArgv: [...(options.execArgv ?? []), '--import', 'tsx'] });
}
