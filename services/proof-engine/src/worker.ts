import { runServiceMain } from '@plh/service-kit';
import { buildWorkerApp } from './app';
import { proofEngineService } from './service';

/** The proof worker as its own process: renders jobs from the queue; PORT serves its health checks. */
runServiceMain(proofEngineService, { processName: 'proof-engine-worker', buildApp: buildWorkerApp });
