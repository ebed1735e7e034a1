import { handle } from '@plh/jobs';
import type { CoreDeps } from '../domain/deps';
import { failListImport, ImportPatientList, importPatientListFile } from '../domain/patient-list/import-list';

export function importListHandler(
  deps: Pick<CoreDeps, 'unitOfWork' | 'storage' | 'limits' | 'keyring'>,
  log: { warn(obj: object, msg: string): void },
) {
  return handle(
    ImportPatientList,
    async (job) => {
      if (!job.tenantId) throw new Error(`list import ${job.payload.listId} was queued without a practice`);
      await importPatientListFile(deps, { tenantId: job.tenantId, listId: job.payload.listId }, log);
    },
    {
      // Parsing and encrypting is CPU work: one import at a time per process keeps requests answered.
      concurrency: 1,
      leaseSec: 120,
      giveUp: async (job) => {
        if (job.tenantId) await failListImport(deps, { tenantId: job.tenantId, listId: job.payload.listId });
      },
    },
  );
}
