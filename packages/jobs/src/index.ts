export { defineJob, InvalidJobPayloadError, type JobDefinition, type JobPayload } from './define-job';
export { enqueueJob, type EnqueueOptions } from './enqueue';
export { retryDelayMs, DEFAULT_BACKOFF, type BackoffOptions } from './backoff';
export { nextSlot, type Schedule } from './schedules';
export { handle, JobWorker, type Job, type JobHandler, type JobWorkerOptions, type WorkerLog } from './worker';
